"""Fit-only peer of bench/fit-one.mjs: statsmodels OLS on an n x p design held in memory (intercept + p - 1
predictors, generated as /work/shared/bench/make_data.py does), timed from the arrays to bse, t, p, adj. R^2 and F.
Nothing is read from disk and the import is not timed: the same work as fitOls(design).toJSON() in the core.

Usage: python3 bench/peers/statsmodels_fit.py N P RUNS
Prints one JSON line: {"n", "p", "runs", "fitMs": [...], "b1"} (fitMs per run, in order; the first is the coldest).
"""
import json
import sys
import time

import numpy as np
import statsmodels.api as sm

n, p, runs = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
rng = np.random.default_rng(7)
X = rng.normal(size=(n, p - 1)) * rng.uniform(0.5, 1000, size=p - 1)
y = X @ rng.normal(size=p - 1) + rng.normal(size=n) * 10

fit_ms = []
for _ in range(runs):
    start = time.perf_counter()
    design = sm.add_constant(X, has_constant="add")
    m = sm.OLS(y, design).fit()
    _ = (m.bse, m.tvalues, m.pvalues, m.rsquared_adj, m.fvalue, m.f_pvalue)
    fit_ms.append((time.perf_counter() - start) * 1e3)
    b1 = float(m.params[1])
    del design, m

print(json.dumps({"n": n, "p": p, "runs": runs, "fitMs": fit_ms, "b1": b1}))
