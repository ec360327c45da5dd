"""Peer of `tikfit run` for the bench (issue 14): TikFit's default recipe written with pandas, scikit-learn and
statsmodels, as a data scientist would write it, on the CSV file bench/pipeline-one.mjs writes.

The steps and their rules are TikFit's (README, `tikfit run`):
  read      pandas read_csv; blanks and the missing tokens (NA, N/A, null, none, nan, -) are NaN
  clean     text trimmed with inner white space collapsed; labels that differ only in case merged into the most
            frequent spelling; zeros in the zero-missing columns blanked; categorical levels with at most 5 rows
            lumped into "Other"; columns classified as TikFit does (numeric, binary, date when 90% parse as dates,
            identifier when the distinct case-folded labels exceed half the values, else categorical)
  impute    predictors missing in more than half the rows left out; the target with its mode (sklearn's
            SimpleImputer most_frequent: ties to the smallest, as TikFit), numbers with the mean, text with the mode
  encode    treatment coding in place: one 0/1 column per level but the reference (the first level in code-point
            order other than "Other"); the trend column (days since the first date, missing dates the mean day) last
  fit       y = log1p(target); TikFit's seeded split (mulberry32 Fisher-Yates, seed 42, the first 20% held out);
            transforms fitted on the training rows (0/1 columns kept; log1p when skewness > 0.75 and no value in the
            column is negative; z-score with the training mean and SD) in a scikit-learn transformer; statsmodels OLS
            with standard errors, t, p, 95% intervals, R^2, adjusted R^2, F and its p, the condition number and VIFs
            (from the inverse correlation matrix); RMSE on the held-out rows (log scale) and RMSE and MAE after expm1
  cv        scikit-learn cross_val_score of Pipeline(transformer, LinearRegression) over TikFit's 5 contiguous folds
            of the training rows (PredefinedSplit), RMSE on the log scale, mean and SD (n - 1)

Usage: python3 bench/peers/recipe_pandas.py FILE.csv --target newFollowers --zero-missing newFollowers --trend posted
Prints one JSON line: timingsMs per stage (imports not timed; cpu: this process's CPU time over them, all threads), rows, terms, coefficients (name, estimate, stdError),
cv {mean, sd}, testRmseLog and maxRssMB (this process's peak RSS).
"""
import argparse
import json
import resource
import time

import numpy as np
import pandas as pd
import statsmodels.api as sm
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LinearRegression
from sklearn.model_selection import PredefinedSplit, cross_val_score
from sklearn.pipeline import Pipeline

MISSING_TOKENS = ["na", "n/a", "null", "none", "nan", "-"]
NA_VALUES = sorted({v for t in MISSING_TOKENS for v in (t, t.upper(), t.capitalize())} | {""})
MOSTLY = 0.9
SKEW_THRESHOLD = 0.75


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--target", required=True)
    parser.add_argument("--zero-missing", default="")
    parser.add_argument("--trend", default=None)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--test-fraction", type=float, default=0.2)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--rare-threshold", type=int, default=5)
    parser.add_argument("--max-missing-share", type=float, default=0.5)
    return parser.parse_args()


def seeded_shuffle(n, seed):
    """TikFit's seededShuffle: Fisher-Yates driven by mulberry32 (src/core/prepare/seededRandom.ts)."""
    k = np.arange(1, max(n, 1), dtype=np.uint64)
    state = ((seed & 0xFFFFFFFF) + k * 0x6D2B79F5) & 0xFFFFFFFF
    t = state.astype(np.uint32)
    t = (t ^ (t >> np.uint32(15))) * (t | np.uint32(1))
    t = t ^ (t + (t ^ (t >> np.uint32(7))) * (t | np.uint32(61)))
    random = (t ^ (t >> np.uint32(14))).astype(np.float64) / 4294967296.0
    order = list(range(n))
    for step, i in enumerate(range(n - 1, 0, -1)):
        j = int(random[step] * (i + 1))
        order[i], order[j] = order[j], order[i]
    return np.array(order, dtype=np.int64)


