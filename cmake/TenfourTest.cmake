# tenfour_add_test(NAME name SOURCES ... LIBS ... [LABELS ...] [TIMEOUT s] [LOCKS ...] [ENV ...]
#                  [FULL_MOC])
# A QtTest executable registered with ctest.
# Labels: unit, relay, e2e, audio (needs the PulseAudio of scripts/test-env.sh), bench-smoke.
# Tests with the label "audio" share the test PulseAudio's devices, so they never run in parallel.
# A test's own Q_OBJECT classes go through tenfour_moc_test_sources (below), not AUTOMOC, unless
# FULL_MOC asks for AUTOMOC.
function(tenfour_add_test)
  cmake_parse_arguments(T "FULL_MOC" "NAME;TIMEOUT" "SOURCES;LIBS;LABELS;LOCKS;ENV" ${ARGN})
  add_executable(${T_NAME} ${T_SOURCES})
  target_link_libraries(${T_NAME} PRIVATE Qt6::Test ${T_LIBS})
  if(NOT T_FULL_MOC)
    tenfour_moc_test_sources(${T_NAME} ${T_SOURCES})
  endif()
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

# tenfour_moc_test_sources(target source...)
# Runs moc on a test's own sources without the target's include paths, and turns AUTOMOC off
# for the target. AUTOMOC passes moc every include path, and moc then reads each of the ~700 Qt
# and project headers a test includes: 1.8 s per test, where the same moc without them takes
# 20 ms and writes the same file. Over the ~80 tests with Q_OBJECT that was 200 s of each build
# on two cores. The headers only teach moc which argument types of a signal or slot are
# registered metatypes (for queued and D-Bus calls); a test that needs that says FULL_MOC.
# A .cpp with Q_OBJECT includes "<name>.moc" (the QtTest convention); a header with Q_OBJECT in
# SOURCES gets a compiled moc_<name>.cpp.
function(tenfour_moc_test_sources target)
  set_target_properties(${target} PROPERTIES AUTOMOC OFF)
  set(dir ${CMAKE_CURRENT_BINARY_DIR}/${target}_moc)
  set(defs "$<TARGET_PROPERTY:${target},COMPILE_DEFINITIONS>")
  set(any OFF)
  foreach(src IN LISTS ARGN)
    get_filename_component(abs ${src} ABSOLUTE)
    file(STRINGS ${abs} found REGEX "^[ \t]*(Q_OBJECT|Q_GADGET|Q_NAMESPACE)")
    if(NOT found)
      continue()
    endif()
    get_filename_component(base ${abs} NAME_WE)
    if(abs MATCHES "\\.(h|hpp)$")
      set(out ${dir}/moc_${base}.cpp)
    else()
      file(STRINGS ${abs} included REGEX "#include \"${base}\\.moc\"")
      if(NOT included)
        message(FATAL_ERROR "${abs} has Q_OBJECT but does not #include \"${base}.moc\"")
      endif()
      set(out ${dir}/${base}.moc)
    endif()
    add_custom_command(OUTPUT ${out}
      COMMAND Qt6::moc "$<$<BOOL:${defs}>:-D$<JOIN:${defs},;-D>>" ${abs} -o ${out}
      DEPENDS ${abs} Qt6::moc
      COMMENT "moc ${base} (${target})" VERBATIM COMMAND_EXPAND_LISTS)
    target_sources(${target} PRIVATE ${out})
    set(any ON)
  endforeach()
  if(any)
    target_include_directories(${target} PRIVATE ${dir})
  endif()
endfunction()
