import type { Coefficient } from '../../../src/core/model/olsResults';
import {
  cliRemedy,
  describeFindings,
  roundAmount,
  sheetRemedy,
  targetCaveat,
  type TermOrigin,
} from '../../../src/core/pipeline/findings';

function coefficient(name: string, estimate: number, pValue = 0.0001): Coefficient {
  return {
    name,
    estimate,
    pValue,
    stdError: 0.1,
    tStat: estimate / 0.1,
    ciLower: estimate - 0.2,
    ciUpper: estimate + 0.2,
    vif: 1,
    aliased: false,
  } as unknown as Coefficient;
}

const scaled = (name: string, sd: number, mean = 0, log1p = false): TermOrigin['transform'] => ({
  name,
  binary: false,
  log1p,
  skewness: 0,
  mean,
  sd,
});

describe("findings in the column's own header and units", () => {
  test('a round amount near the spread: 1, 2 or 5 × 10^k', () => {
    expect([10.4, 2600, 0.37, 1, 999, 7].map(roundAmount)).toEqual([10, 2000, 0.2, 1, 500, 5]);
  });

  test('a scaled count: each extra round amount of it, the effect worked back from one standard deviation', () => {
    // b = 0.2 per SD of 2,600 views: 2,000 more views move log1p(target) by 0.2 × 2000/2600.
    const [line] = describeFindings(
      [coefficient('views', 0.2)],
      [{ term: 'views', transform: scaled('views', 2600, 5000), range: { min: 0, max: 30000 } }],
      { target: 'newFollowers', logTarget: true },
    );
    expect(line).toBe(
      `Each extra 2,000 views goes with about ${Math.round((Math.exp((0.2 * 2000) / 2600) - 1) * 100)}% more new followers (p < 0.001)`,
    );
  });

  test('a header that does not read as a count, percentages in points, shares as percentage points, the trend in days', () => {
    const origins: TermOrigin[] = [
      { term: 'Avg view duration (s)', transform: scaled('Avg view duration (s)', 6.9), range: { min: 2, max: 60 } },
      { term: 'watchedFullVideo', transform: scaled('watchedFullVideo', 10.4), range: { min: 0, max: 88 } },
      { term: 'Completion rate', transform: scaled('Completion rate', 0.12), range: { min: 0.02, max: 0.9 } },
      {
        term: 'Days since first (Posted)',
        transform: scaled('Days since first (Posted)', 90),
        range: { min: 0, max: 300 },
      },
    ];
    const lines = describeFindings(
      origins.map((o, k) => coefficient(o.term, 0.1, 0.001 * (k + 1))),
      origins,
      { target: 'Subscribers gained', logTarget: true },
    );
    expect(lines[0]).toMatch(/^Each extra 5 in Avg view duration \(s\) goes with about \d+% more subscribers gained/);
    expect(lines[1]).toMatch(
      /^Videos with 10 more percentage points of watchedFullVideo gain about \d+% more subscribers gained/,
    );
    expect(lines[2]).toMatch(/^Videos with 10 more percentage points of Completion rate gain/);
    expect(lines[3]).toMatch(/^Videos posted 30 days later \(by Posted\) gain/);
  });

  test('a log1p predictor: twice as much at the typical video', () => {
    // Typical likes: expm1(mean of log1p) = 99; doubling moves log1p by ln(199/100), in SDs of 1.3.
    const step = Math.log(199 / 100) / 1.3;
    const [likes, duration] = describeFindings(
      [coefficient('likes', 0.7), coefficient('Watch time', 0.7, 0.002)],
      [
        { term: 'likes', transform: scaled('likes', 1.3, Math.log(100), true) },
        { term: 'Watch time', transform: scaled('Watch time', 1.3, Math.log(100), true) },
      ],
      { target: 'newFollowers', logTarget: true },
    );
    expect(likes).toBe(
      `Videos with twice as many likes gain about ${Math.round((Math.exp(0.7 * step) - 1) * 100)}% more new followers (p < 0.001)`,
    );
    expect(duration).toMatch(/^Videos with twice the Watch time gain/);
  });

  test("0/1 columns and dummies compare with what they are against; without a log target, in the target's units", () => {
    const lines = describeFindings(
      [coefficient('hasCover', 0.3), coefficient('Hook_story', -0.4, 0.01), coefficient('category_info', 12, 0.02)],
      [
        {
          term: 'hasCover',
          transform: { name: 'hasCover', binary: true, log1p: false, skewness: 0, mean: null, sd: null },
        },
        { term: 'Hook_story', dummy: { column: 'Hook', level: 'story', reference: 'bold claim' } },
        { term: 'category_info', dummy: { column: 'category', level: 'info', reference: 'humor' } },
      ],
      { target: 'newFollowers', logTarget: false },
    );
    expect(lines).toEqual([
      'Videos where hasCover is 1 (yes) gain about 0.3 more new followers than those where it is 0 (p < 0.001)',
      'Videos whose Hook is story gain about 0.4 fewer new followers than those whose Hook is bold claim (p = 0.01)',
      'Videos in the info category gain about 12 more new followers than videos in the humor category (p = 0.02)',
    ]);
  });

  test('a mostly filled-in target is said first, with what to do; a little is left to the warnings', () => {
    const json = { target: 'newFollowers', imputed: { newFollowers: 105 }, rows: { modeled: 119 } };
    expect(targetCaveat(json, cliRemedy('newFollowers'))).toBe(
      'Most of newFollowers was never recorded: 105 of 119 values (88%) were missing and TikFit filled them in, so the findings below mostly describe numbers TikFit made up, not what happened. To fit only the videos where newFollowers was recorded, run again with --impute newFollowers=drop.',
    );
    expect(targetCaveat({ ...json, imputed: { newFollowers: 12 } }, '')).toBeNull();
    expect(cliRemedy('Subscribers gained')).toMatch(/--impute "Subscribers gained=drop"\.$/);
    expect(sheetRemedy('Fans')).toMatch(/"Missing Fans" to "Drop those rows"/);
  });
});

test('a multiple compares with "as", a share with "than" (about 2.3 times as many followers as …)', () => {
  const coefficient = (name: string, estimate: number) => ({
    name,
    estimate,
    pValue: 1e-6,
    aliased: false,
    ciLower: estimate - 0.1,
    ciUpper: estimate + 0.1,
  });
  const findings = describeFindings(
    [coefficient('hasCover', Math.log(2.3)), coefficient('reply', Math.log(1.34))],
    [
      {
        term: 'hasCover',
        transform: { name: 'hasCover', binary: true, log1p: false, skewness: 0, mean: null, sd: null },
      },
      { term: 'reply', transform: { name: 'reply', binary: true, log1p: false, skewness: 0, mean: null, sd: null } },
    ],
    { target: 'newFollowers', logTarget: true },
  );
  expect(findings.join('\n')).toMatch(/gain about 2\.3 times as many new followers as those where it is 0/);
  expect(findings.join('\n')).toMatch(/gain about 34% more new followers than those where it is 0/);
});
