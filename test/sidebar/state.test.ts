import type { ColumnSummary, ModelReport, ModelSummary, ProfileReport } from '../../src/addon/api';
import {
  NO_TREND,
  NUMBER_RULES,
  displayRole,
  formatFollowers,
  isModelReport,
  leftOutLine,
  optionsForProfile,
  optionsFromSettings,
  parseNumberInput,
  straysLine,
  targetChoices,
  toggled,
  trendChoices,
  undoSummary,
  withTarget,
  withTrend,
  answerSource,
  chartCaption,
  chartTerms,
  keyNumbers,
  MAX_CHART_TERMS,
  missingTargetChoice,
  moreFindingsLabel,
  warningsLabel,
  withMissingTarget,
  MODEL_LABELS,
  modelChoice,
  modelChoices,
  modelHint,
  withModel,
  NO_EXPOSURE,
  exposureChoices,
  withExposure,
} from '../../sidebar/state';
import { MODELS } from '../../src/core/options';

function column(
  name: string,
  kind: ColumnSummary['kind'],
  role: ColumnSummary['role'],
  extra: Partial<ColumnSummary> = {},
): ColumnSummary {
  return {
    name,
    kind,
    role,
    missing: 0,
    zeros: 0,
    distinct: 3,
    levels: [],
    rareLevels: [],
    zerosLookMissing: false,
    strays: [],
    ...extra,
  };
}

const DATE_REASON = 'dates are not a predictor; choose it as the trend to use days since the first video';

/** A profile as getProfile returns it, of these columns, made with `settings` (over the defaults). */
function profileOf(
  columns: ColumnSummary[],
  settings: Partial<ProfileReport['settings']> = {},
  suggestedTarget: string | null = null,
): ProfileReport {
  return {
    sheetName: 'Sheet1',
    rows: 10,
    columns,
    merges: [],
    suggestions: [],
    notes: [],
    settings: {
      target: '',
      seed: 42,
      testFraction: 0.2,
      folds: 5,
      rareThreshold: 5,
      rare: 'lump',
      zeroMissing: [],
      level: 0.95,
      ...settings,
    },
    suggestedTarget,
    undo: [],
    dataFingerprint: 'f',
    resultsFingerprint: null,
    stale: false,
    lastModel: null,
  };
}

/** The YouTube Shorts log's profile (test/fixtures/creators/youtube-shorts.csv), before Encode. */
const shorts = [
  column('Upload date', 'date', 'ignored', { leftOut: DATE_REASON }),
  column('Title', 'identifier', 'ignored', { leftOut: 'mostly distinct text, such as a title' }),
  column('Views', 'numeric', 'numeric', { strays: [{ row: 67, text: '1O24' }] }),
  column('Likes', 'numeric', 'numeric'),
  column('Topic', 'categorical', 'categorical'),
  column('Subscribers gained', 'numeric', 'target'),
];

