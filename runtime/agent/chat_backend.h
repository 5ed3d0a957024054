// How the agent reaches an LLM: an interface, so that tests replay recorded
// transcripts and the runtime stacks a response cache in front of the real client.
#pragma once

#include "runtime/llm/chat_client.h"

#include <string>
#include <vector>

namespace hpoc::agent {

/// One request and what came of it, for the journal and the token accounting.
struct LlmExchange {
  std::string purpose;     ///< "propose", "repair", "analyse", "report"
  std::string requestHash; ///< the response cache's key
  bool cached = false;     ///< answered from the cache: no tokens spent now
  bool ok = false;
  std::string error; ///< ChatError message when !ok; never holds a key
  std::string model;
  std::string requestId;
  long long promptTokens = 0;
  long long completionTokens = 0;
  double seconds = 0;
};

/// Answers chat requests. Implementations: CachedChat (the response cache over a
/// ChatClient), and recorded transcripts in tests.
class ChatBackend {
public:
  virtual ~ChatBackend() = default;
  /// Like llm::ChatClient::complete, and also describes the exchange in `*exchange`.
  virtual bool complete(const llm::ChatRequest& request, llm::ChatResult* result,
                        llm::ChatError* error, LlmExchange* exchange) = 0;
};

} // namespace hpoc::agent
