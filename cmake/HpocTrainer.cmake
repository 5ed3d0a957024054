# hpoc_add_hparams(TARGET target SOURCE file.cpp
#                  [OUTPUT name.h] [FORMAT json|yaml|both])
#
# Generates, at build time, the header that fills the hyperparameter struct of a
# C++ trainer (the struct marked HPOC_HPARAMS in SOURCE) from a trial's config,
# and lets `target` include it:
#
#   #include "hpoc_hparams.h"         // HPOC_HPARAMS
#   struct HPOC_HPARAMS Hparams { ... };
#   #include "train_hparams.h"        // generated: loadHparams(path, hp, &err)
#
# OUTPUT defaults to <SOURCE's stem>_hparams.h, FORMAT to both (JSON and YAML).
# The header is regenerated when hpoc, SOURCE or a project header it includes
# changes (through a depfile, with Ninja and Makefile generators). hpoc reads SOURCE with
# the target's flags from the build's compile_commands.json (the function turns
# EXPORT_COMPILE_COMMANDS on for the target). The target links what the chosen
# formats need: nlohmann_json for JSON, yaml-cpp for YAML. The target's property
# HPOC_HPARAMS_SOURCE names SOURCE (absolute) for hpoc_add_study().
#
# Uses HPOC_EXECUTABLE_TARGET (hpoc::hpoc when unset).

set(_hpoc_trainer_module_dir "${CMAKE_CURRENT_LIST_DIR}")

function(hpoc_add_hparams)
  cmake_parse_arguments(H "" "TARGET;SOURCE;OUTPUT;FORMAT" "" ${ARGN})
  if(NOT H_TARGET OR NOT H_SOURCE)
    message(FATAL_ERROR "hpoc_add_hparams: TARGET and SOURCE are required")
  endif()
  if(NOT TARGET ${H_TARGET})
    message(FATAL_ERROR "hpoc_add_hparams: '${H_TARGET}' is not a target; call add_executable first")
  endif()
  if(NOT H_FORMAT)
    set(H_FORMAT both)
  endif()
  if(NOT H_FORMAT MATCHES "^(json|yaml|both)$")
    message(FATAL_ERROR "hpoc_add_hparams(${H_TARGET}): FORMAT is json, yaml or both, not '${H_FORMAT}'")
  endif()
  set(hpoc_exe ${HPOC_EXECUTABLE_TARGET})
  if(NOT hpoc_exe)
    set(hpoc_exe hpoc::hpoc)
  endif()

  get_filename_component(source "${H_SOURCE}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  if(NOT H_OUTPUT)
    get_filename_component(stem "${source}" NAME_WE)
    set(H_OUTPUT "${stem}_hparams.h")
  endif()
  set(gen_dir "${CMAKE_CURRENT_BINARY_DIR}/hpoc-hparams/${H_TARGET}")
  set(header "${gen_dir}/${H_OUTPUT}")

  # Run from the source's folder and name it as the caller did, so the header's
  # comment does not depend on where the tree is checked out.
  # The depfile names every file of the project the struct is read from, so
  # a change to a header holding a field regenerates the loader too.
  set(depfile_args)
  if(CMAKE_GENERATOR MATCHES "Ninja|Makefiles")
    set(depfile_args DEPFILE "${header}.d")
    set(depfile_opt --depfile "${header}.d")
  endif()
  add_custom_command(
    OUTPUT "${header}"
    COMMAND ${hpoc_exe} hparams "${H_SOURCE}" -o "${header}" ${depfile_opt} --format ${H_FORMAT}
            -p "${CMAKE_BINARY_DIR}"
    WORKING_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}"
    DEPENDS "${source}" ${hpoc_exe}
    ${depfile_args}
    COMMENT "hpoc: generating ${H_OUTPUT} from ${H_SOURCE}"
    VERBATIM)
  target_sources(${H_TARGET} PRIVATE "${header}")
  target_include_directories(${H_TARGET} PRIVATE "${gen_dir}")
  set_property(TARGET ${H_TARGET} PROPERTY EXPORT_COMPILE_COMMANDS ON)
  # hpoc_add_study(... TRAINER target) reads it to check the study against the struct.
  set_property(TARGET ${H_TARGET} PROPERTY HPOC_HPARAMS_SOURCE "${source}")

  # hpoc_hparams.h (the marker macro): beside this file in a source tree,
  # under include/hpoc/ once installed (lib/cmake/hpoc or lib/<arch>/cmake/hpoc).
  foreach(dir "${_hpoc_trainer_module_dir}/../runtime/trainer"
              "${_hpoc_trainer_module_dir}/../../../include/hpoc/runtime/trainer"
              "${_hpoc_trainer_module_dir}/../../../../include/hpoc/runtime/trainer")
    if(EXISTS "${dir}/hpoc_hparams.h")
      get_filename_component(dir "${dir}" ABSOLUTE)
      target_include_directories(${H_TARGET} PRIVATE "${dir}")
      break()
    endif()
  endforeach()

  if(H_FORMAT STREQUAL "json" OR H_FORMAT STREQUAL "both")
    find_package(nlohmann_json REQUIRED)
    target_link_libraries(${H_TARGET} PRIVATE nlohmann_json::nlohmann_json)
  endif()
  if(H_FORMAT STREQUAL "yaml" OR H_FORMAT STREQUAL "both")
    find_package(yaml-cpp REQUIRED)
    target_link_libraries(${H_TARGET} PRIVATE yaml-cpp)
  endif()
endfunction()
