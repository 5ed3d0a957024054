"""The trainer both tabular tasks share: XGBoost (Debian's
python3-xgboost) with the paper's parameters, evaluated every 10 boosting rounds
on a fixed validation split; each evaluation is one metrics line ("epoch")."""
import time

import numpy as np
import xgboost as xgb

import hpoc_trainer as hp
import paperlib as pl


def run(x, y, classify):
    c, seed, metrics = pl.start()
    rng = np.random.default_rng(0)  # the split is fixed, whatever the trial's seed
    order = rng.permutation(len(y))
    cut = int(len(y) * 0.75)
    tr, va = order[:cut], order[cut:]
    dtrain, dval = xgb.DMatrix(x[tr], label=y[tr]), xgb.DMatrix(x[va], label=y[va])
    params = {"max_depth": c["max_depth"], "eta": c["learning_rate"], "min_child_weight": c["min_child_weight"],
              "subsample": c["subsample"], "colsample_bytree": c["colsample_bytree"], "gamma": c["gamma"],
              "alpha": c["reg_alpha"], "lambda": c["reg_lambda"], "nthread": 1, "seed": seed,
              "tree_method": "hist"}
    if classify:
        params.update(objective="binary:logistic", eval_metric="logloss",
                      scale_pos_weight=c.get("scale_pos_weight", 1))
    else:
        params.update(objective="reg:squarederror", eval_metric="rmse")
    rounds = c["n_estimators"]
    # One booster updated round by round: its prediction cache holds both
    # matrices, so each evaluation costs only the new trees (xgb.train with
    # xgb_model= would copy the booster and re-predict every tree each time).
    booster = xgb.Booster(params, [dtrain, dval])
    with hp.Metrics(metrics) as m:
        done, values = 0, {}
        while done < rounds:
            t0 = time.time()
            step = min(10, rounds - done)
            for i in range(done, done + step):
                booster.update(dtrain, i)
            done += step
            p_train, p_val = booster.predict(dtrain), booster.predict(dval)
            if classify:
                eps = 1e-7
                loss = float(-np.mean(y[tr] * np.log(p_train + eps) + (1 - y[tr]) * np.log(1 - p_train + eps)))
                pred = p_val > 0.5
                tp = float(np.sum(pred & (y[va] == 1)))
                prec = tp / max(1.0, float(pred.sum()))
                rec = tp / max(1.0, float((y[va] == 1).sum()))
                f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
                values = {"val_f1": f1, "val_acc": float(np.mean(pred == (y[va] == 1))),
                          "val_auc": pl.auc(p_val, y[va])}
            else:
                loss = float(np.sqrt(np.mean((p_train - y[tr]) ** 2)))
                ss = float(np.sum((y[va] - y[va].mean()) ** 2))
                values = {"val_r2": 1 - float(np.sum((y[va] - p_val) ** 2)) / ss,
                          "val_rmse": float(np.sqrt(np.mean((y[va] - p_val) ** 2)))}
            if not np.isfinite(loss) or not all(np.isfinite(v) for v in values.values()):
                m.log(epoch=done, train_loss=loss)
                raise SystemExit(hp.EXIT_DIVERGED)
            m.log(epoch=done, train_loss=loss, seconds=round(time.time() - t0, 3), **values)
        m.final(**values)
