#!/usr/bin/env python3
"""scikit-learn peers of `deepchrome-train --model rf|svm|logistic` on the same split and features
(marks x bins flattened, log1p by default): RandomForestClassifier(n_estimators=100,
max_features="sqrt", n_jobs=1); linear SVM and logistic regression with liblinear (the library
deepchrome-train's linear models use, through Tribuo) fitted for each C of the grid, the C with the
best validation AUC kept, as deepchrome-train does. Prints the seconds of each fit (matrices
already in memory: reading them is not counted) and the test AUC.

Usage: sklearn_baselines.py DATA_DIR [--models rf,svm,logistic] [--transform log1p|none] [--seed 1]
"""
import argparse
import time

import numpy as np
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.svm import LinearSVC

from deepchrome_matrix import find, read_matrix

C_GRID = (0.001, 0.01, 0.1, 1.0)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("data_dir")
    p.add_argument("--models", default="rf,svm,logistic")
    p.add_argument("--transform", default="log1p", choices=["log1p", "none"])
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    models = a.models.split(",")
    data = {}
    for s in ("train", "valid", "test"):
        x, y = read_matrix(find(a.data_dir, s))
        x = x.reshape(len(x), -1)
        data[s] = (np.log1p(x) if a.transform == "log1p" else x, y)

    def score(m, split):
        x = data[split][0]
        return m.predict_proba(x)[:, 1] if hasattr(m, "predict_proba") else m.decision_function(x)

    if "rf" in models:
        start, cpu = time.perf_counter(), time.process_time()
        rf = RandomForestClassifier(n_estimators=100, max_features="sqrt", random_state=a.seed,
                                    n_jobs=1).fit(*data["train"])
        fit, cpu = time.perf_counter() - start, time.process_time() - cpu
        nodes = np.mean([t.tree_.node_count for t in rf.estimators_])
        print(f"sklearn rf: fit {fit:.2f} s (cpu {cpu:.2f}), {nodes:.0f} nodes/tree, "
              f"test_auc {roc_auc_score(data['test'][1], score(rf, 'test')):.4f}")
    makers = {"svm": lambda c: LinearSVC(C=c, random_state=a.seed, max_iter=1000, tol=1e-4),
              "logistic": lambda c: LogisticRegression(C=c, solver="liblinear", max_iter=1000, tol=1e-4)}
    for name in (m for m in models if m in makers):
        fitted, seconds, cpu = {}, {}, time.process_time()
        for c in C_GRID:
            start = time.perf_counter()
            fitted[c] = makers[name](c).fit(*data["train"])
            seconds[c] = time.perf_counter() - start
        cpu = time.process_time() - cpu
        valid = {c: roc_auc_score(data["valid"][1], score(m, "valid")) for c, m in fitted.items()}
        best = max(valid, key=valid.get)
        per_c = ", ".join(f"C={c}: {seconds[c]:.2f} s" for c in C_GRID)
        print(f"sklearn {name} (liblinear): grid fit {sum(seconds.values()):.2f} s (cpu {cpu:.2f}; {per_c}); "
              f"C=1 test_auc {roc_auc_score(data['test'][1], score(fitted[1.0], 'test')):.4f}; "
              f"C={best} (best valid {valid[best]:.4f}) test_auc "
              f"{roc_auc_score(data['test'][1], score(fitted[best], 'test')):.4f}")


if __name__ == "__main__":
    main()
