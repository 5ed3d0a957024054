#include "runtime/agent/agent_session.h"

#include "runtime/llm/model_files.h"

#include <chrono>
#include <filesystem>
#include <thread>

namespace hpoc::agent {

AgentSession::AgentSession(const rt::StudySpec& spec, AgentSessionOptions options)
    : spec_(spec), options_(std::move(options)) {
  if (!options_.env)
    options_.env = llm::processEnvironment();
  if (options_.serverLog.empty())
    options_.serverLog = (std::filesystem::path(options_.studyDir) / "llm-server.log").string();

  llm::EndpointOverrides overrides;
  if (spec.agent.llm != "local" && !spec.agent.llm.empty())
    overrides.url = spec.agent.llm;
  if (!spec.agent.model.empty())
    overrides.model = spec.agent.model;
  config_ = llm::resolveEndpointConfig(overrides, options_.env, llm::kDefaultLocalModel);
  config_.request_timeout =
      std::chrono::milliseconds(static_cast<long long>(spec.agent.llmTimeoutSeconds * 1000));
  // A local server that times out is stuck or far too slow; asking it the same
  // question four times would only multiply the wait.
  if (config_.isLocal())
    config_.max_attempts = 2;
  // The local server answers to the model file's name; a path names the file.
  if (config_.isLocal() &&
      (config_.model.ends_with(".gguf") || config_.model.find('/') != std::string::npos))
    config_.model = llm::modelNameFromPath(config_.model);

  chat_ = std::make_unique<CachedChat>(
      (std::filesystem::path(options_.studyDir) / "llm-cache").string(), config_,
      [this](std::string* err) { return connect(err); });
  chat_->setRecovery([this](std::string* why) { return recover(why); });
  creator_ = std::make_unique<Creator>(
      spec_, *chat_, CreatorOptions{spec.agent.temperature, spec.agent.seed, 400, {}});
  executor_ = std::make_unique<Executor>(spec_, *chat_, spec.agent.temperature, spec.agent.seed);
}

AgentSession::~AgentSession() {
  if (server_)
    server_->stop();
}

llm::LocalServerOptions AgentSession::serverOptions() const {
  llm::LocalServerOptions o;
  o.model = spec_.agent.model.empty() ? config_.model : spec_.agent.model;
  o.log_path = options_.serverLog;
  o.env = options_.env;
  o.startup_timeout = config_.request_timeout;
  return o;
}

std::string AgentSession::describeEndpoint() const {
  if (!config_.isLocal())
    return config_.describe();
  llm::LocalServerOptions o = serverOptions();
  std::string cache = llm::cacheDirectory(options_.env);
  return "the local llama-server " + llm::defaultServerPath(cache, options_.env) + " with " +
         llm::resolveModelPath(o.model, cache) + "; its log: " + o.log_path;
}

llm::ChatClient* AgentSession::connect(std::string* err) {
  llm::EndpointConfig live = config_;
  if (live.isLocal()) {
    llm::LocalServerOptions o = serverOptions();
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(o.log_path).parent_path(), ec);
    server_ = llm::LocalServer::start(o, err);
    if (!server_)
      return nullptr;
    live.base_url = server_->baseUrl();
  }
  client_ = std::make_unique<llm::ChatClient>(live);
  return client_.get();
}

llm::ChatClient* AgentSession::recover(std::string* why) {
  if (!server_) {
    *why = deathCause_; // empty unless a restart failed
    return nullptr;
  }
  // A server that dies closes its sockets before it can be reaped: give it a
  // moment to show that it is dying before taking it for alive.
  bool alive = server_->running(why);
  for (int i = 0; alive && i < 20; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    alive = server_->running(why);
  }
  if (alive)
    return nullptr; // nothing died: the failure stands as it is
  deathCause_ = *why;
  if (restarts_ >= kMaxRestarts) {
    *why += " (restarted " + std::to_string(restarts_) + " times already)";
    return nullptr;
  }
  ++restarts_;
  std::string died = *why;
  // The log of the run that died is kept beside the new one.
  std::error_code ec;
  std::filesystem::copy_file(options_.serverLog,
                             options_.serverLog + ".crash" + std::to_string(restarts_),
                             std::filesystem::copy_options::overwrite_existing, ec);
  std::string err;
  llm::ChatClient* again = connect(&err);
  if (!again) {
    *why = died + "; restarting it failed: " + err.substr(0, err.find('\n'));
    deathCause_ = *why;
  }
  return again;
}

} // namespace hpoc::agent
