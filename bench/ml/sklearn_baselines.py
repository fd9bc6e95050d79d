#!/usr/bin/env python3
"""scikit-learn peers of `deepchrome-train --model rf|svm|logistic` on the same split and features
(marks x bins flattened, log1p by default, scikit-learn defaults otherwise: 100 trees, C = 1).

Usage: sklearn_baselines.py DATA_DIR [--transform log1p|none] [--seed 1]
"""
import argparse
import time

from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.svm import LinearSVC
import numpy as np

from pytorch_deepchrome import find, read_matrix


def main():
    p = argparse.ArgumentParser()
    p.add_argument("data_dir")
    p.add_argument("--transform", default="log1p", choices=["log1p", "none"])
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    data = {}
    for s in ("train", "test"):
        x, y = read_matrix(find(a.data_dir, s))
        x = x.reshape(len(x), -1)
        data[s] = (np.log1p(x) if a.transform == "log1p" else x, y)
    models = {
        "rf": RandomForestClassifier(n_estimators=100, random_state=a.seed, n_jobs=1),
        "svm": LinearSVC(C=1.0, random_state=a.seed),
        "logistic": LogisticRegression(C=1.0, max_iter=1000),
    }
    for name, m in models.items():
        start = time.perf_counter()
        m.fit(*data["train"])
        score = m.predict_proba(data["test"][0])[:, 1] if hasattr(m, "predict_proba") \
            else m.decision_function(data["test"][0])
        print(f"sklearn {name}: test_auc {roc_auc_score(data['test'][1], score):.4f} "
              f"({time.perf_counter() - start:.1f} s)")


if __name__ == "__main__":
    main()
