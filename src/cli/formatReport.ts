import type { OlsResults } from '../core/model/olsResults';
import type { GlmResults } from '../core/model/glmResults';

/** Significance marks as R prints them. */
export function significanceMark(p: number): string {
  if (!(p >= 0)) return '';
  if (p < 0.001) return '***';
  if (p < 0.01) return '**';
  if (p < 0.05) return '*';
  if (p < 0.1) return '.';
  return '';
}

/** A number with `digits` significant digits, exponent notation when very large or small, "NA" when undefined. */
export function formatNumber(value: number, digits = 4): string {
  if (!Number.isFinite(value)) return 'NA';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e6 || magnitude < 1e-4) return value.toExponential(digits - 1).replace(/e\+?/, 'e');
  return Number(value.toPrecision(digits)).toString();
}

/**
 * A p-value: three significant digits, and exponent notation below 0.0001 (never rounded to zero). One that
 * underflows — below 1e-300, where doubles are subnormal or 0 — reads `< 1e-300`: it is tiny, not zero (issue 13).
 */
export function formatPValue(p: number): string {
  if (!Number.isFinite(p)) return 'NA';
  if (p < 1e-300) return '< 1e-300';
  return p < 1e-4 ? p.toExponential(2).replace(/e\+?/, 'e') : Number(p.toPrecision(3)).toString();
}

/** Pads each column of a table of strings to a common width: text left-aligned in column 0, numbers right-aligned. */
export function alignTable(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, j) => (widths[j] = Math.max(widths[j] ?? 0, [...cell].length)));
  return rows.map((row) =>
    row
      .map((cell, j) => {
        const pad = ' '.repeat((widths[j] as number) - [...cell].length);
        return j === 0 || j === row.length - 1 ? cell + pad : pad + cell;
      })
      .join('  ')
      .trimEnd(),
  );
}

/**
 * A readable report of a fit in the manner of R's summary(lm): coefficient table with significance marks and
 * confidence intervals, the model statistics, and the warnings.
 */
export function formatFitReport(results: OlsResults): string {
  const { design } = results;
  const lines: string[] = [];
  const response = design.logTarget ? `log1p(${design.target})` : design.target;
  lines.push(`Linear regression of ${response}${design.hasIntercept ? '' : ' (no intercept)'}`);
  lines.push(
    `Rows used: ${results.n} of ${design.inputRows}${design.rowsDropped > 0 ? ` (${design.rowsDropped} left out for missing values)` : ''}`,
  );
  const errors = results.standardErrorKind === 'hc3' ? ' (HC3 robust standard errors)' : '';
  lines.push('', `Coefficients${errors}:`);
  lines.push(...formatCoefficientTable(results));
  lines.push('');
  lines.push(
    `Residual standard error: ${formatNumber(results.residualStdError)} on ${results.dfResidual} degrees of freedom`,
  );
  lines.push(
    `R-squared: ${formatNumber(results.rSquared)}${design.hasIntercept ? '' : ' (uncentred)'},  adjusted R-squared: ${formatNumber(results.adjRSquared)}`,
  );
  if (Number.isFinite(results.fStatistic)) {
    const name = results.fTest === 'hc3Wald' ? 'Wald F-statistic (HC3 covariance)' : 'F-statistic';
    lines.push(
      `${name}: ${formatNumber(results.fStatistic)} on ${results.fNumeratorDf} and ${results.dfResidual} DF,  p-value: ${formatPValue(results.fPValue)}`,
    );
  }
  const textVif = results.generalizedVif.filter((g) => g.df > 1);
  if (textVif.length > 0) {
    const parts = textVif.map(
      (g) => `${g.column} ${formatNumber(g.gvif, 3)} (${g.df} df; GVIF^(1/(2·Df)) ${formatNumber(g.gvifScaled, 3)})`,
    );
    lines.push(`Variance inflation of text columns (GVIF, as car::vif): ${parts.join(', ')}`);
  }
  lines.push(
    `Log-likelihood: ${formatNumber(results.logLikelihood, 6)},  AIC: ${formatNumber(results.aic, 6)},  BIC: ${formatNumber(results.bic, 6)}`,
  );
  lines.push(`Condition number (columns scaled to unit length): ${formatNumber(results.conditionNumber, 3)}`);
  if (design.logTarget) {
    lines.push(
      '',
      `The response is log1p(${design.target}): the residual standard error is on that log scale, not in ${design.target}.`,
    );
  }
  const warnings = results.warnings;
  if (warnings.length > 0) lines.push('', 'Warnings:', ...warnings.map((w) => `- ${w}`));
  return lines.join('\n');
}

