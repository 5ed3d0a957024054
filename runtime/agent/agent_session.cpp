#include "runtime/agent/agent_session.h"

#include "runtime/llm/model_files.h"

#include <filesystem>

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
  // The local server answers to the model file's name; a path names the file.
  if (config_.isLocal() && (config_.model.ends_with(".gguf") || config_.model.find('/') != std::string::npos))
    config_.model = llm::modelNameFromPath(config_.model);

  chat_ = std::make_unique<CachedChat>(
      (std::filesystem::path(options_.studyDir) / "llm-cache").string(), config_,
      [this](std::string* err) { return connect(err); });
  creator_ = std::make_unique<Creator>(
      spec_, *chat_, CreatorOptions{spec.agent.temperature, spec.agent.seed, 400, {}});
  executor_ = std::make_unique<Executor>(spec_, *chat_, spec.agent.temperature, spec.agent.seed);
}

AgentSession::~AgentSession() {
  if (server_)
    server_->stop();
}

llm::ChatClient* AgentSession::connect(std::string* err) {
  llm::EndpointConfig live = config_;
  if (live.isLocal()) {
    llm::LocalServerOptions o;
    o.model = spec_.agent.model.empty() ? config_.model : spec_.agent.model;
    o.log_path = options_.serverLog;
    o.env = options_.env;
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

} // namespace hpoc::agent
