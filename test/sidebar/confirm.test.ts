import type { StepReport } from '../../src/addon/api';
import { CANCELLED, IN_PLACE_STEPS, replacingFormulas, stepOutcome } from '../../sidebar/state';

// The sidebar's side of "replace these formulas with values?": which answer shows a question, and what the
// "Replace with values" button sends.

const done: StepReport = {
  step: 'clean',
  message: 'Trimmed 3 cells',
  rows: 10,
  columns: 4,
  details: null,
  undoAvailable: 1,
};
const asking: StepReport = {
  ...done,
  message: 'Replace 3 formulas with values (F4, F9, F12)? Clean would change what they show.',
  confirm: {
    formulas: 3,
    cells: ['F4', 'F9', 'F12'],
    question: 'Replace 3 formulas with values (F4, F9, F12)? Clean would change what they show.',
  },
};

test('a step that asks shows its question; one that ran shows its message and its warnings so far', () => {
  expect(stepOutcome(done)).toEqual({ kind: 'done', message: 'Trimmed 3 cells', warnings: [] });
  const warned = { ...done, warnings: ['Views, row 67: "1O24" is not a number; treated as missing'] };
  expect(stepOutcome(warned)).toEqual({ kind: 'done', message: 'Trimmed 3 cells', warnings: warned.warnings });
  expect(stepOutcome(asking)).toEqual({ kind: 'confirm', confirm: asking.confirm });
});

test('"Replace with values" runs the same step with the same options and convertFormulas, without changing them', () => {
  const options = { target: 'newFollowers', zeroMissing: ['views'] };
  const sent = replacingFormulas(options);
  expect(sent).toEqual({ target: 'newFollowers', zeroMissing: ['views'], convertFormulas: true });
  sent.zeroMissing?.push('likes');
  expect(options).toEqual({ target: 'newFollowers', zeroMissing: ['views'] });
});

test('only the in-place steps can ask, and cancelling says nothing changed', () => {
  expect(IN_PLACE_STEPS).toEqual(['recipe', 'clean', 'impute', 'encode']);
  expect(CANCELLED).toMatch(/^Nothing was changed/);
});
