#include "runtime/agent/proposal_check.h"

#include <gtest/gtest.h>

namespace hpoc::agent {
namespace {

rt::StudySpec space() {
  rt::StudySpec s;
  s.space.push_back(rt::ParamSpec::floatRange("lr", 1e-4, 1e-1).logScale());
  s.space.push_back(rt::ParamSpec::intRange("depth", 1, 8));
  s.space.push_back(rt::ParamSpec::categorical("opt", {"adam", "sgd"}));
  s.space.push_back(rt::ParamSpec::floatRange("momentum", 0, 0.99)
                        .onlyWhen(rt::Condition::compare("opt", rt::Condition::Op::Eq, "sgd")));
  s.space.push_back(rt::ParamSpec::ordinal("bs", {16, 32, 64}));
  s.space.push_back(rt::ParamSpec::boolean("bn"));
  return s;
}

rt::Config valid() {
  return {{"lr", 0.01}, {"depth", 3}, {"opt", "adam"}, {"bs", 32}, {"bn", true}};
}

TEST(ProposalCheck, ValidProposalIsCanonical) {
  rt::Config p = valid();
  p["depth"] = 3.0;
  ProposalCheck r = checkProposal(space(), p, {});
  ASSERT_TRUE(r.ok()) << r.errors[0];
  EXPECT_TRUE(r.config["depth"].is_number_integer());
  EXPECT_EQ(r.notes.size(), 1u);
}

TEST(ProposalCheck, AChoiceAsThePromptShowedItIsTheDeclaredOne) {
  rt::StudySpec s = space();
  s.space.push_back(rt::ParamSpec::ordinal("alpha", {0.000278255940220712, 0.001}));
  rt::Config p = valid();
  p["alpha"] = 0.0002783; // 4 significant digits, as prompts print it
  ProposalCheck r = checkProposal(s, p, {});
  ASSERT_TRUE(r.ok()) << r.errors[0];
  EXPECT_EQ(r.config["alpha"].get<double>(), 0.000278255940220712);
  p["alpha"] = 0.0003;
  EXPECT_FALSE(checkProposal(s, p, {}).ok());
}

TEST(ProposalCheck, OutOfRangeNumbersAreSetToTheNearestBound) {
  rt::Config p = valid();
  p["lr"] = 1e9;
  ProposalCheck r = checkProposal(space(), p, {});
  ASSERT_TRUE(r.ok()) << r.errors[0];
  EXPECT_EQ(r.config["lr"], space().space[0].hi);
  ASSERT_EQ(r.notes.size(), 1u);
  EXPECT_NE(r.notes[0].find("outside its range"), std::string::npos) << r.notes[0];
  p["lr"] = -5.0;
  EXPECT_EQ(checkProposal(space(), p, {}).config["lr"], space().space[0].lo);
  // A number that is not finite is still refused.
  p["lr"] = "NaN";
  EXPECT_FALSE(checkProposal(space(), p, {}).ok());
}

TEST(ProposalCheck, ABoundAfterClampingCanStillRepeat) {
  rt::Config p = valid();
  p["lr"] = 1e9;
  rt::Config atBound = checkProposal(space(), p, {}).config;
  ProposalCheck r = checkProposal(space(), p, {atBound});
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.repeats, 1);
}

TEST(ProposalCheck, UnknownMissingAndWrongTypes) {
  rt::Config p = valid();
  p.erase("bs");
  p["color"] = "red";
  p["bn"] = "yes";
  p["depth"] = 2.5;
  ProposalCheck r = checkProposal(space(), p, {});
  EXPECT_EQ(r.errors.size(), 4u);
}

TEST(ProposalCheck, ConditionsDecideWhatMustBePresent) {
  rt::Config p = valid();
  p["momentum"] = 0.9; // opt is adam: dropped
  ProposalCheck r = checkProposal(space(), p, {});
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r.config.contains("momentum"));
  p["opt"] = "sgd";
  p.erase("momentum");
  r = checkProposal(space(), p, {});
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].find("missing parameter 'momentum'"), std::string::npos);
}

TEST(ProposalCheck, RepeatsAreRefused) {
  rt::Config tried = valid();
  rt::Config p = valid();
  p["lr"] = 0.01; // same value, same config
  ProposalCheck r = checkProposal(space(), p, {tried});
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].find("repeats trial 1"), std::string::npos);
}

TEST(ProposalCheck, CaseAndQuotedNumbersAreForgiven) {
  rt::Config p = valid();
  p["opt"] = "Adam";
  p["bs"] = "64";
  ProposalCheck r = checkProposal(space(), p, {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.config["opt"], "adam");
  EXPECT_EQ(r.config["bs"], 64);
}

TEST(ProposalCheck, MissingParameterWithADefaultTakesIt) {
  rt::StudySpec s = space();
  s.space[3].defaultValue = 0.9; // momentum
  rt::Config p = valid();
  p["opt"] = "sgd";
  ProposalCheck r = checkProposal(s, p, {});
  ASSERT_TRUE(r.ok()) << r.errors[0];
  EXPECT_EQ(r.config["momentum"], 0.9);
  EXPECT_EQ(r.notes.size(), 1u);
}

TEST(ProposalCheck, NotAnObject) {
  EXPECT_FALSE(checkProposal(space(), rt::Config::array(), {}).ok());
}

} // namespace
} // namespace hpoc::agent
