# `cmake --install build --prefix P` installs gdcheck as a CMake package: the
# headers under P/include/gdcheck, the static libraries, and
# P/lib/cmake/gdcheck/gdcheckConfig.cmake, so that an outside project writes
#   find_package(gdcheck CONFIG REQUIRED)
#   target_link_libraries(my_checks PRIVATE gdcheck::properties GTest::gtest_main)
# (docs/check-your-optimizer.md). Targets: gdcheck::lib (objectives,
# optimizers), gdcheck::theorems, gdcheck::results, gdcheck::monte_carlo (a
# results line's Monte Carlo fields), gdcheck::properties.
include(CMakePackageConfigHelpers)

set_target_properties(gdcheck_lib PROPERTIES EXPORT_NAME lib)
set_target_properties(gdcheck_theorems PROPERTIES EXPORT_NAME theorems)
set_target_properties(gdcheck_results PROPERTIES EXPORT_NAME results)
set_target_properties(gdcheck_monte_carlo PROPERTIES EXPORT_NAME monte_carlo)
set_target_properties(gdcheck_properties PROPERTIES EXPORT_NAME properties)

install(TARGETS gdcheck_lib gdcheck_theorems gdcheck_results gdcheck_monte_carlo gdcheck_properties
        EXPORT gdcheckTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(DIRECTORY lib theorems properties
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/gdcheck
        FILES_MATCHING PATTERN "*.hpp")
install(EXPORT gdcheckTargets NAMESPACE gdcheck:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/gdcheck)
configure_package_config_file(cmake/gdcheckConfig.cmake.in "${PROJECT_BINARY_DIR}/gdcheckConfig.cmake"
                              INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/gdcheck)
write_basic_package_version_file("${PROJECT_BINARY_DIR}/gdcheckConfigVersion.cmake"
                                 COMPATIBILITY SameMinorVersion)
install(FILES "${PROJECT_BINARY_DIR}/gdcheckConfig.cmake" "${PROJECT_BINARY_DIR}/gdcheckConfigVersion.cmake"
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/gdcheck)
