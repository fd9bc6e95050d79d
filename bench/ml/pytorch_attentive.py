#!/usr/bin/env python3
"""PyTorch peer of deepchrome-train --model-type attentive for docs/benchmarks.md.

AttentiveChrome (Singh et al. 2017) as the suite builds it: per mark a bidirectional LSTM
(32 per direction) over the bins, bin attention alpha = softmax_t(h_t . v_mark), mark vector
sum_t alpha_t h_t; over the marks a bidirectional LSTM (16 per direction) and mark attention
beta; 32 -> 1 linear -> sigmoid with binary cross-entropy. Adam 1e-3, batch 32, gradient norm
clipped to 1, log1p inputs, best epoch by validation AUC. Same split, same thread count.

Usage: pytorch_attentive.py DATA_DIR [--threads 1] [--epochs 20] [--chunk 64] [--patience 0]
"""
import argparse

import torch
from torch import nn
from sklearn.metrics import roc_auc_score

from torch_common import fit, load_splits, predict, report_best, report_epoch, seeded, timed


class Attention(nn.Module):
    def __init__(self, width):
        super().__init__()
        self.context = nn.Parameter(torch.empty(width).uniform_(-0.1, 0.1))

    def forward(self, h):  # h: [batch, steps, width]
        weights = torch.softmax(h @ self.context, dim=1)
        return (weights.unsqueeze(2) * h).sum(1), weights


class AttentiveChrome(nn.Module):
    def __init__(self, marks=5, bin_hidden=32, mark_hidden=16):
        super().__init__()
        self.bin_lstms = nn.ModuleList(
            [nn.LSTM(1, bin_hidden, batch_first=True, bidirectional=True) for _ in range(marks)])
        self.bin_attention = nn.ModuleList([Attention(2 * bin_hidden) for _ in range(marks)])
        self.mark_lstm = nn.LSTM(2 * bin_hidden, mark_hidden, batch_first=True, bidirectional=True)
        self.mark_attention = Attention(2 * mark_hidden)
        self.out = nn.Linear(2 * mark_hidden, 1)

    def forward(self, x):  # x: [batch, marks, bins]
        vectors = []
        for m, (lstm, attention) in enumerate(zip(self.bin_lstms, self.bin_attention)):
            h, _ = lstm(x[:, m, :].unsqueeze(2))
            vectors.append(attention(h)[0])
        h, _ = self.mark_lstm(torch.stack(vectors, dim=1))
        summary, _ = self.mark_attention(h)
        return self.out(summary).squeeze(1)


def probability_high(model, x, chunk):
    return predict(model, x, chunk, torch.sigmoid)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("data_dir")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--epochs", type=int, default=20)
    p.add_argument("--patience", type=int, default=0)
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--chunk", type=int, default=64)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    rng = seeded(a.threads, a.seed)

    split = load_splits(a.data_dir)
    tx, ty = torch.from_numpy(split["train"][0]), torch.from_numpy(split["train"][1]).float()
    vx, vy = torch.from_numpy(split["valid"][0]), split["valid"][1]
    sx, sy = torch.from_numpy(split["test"][0]), split["test"][1]

    model = AttentiveChrome(tx.shape[1])
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)

    best_epoch, best_auc, epoch_seconds, epoch_cpu = fit(
        model, opt, nn.BCEWithLogitsLoss(), tx, ty, rng, a.epochs, a.batch_size,
        lambda: roc_auc_score(vy, probability_high(model, vx, a.chunk)), report_epoch, clip=1.0,
        patience=a.patience)
    if best_epoch:  # --epochs 0 measures inference of the initial weights only
        test_auc = roc_auc_score(sy, probability_high(model, sx, a.chunk))
        report_best(best_epoch, best_auc, test_auc, epoch_seconds, epoch_cpu, len(tx), a.batch_size, a.threads)
    reps, cpu = timed(lambda: probability_high(model, sx, a.chunk))
    print(f"torch predict {len(sx) / min(reps):.0f} genes/s wall, {len(sx) / min(cpu):.0f} genes per CPU-s "
          f"(best of 3, {len(sx)} test genes, chunk {a.chunk})")


if __name__ == "__main__":
    main()