describe('roles and options', () => {
  test('displayRole follows the options being edited', () => {
    const views = column('views', 'numeric', 'numeric');
    expect(displayRole(views, {})).toBe('numeric');
    expect(displayRole(views, { target: 'views' })).toBe('target');
    expect(displayRole(views, { exclude: ['views'] })).toBe('ignored');
    expect(displayRole(views, { target: 'views', exclude: ['views'] })).toBe('target');
    // The server said target / ignored, but the user has changed that since: the kind decides.
    expect(displayRole(column('y', 'numeric', 'target'), { target: 'views' })).toBe('numeric');
    expect(displayRole(column('cat', 'categorical', 'ignored'), { exclude: [] })).toBe('categorical');
    expect(displayRole(column('id', 'identifier', 'ignored'), {})).toBe('ignored');
  });

  test('a date column shows as "date", or "trend" once chosen as the trend, whatever the server said', () => {
    const date = shorts[0] as ColumnSummary;
    expect(displayRole(date, {})).toBe('date');
    expect(displayRole(date, { trend: 'Upload date' })).toBe('trend');
    expect(displayRole(date, { exclude: ['Upload date'] })).toBe('date');
  });

  test('a column the server left out for what it is stays ignored; one the saved settings excluded follows the edit', () => {
    const title = shorts[1] as ColumnSummary;
    expect(displayRole(title, {}, {})).toBe('ignored');
    const constant = column('Promo', 'numeric', 'ignored', { leftOut: 'the same value in every row' });
    expect(displayRole(constant, { exclude: [] }, { exclude: [] })).toBe('ignored');
    // Excluded when the profile was made, no longer excluded in the options being edited: its kind decides.
    const unticked = column('Likes', 'numeric', 'ignored', { leftOut: 'left out at your request' });
    expect(displayRole(unticked, { exclude: [] }, { exclude: ['Likes'] })).toBe('numeric');
  });

  test('toggled and withTarget', () => {
    expect(toggled(undefined, 'a', true)).toEqual(['a']);
    expect(toggled(['a', 'b'], 'a', true)).toEqual(['b', 'a']);
    expect(toggled(['a', 'b'], 'a', false)).toEqual(['b']);
    expect(withTarget({ target: 'y', exclude: ['x', 'z'] }, 'x')).toEqual({ target: 'x', exclude: ['z'] });
    expect(withTarget({ target: 'y' }, 'x')).toEqual({ target: 'x' });
  });

  test('optionsFromSettings copies and drops nulls', () => {
    const settings = {
      target: 'y',
      seed: 1,
      testFraction: 0.2,
      folds: 5,
      rareThreshold: 5,
      rare: 'drop',
      zeroMissing: ['y'],
      level: 0.95,
      include: null,
    } as unknown as ProfileReport['settings'];
    const options = optionsFromSettings(settings);
    expect(options).toEqual({
      target: 'y',
      seed: 1,
      testFraction: 0.2,
      folds: 5,
      rareThreshold: 5,
      rare: 'drop',
      zeroMissing: ['y'],
      level: 0.95,
    });
    options.zeroMissing?.push('x');
    expect(settings.zeroMissing).toEqual(['y']);
  });

  test('targetChoices lists numeric columns and keeps the current target', () => {
    const profile = {
      columns: [
        column('a', 'numeric', 'numeric'),
        column('b', 'categorical', 'categorical'),
        column('c', 'binary', 'binary'),
      ],
    } as ProfileReport;
    expect(targetChoices(profile, 'a')).toEqual(['a']);
    expect(targetChoices(profile, 'b')).toEqual(['a', 'b']);
    expect(targetChoices(profile, 'gone')).toEqual(['gone', 'a']);
  });

  test('trendChoices: None, then every date column; withTrend sets or removes it', () => {
    expect(trendChoices(profileOf(shorts))).toEqual([
      { value: NO_TREND, label: 'None' },
      { value: 'Upload date', label: 'Upload date' },
    ]);
    expect(trendChoices(profileOf(shorts.slice(1)))).toEqual([{ value: NO_TREND, label: 'None' }]);
    expect(withTrend({ target: 'y' }, 'Upload date')).toEqual({ target: 'y', trend: 'Upload date' });
    expect(withTrend({ target: 'y', exclude: ['Upload date', 'Likes'] }, 'Upload date')).toEqual({
      target: 'y',
      trend: 'Upload date',
      exclude: ['Likes'],
    });
    const none = withTrend({ target: 'y', trend: 'Upload date' }, NO_TREND);
    expect(none).toEqual({ target: 'y' });
    expect('trend' in none).toBe(false);
  });

  test('parseNumberInput checks the ranges the server checks (core/options.ts)', () => {
    expect(parseNumberInput(' 42 ', NUMBER_RULES.seed)).toBe(42);
    expect(parseNumberInput('-5', NUMBER_RULES.seed)).toBe(-5);
    expect(parseNumberInput('1.5', NUMBER_RULES.seed)).toEqual({
      error: 'Seed must be a whole number from -2147483648 to 2147483647, got 1.5',
    });
    expect(parseNumberInput('', NUMBER_RULES.seed)).toEqual({
      error: 'Seed must be a whole number from -2147483648 to 2147483647',
    });
    expect(parseNumberInput('0.25', NUMBER_RULES.testFraction)).toBe(0.25);
    expect(parseNumberInput('0.97', NUMBER_RULES.testFraction)).toBe(0.97);
    expect(parseNumberInput('1', NUMBER_RULES.testFraction)).toEqual({
      error: 'Test fraction must be a number at least 0 and below 1, got 1',
    });
    expect(parseNumberInput('-1', NUMBER_RULES.folds)).toEqual({
      error: 'Folds must be a whole number from 0 to 100, got -1',
    });
    expect(parseNumberInput('Infinity', NUMBER_RULES.rareThreshold)).toEqual({
      error: 'Rare threshold must be a whole number from 0 to 1000000000',
    });
  });
});

