# Installation and the package config that find_package(hpoc) reads.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(hpoc_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/hpoc)

install(TARGETS hpoc EXPORT hpocTargets RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS ${HPOC_RUNTIME_LIBRARIES} EXPORT hpocTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
# The public headers only: what a generated runner includes (runnerMain and the
# study spec it fills) and the trainer-side helpers. The rest is internal.
install(FILES runtime/runner/runner.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/hpoc/runtime/runner)
install(FILES runtime/spec/study_spec.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/hpoc/runtime/spec)
install(FILES runtime/trainer/hpoc_trainer.h runtime/trainer/hpoc_hparams.h
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/hpoc/runtime/trainer)
install(FILES runtime/python/hpoc_trainer.py DESTINATION ${CMAKE_INSTALL_DATADIR}/hpoc/python)
# What `hpoc init train.py` and `hpoc check --trainer train.py` run to read a Python trainer.
install(PROGRAMS compiler/trainer/python_trainer_reader.py DESTINATION ${CMAKE_INSTALL_DATADIR}/hpoc)
# The local LLM's set-up, for users of an installed hpoc (the runtime's errors name it).
install(PROGRAMS scripts/bootstrap-llm.sh scripts/llm-smoke.py DESTINATION ${CMAKE_INSTALL_DATADIR}/hpoc)
install(FILES scripts/llm-models.lock DESTINATION ${CMAKE_INSTALL_DATADIR}/hpoc)
# Optuna's TPE behind the proposer protocol, for `--strategy external` (docs/strategies.md).
install(PROGRAMS bench/tpe-proposer bench/tpe_proposer.py DESTINATION ${CMAKE_INSTALL_DATADIR}/hpoc/bench)
install(EXPORT hpocTargets NAMESPACE hpoc:: DESTINATION ${hpoc_cmake_dir})
configure_package_config_file(cmake/hpocConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/hpocConfig.cmake
  INSTALL_DESTINATION ${hpoc_cmake_dir})
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/hpocConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES
  ${CMAKE_CURRENT_BINARY_DIR}/hpocConfig.cmake
  ${CMAKE_CURRENT_BINARY_DIR}/hpocConfigVersion.cmake
  cmake/HpocStudy.cmake
  cmake/HpocTrainer.cmake
  DESTINATION ${hpoc_cmake_dir})

# The build tree is a package too (-Dhpoc_DIR=<build>): the same config beside
# the targets of this build and copies of the modules it includes.
export(EXPORT hpocTargets NAMESPACE hpoc:: FILE ${CMAKE_CURRENT_BINARY_DIR}/hpocTargets.cmake)
foreach(module HpocStudy HpocTrainer)
  configure_file(cmake/${module}.cmake ${CMAKE_CURRENT_BINARY_DIR}/${module}.cmake COPYONLY)
endforeach()
