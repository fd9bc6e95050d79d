#!/usr/bin/env python3
"""PyTorch peer of deepchrome-train/predict for the benchmark in docs/benchmarks.md.

The same network (Conv1D 50x10 -> ReLU -> MaxPool 5 -> flatten -> Dropout 0.5 -> 625 ReLU
-> 125 ReLU -> 2), the same input transform (log1p by default), Adam 1e-3, batch 32, the
same thread count. Prints seconds per epoch, validation AUC per epoch, the test AUC of the
best-validation epoch and inference genes/s in chunks.

Usage: pytorch_deepchrome.py DATA_DIR [--threads 1] [--epochs 20] [--chunk 512] [--transform log1p]
DATA_DIR holds train/valid/test.csv[.gz] in the DeepChrome layout (no header, 5 marks).
"""
import argparse

import numpy as np
import torch
from torch import nn
from sklearn.metrics import roc_auc_score

from torch_common import fit, load_splits, predict, report_best, report_epoch, seeded, timed


class DeepChrome(nn.Module):
    def __init__(self, marks=5, bins=100):
        super().__init__()
        pooled = (bins - 10 + 1) // 5
        self.net = nn.Sequential(
            nn.Conv1d(marks, 50, 10), nn.ReLU(), nn.MaxPool1d(5, 5), nn.Flatten(), nn.Dropout(0.5),
            nn.Linear(50 * pooled, 625), nn.ReLU(), nn.Linear(625, 125), nn.ReLU(), nn.Linear(125, 2))

    def forward(self, x):
        return self.net(x)


def probability_high(model, x, chunk):
    return predict(model, x, chunk, lambda out: torch.softmax(out, dim=1)[:, 1])


def main():
    p = argparse.ArgumentParser()
    p.add_argument("data_dir")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--epochs", type=int, default=20)
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--chunk", type=int, default=512)
    p.add_argument("--transform", default="log1p", choices=["log1p", "none"])
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    rng = seeded(a.threads, a.seed)

    split = load_splits(a.data_dir, a.transform)
    tx, ty = (torch.from_numpy(split["train"][0]), torch.from_numpy(split["train"][1]))
    vx, vy = torch.from_numpy(split["valid"][0]), split["valid"][1]
    sx, sy = torch.from_numpy(split["test"][0]), split["test"][1]

    model = DeepChrome(tx.shape[1], tx.shape[2])
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)

    best_epoch, best_auc, epoch_seconds, epoch_cpu = fit(
        model, opt, nn.CrossEntropyLoss(), tx, ty, rng, a.epochs, a.batch_size,
        lambda: roc_auc_score(vy, probability_high(model, vx, a.chunk)), report_epoch)
    test_auc = roc_auc_score(sy, probability_high(model, sx, a.chunk))
    report_best(best_epoch, best_auc, test_auc, epoch_seconds, epoch_cpu, len(tx), a.batch_size, a.threads)
    probability_high(model, tx, a.chunk)  # warm-up
    reps, cpus = timed(lambda: probability_high(model, tx, a.chunk))
    print(f"torch predict {len(tx) / np.median(reps):.0f} genes/s wall, {len(tx) / np.median(cpus):.0f} genes/cpu-s "
          f"(median of 3, {len(tx)} genes, chunk {a.chunk})")


if __name__ == "__main__":
    main()
