#include "runtime/trials/trial_identity.h"

#include "runtime/spec/config_canon.h"
#include "runtime/spec/study_folders.h"
#include "runtime/support/file_util.h"
#include "runtime/support/sha256.h"

namespace hpoc::rt {

std::string studyPath(const StudySpec& spec, const std::string& path) {
  return joinPath(spec.sourceDir, path);
}

bool computeTrialInputs(const StudySpec& spec, const std::string& trainerBinary,
                        const std::string& command, FileHashCache& hashes, TrialInputs* out,
                        std::string* err, const std::string& studyDir,
                        const std::string& buildDir) {
  const StudyFolders folders =
      studyDir.empty() ? StudyFolders(spec) : StudyFolders(spec, studyDir, buildDir);
  std::string hex;
  if (!trainerBinary.empty()) {
    if (!hashes.hashPath(trainerBinary, &hex, err)) {
      *err = "the trainer's binary: " + *err;
      return false;
    }
    out->trainer = {{"kind", "binary"}, {"sha256", hex}, {"args", folders.mask(spec.trainer.args)}};
  } else {
    nlohmann::json depends = nlohmann::json::object();
    for (const std::string& d : spec.trainer.depends) {
      if (!hashes.hashPath(studyPath(spec, d), &hex, err)) {
        *err = "a file the trainer depends on: " + *err;
        return false;
      }
      depends[folders.mask(d)] = hex;
    }
    out->trainer = {{"kind", "command"}, {"command", folders.mask(command)}, {"depends", depends}};
  }
  out->dataset = nlohmann::json::object();
  for (const std::string& p : spec.dataset.paths) {
    if (!hashes.hashPath(studyPath(spec, p), &hex, err)) {
      *err = "the dataset: " + *err;
      return false;
    }
    out->dataset[folders.mask(p)] = hex;
  }
  out->seed = spec.agent.seed;
  nlohmann::json patterns = nlohmann::json::array();
  for (const MetricPatternSpec& p : spec.trainer.patterns)
    patterns.push_back({p.metric, p.regex});
  out->protocol = {
      {"version", kTrialProtocolVersion},
      {"config", spec.trainer.config == ConfigFormat::Json ? "json" : "yaml"},
      {"metrics", spec.trainer.metrics == MetricsSource::JsonLines ? "jsonl" : "stdout"},
      {"patterns", patterns}};
  return true;
}

nlohmann::json identityDocument(const TrialInputs& inputs, const Config& canonicalConfig) {
  return {{"config", canonicalConfig},
          {"trainer", inputs.trainer},
          {"dataset", inputs.dataset},
          {"seed", inputs.seed},
          {"protocol", inputs.protocol}};
}

std::string trialId(const TrialInputs& inputs, const Config& canonicalConfig) {
  return sha256Hex(canonicalJson(identityDocument(inputs, canonicalConfig)));
}

} // namespace hpoc::rt
