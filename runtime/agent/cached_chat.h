// The response cache in front of the LLM: a request is answered from
// hpo/<study>/llm-cache/ when the same canonical request was answered before, so a
// rerun of a finished study makes no LLM call and replays identically, even with no
// LLM reachable. The LLM itself is brought up only on the first miss.
//
// The key is the SHA-256 of the request body as the client would send it
// (ChatClient::requestBody, serialised with sorted keys and no spaces): model,
// messages, temperature, seed, max_tokens and response_format. The endpoint's URL
// and key are not part of it. Every text in the messages is built from facts that
// a replay of the same trials reproduces (docs/agent.md, "The cache key").
#pragma once

#include "runtime/agent/chat_backend.h"

#include <functional>
#include <memory>
#include <string>

namespace hpoc::agent {

/// Brings up the LLM (starts the local server, or reaches the configured URL) and
/// returns a client for it; returns nullptr with `*err` set when it cannot.
using ChatConnector = std::function<llm::ChatClient*(std::string* err)>;

/// Called after a request failed for want of a server (connection, 5xx,
/// timeout): restarts a local server that died and returns a client for it, or
/// returns nullptr, setting `*why` to the cause when it knows one (the signal
/// that killed the server) and leaving it empty when nothing died.
using ChatRecovery = std::function<llm::ChatClient*(std::string* why)>;

class CachedChat : public ChatBackend {
public:
  /// `keyClient` computes request bodies (the cache key) without any network.
  CachedChat(std::string cacheDir, llm::EndpointConfig keyConfig, ChatConnector connect);

  bool complete(const llm::ChatRequest& request, llm::ChatResult* result, llm::ChatError* error,
                LlmExchange* exchange) override;

  /// Lets a failed request bring its server back once (see ChatRecovery).
  void setRecovery(ChatRecovery recover) { recover_ = std::move(recover); }

  /// The cache key of `request`: SHA-256 of its canonical body (sorted keys; the
  /// prompt templates are part of the body, so editing one changes the key).
  std::string keyOf(const llm::ChatRequest& request) const;

  /// A strict replay (`--replay`): a request the cache cannot answer throws
  /// ReplayMiss naming it and its difference from the nearest cached request,
  /// and the LLM is never brought up. `seedBase` is the study's seed, from which
  /// a request's seed tells its trial.
  void requireCachedAnswers(long long seedBase) {
    strict_ = true;
    seedBase_ = seedBase;
  }

  /// Answers taken from the cache and from the LLM since construction.
  int hits() const { return hits_; }
  int misses() const { return misses_; }

private:
  bool load(const std::string& key, llm::ChatResult* result) const;
  void store(const std::string& key, const nlohmann::json& body,
             const llm::ChatResult& result) const;

  std::string dir_;
  llm::ChatClient keyClient_;
  ChatConnector connect_;
  ChatRecovery recover_;
  llm::ChatClient* live_ = nullptr;
  std::string connectError_;
  bool strict_ = false;
  long long seedBase_ = 0;
  int hits_ = 0;
  int misses_ = 0;
};

} // namespace hpoc::agent
