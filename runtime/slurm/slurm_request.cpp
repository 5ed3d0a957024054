#include "runtime/slurm/slurm_request.h"

#include <cstdlib>
#include <cstring>
#include <set>

namespace hpoc::rt::slurm {

namespace {
bool parseInt(const std::string& s, int lo, int hi, int* out) {
  char* end = nullptr;
  long v = std::strtol(s.c_str(), &end, 10);
  if (s.empty() || *end != '\0' || v < lo || v > hi)
    return false;
  *out = static_cast<int>(v);
  return true;
}
} // namespace

bool parseSlurmTrialArgs(const std::vector<std::string>& args, SlurmRequest* out,
                         std::string* err) {
  std::size_t i = 0;
  for (; i < args.size() && args[i] != "--"; ++i) {
    const std::string& flag = args[i];
    if (i + 1 >= args.size() || args[i + 1] == "--") {
      *err = "option " + flag + " needs a value";
      return false;
    }
    const std::string& v = args[++i];
    bool ok = true;
    if (flag == "--partition")
      out->partition = v;
    else if (flag == "--gres")
      out->gres = v;
    else if (flag == "--mem")
      out->mem = v;
    else if (flag == "--account")
      out->account = v;
    else if (flag == "--extra")
      out->extra = v;
    else if (flag == "--cpus")
      ok = parseInt(v, 1, 1 << 20, &out->cpus);
    else if (flag == "--time")
      ok = parseInt(v, 1, 1 << 30, &out->timeMinutes);
    else if (flag == "--retries")
      ok = parseInt(v, 0, 100, &out->retries);
    else if (flag == "--retry-delay") {
      char* end = nullptr;
      out->retryDelaySeconds = std::strtod(v.c_str(), &end);
      ok = !v.empty() && *end == '\0' && out->retryDelaySeconds >= 0;
    } else {
      *err = "unknown option " + flag;
      return false;
    }
    if (!ok) {
      *err = "bad value for " + flag + ": '" + v + "'";
      return false;
    }
  }
  if (i >= args.size() || args.size() - i < 2) {
    *err = "expected -- RUNNER --run-trial TRIAL_DIR after the options";
    return false;
  }
  out->trialCommand.assign(args.begin() + static_cast<long>(i) + 1, args.end());
  out->trialDir = out->trialCommand.back();
  if (out->trialDir.empty() || out->trialDir[0] != '/' || out->trialCommand[0].empty() ||
      out->trialCommand[0][0] != '/') {
    *err = "the runner and the trial folder must be absolute paths (a job starts elsewhere)";
    return false;
  }
  std::vector<std::string> extra;
  return splitShellWords(out->extra, &extra, err);
}

bool splitShellWords(const std::string& text, std::vector<std::string>* out, std::string* err) {
  std::string word;
  bool inWord = false;
  char quote = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quote) {
      if (c == quote)
        quote = 0;
      else if (c == '\\' && quote == '"' && i + 1 < text.size())
        word += text[++i];
      else
        word += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
      inWord = true;
    } else if (c == '\\' && i + 1 < text.size()) {
      word += text[++i];
      inWord = true;
    } else if (c == ' ' || c == '\t' || c == '\n') {
      if (inWord)
        out->push_back(word);
      word.clear();
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) {
    *err = "unclosed quote in '" + text + "'";
    return false;
  }
  if (inWord)
    out->push_back(word);
  return true;
}

std::vector<std::string> srunArguments(const SlurmRequest& r, const std::string& jobName,
                                       const std::vector<std::string>& program,
                                       const std::vector<std::pair<std::string, std::string>>& env,
                                       bool insideAllocation) {
  std::vector<std::string> a = {"srun", "--job-name=" + jobName, "--nodes=1", "--ntasks=1"};
  if (insideAllocation)
    a.push_back("--exact");
  if (r.cpus > 0)
    a.push_back("--cpus-per-task=" + std::to_string(r.cpus));
  if (!r.partition.empty())
    a.push_back("--partition=" + r.partition);
  if (!r.gres.empty())
    a.push_back("--gres=" + r.gres);
  if (!r.mem.empty())
    a.push_back("--mem=" + r.mem);
  if (r.timeMinutes > 0)
    a.push_back("--time=" + std::to_string(r.timeMinutes));
  if (!r.account.empty())
    a.push_back("--account=" + r.account);
  std::vector<std::string> extra;
  std::string ignored;
  if (splitShellWords(r.extra, &extra, &ignored))
    a.insert(a.end(), extra.begin(), extra.end());
  // Ctrl-C ends the step at once; a task that dies takes the step with it.
  a.push_back("--quit-on-interrupt");
  a.push_back("--kill-on-bad-exit=1");
  // Named variables alone (and Slurm's own): srun 22.05 drops the names that
  // follow NONE, so the list stands by itself and NONE only when it is empty.
  std::string exports;
  for (const auto& [k, v] : env)
    exports += (exports.empty() ? "" : ",") + k + "=" + v;
  a.push_back("--export=" + (exports.empty() ? std::string("NONE") : exports));
  a.insert(a.end(), program.begin(), program.end());
  return a;
}

std::vector<std::pair<std::string, std::string>> exportedEnvironment(char** environ) {
  std::set<std::string> names = {"PATH", "HOME", "USER", "LANG", "LC_ALL", "TMPDIR", "PYTHONPATH"};
  if (const char* more = std::getenv("HPOC_SLURM_EXPORT")) {
    std::string list = more;
    for (std::size_t b = 0, e; b <= list.size(); b = e + 1) {
      e = list.find(',', b);
      if (e == std::string::npos)
        e = list.size();
      if (e > b)
        names.insert(list.substr(b, e - b));
    }
  }
  std::vector<std::pair<std::string, std::string>> out;
  for (char** e = environ; e && *e; ++e) {
    const char* eq = std::strchr(*e, '=');
    if (!eq)
      continue;
    std::string name(static_cast<const char*>(*e), eq), value(eq + 1);
    bool wanted = names.count(name) || name.rfind("HPOC_", 0) == 0;
    if (wanted && name != "HPOC_SLURM_EXPORT" && value.find(',') == std::string::npos)
      out.emplace_back(name, value);
  }
  return out;
}

} // namespace hpoc::rt::slurm
