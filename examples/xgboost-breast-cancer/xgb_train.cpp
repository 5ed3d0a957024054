// Trains an XGBoost classifier on the Wisconsin breast cancer data (the CSV that
// Debian's python3-sklearn ships) with the hyperparameters of one hpoc trial,
// and reports the validation log-loss after every boosting round.
//
//   xgb_train --config config.json --metrics metrics.jsonl [--data FILE] [--seed N]
#include "runtime/trainer/hpoc_hparams.h"
#include "runtime/trainer/hpoc_trainer.h"

#include <xgboost/c_api.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <numeric>
#include <random>
#include <sstream>
#include <string>
#include <vector>

enum class Booster { gbtree, dart };

/// The hyperparameters hpoc tunes. hpoc reads this struct (fields, defaults and
/// these comments) to check study.hpo against it, and generates the loader
/// included below, so this file parses no config itself.
struct HPOC_HPARAMS Hparams {
  int rounds = 50;                ///< Number of boosting rounds (trees).
  int max_depth = 6;              ///< Maximum depth of a tree.
  double eta = 0.3;               ///< Shrinkage applied to each tree.
  double subsample = 1.0;         ///< Share of rows sampled for each tree.
  double colsample_bytree = 1.0;  ///< Share of features sampled for each tree.
  double min_child_weight = 1.0;  ///< Minimum hessian weight in a leaf.
  double lambda = 1.0;            ///< L2 regularisation of leaf weights.
  Booster booster = Booster::gbtree; ///< Tree booster; dart drops trees at random.
  double rate_drop = 0.1;         ///< Share of trees dropped in each round of DART.
};

#include "xgb_train_hparams.h"

namespace {

struct Dataset {
  std::vector<float> features; ///< row-major
  std::vector<float> labels;   ///< 1 = malignant, the positive class
  std::size_t rows = 0, cols = 0;
};

/// sklearn's format: a header "569,30,malignant,benign", then the features and
/// the label (0 = malignant, 1 = benign) on each line.
bool loadCsv(const std::string& path, Dataset* d) {
  std::ifstream in(path);
  std::string line;
  if (!in || !std::getline(in, line))
    return false;
  while (std::getline(in, line)) {
    std::stringstream ss(line);
    std::vector<float> row;
    for (std::string cell; std::getline(ss, cell, ',');)
      row.push_back(std::stof(cell));
    if (row.size() < 2)
      continue;
    d->cols = row.size() - 1;
    d->labels.push_back(row.back() == 0 ? 1.0f : 0.0f);
    d->features.insert(d->features.end(), row.begin(), row.end() - 1);
    ++d->rows;
  }
  return d->rows > 0;
}

/// A fixed 75/25 split (seed 0), the same for every trial.
void split(const Dataset& all, Dataset* train, Dataset* val) {
  std::vector<std::size_t> order(all.rows);
  std::iota(order.begin(), order.end(), 0);
  std::shuffle(order.begin(), order.end(), std::mt19937(0));
  std::size_t nVal = all.rows / 4;
  for (std::size_t i = 0; i < all.rows; ++i) {
    Dataset* to = i < nVal ? val : train;
    std::size_t r = order[i];
    to->features.insert(to->features.end(), all.features.begin() + r * all.cols,
                        all.features.begin() + (r + 1) * all.cols);
    to->labels.push_back(all.labels[r]);
    to->cols = all.cols;
    ++to->rows;
  }
}

#define XGB_CHECK(call)                                                                      \
  if ((call) != 0) {                                                                         \
    std::cerr << "xgboost: " << XGBGetLastError() << "\n";                                   \
    return 1;                                                                                \
  }

int makeMatrix(const Dataset& d, DMatrixHandle* out) {
  XGB_CHECK(XGDMatrixCreateFromMat(d.features.data(), d.rows, d.cols, NAN, out));
  XGB_CHECK(XGDMatrixSetFloatInfo(*out, "label", d.labels.data(), d.rows));
  return 0;
}

/// "val-logloss:0.1234" -> 0.1234 in XGBoost's evaluation string.
double evalValue(const std::string& text, const std::string& key) {
  std::size_t p = text.find(key + ":");
  return p == std::string::npos ? NAN : std::atof(text.c_str() + p + key.size() + 1);
}

} // namespace

