import type { ColumnSummary, ModelReport, ProfileReport } from '../../src/addon/api';
import {
  NUMBER_RULES,
  displayRole,
  formatFollowers,
  isModelReport,
  modelNumbers,
  optionsFromSettings,
  parseNumberInput,
  targetChoices,
  toggled,
  undoSummary,
  withTarget,
} from '../../sidebar/state';

function column(name: string, kind: ColumnSummary['kind'], role: ColumnSummary['role']): ColumnSummary {
  return { name, kind, role, missing: 0, zeros: 0, distinct: 3, levels: [], rareLevels: [], zerosLookMissing: false, strays: [] };
}

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

  test('toggled and withTarget', () => {
    expect(toggled(undefined, 'a', true)).toEqual(['a']);
    expect(toggled(['a', 'b'], 'a', true)).toEqual(['b', 'a']);
    expect(toggled(['a', 'b'], 'a', false)).toEqual(['b']);
    expect(withTarget({ target: 'y', exclude: ['x', 'z'] }, 'x')).toEqual({ target: 'x', exclude: ['z'] });
    expect(withTarget({ target: 'y' }, 'x')).toEqual({ target: 'x' });
  });

  test('optionsFromSettings copies and drops nulls', () => {
    const settings = { target: 'y', seed: 1, testFraction: 0.2, folds: 5, rareThreshold: 5, rare: 'drop', zeroMissing: ['y'], level: 0.95, include: null } as unknown as ProfileReport['settings'];
    const options = optionsFromSettings(settings);
    expect(options).toEqual({ target: 'y', seed: 1, testFraction: 0.2, folds: 5, rareThreshold: 5, rare: 'drop', zeroMissing: ['y'], level: 0.95 });
    options.zeroMissing?.push('x');
    expect(settings.zeroMissing).toEqual(['y']);
  });

  test('targetChoices lists numeric columns and keeps the current target', () => {
    const profile = { columns: [column('a', 'numeric', 'numeric'), column('b', 'categorical', 'categorical'), column('c', 'binary', 'binary')] } as ProfileReport;
    expect(targetChoices(profile, 'a')).toEqual(['a']);
    expect(targetChoices(profile, 'b')).toEqual(['a', 'b']);
    expect(targetChoices(profile, 'gone')).toEqual(['gone', 'a']);
  });

  test('parseNumberInput checks the ranges the server checks', () => {
    expect(parseNumberInput(' 42 ', NUMBER_RULES.seed)).toBe(42);
    expect(parseNumberInput('1.5', NUMBER_RULES.seed)).toEqual({ error: 'Seed must be a whole number' });
    expect(parseNumberInput('', NUMBER_RULES.seed)).toEqual({ error: 'Seed must be a number' });
    expect(parseNumberInput('0.25', NUMBER_RULES.testFraction)).toBe(0.25);
    expect(parseNumberInput('1', NUMBER_RULES.testFraction)).toEqual({ error: 'Test fraction must be below 1' });
    expect(parseNumberInput('-1', NUMBER_RULES.folds)).toEqual({ error: 'Folds must be at least 0' });
    expect(parseNumberInput('Infinity', NUMBER_RULES.rareThreshold)).toEqual({ error: 'Rare threshold must be a number' });
  });
});

describe('model numbers', () => {
  const report: ModelReport = {
    step: 'model', message: 'ok', rows: 10, columns: 3, details: null, undoAvailable: 1,
    resultsSheet: 'TikFit results', n: 96, rSquared: 0.81234, adjRSquared: null, findings: [], warnings: [],
    evaluation: { testRmseLog: 0.6123, testRmseFollowers: 142.6, testMaeFollowers: 9.84, cvRmseLog: { mean: 0.64, sd: 0.0523, folds: 5 } },
  };

  test('labels and values, with a dash for undefined numbers', () => {
    expect(modelNumbers(report)).toEqual([
      { label: 'Rows used (n)', value: '96' },
      { label: 'R²', value: '0.812' },
      { label: 'Adjusted R²', value: '—' },
      { label: 'Test RMSE (followers)', value: '143' },
      { label: 'Test RMSE (log scale)', value: '0.612' },
      { label: 'Test MAE (followers)', value: '9.8' },
      { label: 'CV RMSE, log (5 folds)', value: '0.640 ± 0.052' },
    ]);
    expect(formatFollowers(null)).toBe('—');
    expect(isModelReport(report)).toBe(true);
    expect(isModelReport({ step: 'clean' })).toBe(false);
  });

  test('undo summary', () => {
    expect(undoSummary([])).toBe('Nothing to undo.');
    expect(undoSummary([{ step: 'encode', sheetName: 'S', at: 'now' }, { step: 'clean', sheetName: 'S', at: 'then' }])).toBe('2 snapshots; undo restores the sheet from before “encode”.');
  });
});
