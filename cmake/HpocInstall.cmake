# Installation and the package config that find_package(hpoc) reads.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(TARGETS hpoc EXPORT hpocTargets RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS hpoc_runtime EXPORT hpocTargets ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(FILES runtime/study_spec.h runtime/runner.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/hpoc/runtime)
install(EXPORT hpocTargets NAMESPACE hpoc:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/hpoc)
configure_package_config_file(cmake/hpocConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/hpocConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/hpoc)
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/hpocConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES
  ${CMAKE_CURRENT_BINARY_DIR}/hpocConfig.cmake
  ${CMAKE_CURRENT_BINARY_DIR}/hpocConfigVersion.cmake
  cmake/HpocStudy.cmake
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/hpoc)
