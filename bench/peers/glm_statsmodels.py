"""statsmodels peer of bench/glm-one.mjs: the count models on the same CSV, timed like fitGlm(design).toJSON().

Poisson: statsmodels' GLM(y, X, family=Poisson()).fit() (IRLS, as R's glm and TikFit), then bse, z, p, the Wald
intervals, deviance, null deviance (statsmodels fits the intercept-only model for it), log-likelihood and AIC.

Negative binomial: statsmodels' discrete NegativeBinomial(y, X, loglike_method="nb2").fit() — NB2 (variance
mu + alpha*mu^2, alpha = 1/theta), with alpha estimated by maximum likelihood jointly with the coefficients (its
default: Newton-type BFGS from a Poisson fit), the same estimator as MASS::glm.nb and TikFit (which alternate IRLS
at fixed theta with theta's Newton steps). statsmodels' GLM family NegativeBinomial would hold alpha fixed, which is
not the same model, so it is not used. Then bse, z, p, intervals, log-likelihood and AIC.

The CSV is read with NumPy and X given an intercept before the clock starts; import and read are timed apart.

Usage: python3 bench/peers/glm_statsmodels.py FILE.csv RUNS
Prints one JSON line: {"importMs", "readMs", "poisson": {"fitMs": [...], "b1", "deviance", "aic", "converged"},
"nb": {"fitMs": [...], "b1", "theta", "aic", "converged", "iterations"}}.
"""
import json
import sys
import time

start = time.perf_counter()
import numpy as np  # noqa: E402
import statsmodels.api as sm  # noqa: E402

import_ms = (time.perf_counter() - start) * 1e3
csv, runs = sys.argv[1], int(sys.argv[2])

start = time.perf_counter()
data = np.loadtxt(csv, delimiter=",", skiprows=1)  # header y,x1,...; y first
y = data[:, 0].copy()
X = sm.add_constant(data[:, 1:], has_constant="add")
read_ms = (time.perf_counter() - start) * 1e3
del data

out = {"importMs": import_ms, "readMs": read_ms}

fit_ms = []
for _ in range(runs):
    start = time.perf_counter()
    m = sm.GLM(y, X, family=sm.families.Poisson()).fit()
    _ = (m.bse, m.tvalues, m.pvalues, m.conf_int(), m.deviance, m.null_deviance, m.llf, m.aic)
    fit_ms.append((time.perf_counter() - start) * 1e3)
out["poisson"] = {
    "fitMs": fit_ms,
    "b1": float(m.params[1]),
    "deviance": float(m.deviance),
    "aic": float(m.aic),
    "converged": bool(m.converged),
}

fit_ms = []
for _ in range(runs):
    start = time.perf_counter()
    m = sm.NegativeBinomial(y, X, loglike_method="nb2").fit(disp=0)
    _ = (m.bse, m.tvalues, m.pvalues, m.conf_int(), m.llf, m.aic)
    fit_ms.append((time.perf_counter() - start) * 1e3)
out["nb"] = {
    "fitMs": fit_ms,
    "b1": float(m.params[1]),
    "theta": float(1 / m.params[-1]),
    "aic": float(m.aic),
    "converged": bool(m.mle_retvals.get("converged", False)),
    "iterations": int(m.mle_retvals.get("iterations", -1)),
}
print(json.dumps(out))
