import type { ModelSummary } from '../../src/addon/api';
import { fitsProperty } from '../../src/addon/documentStore';
import { fitRecord } from '../../src/addon/modelSummary';

// The last model is kept in the document's results record, within Google's 9 KB in UTF-8 bytes: trimmed when it must
// be, saying how much it left out.

function summary(terms: number, findings: number, warnings: number, text = 'x'): ModelSummary {
  return {
    sheetName: 'Sheet1',
    at: '2025-01-06T14:03:22.000Z',
    target: '粉丝',
    level: 0.95,
    caveat: null,
    findings: Array.from({ length: findings }, (_, i) => `Finding ${i} ${text.repeat(100)}`),
    warnings: Array.from({ length: warnings }, (_, i) => `Warning ${i} ${text.repeat(100)}`),
    n: 100,
    rSquared: 0.5,
    adjRSquared: 0.4,
    evaluation: {
      testRmseLog: 1,
      testRmseFollowers: 2,
      testMaeFollowers: 3,
      cvRmseLog: { mean: 1, sd: 0.1, folds: 5 },
    },
    terms: Array.from({ length: terms }, (_, i) => ({
      name: `主题_关于${text.repeat(10)}${i}`,
      estimate: i,
      low: i - 1,
      high: i + 1,
      p: i / terms,
    })),
    omitted: { terms: 0, findings: 0, warnings: 0 },
  };
}

const KEY = 'tikfit.results';

test('a small summary is kept whole', () => {
  const record = { fingerprint: 'f', sheetId: 0, model: summary(10, 3, 2) };
  expect(JSON.parse(fitRecord(KEY, { ...record }))).toEqual(record);
});

test('a large one is trimmed to 9 KB, the least clear terms first, and says what it left out', () => {
  const text = fitRecord(KEY, { fingerprint: 'f', sheetId: 0, model: summary(160, 40, 30, '字') });
  expect(fitsProperty(KEY, text)).toBe(true);
  const kept = (JSON.parse(text) as { model: ModelSummary }).model;
  expect(kept.omitted.terms).toBe(160 - kept.terms.length);
  expect(kept.terms.length).toBeGreaterThanOrEqual(8);
  // The terms kept are the clearest (smallest p), in the model's order.
  const ps = kept.terms.map((t) => t.p);
  expect(ps).toEqual([...ps].sort((a, b) => a - b));
  expect(Math.max(...ps)).toBeLessThan(0.5);
  expect(kept.findings.length + kept.omitted.findings).toBe(40);
  expect(kept.warnings.length + kept.omitted.warnings).toBe(30);
});
