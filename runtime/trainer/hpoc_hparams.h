// Marks a C++ trainer's hyperparameter struct for hpoc:
//
//   #include "hpoc_hparams.h"
//
//   struct HPOC_HPARAMS Hparams {
//     double learning_rate = 0.1; ///< Shrinkage applied to each tree.
//     int max_depth = 6;          ///< Maximum depth of a tree.
//   };
//
// hpoc reads the struct with Clang (`hpoc check --trainer`, `hpoc init`,
// `hpoc hparams`); see docs/trainer-reader.md. Under Clang the macro is the
// attribute [[clang::annotate("hpoc::hparams")]]; compilers that do not know
// that attribute (g++ warns about it) see nothing, so the struct stays plain.
#pragma once

#if defined(__has_cpp_attribute)
#if __has_cpp_attribute(clang::annotate)
#define HPOC_HPARAMS [[clang::annotate("hpoc::hparams")]]
#endif
#endif

#ifndef HPOC_HPARAMS
#define HPOC_HPARAMS
#endif
