#!/usr/bin/env python3
"""PyTorch and scikit-learn peers of deepchrome-train --task regression (bench/ml/run.sh regression).

The same network as pytorch_deepchrome.py ending in one linear unit, MSE on log(1 + level),
Adam 1e-3, batch 32, the epoch with the best validation Pearson r kept; then ridge
(scikit-learn, standardised log1p features, alpha chosen on validation r over the suite's
grid). Prints seconds per epoch and test Pearson r of both.

Usage: pytorch_regression.py DATA_DIR EXPRESSION.tsv COLUMN [--threads 1] [--epochs 20] [--seed 1]
"""
import argparse
import csv
import gzip

import numpy as np
import torch
from torch import nn
from sklearn.linear_model import Ridge
from sklearn.preprocessing import StandardScaler

from deepchrome_matrix import find, read_matrix
from torch_common import fit, predict, seeded


def gene_ids(path, bins=100):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt") as f:
        return [line.split(",", 1)[0] for i, line in enumerate(f) if i % bins == 0]


def levels(table, column):
    with open(table) as f:
        rows = csv.reader(f, delimiter="\t")
        header = next(rows)
        c = header.index(column)
        return {r[0]: float(r[c]) for r in rows if r[c] not in ("", "NA")}


def split_with_targets(data_dir, name, table):
    path = find(data_dir, name)
    x, _ = read_matrix(path)
    ids = gene_ids(path)
    keep = [i for i, g in enumerate(ids) if g in table]
    y = np.log1p(np.array([table[ids[i]] for i in keep], dtype=np.float32))
    return np.log1p(x[keep]), y


def pearson(a, b):
    return float(np.corrcoef(a, b)[0, 1])


def main():
    p = argparse.ArgumentParser()
    p.add_argument("data_dir")
    p.add_argument("expression")
    p.add_argument("column")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--epochs", type=int, default=20)
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    rng = seeded(a.threads, a.seed)
    table = levels(a.expression, a.column)
    (tx, ty), (vx, vy), (sx, sy) = (split_with_targets(a.data_dir, s, table) for s in ("train", "valid", "test"))

    pooled = (tx.shape[2] - 10 + 1) // 5
    model = nn.Sequential(
        nn.Conv1d(tx.shape[1], 50, 10), nn.ReLU(), nn.MaxPool1d(5, 5), nn.Flatten(), nn.Dropout(0.5),
        nn.Linear(50 * pooled, 625), nn.ReLU(), nn.Linear(625, 125), nn.ReLU(), nn.Linear(125, 1))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)

    def levels_of(x):
        return predict(model, torch.from_numpy(x), 512, lambda out: out[:, 0])

    def report(epoch, wall, cpu, r):
        print(f"torch regression epoch {epoch}: train {wall:.3f} s wall, valid_r {r:.4f}", flush=True)

    best_epoch, best_r, seconds, _ = fit(
        model, opt, nn.MSELoss(), torch.from_numpy(tx), torch.from_numpy(ty).unsqueeze(1), rng, a.epochs,
        a.batch_size, lambda: pearson(levels_of(vx), vy), report)
    print(f"torch regression best epoch {best_epoch} valid_r {best_r:.4f} test_r {pearson(levels_of(sx), sy):.4f} "
          f"median epoch {np.median(seconds):.3f} s wall ({len(tx)} genes, batch {a.batch_size}, {a.threads} threads)")

    flat = lambda x: x.reshape(len(x), -1)
    scaler = StandardScaler().fit(flat(tx))
    best = None
    for alpha in (1, 3, 10, 30, 100, 300, 1000, 3000, 10000, 30000, 100000):
        ridge = Ridge(alpha=alpha).fit(scaler.transform(flat(tx)), ty)
        r = pearson(ridge.predict(scaler.transform(flat(vx))), vy)
        if best is None or r > best[0]:
            best = (r, alpha, ridge)
    r, alpha, ridge = best
    print(f"sklearn ridge alpha {alpha} valid_r {r:.4f} test_r {pearson(ridge.predict(scaler.transform(flat(sx))), sy):.4f}")


if __name__ == "__main__":
    main()
