# tenfour_add_test(NAME name SOURCES ... LIBS ... [LABELS ...] [TIMEOUT s] [LOCKS ...] [ENV ...])
# A QtTest executable registered with ctest.
# Labels: unit, relay, e2e, audio (needs the PulseAudio of scripts/test-env.sh), bench-smoke.
# Tests with the label "audio" share the test PulseAudio's devices, so they never run in parallel.
function(tenfour_add_test)
  cmake_parse_arguments(T "" "NAME;TIMEOUT" "SOURCES;LIBS;LABELS;LOCKS;ENV" ${ARGN})
  add_executable(${T_NAME} ${T_SOURCES})
  target_link_libraries(${T_NAME} PRIVATE Qt6::Test ${T_LIBS})
  add_test(NAME ${T_NAME} COMMAND ${T_NAME})
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 120)
  endif()
  if("audio" IN_LIST T_LABELS)
    list(APPEND T_LOCKS pulseaudio)
  endif()
  set_tests_properties(${T_NAME} PROPERTIES TIMEOUT ${T_TIMEOUT} LABELS "${T_LABELS}"
    ENVIRONMENT "TENFOUR_BUILD_DIR=${CMAKE_BINARY_DIR};QT_QPA_PLATFORM=offscreen;${T_ENV}")
  if(T_LOCKS)
    set_tests_properties(${T_NAME} PROPERTIES RESOURCE_LOCK "${T_LOCKS}")
  endif()
endfunction()
