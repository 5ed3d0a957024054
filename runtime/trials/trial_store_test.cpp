#include "runtime/spec/test_support.h"
#include "runtime/support/file_util.h"
#include "runtime/trials/trial_store.h"

#include <gtest/gtest.h>

using namespace hpoc::rt;

namespace {
const std::string kId = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

void finish(TrialStore& store, const std::string& id) {
  std::string dir = store.trialDir(id), err;
  ASSERT_TRUE(
      writeFileAtomic(joinPath(dir, "metrics.jsonl"), "{\"final\":true,\"acc\":1}\n", &err));
  nlohmann::json result = {{"id", id}, {"status", "ok"}, {"metric", 1.0}};
  ASSERT_TRUE(sealResult(dir, &result, &err));
  ASSERT_TRUE(writeFileAtomic(joinPath(dir, "result.json"), result.dump(2), &err));
}
} // namespace

TEST(TrialStore, ValidMissingDamaged) {
  testsupport::TempDir dir;
  TrialStore store(dir.path());
  std::string err, why;
  ASSERT_TRUE(store.prepare(kId, {{"id", kId}}, "config.json", "{}\n", &err)) << err;
  EXPECT_EQ(store.trialDir(kId), dir.path() + "/trials/0123456789abcdef");
  nlohmann::json result;
  EXPECT_EQ(store.lookup(kId, &result, &why), TrialStore::Cached::Missing);
  finish(store, kId);
  ASSERT_EQ(store.lookup(kId, &result, &why), TrialStore::Cached::Valid) << why;
  EXPECT_EQ(result["status"], "ok");

  std::string metrics = joinPath(store.trialDir(kId), "metrics.jsonl");
  ASSERT_TRUE(writeFileAtomic(metrics, "{\"final\":true,\"acc\":2}\n", &err));
  EXPECT_EQ(store.lookup(kId, &result, &why), TrialStore::Cached::Damaged);
  EXPECT_EQ(why, "metrics.jsonl no longer matches its hash");

  finish(store, kId);
  std::string path = joinPath(store.trialDir(kId), "result.json"), text;
  ASSERT_TRUE(readFile(path, &text, &err));
  text.replace(text.find("\"ok\""), 4, "\"OK\"");
  ASSERT_TRUE(writeFileAtomic(path, text, &err));
  EXPECT_EQ(store.lookup(kId, &result, &why), TrialStore::Cached::Damaged);
  EXPECT_EQ(why, "result.json was modified after it was written");
  ASSERT_TRUE(store.invalidate(kId, &err));
  EXPECT_EQ(store.lookup(kId, &result, &why), TrialStore::Cached::Missing);
}

TEST(TrialStore, PrepareLeavesUnchangedFilesAlone) {
  testsupport::TempDir dir;
  TrialStore store(dir.path());
  std::string err;
  ASSERT_TRUE(store.prepare(kId, {{"id", kId}}, "config.json", "{}\n", &err));
  std::string plan = joinPath(store.trialDir(kId), "trial.json");
  auto before = std::filesystem::last_write_time(plan);
  ::usleep(20000);
  ASSERT_TRUE(store.prepare(kId, {{"id", kId}}, "config.json", "{}\n", &err));
  EXPECT_EQ(std::filesystem::last_write_time(plan), before);
}
