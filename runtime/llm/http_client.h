// One HTTP exchange over libcurl. The LLM layer's only contact with the network:
// ChatClient sends completions through it and LocalServer polls /health with it.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace hpoc::llm {

struct HttpRequest {
  std::string method = "GET"; ///< GET or POST
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds total_timeout{60'000};
};

/// Why no HTTP status came back.
enum class TransportError {
  None,    ///< a response (of any status) arrived
  Connect, ///< refused, unreachable, or the connect timeout passed
  Timeout, ///< connected, but the whole exchange did not finish in time
  Other,   ///< anything else curl reports (bad URL, broken transfer, ...)
};

struct HttpResponse {
  TransportError error = TransportError::None;
  std::string error_message; ///< curl's text when error != None
  long status = 0;
  std::map<std::string, std::string> headers; ///< names in lower case; last value wins
  std::string body;
};

/// Performs one request; never throws and never prints. Proxies from the
/// environment are bypassed for loopback URLs.
HttpResponse performHttp(const HttpRequest& request);

/// True for http(s) URLs whose host is 127.0.0.0/8, localhost or [::1].
bool isLoopbackUrl(const std::string& url);

} // namespace hpoc::llm
