# Whole-process peer of `tikfit fit FILE --target y --json`: data.table::fread, then lm(y ~ .) and summary() (SE, t,
# p, R^2, F). Prints one JSON line: loadMs (library(data.table)), readMs, fitMs, b1 (x1's estimate).
# Usage: Rscript fit_fread_lm.R FILE.csv
t0 <- proc.time()[["elapsed"]]
suppressPackageStartupMessages(library(data.table))
t1 <- proc.time()[["elapsed"]]
df <- fread(commandArgs(trailingOnly = TRUE)[1])
t2 <- proc.time()[["elapsed"]]
fit <- lm(y ~ ., data = df)
s <- summary(fit)
t3 <- proc.time()[["elapsed"]]
cat(sprintf('{"loadMs": %.1f, "readMs": %.1f, "fitMs": %.1f, "b1": %.17g}\n', (t1 - t0) * 1e3, (t2 - t1) * 1e3,
            (t3 - t2) * 1e3, coef(fit)[["x1"]]))
