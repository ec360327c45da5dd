// The count models' bench section (issue 13): Poisson and negative binomial on the same seeded 100,000 × 30 CSV,
// fitted by TikFit (bench/glm-one.mjs, its own process) and by statsmodels (bench/peers/glm_statsmodels.py), with
// the targets as ratios. bench/run.mjs runs it last, or alone with `node bench/run.mjs --glm`.
import { join } from 'node:path';
import { fitPeerUnavailable, runJson } from './fitKernel.mjs';
import { pythonEnv } from './peer.mjs';
import { fmt, median, outDir, projectRoot, table } from './util.mjs';

const python = '/usr/bin/python3';
const peerScript = join(projectRoot, 'bench/peers/glm_statsmodels.py');

/** Prints the section: a table of fit times, the fits' agreement, and one target line per model. */
export function glmSection({ n = 1e5, p = 30, runs = 3, rounds = 3 } = {}) {
  const size = `${n.toLocaleString('en-US')}×${p}`;
  const csv = join(outDir, `glm-${n}x${p}.csv`);
  // The machine is shared: the two tools' children alternate, `rounds` times, and the ratio is of the medians of
  // every fit each made.
  const reason = fitPeerUnavailable();
  const ours = { poisson: { fitMs: [] }, nb: { fitMs: [] } };
  const peer = reason === null ? { poisson: { fitMs: [] }, nb: { fitMs: [] } } : null;
  const collect = (into, child) => {
    for (const key of ['poisson', 'nb']) {
      const { fitMs, ...rest } = child[key];
      Object.assign(into[key], rest);
      into[key].fitMs.push(...fitMs);
    }
  };
  for (let round = 0; round < rounds; round++) {
    const glmOne = [join(projectRoot, 'bench/glm-one.mjs'), String(n), String(p), String(runs), csv];
    const child = runJson(process.execPath, ['--expose-gc', ...glmOne], process.env);
    ours.prepareMs = child.prepareMs;
    collect(ours, child);
    if (peer !== null) collect(peer, runJson(python, [peerScript, csv, String(runs)], pythonEnv()));
  }
  console.log(
    `\nCount models: ${size} seeded negative-binomial counts (θ = 1.5, intercept + ${p - 1} predictors), the same CSV ` +
      `for both tools; fit medians of ${rounds} × ${runs} runs, the tools alternating\n`,
  );
  const models = [
    ['poisson', 'Poisson (IRLS)', 'statsmodels GLM(Poisson)'],
    ['nb', 'negative binomial (θ by ML)', 'statsmodels NegativeBinomial(nb2)'],
  ];
  const rows = models.map(([key, label, peerLabel]) => {
    const mine = ours[key];
    const theirs = peer?.[key];
    const ratio = theirs ? median(mine.fitMs) / median(theirs.fitMs) : NaN;
    return [
      label,
      fmt(median(mine.fitMs)),
      theirs ? fmt(median(theirs.fitMs)) : '—',
      theirs ? fmt(ratio, 2) : '—',
      key === 'nb' ? `${mine.theta.toPrecision(6)} / ${theirs ? theirs.theta.toPrecision(6) : '—'}` : '',
      theirs ? (Math.abs(mine.b1 - theirs.b1) / Math.abs(theirs.b1)).toExponential(1) : '—',
      peerLabel,
    ];
  });
  console.log(
    table(
      ['model', 'tikfit fit ms', 'statsmodels fit ms', 'ratio', 'θ tikfit / statsmodels', 'x1 rel. diff', 'peer'],
      rows,
    ),
  );
  console.log(
    `\ntikfit fit = fitGlm(design, { model }).toJSON(): IRLS as R's glm.fit, the negative binomial's θ by MASS::glm.nb's` +
      ' alternation, and every statistic (SE, z, p, intervals, deviances, AIC, BIC); the design is built beforehand' +
      ` (prepare ${fmt(ours.prepareMs)} ms, not in the ratio).`,
  );
  console.log(
    'statsmodels Poisson = GLM(y, X, Poisson()).fit() (IRLS) + bse, z, p, conf_int, deviance, null_deviance (a second' +
      ' fit), llf, aic; negative binomial = discrete NegativeBinomial(y, X, nb2).fit() (β and α = 1/θ by joint' +
      ' maximum likelihood, BFGS from a Poisson fit: the same estimator as glm.nb) + bse, z, p, conf_int, llf, aic.' +
      ' Arrays in memory before the clock starts for both.',
  );
  for (const [k, [, label]] of models.entries()) {
    const target = `target: ${label} fit(${size}) ≤ statsmodels`;
    if (peer === null) console.log(`${target}: SKIPPED (${reason})`);
    else {
      const ratio = Number(rows[k][3]);
      console.log(`${target}: ${ratio <= 1 ? 'PASS' : 'FAIL'} (ratio ${rows[k][3]})`);
    }
  }
}
