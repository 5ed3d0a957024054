// What hpoc knows about a C++ trainer's hyperparameter struct: plain data, no
// Clang types, so the rest of the compiler reads it without Clang's headers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hpoc::trainer {

/// A place in a trainer's source, as Clang saw it (after #line and macros are
/// resolved to where the text is spelled).
struct TrainerLoc {
  std::string file;         ///< the path as Clang opened it
  std::uint32_t line = 0;   ///< 1-based
  std::uint32_t column = 0; ///< 1-based, in bytes
  std::uint32_t offset = 0; ///< byte offset into `file`
  std::uint32_t length = 0; ///< bytes of the name the location points at

  bool valid() const { return line != 0; }
};

/// What kind of value a field holds, as far as a config can set it.
enum class FieldKind {
  Integer,    ///< any integer type except bool and the character types
  Floating,   ///< float, double, long double
  Bool,       ///< bool
  String,     ///< std::string
  Enum,       ///< an enum or enum class; its enumerators are the values
  Unsupported ///< anything else: a config cannot set it
};

/// The name of a kind as diagnostics print it ("integer", "floating-point", ...).
const char* fieldKindName(FieldKind kind);

/// The shortest decimal spelling that reads back as `v` ("0.1", "1e-05", "6");
/// as a float when `asFloat`, so 0.1f prints as 0.1.
std::string numberText(double v, bool asFloat = false);

struct Enumerator {
  std::string name;
  std::int64_t value = 0;
};

/// The value of a default member initialiser, when Clang could evaluate it.
struct DefaultValue {
  std::string text;                      ///< the initialiser as written ("1e-3", "Optimizer::adam")
  std::optional<std::int64_t> integer;   ///< Integer, Bool (0/1) and Enum fields
  std::optional<double> number;          ///< Integer and Floating fields
  std::optional<bool> flag;              ///< Bool fields
  std::optional<std::string> string;     ///< String fields: the literal's contents
  std::optional<std::string> enumerator; ///< Enum fields: the enumerator's name
};

/// One data member of the hyperparameter struct.
struct HparamField {
  std::string name;
  std::string typeName; ///< as written: "std::string", "std::size_t", "Optimizer"
  FieldKind kind = FieldKind::Unsupported;
  bool isUnsigned = false;                  ///< Integer fields
  unsigned bits = 0;                        ///< Integer and Floating fields: width in bits
  std::string enumName;                     ///< Enum fields: qualified name usable at global scope
  std::vector<Enumerator> enumerators;      ///< Enum fields, in declaration order
  std::optional<DefaultValue> defaultValue; ///< the member initialiser, if any
  std::string doc;                          ///< the `///` or `///<` comment, whitespace-normalised
  TrainerLoc loc;                           ///< the field's name
};

/// The struct marked [[clang::annotate("hpoc::hparams")]].
struct HparamsStruct {
  std::string name; ///< "Hparams"
  std::string
      qualifiedName; ///< usable at global scope: "ml::Hparams" (anonymous namespaces left out)
  std::string doc;
  TrainerLoc loc;
  std::vector<HparamField> fields;

  const HparamField* field(const std::string& fieldName) const;
};

/// The evaluated default of `f` as a study would spell it ("0.001", "adam",
/// "true", "\"text\""), or "" when it has none or Clang could not evaluate it.
std::string defaultSpelling(const HparamField& f);

/// The annotation that marks the struct; HPOC_HPARAMS expands to it.
inline constexpr const char* kHparamsAnnotation = "hpoc::hparams";

} // namespace hpoc::trainer
