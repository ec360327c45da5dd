"""Synthetic regression CSV for bench/fitPeers.mjs: y + x1..x{p-1}, n rows, seed 7 (as /work/shared/bench/make_data.py
made it): predictor j is N(0, 1) times a scale in [0.5, 1000), y = X b + 10 N(0, 1) with b ~ N(0, 1), written with
10 significant digits. Usage: python3 make_regression_csv.py N P OUT.csv"""
import sys

import numpy as np

n, p, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rng = np.random.default_rng(7)
X = rng.normal(size=(n, p - 1)) * rng.uniform(0.5, 1000, size=p - 1)
y = X @ rng.normal(size=p - 1) + rng.normal(size=n) * 10
cols = ["y"] + ["x%d" % j for j in range(1, p)]
np.savetxt(out, np.column_stack([y, X]), delimiter=",", header=",".join(cols), comments="", fmt="%.10g")