describe('why a column is not in the model, and its cells that are not numbers', () => {
  const options = { target: 'Subscribers gained' };

  test("leftOutLine gives the server's reason, and follows the options being edited", () => {
    const [date, title, views, likes] = shorts as [ColumnSummary, ColumnSummary, ColumnSummary, ColumnSummary];
    expect(leftOutLine(title, options, options)).toBe('Not in the model: mostly distinct text, such as a title');
    expect(leftOutLine(date, options, options)).toBe(`Not in the model: ${DATE_REASON}`);
    expect(leftOutLine(date, { ...options, trend: 'Upload date' }, options)).toBeNull();
    // The server said nothing about the trend it was using; once the trend is None the reason is still given.
    expect(leftOutLine({ ...date, leftOut: undefined }, options, options)).toBe(`Not in the model: ${DATE_REASON}`);
    expect(leftOutLine(views, options, options)).toBeNull();
    expect(leftOutLine(views, { ...options, exclude: ['Views'] }, options)).toBe(
      'Not in the model: left out at your request',
    );
    expect(
      leftOutLine({ ...likes, role: 'ignored', leftOut: 'left out at your request' }, options, {
        ...options,
        exclude: ['Likes'],
      }),
    ).toBeNull();
    expect(leftOutLine(views, { target: 'Views' }, options)).toBeNull();
  });

  test('straysLine counts the cells, quotes at most three, and says they are treated as missing', () => {
    const views = shorts[2] as ColumnSummary;
    expect(straysLine(shorts[3] as ColumnSummary)).toBeNull();
    expect(straysLine(views)).toBe('1 cell is not a number (row 67: "1O24") — treated as missing');
    const four = [
      { row: 67, text: '1O24' },
      { row: 70, text: 'n/a' },
      { row: 81, text: '—' },
      { row: 90, text: 'x' },
    ];
    expect(straysLine({ ...views, strays: four })).toBe(
      '4 cells are not numbers (row 67: "1O24", row 70: "n/a", row 81: "—", …) — treated as missing',
    );
    expect(straysLine({ ...views, strays: four.slice(0, 2) })).toBe(
      '2 cells are not numbers (row 67: "1O24", row 70: "n/a") — treated as missing',
    );
    expect(straysLine({ ...(shorts[0] as ColumnSummary), strays: [{ row: 5, text: 'soon' }] })).toBe(
      '1 cell is not a date (row 5: "soon") — treated as missing',
    );
    // The server sends at most 20; the line does not claim exactly 20.
    const many = Array.from({ length: 20 }, (_, i) => ({ row: i + 2, text: `bad ${i}` }));
    expect(straysLine({ ...views, strays: many })).toMatch(
      /^20 or more cells are not numbers \(row 2: "bad 0", row 3: "bad 1", row 4: "bad 2", …\)/,
    );
    // A long cell is cut.
    const long = straysLine({ ...views, strays: [{ row: 9, text: 'see the comment in the column next to this one' }] });
    expect(long).toBe('1 cell is not a number (row 9: "see the comment in the…") — treated as missing');
  });
});

