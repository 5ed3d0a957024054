// SHA-256 (FIPS 180-4) through OpenSSL's EVP interface: trial identities,
// artifact seals and the file-hash cache all use it. OpenSSL stays behind this
// interface, so no other file includes its headers.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace hpoc::rt {

/// Incremental SHA-256. Feed bytes with update(), read the digest once with hex().
class Sha256 {
public:
  Sha256();
  ~Sha256();
  Sha256(Sha256&&) noexcept;
  Sha256& operator=(Sha256&&) noexcept;
  void update(const void* data, std::size_t size);
  void update(std::string_view s) { update(s.data(), s.size()); }
  /// Finishes the hash and returns it as 64 lowercase hex digits.
  std::string hex();

private:
  struct Context;
  std::unique_ptr<Context> ctx_;
};

/// SHA-256 of a string, as hex.
std::string sha256Hex(std::string_view data);

/// SHA-256 of a file's bytes, as hex; false with `err` set when it cannot be read.
bool sha256File(const std::string& path, std::string* hex, std::string* err);

} // namespace hpoc::rt
