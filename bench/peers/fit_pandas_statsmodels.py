"""Whole-process peer of `tikfit fit FILE --target y --json`: pandas read_csv, then statsmodels OLS with an intercept
and every other column as a predictor, with SE, t, p, adjusted R^2 and F. Prints one JSON line with the in-process
times: importMs (numpy, pandas, statsmodels), readMs (read_csv), fitMs, and b1 (x1's estimate, to check both fitted
the same model). Usage: python3 fit_pandas_statsmodels.py FILE.csv"""
import json
import sys
import time

t0 = time.perf_counter()
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import statsmodels.api as sm  # noqa: E402

t1 = time.perf_counter()
df = pd.read_csv(sys.argv[1])
t2 = time.perf_counter()
y = df.pop("y").values
X = sm.add_constant(df.values, has_constant="add")
m = sm.OLS(y, X).fit()
_ = (m.bse, m.tvalues, m.pvalues, m.rsquared_adj, m.fvalue, m.f_pvalue)
t3 = time.perf_counter()
print(json.dumps({"importMs": (t1 - t0) * 1e3, "readMs": (t2 - t1) * 1e3, "fitMs": (t3 - t2) * 1e3,
                  "b1": float(np.asarray(m.params)[1])}))