int main(int argc, char** argv) {
  namespace hp = hpoc::trainer;
  hp::Args args = hp::Args::parse(argc, argv);
  std::string data = "/usr/lib/python3/dist-packages/sklearn/datasets/data/breast_cancer.csv";
  std::string seed = "0";
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::string(argv[i]) == "--data")
      data = argv[i + 1];
    if (std::string(argv[i]) == "--seed")
      seed = argv[i + 1];
  }
  Hparams h;
  std::string configError;
  if (!loadHparams(args.config, h, &configError)) {
    std::cerr << configError << "\n";
    return hp::kExitInvalidConfig;
  }
  hp::Metrics metrics(args.metrics);

  Dataset all, train, val;
  if (!loadCsv(data, &all)) {
    std::cerr << "cannot read the data set " << data << "\n";
    return 1;
  }
  split(all, &train, &val);

  DMatrixHandle dtrain, dval;
  if (makeMatrix(train, &dtrain) || makeMatrix(val, &dval))
    return 1;
  DMatrixHandle both[] = {dtrain, dval};
  BoosterHandle booster;
  XGB_CHECK(XGBoosterCreate(both, 2, &booster));
  auto set = [&](const char* k, const std::string& v) { return XGBoosterSetParam(booster, k, v.c_str()); };
  auto num = [](double v) { std::ostringstream o; o << v; return o.str(); };
  XGB_CHECK(set("objective", "binary:logistic"));
  XGB_CHECK(set("eval_metric", "logloss"));
  XGB_CHECK(set("nthread", "1"));
  XGB_CHECK(set("seed", seed));
  XGB_CHECK(set("booster", h.booster == Booster::dart ? "dart" : "gbtree"));
  XGB_CHECK(set("max_depth", std::to_string(h.max_depth)));
  XGB_CHECK(set("eta", num(h.eta)));
  XGB_CHECK(set("subsample", num(h.subsample)));
  XGB_CHECK(set("colsample_bytree", num(h.colsample_bytree)));
  XGB_CHECK(set("min_child_weight", num(h.min_child_weight)));
  XGB_CHECK(set("lambda", num(h.lambda)));
  if (h.booster == Booster::dart)
    XGB_CHECK(set("rate_drop", num(h.rate_drop)));
  int rounds = h.rounds;

  const char* names[] = {"train", "val"};
  double best = INFINITY;
  for (int r = 0; r < rounds; ++r) {
    XGB_CHECK(XGBoosterUpdateOneIter(booster, r, dtrain));
    const char* eval = nullptr;
    XGB_CHECK(XGBoosterEvalOneIter(booster, r, both, names, 2, &eval));
    double trainLoss = evalValue(eval, "train-logloss"), valLoss = evalValue(eval, "val-logloss");
    metrics.log({{"round", r + 1}, {"train_logloss", trainLoss}, {"val_logloss", valLoss}});
    if (!std::isfinite(valLoss)) {
      std::cerr << "validation log-loss is not finite at round " << r + 1 << "\n";
      return hp::kExitDiverged;
    }
    best = std::min(best, valLoss);
  }

  bst_ulong n = 0;
  const float* pred = nullptr;
  XGB_CHECK(XGBoosterPredict(booster, dval, 0, 0, 0, &n, &pred));
  double tp = 0, fp = 0, fn = 0, correct = 0, loss = 0;
  for (bst_ulong i = 0; i < n; ++i) {
    bool p = pred[i] > 0.5f, y = val.labels[i] > 0.5f;
    tp += p && y, fp += p && !y, fn += !p && y, correct += p == y;
    double q = std::clamp(static_cast<double>(pred[i]), 1e-15, 1 - 1e-15);
    loss -= y ? std::log(q) : std::log(1 - q);
  }
  double f1 = tp > 0 ? 2 * tp / (2 * tp + fp + fn) : 0;
  metrics.final({{"val_logloss", loss / static_cast<double>(n)}, {"val_f1", f1},
                 {"val_acc", correct / static_cast<double>(n)}, {"best_val_logloss", best}});
  std::printf("rounds=%d val_logloss=%.5f val_f1=%.4f\n", rounds, loss / static_cast<double>(n), f1);
  XGBoosterFree(booster);
  XGDMatrixFree(dtrain);
  XGDMatrixFree(dval);
  return 0;
}
