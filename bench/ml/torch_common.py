"""What the PyTorch peers share (pytorch_deepchrome.py, pytorch_attentive.py, pytorch_regression.py):
seeding, loading the split, chunked inference and the epoch loop that keeps the best validation epoch.

The loop is the suite's: a fresh permutation of the training genes per epoch (numpy, from the seed),
minibatches in that order, Adam steps (gradient norm clipped if asked), the validation score after
each epoch, the best epoch's weights kept, an optional early stop after `patience` epochs without
improvement."""
import copy
import time

import numpy as np
import torch

from deepchrome_matrix import find, read_matrix

SPLITS = ("train", "valid", "test")


def seeded(threads, seed):
    """Sets torch's threads and seed; returns the numpy generator that orders the minibatches."""
    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    return np.random.default_rng(seed)


def load_splits(data_dir, transform="log1p"):
    """{split: (values [genes, marks, bins], labels)} of DATA_DIR's train/valid/test, log1p unless 'none'."""
    split = {s: read_matrix(find(data_dir, s)) for s in SPLITS}
    if transform == "log1p":
        split = {s: (np.log1p(x), y) for s, (x, y) in split.items()}
    return split


def predict(model, x, chunk, head):
    """The model's outputs on x in chunks of `chunk` genes, through `head` (e.g. a sigmoid), as numpy."""
    model.eval()
    out = []
    with torch.no_grad():
        for i in range(0, len(x), chunk):
            out.append(head(model(x[i:i + chunk])))
    return torch.cat(out).numpy()


def fit(model, opt, loss_fn, x, y, rng, epochs, batch_size, validate, report, clip=None, patience=0):
    """Trains for up to `epochs` epochs, keeping the best by validate(); loads its weights back.

    report(epoch, wall_seconds, cpu_seconds, score) prints each epoch's line. Returns
    (best_epoch, best_score, wall seconds per epoch, CPU seconds per epoch); best_epoch is 0
    when no epoch ran (the initial weights stay)."""
    best_score, best_state, best_epoch, walls, cpus = float("-inf"), None, 0, [], []
    for epoch in range(1, epochs + 1):
        model.train()
        start, cpu_start = time.perf_counter(), time.process_time()
        order = torch.from_numpy(rng.permutation(len(x)))
        for i in range(0, len(x), batch_size):
            idx = order[i:i + batch_size]
            opt.zero_grad()
            loss = loss_fn(model(x[idx]), y[idx])
            loss.backward()
            if clip is not None:
                torch.nn.utils.clip_grad_norm_(model.parameters(), clip)
            opt.step()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu_start)
        score = validate()
        report(epoch, walls[-1], cpus[-1], score)
        if score > best_score:
            best_score, best_epoch, best_state = score, epoch, copy.deepcopy(model.state_dict())
        elif patience and epoch - best_epoch >= patience:
            break
    if best_state is not None:
        model.load_state_dict(best_state)
    return best_epoch, best_score, walls, cpus


def report_epoch(epoch, wall, cpu, auc):
    """The classification peers' line per epoch (bench/ml/run.sh filters on valid_auc)."""
    print(f"torch epoch {epoch}: train {wall:.3f} s wall, {cpu:.3f} s cpu, valid_auc {auc:.4f}", flush=True)


def report_best(best_epoch, best_auc, test_auc, walls, cpus, genes, batch_size, threads):
    """The classification peers' summary: the kept epoch and the median epoch time."""
    print(f"torch best epoch {best_epoch} valid_auc {best_auc:.4f} test_auc {test_auc:.4f}")
    print(f"torch median train epoch {np.median(walls):.3f} s wall, {np.median(cpus):.3f} s cpu "
          f"({genes} genes, batch {batch_size}, {threads} threads)")


def timed(run, reps=3):
    """Wall and CPU seconds of `reps` calls of run()."""
    walls, cpus = [], []
    for _ in range(reps):
        start, cpu_start = time.perf_counter(), time.process_time()
        run()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu_start)
    return walls, cpus