/** How the coefficient table writes its numbers; `tikfit run` passes the results sheet's rules (readableNumbers.ts). */
export interface TableNumbers {
  estimate: (value: number) => string;
  pValue: (p: number) => string;
}

/**
 * The coefficient table of a fit as aligned lines, R-style, with significance marks and their legend: least squares'
 * t tests, interval and VIF, or a count model's z tests and exp(estimate) — the factor on the expected count — with
 * its interval. `label` can decorate term names (the pipeline marks transformed predictors).
 */
export function formatCoefficientTable(
  results: OlsResults | GlmResults,
  label: (name: string) => string = (name) => name,
  numbers: TableNumbers = { estimate: (value) => formatNumber(value), pValue: formatPValue },
): string[] {
  const percent = `${Number((results.level * 100).toPrecision(6))}%`;
  const table: string[][] = [
    'fit' in results
      ? ['', 'Estimate', 'Std. Error', 'z value', 'Pr(>|z|)', '', 'exp(Estimate)', `${percent} CI low`, 'CI high']
      : ['', 'Estimate', 'Std. Error', 't value', 'Pr(>|t|)', '', `${percent} CI low`, 'CI high', 'VIF'],
  ];
  for (const c of results.coefficients) {
    if (c.aliased) {
      table.push([label(c.name), 'aliased', '', '', '', '', '', '', '']);
      continue;
    }
    const tail =
      'expEstimate' in c
        ? [c.expEstimate, c.expCiLower, c.expCiUpper].map(numbers.estimate)
        : [
            numbers.estimate(c.ciLower),
            numbers.estimate(c.ciUpper),
            Number.isFinite(c.vif) ? formatNumber(c.vif, 3) : '',
          ];
    table.push([
      label(c.name),
      numbers.estimate(c.estimate),
      numbers.estimate(c.stdError),
      formatNumber('zStat' in c ? c.zStat : c.tStat, 3),
      numbers.pValue(c.pValue),
      significanceMark(c.pValue).padEnd(3), // the marks stay left-aligned next to the p-value
      ...tail,
    ]);
  }
  return [...alignTable(table), '---', "Signif. codes:  0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1 ' ' 1"];
}

/**
 * A readable report of a count model in the manner of R's summary(glm) and MASS's summary(glm.nb): the coefficient
 * table on the log scale with z tests, exp(estimate) — the factor on the expected count — with its Wald interval, the
 * deviances, AIC, θ for the negative binomial, and the warnings. Cost: O(terms).
 */
export function formatGlmReport(results: GlmResults, offsetColumn?: string): string {
  const { design } = results;
  const lines: string[] = [];
  const kind = results.model === 'nb' ? 'Negative binomial' : 'Poisson';
  lines.push(`${kind} regression of ${design.target} (log link)${design.hasIntercept ? '' : ', no intercept'}`);
  lines.push(
    `Rows used: ${results.n} of ${design.inputRows}${design.rowsDropped > 0 ? ` (${design.rowsDropped} left out for missing values)` : ''}`,
  );
  if (offsetColumn !== undefined)
    lines.push(`Offset: log(${offsetColumn}), so the model explains ${design.target} per ${offsetColumn}`);
  lines.push('', 'Coefficients (exp(Estimate) is the factor on the expected count):');
  lines.push(...formatCoefficientTable(results), '');
  lines.push(`Null deviance: ${formatNumber(results.nullDeviance, 6)} on ${results.dfNull} degrees of freedom`);
  lines.push(`Residual deviance: ${formatNumber(results.deviance, 6)} on ${results.dfResidual} degrees of freedom`);
  lines.push(
    `Log-likelihood: ${formatNumber(results.logLikelihood, 6)},  AIC: ${formatNumber(results.aic, 6)},  BIC: ${formatNumber(results.bic, 6)}`,
  );
  if (results.model === 'nb')
    lines.push(
      `Theta: ${formatNumber(results.theta, 6)},  std. error: ${formatNumber(results.thetaStdError, 4)}  (variance μ + μ²/θ)`,
    );
  lines.push(`Iterations: ${results.iterations}${results.converged ? '' : ' (did not converge)'}`);
  const warnings = results.warnings;
  if (warnings.length > 0) lines.push('', 'Warnings:', ...warnings.map((w) => `- ${w}`));
  return lines.join('\n');
}