describe('options fitted to a new profile', () => {
  test('keep what names columns the sheet has, exactly', () => {
    const options = {
      target: 'Subscribers gained',
      trend: 'Upload date',
      exclude: ['Likes'],
      zeroMissing: ['Views'],
      seed: 7,
      rare: 'drop' as const,
      impute: { Views: 'median' as const },
    };
    const fitted = optionsForProfile(options, profileOf(shorts, { target: 'Subscribers gained' }));
    expect(fitted).toEqual(options);
    expect(fitted).not.toBe(options);
  });

  test('after Encode replaced Topic by its dummies, Topic is no longer sent', () => {
    const encoded = [
      ...shorts.filter((c) => c.name !== 'Topic'),
      column('Topic_review', 'binary', 'binary'),
      column('Topic_vlog', 'binary', 'binary'),
    ];
    const options = {
      target: 'Subscribers gained',
      exclude: ['Topic', 'Likes'],
      include: ['Topic'],
      zeroMissing: ['Topic', 'Views'],
      impute: { Topic: 'mode' as const, Views: 'mean' as const },
    };
    const before = JSON.stringify(options);
    expect(optionsForProfile(options, profileOf(encoded, { target: 'Subscribers gained' }))).toEqual({
      target: 'Subscribers gained',
      exclude: ['Likes'],
      include: [],
      zeroMissing: ['Views'],
      impute: { Views: 'mean' },
    });
    expect(JSON.stringify(options)).toBe(before);
  });

  test("a target that is gone becomes the profile's: the saved one, else the guess, else none", () => {
    const renamed = shorts.map((c) => (c.name === 'Subscribers gained' ? { ...c, name: 'Subs' } : c));
    expect(optionsForProfile({ target: 'Subscribers gained' }, profileOf(renamed, { target: 'Subs' }, 'Subs'))).toEqual(
      { target: 'Subs' },
    );
    expect(
      optionsForProfile({ target: 'Subscribers gained' }, profileOf(renamed, { target: 'Gone too' }, 'Likes')),
    ).toEqual({ target: 'Likes' });
    expect(optionsForProfile({}, profileOf(renamed, { target: 'Subs' }, 'Subs'))).toEqual({ target: 'Subs' });
    // A sheet with no numeric column: the server's target is '' and no target is sent (the server refuses '').
    const text = [column('Title', 'identifier', 'ignored')];
    expect(optionsForProfile({ target: 'Subscribers gained', seed: 1 }, profileOf(text, { target: '' }))).toEqual({
      seed: 1,
    });
    expect(optionsForProfile({ target: '' }, profileOf(text, { target: '' }))).toEqual({});
  });

  test('a trend that is gone, or no longer holds dates, is removed', () => {
    expect(optionsForProfile({ target: 'Likes', trend: 'Posted' }, profileOf(shorts, { target: 'Likes' }))).toEqual({
      target: 'Likes',
    });
    const asText = shorts.map((c) =>
      c.name === 'Upload date' ? { ...c, kind: 'categorical' as const, role: 'categorical' as const } : c,
    );
    expect(
      optionsForProfile({ target: 'Likes', trend: 'Upload date' }, profileOf(asText, { target: 'Likes' })),
    ).toEqual({ target: 'Likes' });
  });
});

/** A model's answer as the server sends it. */
function summaryOf(extra: Partial<ModelSummary> = {}): ModelSummary {
  return {
    sheetName: 'Sheet1',
    at: '2025-01-06T14:03:22.000Z',
    target: 'newFollowers',
    level: 0.95,
    caveat: null,
    findings: ['a', 'b', 'c', 'd', 'e', 'f'],
    warnings: ['w1', 'w2'],
    n: 96,
    rSquared: 0.81234,
    adjRSquared: null,
    evaluation: {
      testRmseLog: 0.6123,
      testRmseFollowers: 142.6,
      testMaeFollowers: 9.84,
      cvRmseLog: { mean: 0.64, sd: 0.0523, folds: 5 },
    },
    terms: [],
    omitted: { terms: 0, findings: 0, warnings: 0 },
    ...extra,
  };
}

