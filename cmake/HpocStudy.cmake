# hpoc_add_study(NAME name STUDY file.hpo
#                [TRAINER target | COMMAND arg...]
#                [DEPENDS file...] [LAUNCHER arg...])
#
# Compiles the study `name` of `file.hpo` at build time into a runner, and adds
# the target tune-<name> that runs it (and the aggregate target `tune`).
# The study's files land in ${CMAKE_BINARY_DIR}/hpo/<name>/ (docs/files.md).
# Runner options that cmake --build cannot pass (--fresh, --trials N,
# --strategy S, --replay) go in the environment: HPOC_RUNNER_ARGS=--fresh cmake --build ...
# (`HPOC_RUNNER_ARGS=--replay` replays an agent study from its llm-cache alone and
# stops at the first request the cache lacks; docs/files.md).
#
# HPOC_EXECUTABLE_TARGET and HPOC_RUNTIME_TARGET may name the compiler and the
# runner library; unset, the function uses hpoc::hpoc and hpoc::runner (or
# hpoc::hpoc_runner, the name a package exports), which exist in every way of
# using hpoc: installed, its build tree as a package, and add_subdirectory(hpoc),
# where variables set in hpoc's own directory do not reach the caller's.

# The compiler and runner-library targets: the variables when set, else the
# names every way of using hpoc defines.
function(_hpoc_study_targets exe_var runtime_var)
  set(exe ${HPOC_EXECUTABLE_TARGET})
  if(NOT exe)
    set(exe hpoc::hpoc)
  endif()
  set(runtime ${HPOC_RUNTIME_TARGET})
  if(NOT runtime)
    if(TARGET hpoc::runner)
      set(runtime hpoc::runner)
    else()
      set(runtime hpoc::hpoc_runner)
    endif()
  endif()
  foreach(t ${exe} ${runtime})
    if(NOT TARGET ${t})
      message(FATAL_ERROR "hpoc_add_study: no target '${t}'; use find_package(hpoc) or "
                          "add_subdirectory(<hpoc source>) before hpoc_add_study()")
    endif()
  endforeach()
  set(${exe_var} ${exe} PARENT_SCOPE)
  set(${runtime_var} ${runtime} PARENT_SCOPE)
endfunction()

function(hpoc_add_study)
  cmake_parse_arguments(S "" "NAME;STUDY;TRAINER" "COMMAND;DEPENDS;LAUNCHER" ${ARGN})
  if(NOT S_NAME OR NOT S_STUDY)
    message(FATAL_ERROR "hpoc_add_study: NAME and STUDY are required")
  endif()
  if(S_TRAINER AND S_COMMAND)
    message(FATAL_ERROR "hpoc_add_study(${S_NAME}): give TRAINER or COMMAND, not both")
  endif()
  _hpoc_study_targets(hpoc_exe hpoc_runtime)
  get_filename_component(study_file "${S_STUDY}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  set(gen_dir "${CMAKE_CURRENT_BINARY_DIR}/hpoc-gen/${S_NAME}")
  set(runner_cpp "${gen_dir}/${S_NAME}_runner.cpp")
  set(rules "${gen_dir}/${S_NAME}.ninja")

  # A C++ trainer whose hyperparameter struct hpoc_add_hparams() registered is
  # read with Clang: the study is checked against the struct before it compiles,
  # and the struct's doc comments describe parameters the study leaves bare.
  set(check_trainer)
  set(trainer_args)
  set(trainer_source)
  if(S_TRAINER AND TARGET ${S_TRAINER})
    get_target_property(trainer_source ${S_TRAINER} HPOC_HPARAMS_SOURCE)
  endif()
  if(trainer_source)
    set(trainer_args --trainer "${trainer_source}" -p "${CMAKE_BINARY_DIR}")
    set(check_trainer COMMAND ${hpoc_exe} check -q "${study_file}" --study ${S_NAME}
                              ${trainer_args})
  else()
    set(trainer_source)
  endif()

  # The trainer's binary is part of every trial's identity. Its debug information
  # names the build tree unless mapped away, so a trainer rebuilt in a build tree
  # on another path (a CI workspace, a colleague's machine) would differ in bytes
  # and rerun every trial; mapped, it is the same binary and its trials stay cached.
  if(S_TRAINER AND TARGET ${S_TRAINER})
    get_target_property(trainer_imported ${S_TRAINER} IMPORTED)
    get_target_property(trainer_aliased ${S_TRAINER} ALIASED_TARGET)
    if(NOT trainer_imported AND NOT trainer_aliased)
      target_compile_options(${S_TRAINER} PRIVATE
        "$<$<COMPILE_LANG_AND_ID:CXX,GNU,Clang,AppleClang>:-ffile-prefix-map=${CMAKE_BINARY_DIR}=.>"
        "$<$<COMPILE_LANG_AND_ID:C,GNU,Clang,AppleClang>:-ffile-prefix-map=${CMAKE_BINARY_DIR}=.>")
    endif()
  endif()

  add_custom_command(
    OUTPUT "${runner_cpp}" "${rules}"
    ${check_trainer}
    COMMAND ${hpoc_exe} compile "${study_file}" --study ${S_NAME} -o "${gen_dir}"
            ${trainer_args}
    DEPENDS "${study_file}" ${hpoc_exe} ${trainer_source}
    COMMENT "hpoc: compiling study ${S_NAME}"
    VERBATIM)

  set(runner hpoc-runner-${S_NAME})
  add_executable(${runner} "${runner_cpp}")
  # The runner library holds runnerMain (the study loop and its reports).
  target_link_libraries(${runner} PRIVATE ${hpoc_runtime})

  set(args --study-dir "${CMAKE_BINARY_DIR}/hpo/${S_NAME}" --build-dir "${CMAKE_BINARY_DIR}"
           --rules "${rules}")
  set(deps ${runner} ${S_DEPENDS})
  if(S_TRAINER)
    list(APPEND args --trainer-target "${S_TRAINER}" --trainer-binary "$<TARGET_FILE:${S_TRAINER}>")
    list(APPEND deps ${S_TRAINER})
  elseif(S_COMMAND)
    list(JOIN S_COMMAND " " command_line)
    list(APPEND args --trainer-command "${command_line}")
  endif()
  if(S_LAUNCHER)
    list(JOIN S_LAUNCHER " " launcher)
    list(APPEND args --launcher "${launcher}")
  endif()
  # A study with `executor slurm` runs each trial through hpoc-slurm-trial.
  if(TARGET hpoc::slurm_trial)
    list(APPEND args --slurm-trial "$<TARGET_FILE:hpoc::slurm_trial>")
  endif()
  if(CMAKE_MAKE_PROGRAM MATCHES "ninja")
    list(APPEND args --ninja "${CMAKE_MAKE_PROGRAM}")
  endif()

  add_custom_target(tune-${S_NAME}
    COMMAND ${runner} ${args}
    DEPENDS ${deps}
    USES_TERMINAL
    VERBATIM
    COMMENT "hpoc: running study ${S_NAME}")
  if(NOT TARGET tune)
    add_custom_target(tune)
  endif()
  add_dependencies(tune tune-${S_NAME})
  # hpoc's own build (add_subdirectory) builds the wrapper before the study runs.
  if(TARGET hpoc::slurm_trial)
    get_target_property(slurm_trial_target hpoc::slurm_trial ALIASED_TARGET)
    if(slurm_trial_target)
      add_dependencies(tune-${S_NAME} ${slurm_trial_target})
    endif()
  endif()
endfunction()
