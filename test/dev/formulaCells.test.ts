import { createFormulaCells } from '../../dev/formulaCells';

// The strict custom-function mode of the fake (dev/formulaCells.ts), on small scripts written for the purpose.

const SCRIPT = `
var loads = (typeof loads === 'number' ? loads : 0) + 1;
function LOADS() { return loads; }
function REMEMBER(value) { CacheService.getDocumentCache().put('k', String(value), 600); return value; }
function RECALL() { return CacheService.getDocumentCache().get('k'); }
function KINDS(range, cell) {
  return [[Array.isArray(range), range instanceof Array, range[1][0] instanceof Date, range[1][1], typeof cell]];
}
function WHO() { return Session.getActiveUser().getEmail(); }
function READ() { return SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Data').getRange('A1').getValue(); }
function WRITE() { SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Data').getRange('A1').setValue(1); return 1; }
function MENU() { SpreadsheetApp.getUi(); return 1; }
function SHARE(useLock) {
  var cache = CacheService.getDocumentCache();
  if (cache.get('shared') !== null) return 'hit';
  if (!useLock) { cache.put('shared', 'x', 600); return 'put'; }
  var lock = LockService.getDocumentLock();
  lock.waitLock(10000);
  try {
    if (cache.get('shared') !== null) return 'hit after lock';
    cache.put('shared', 'x', 600);
    return 'put';
  } finally {
    lock.releaseLock();
  }
}
function WAIT(ms) { return LockService.getDocumentLock().tryLock(ms) ? 'locked' : 'gave up'; }
`;

const cellsOf = (options: { withoutLock?: boolean } = {}) => createFormulaCells({ codeJs: SCRIPT, ...options });

test('every cell is its own execution: a fresh load with fresh globals, while CacheService carries over', () => {
  const cells = cellsOf();
  expect([cells.call('LOADS'), cells.call('LOADS'), cells.call('LOADS')]).toEqual([1, 1, 1]);
  cells.call('REMEMBER', 42);
  expect(cells.call('RECALL')).toBe('42');
  expect(cells.executions).toHaveLength(5);
  expect(cells.executions.every((e) => e.loadMs > 0)).toBe(true);
});

test('arguments arrive in the cell\'s own realm: 2D arrays, Dates, "" for blanks, a single cell as a bare value', () => {
  const cells = cellsOf();
  cells.fake.setSheetValues('Data', [
    ['when', 'note'],
    [new Date(Date.UTC(2024, 0, 31)), ''],
    [3, 'x'],
  ]);
  expect(cells.evaluate('=KINDS(Data!A1:B3, Data!A3)')).toEqual([[true, true, true, '', 'number']]);
  expect(
    cells.call(
      'KINDS',
      [
        ['a', 'b'],
        [new Date(0), 'y'],
      ],
      'text',
    ),
  ).toEqual([[true, true, true, 'y', 'string']]);
});

test('only the services the custom-functions guide allows, in AuthMode.CUSTOM_FUNCTION', () => {
  const cells = cellsOf();
  cells.fake.setSheetValues('Data', [[7]]);
  expect(cells.call('READ')).toBe(7);
  expect(() => cells.call('WRITE')).toThrow(/You do not have permission/);
  expect(() => cells.call('MENU')).toThrow(/getUi/);
  expect(() => cells.call('WHO')).toThrow('You do not have permission to call Session.getActiveUser');
  expect(cells.fake.authMode.toString()).toBe('FULL'); // restored after each cell
});

test("cells recalculated together see each other's puts only through the document lock", () => {
  const together = cellsOf().recalculate([0, 1, 2].map(() => ({ name: 'SHARE', args: [false] })));
  expect(together.map((e) => e.value)).toEqual(['put', 'put', 'put']);
  const locked = cellsOf().recalculate([0, 1, 2].map(() => ({ name: 'SHARE', args: [true] })));
  expect(locked.map((e) => e.value)).toEqual(['put', 'hit after lock', 'hit after lock']);
  // One after the other, every put is seen.
  const cells = cellsOf();
  expect([0, 1, 2].map(() => cells.call('SHARE', false))).toEqual(['put', 'hit', 'hit']);
  // A recalculation sees what earlier ones put.
  expect(cells.recalculate([{ name: 'SHARE', args: [false] }]).map((e) => e.value)).toEqual(['hit']);
});

test('a lock held by another process makes a cell wait; past 30 s the cell fails as Sheets says', () => {
  const cells = cellsOf();
  cells.fake.lock.setBusy(true, 'document');
  const gaveUp = cells.run({ name: 'WAIT', args: [1000] });
  expect(gaveUp.value).toBe('gave up');
  expect(gaveUp.waitedMs).toBe(1000);
  const tooLong = cells.run({ name: 'WAIT', args: [31000] });
  expect(tooLong.error).toBe('Exceeded maximum execution time');
  expect(tooLong.timedOut).toBe(true);
  cells.fake.lock.setBusy(false, 'document');
  expect(cells.call('WAIT', 1000)).toBe('locked');
});

test('without LockService (as measured for the cache alone), getDocumentLock throws', () => {
  const cells = cellsOf({ withoutLock: true });
  expect(() => cells.call('WAIT', 10)).toThrow(/You do not have permission to call LockService.getDocumentLock/);
});