describe('the answer', () => {
  const summary = summaryOf();
  const report: ModelReport = {
    step: 'model',
    message: 'ok',
    rows: 10,
    columns: 3,
    details: null,
    undoAvailable: 1,
    summary,
    resultsSheet: 'TikFit Results',
    n: 96,
    rSquared: 0.81234,
    adjRSquared: null,
    findings: [],
    warnings: [],
    evaluation: summary.evaluation,
  };

  test("three numbers: R², the typical error in the target's units, the rows used; a dash for undefined", () => {
    expect(keyNumbers(summary)).toEqual([
      { label: 'R²', value: '0.812' },
      { label: 'Typical error (newFollowers)', value: '±143' },
      { label: 'Rows used', value: '96' },
    ]);
    expect(
      keyNumbers(summaryOf({ rSquared: null, evaluation: { ...summary.evaluation, testRmseFollowers: null } })).map(
        (n) => n.value,
      ),
    ).toEqual(['—', '—', '96']);
    expect(formatFollowers(null)).toBe('—');
    expect(isModelReport(report)).toBe(true);
    expect(isModelReport({ step: 'clean' })).toBe(false);
  });

  test("the chart draws every term, or the 16 clearest in the model's order, and its caption says so", () => {
    const terms = Array.from({ length: 20 }, (_, i) => ({
      name: `t${i}`,
      estimate: i,
      low: i - 1,
      high: i + 1,
      p: i % 2 === 0 ? 0.5 + i / 100 : 0.001 * i,
    }));
    expect(chartTerms(terms.slice(0, 5))).toEqual(terms.slice(0, 5));
    const shown = chartTerms(terms);
    expect(shown).toHaveLength(MAX_CHART_TERMS);
    // The odd terms (small p) all stay, and the four least clear even ones (largest p: t18, t16, t14, t12) go.
    expect(shown.map((t) => t.name)).toEqual(terms.filter((t, i) => i % 2 === 1 || i < 12).map((t) => t.name));
    expect(chartCaption(summaryOf({ terms }))).toBe(
      "Estimates (dots) with 95% intervals, on the model's scale; blue: p < 0.05. The 16 clearest of 20 terms.",
    );
    expect(
      chartCaption(summaryOf({ terms: terms.slice(0, 3), omitted: { terms: 2, findings: 0, warnings: 0 } })),
    ).toMatch(/The 3 clearest of 5 terms\.$/);
  });

  test('labels: more findings, warnings with those the record left out, where the answer came from', () => {
    expect(moreFindingsLabel(1)).toBe('1 more finding');
    expect(moreFindingsLabel(3)).toBe('3 more findings');
    expect(warningsLabel(summaryOf({ omitted: { terms: 0, findings: 0, warnings: 4 } }))).toBe('Warnings (6)');
    expect(answerSource(summary, 'TikFit Results')).toMatch(
      /^Fitted on “Sheet1”, 2025-01-0\d \d\d:\d\d\. Full report and charts: sheet “TikFit Results”\.$/,
    );
  });

  test('"Missing target": drop the target\'s missing rows, or fill them in as the recipe does', () => {
    expect(missingTargetChoice({}, 'newFollowers')).toBe('fill');
    const dropped = withMissingTarget({ impute: { views: 'mean' } }, 'newFollowers', 'drop');
    expect(dropped).toEqual({ impute: { views: 'mean', newFollowers: 'drop' } });
    expect(missingTargetChoice(dropped, 'newFollowers')).toBe('drop');
    expect(withMissingTarget(dropped, 'newFollowers', 'fill')).toEqual({ impute: { views: 'mean' } });
    expect(withMissingTarget({ impute: { newFollowers: 'drop' } }, 'newFollowers', 'fill')).toEqual({});
    expect(withMissingTarget({ seed: 1 }, undefined, 'drop')).toEqual({ seed: 1 });
  });

  test('undo summary', () => {
    expect(undoSummary([])).toBe('Nothing to undo.');
    expect(
      undoSummary([
        { step: 'encode', sheetName: 'S', at: 'now' },
        { step: 'clean', sheetName: 'S', at: 'then' },
      ]),
    ).toBe('2 snapshots; undo restores the sheet from before “encode”.');
  });
});

