// A ChatBackend for tests: answers from a script, records every request.
#pragma once

#include "runtime/agent/chat_backend.h"

#include <deque>

namespace hpoc::agent {

class ScriptedChat : public ChatBackend {
public:
  struct Reply {
    bool ok = true;
    std::string content;
    llm::ChatErrorKind error = llm::ChatErrorKind::None;
  };
  void answer(std::string content) { replies_.push_back({true, std::move(content)}); }
  void fail(llm::ChatErrorKind kind) { replies_.push_back({false, "", kind}); }

  bool complete(const llm::ChatRequest& request, llm::ChatResult* result, llm::ChatError* error,
                LlmExchange* exchange) override {
    requests.push_back(request);
    if (replies_.empty()) {
      error->kind = llm::ChatErrorKind::Connection;
      error->message = "script exhausted";
      return false;
    }
    Reply r = replies_.front();
    replies_.pop_front();
    exchange->ok = r.ok;
    exchange->promptTokens = 100;
    exchange->completionTokens = 10;
    if (!r.ok) {
      error->kind = r.error;
      error->message = llm::chatErrorKindName(r.error);
      return false;
    }
    result->content = r.content;
    result->finish_reason = "stop";
    return true;
  }

  std::vector<llm::ChatRequest> requests;

private:
  std::deque<Reply> replies_;
};

} // namespace hpoc::agent
