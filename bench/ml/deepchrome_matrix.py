"""Reads DeepChrome matrices for the Python peers (no torch needed, so the scikit-learn peer runs alone)."""
import gzip
import os

import numpy as np


def read_matrix(path, bins=100, marks=5):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt") as f:
        data = np.loadtxt(f, delimiter=",", usecols=range(1, 3 + marks), dtype=np.float32)
    genes = data.shape[0] // bins
    values = data[:, 1:1 + marks].reshape(genes, bins, marks).transpose(0, 2, 1)  # [genes, marks, bins]
    labels = data[::bins, 1 + marks].astype(np.int64)
    return np.ascontiguousarray(values), labels


def find(data_dir, split):
    for name in (split + ".csv.gz", split + ".csv"):
        if os.path.exists(os.path.join(data_dir, name)):
            return os.path.join(data_dir, name)
    raise SystemExit(f"{data_dir}: no {split}.csv[.gz]")
