#!/usr/bin/env python3
"""scikit-learn peers of `deepchrome-train --model rf|svm|logistic` on the same split and features
(marks x bins flattened, log1p by default): a forest of 100 trees; linear SVM and logistic regression
at C = 1 (scikit-learn's default) and at the C of the grid with the best validation AUC, as
deepchrome-train does.

Usage: sklearn_baselines.py DATA_DIR [--transform log1p|none] [--seed 1]
"""
import argparse
import time

from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.svm import LinearSVC
import numpy as np

from deepchrome_matrix import find, read_matrix


def main():
    p = argparse.ArgumentParser()
    p.add_argument("data_dir")
    p.add_argument("--transform", default="log1p", choices=["log1p", "none"])
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    data = {}
    for s in ("train", "valid", "test"):
        x, y = read_matrix(find(a.data_dir, s))
        x = x.reshape(len(x), -1)
        data[s] = (np.log1p(x) if a.transform == "log1p" else x, y)
    def score(m, split):
        x = data[split][0]
        return m.predict_proba(x)[:, 1] if hasattr(m, "predict_proba") else m.decision_function(x)

    start = time.perf_counter()
    rf = RandomForestClassifier(n_estimators=100, random_state=a.seed, n_jobs=1).fit(*data["train"])
    print(f"sklearn rf: test_auc {roc_auc_score(data['test'][1], score(rf, 'test')):.4f} "
          f"({time.perf_counter() - start:.1f} s)")
    for name, make in (("svm", lambda c: LinearSVC(C=c, random_state=a.seed, max_iter=5000)),
                       ("logistic", lambda c: LogisticRegression(C=c, max_iter=2000))):
        fitted = {c: make(c).fit(*data["train"]) for c in (0.001, 0.01, 0.1, 1.0)}
        valid = {c: roc_auc_score(data["valid"][1], score(m, "valid")) for c, m in fitted.items()}
        best = max(valid, key=valid.get)
        print(f"sklearn {name}: C=1 test_auc {roc_auc_score(data['test'][1], score(fitted[1.0], 'test')):.4f}; "
              f"C={best} (best valid {valid[best]:.4f}) test_auc "
              f"{roc_auc_score(data['test'][1], score(fitted[best], 'test')):.4f}")


if __name__ == "__main__":
    main()
