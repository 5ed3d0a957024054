// Everything the agent strategy needs for one run of a study: the endpoint
// resolved from the study and the environment, the response cache, the local
// llama-server (started only on the first cache miss, stopped at the end), the
// Creator and the Executor.
#pragma once

#include "runtime/agent/cached_chat.h"
#include "runtime/agent/creator.h"
#include "runtime/agent/executor.h"
#include "runtime/llm/environment.h"
#include "runtime/llm/local_server.h"

#include <memory>
#include <string>

namespace hpoc::agent {

struct AgentSessionOptions {
  std::string studyDir;  ///< hpo/<study>: the cache goes to studyDir/llm-cache
  std::string serverLog; ///< the local server's log; default studyDir/llm-server.log
  llm::EnvLookup env;    ///< empty: the process environment
};

class AgentSession {
public:
  AgentSession(const rt::StudySpec& spec, AgentSessionOptions options);
  ~AgentSession();

  Creator& creator() { return *creator_; }
  Executor& executor() { return *executor_; }

  /// The response cache every request goes through.
  CachedChat& cachedChat() { return *chat_; }

  /// True when the LLM is the local llama-server (its tokens cost nothing).
  bool isLocal() const { return config_.isLocal(); }

  /// "the local llama-server (PATH) with MODEL" or the endpoint, for messages.
  std::string describeEndpoint() const;

  /// Restarts of a local server that died during the study, at most.
  static constexpr int kMaxRestarts = 2;

private:
  llm::ChatClient* connect(std::string* err);
  llm::ChatClient* recover(std::string* why);
  llm::LocalServerOptions serverOptions() const;

  const rt::StudySpec& spec_;
  AgentSessionOptions options_;
  llm::EndpointConfig config_;
  std::unique_ptr<llm::LocalServer> server_;
  std::unique_ptr<llm::ChatClient> client_;
  std::unique_ptr<CachedChat> chat_;
  std::unique_ptr<Creator> creator_;
  std::unique_ptr<Executor> executor_;
  int restarts_ = 0;
  std::string deathCause_; ///< how the local server last ended, when it died
};

} // namespace hpoc::agent
