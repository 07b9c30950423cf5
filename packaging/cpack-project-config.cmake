# Included by cpack for each generator (CPACK_PROJECT_CONFIG_FILE), with CPACK_GENERATOR set
# to the one at work.
if(CPACK_GENERATOR STREQUAL "DEB")
  # CPack DEB puts CPACK_PACKAGE_DESCRIPTION_SUMMARY (the project's DESCRIPTION) in front of
  # every component's description unless it is CPack's default; each component's description
  # starts with its own synopsis line instead.
  set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${CPACK_DEFAULT_PACKAGE_DESCRIPTION_SUMMARY}")
endif()