def skewness(x):
    """Adjusted Fisher-Pearson skewness per column (pandas' skew()), 0 for a constant column."""
    n = x.shape[0]
    mean = x.mean(axis=0)
    d = x - mean
    m2 = (d * d).mean(axis=0)
    m3 = (d * d * d).mean(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        g = np.sqrt(n * (n - 1)) / (n - 2) * m3 / m2**1.5
    return np.where((m2 <= 1e-28 * mean * mean) | (m2 == 0), 0.0, g)


class ArticleTransform(BaseEstimator, TransformerMixin):
    """TikFit's predictor transforms, fitted on the rows given: 0/1 columns as they are, log1p for skewness above
    0.75 in a column with no negative value (anywhere: `non_negative`), then the z-score (training mean, SD n - 1)."""

    def __init__(self, non_negative=None):
        self.non_negative = non_negative

    def fit(self, x, y=None):
        x = np.asarray(x, dtype=np.float64)
        self.binary_ = np.all((x == 0) | (x == 1), axis=0)
        self.log1p_ = ~self.binary_ & (skewness(x) > SKEW_THRESHOLD) & self.non_negative
        t = np.where(self.log1p_, np.log1p(np.where(self.log1p_, x, 0)), x)
        self.mean_ = t.mean(axis=0)
        self.sd_ = t.std(axis=0, ddof=1)
        self.scale_ = ~self.binary_ & (self.sd_ > 0)
        return self

    def transform(self, x):
        x = np.asarray(x, dtype=np.float64)
        t = np.where(self.log1p_, np.log1p(np.where(self.log1p_, x, 0)), x)
        return np.where(self.scale_, (t - self.mean_) / np.where(self.scale_, self.sd_, 1), t)


def case_merges(counts):
    """Each label that differs only in case from a more frequent one (ties: code-point order) -> that one."""
    groups = {}
    for label in counts.index:
        groups.setdefault(label.lower(), []).append(label)
    mapping = {}
    for group in groups.values():
        if len(group) > 1:
            best = sorted(group, key=lambda label: (-counts[label], label))[0]
            mapping.update({label: best for label in group if label != best})
    return mapping


def main():
    args = parse_args()
    target = args.target
    zero_missing = [c for c in args.zero_missing.split(",") if c]
    timings = {}
    clock = time.perf_counter
    cpu_start = time.process_time()
    mark = clock()

    def lap(stage):
        nonlocal mark
        now = clock()
        timings[stage] = (now - mark) * 1e3
        mark = now

    df = pd.read_csv(args.file, na_values=NA_VALUES, keep_default_na=False)
    lap("read")

    # Clean: classify, trim, merge case variants, zero-missing, rare levels.
    kinds = {}
    for name in df.columns:
        s = df[name]
        present = int(s.notna().sum())
        if present == 0:
            kinds[name] = "empty"
        elif pd.api.types.is_numeric_dtype(s):
            kinds[name] = "binary" if s.dropna().isin([0, 1]).all() else "numeric"
        else:
            s = s.str.replace(r"\s+", " ", regex=True).str.strip()
            df[name] = s
            dates = pd.to_datetime(s, format="%Y-%m-%d", errors="coerce")
            if dates.notna().sum() >= MOSTLY * present:
                df[name] = dates
                kinds[name] = "date"
            elif s.str.lower().nunique() > present / 2:
                kinds[name] = "identifier"
            else:
                counts = s.value_counts()
                mapping = case_merges(counts)
                if mapping:
                    df[name] = s.replace(mapping)
                kinds[name] = "categorical"
    for name in zero_missing:
        df.loc[df[name] == 0, name] = np.nan
    for name, kind in kinds.items():
        if kind == "categorical" and name != target:
            counts = df[name].value_counts()
            rare = counts.index[counts <= args.rare_threshold]
            if len(rare) > 0:
                df.loc[df[name].isin(rare), name] = "Other"
    lap("clean")

    # Impute: leave out mostly-missing predictors, fill the rest.
    rows = len(df)
    left_out = {n for n, k in kinds.items() if k in ("empty", "identifier") or (k == "date" and n != args.trend)}
    left_out |= {n for n, k in kinds.items() if k in ("numeric", "binary", "categorical") and df[n].nunique() <= 1}
    modelled = [n for n in df.columns if n not in left_out and n != target and n != args.trend]
    left_out |= {n for n in modelled if df[n].isna().sum() > args.max_missing_share * rows}
    modelled = [n for n in modelled if n not in left_out]
    df[[target]] = SimpleImputer(strategy="most_frequent").fit_transform(df[[target]])
    numeric = [n for n in modelled if kinds[n] in ("numeric", "binary")]
    text = [n for n in modelled if kinds[n] == "categorical"]
    if numeric:
        df[numeric] = SimpleImputer(strategy="mean").fit_transform(df[numeric])
    for name in text:
        if df[name].isna().any():
            df[name] = df[name].fillna(df[name].value_counts().sort_index(kind="stable").idxmax())
    lap("impute")

    # Encode: treatment coding in place, the trend last.
    parts = []
    for name in modelled:
        if kinds[name] == "categorical":
            levels = sorted(df[name].unique())
            reference = next((level for level in levels if level != "Other"), levels[0])
            codes = pd.Categorical(df[name], categories=levels)
            dummies = pd.get_dummies(codes, prefix=name, prefix_sep="_", dtype=np.float64)
            parts.append(dummies.drop(columns=f"{name}_{reference}"))
        else:
            parts.append(df[[name]].astype(np.float64))
    if args.trend is not None:
        dates = df[args.trend]
        days = ((dates - dates.min()) / pd.Timedelta(days=1)).round()
        parts.append(days.fillna(days.mean()).rename(f"Days since first ({args.trend})").to_frame())
    design = pd.concat([p.reset_index(drop=True) for p in parts], axis=1)
    x_all = design.to_numpy(dtype=np.float64)
    names = list(design.columns)
    lap("encode")

    # Split, transforms on the training rows, OLS with its statistics, held-out error.
    n = x_all.shape[0]
    target_values = df[target].to_numpy(dtype=np.float64)
    order = seeded_shuffle(n, args.seed)
    x = x_all[order]
    y = np.log1p(target_values[order])
    raw_y = target_values[order]
    test = int(np.floor(args.test_fraction * n))
    non_negative = (x >= 0).all(axis=0)
    transform = ArticleTransform(non_negative).fit(x[test:])
    xt = sm.add_constant(transform.transform(x[test:]), has_constant="add")
    fit = sm.OLS(y[test:], xt).fit()
    ci = fit.conf_int(0.05)
    stats = (fit.bse, fit.tvalues, fit.pvalues, fit.rsquared, fit.rsquared_adj, fit.fvalue, fit.f_pvalue)
    condition = fit.condition_number
    vif = np.diag(np.linalg.inv(np.corrcoef(xt[:, 1:], rowvar=False)))
    result = {}
    if test > 0:
        predicted = fit.predict(sm.add_constant(transform.transform(x[:test]), has_constant="add"))
        result["testRmseLog"] = float(np.sqrt(np.mean((y[:test] - predicted) ** 2)))
        followers = np.expm1(predicted)
        result["testRmseFollowers"] = float(np.sqrt(np.mean((raw_y[:test] - followers) ** 2)))
        result["testMaeFollowers"] = float(np.mean(np.abs(raw_y[:test] - followers)))
    lap("fit")

    # 5-fold CV on the training rows, TikFit's contiguous folds.
    train = n - test
    fold_of = np.empty(train, dtype=np.int64)
    for f in range(args.folds):
        fold_of[(f * train) // args.folds : ((f + 1) * train) // args.folds] = f
    pipeline = Pipeline([("transform", ArticleTransform(non_negative)), ("ols", LinearRegression())])
    scores = -cross_val_score(
        pipeline, x[test:], y[test:], cv=PredefinedSplit(fold_of), scoring="neg_root_mean_squared_error"
    )
    lap("cv")

    timings["total"] = sum(timings.values())
    timings["cpu"] = (time.process_time() - cpu_start) * 1e3
    print(
        json.dumps(
            {
                "timingsMs": timings,
                "rows": {"modeled": n, "train": train, "test": test},
                "terms": len(names) + 1,
                "coefficients": [
                    {"name": name, "estimate": float(b), "stdError": float(se)}
                    for name, b, se in zip(["Intercept"] + names, fit.params, stats[0])
                ],
                "rSquared": float(fit.rsquared),
                "conditionNumber": float(condition),
                "maxVif": float(vif.max()),
                "cv": {"mean": float(scores.mean()), "sd": float(scores.std(ddof=1))},
                **result,
                "maxRssMB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            }
        )
    )


if __name__ == "__main__":
    main()