describe('the model', () => {
  test('the Model select offers the models core/options.ts has, least squares first, then the count models', () => {
    expect(modelChoices()).toEqual([
      { value: 'ols', label: 'Least squares (log of the count)' },
      { value: 'nb', label: 'Counts: negative binomial' },
      { value: 'poisson', label: 'Counts: Poisson' },
    ]);
    expect(
      modelChoices()
        .map((c) => c.value)
        .sort(),
    ).toEqual([...MODELS].sort());
  });

  test('choosing a model sends it; without a choice the default is least squares; a bad value changes nothing', () => {
    expect(modelChoice({})).toBe('ols');
    const nb = withModel({ target: 'Subscribers gained' }, 'nb');
    expect(nb).toEqual({ target: 'Subscribers gained', model: 'nb' });
    expect(modelChoice(nb)).toBe('nb');
    expect(withModel(nb, 'poisson').model).toBe('poisson');
    expect(withModel(nb, 'logistic')).toBe(nb);
  });

  test('the exposure: None, then the numeric columns but the target; shown as its role; dropped with least squares', () => {
    const options = { target: 'Subscribers gained', model: 'poisson' as const };
    expect(exposureChoices(profileOf(shorts), options)).toEqual([
      { value: NO_EXPOSURE, label: 'None' },
      { value: 'Views', label: 'Views' },
      { value: 'Likes', label: 'Likes' },
    ]);
    const chosen = withExposure({ ...options, exclude: ['Views', 'Likes'] }, 'Views');
    expect(chosen).toEqual({ ...options, offset: 'Views', exclude: ['Likes'] });
    expect(displayRole(shorts[2] as ColumnSummary, chosen)).toBe('exposure');
    expect(leftOutLine(shorts[2] as ColumnSummary, chosen)).toBeNull();
    const none = withExposure(chosen, NO_EXPOSURE);
    expect('offset' in none).toBe(false);
    // Least squares has no offset; a new target that is the exposure drops it; so does a profile without it.
    expect('offset' in withModel(chosen, 'ols')).toBe(false);
    expect(withModel(chosen, 'nb').offset).toBe('Views');
    expect('offset' in withTarget(chosen, 'Views')).toBe(false);
    expect(optionsForProfile(chosen, profileOf(shorts)).offset).toBe('Views');
    expect('offset' in optionsForProfile(chosen, profileOf(shorts.filter((c) => c.name !== 'Views')))).toBe(false);
  });

  test('the hint suggests the counts model when the target is counts with many zeros and least squares is chosen', () => {
    const counts = [
      column('Views', 'numeric', 'numeric'),
      column('Subscribers gained', 'numeric', 'target', { zeros: 4, missing: 2, manyZeroCounts: true }),
    ];
    const profile = profileOf(counts, { target: 'Subscribers gained' });
    expect(modelHint(profile, { target: 'Subscribers gained' })).toBe(
      `Subscribers gained is counts with many zeros (50%): try “${MODEL_LABELS.nb}”.`,
    );
    expect(modelHint(profile, { target: 'Subscribers gained', model: 'nb' })).toBeNull();
    expect(modelHint(profile, { target: 'Views' })).toBeNull();
    expect(modelHint(profileOf(shorts), { target: 'Subscribers gained' })).toBeNull();
    expect(modelHint(null, { target: 'Subscribers gained' })).toBeNull();
  });

  test("a count model's answer shows its AIC instead of R²", () => {
    const summary = summaryOf({
      rSquared: null,
      model: 'nb',
      counts: { theta: 1.5, deviance: 110.2, nullDeviance: 180.4, aic: 812.345 },
    });
    expect(keyNumbers(summary)[0]).toEqual({ label: 'AIC', value: '812.3' });
  });
});
