import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Matrix, inverse } from 'ml-matrix';
import { parseCsvText } from '../../src/core/io/csv';
import { generateCreators, type CreatorLog } from '../fixtures/creators/generate';
import { projectRoot } from '../helpers/shared';

// The creator-log corpus (test/fixtures/creators) must be exactly what its seeded generator writes, and its metadata
// (creators.json) must describe the CSV files as they are: columns, roles, bad cells, formulas, planted effects.

const folder = join(projectRoot, 'test', 'fixtures', 'creators');
const corpus = generateCreators();
const committed = (name: string): string => readFileSync(join(folder, name), 'utf8');

test('the committed files are what generate.ts writes, byte for byte', () => {
  const names = Object.keys(corpus.files).sort();
  expect(names).toEqual([...corpus.logs.map((log) => log.file), 'creators.json'].sort());
  for (const name of names) expect(committed(name)).toBe(corpus.files[name]);
  // no stray CSV beside them
  expect(
    readdirSync(folder)
      .filter((f) => f.endsWith('.csv'))
      .sort(),
  ).toEqual(corpus.logs.map((l) => l.file).sort());
});

test('another seed gives another corpus', () => {
  expect(generateCreators(1).files['youtube-shorts.csv']).not.toBe(corpus.files['youtube-shorts.csv']);
});

// ---------------------------------------------------------------------------
// A careful reading of the cells, independent of src/: what a user means by each numeric cell
// ---------------------------------------------------------------------------

const MISSING = /^(|n\/a|na|-)$/i;
// Thousands groups are always exactly three digits; a decimal-comma column always has one decimal digit, so "1,234"
// (thousands) and "12,5" (decimal) never look alike.
const DOT_NUMBER = /^\d{1,3}(?:,\d{3})+$|^\d+(?:\.\d+)?$/;
const COMMA_NUMBER = /^\d{1,3}(?:\.\d{3})+$|^\d+(?:,\d)?$/;

/** The cell's number; null when it is missing; NaN when it is not a number (a bad cell). */
function readNumber(log: CreatorLog, column: string, text: string): number | null {
  let s = text.trim();
  if (MISSING.test(s)) return null;
  if (log.checkboxColumns.includes(column)) return s === 'TRUE' ? 1 : s === 'FALSE' ? 0 : NaN;
  let scale = 1;
  if (log.percentColumns.includes(column)) {
    if (!s.endsWith('%')) return NaN;
    s = s.slice(0, -1).trimEnd();
    scale = 0.01;
  }
  if (log.currencyColumns.includes(column)) {
    if (!s.startsWith('$')) return NaN;
    s = s.slice(1);
  }
  if (log.decimalComma) {
    if (!COMMA_NUMBER.test(s)) return NaN;
    return Number(s.replace(/\./g, '').replace(',', '.')) * scale;
  }
  if (!DOT_NUMBER.test(s)) return NaN;
  return Number(s.replace(/,/g, '')) * scale;
}

/** Category label as a careful user merges it: trimmed, case variants together. */
const levelKey = (text: string): string => text.trim().toLowerCase();

interface Fit {
  readonly n: number;
  readonly names: string[];
  readonly estimate: number[];
  readonly t: number[];
}

/** OLS with an intercept (columns z-scored first, which leaves every slope's t unchanged). */
function ols(y: number[], columns: Array<[string, number[]]>): Fit {
  const n = y.length;
  const scaled = columns.map(([, x]) => {
    const mean = x.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(x.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
    return x.map((v) => (v - mean) / sd);
  });
  const X = new Matrix(n, columns.length + 1);
  for (let i = 0; i < n; i += 1) {
    X.set(i, 0, 1);
    scaled.forEach((x, j) => X.set(i, j + 1, x[i] as number));
  }
  const Y = Matrix.columnVector(y);
  const xtxInv = inverse(X.transpose().mmul(X));
  const b = xtxInv.mmul(X.transpose().mmul(Y));
  const r = Y.sub(X.mmul(b));
  const s2 = r.transpose().mmul(r).get(0, 0) / (n - columns.length - 1);
  const estimate = b.getColumn(0);
  const t = estimate.map((e, j) => e / Math.sqrt(s2 * xtxInv.get(j, j)));
  return { n, names: ['(Intercept)', ...columns.map(([name]) => name)], estimate, t };
}

describe.each(corpus.logs.map((log) => [log.file, log] as const))('%s', (_file, log) => {
  const grid = parseCsvText(committed(log.file), log.file);
  const header = grid[0] ?? [];
  const body = grid.slice(1);
  const col = (name: string): number => header.indexOf(name);
  const cell = (row: number, name: string): string => grid[row - 1]?.[col(name)] ?? '';

  test("parses to a rectangular grid with the header in creators.json's order, 150–220 rows", () => {
    expect(header).toEqual(log.columns);
    expect(body.length).toBe(log.rows);
    expect(log.rows).toBeGreaterThanOrEqual(150);
    expect(log.rows).toBeLessThanOrEqual(220);
    expect(grid.every((row) => row.length === header.length)).toBe(true);
  });

  test('every column has exactly one role, and every listed column exists', () => {
    const roles = [
      [log.target],
      log.numericColumns,
      log.dateColumns,
      log.categoryColumns,
      log.identifierColumns,
      log.emptyColumns,
    ].flat();
    expect([...roles].sort()).toEqual([...log.columns].sort());
    for (const sub of [log.checkboxColumns, log.percentColumns, log.currencyColumns]) {
      for (const c of sub) expect(log.numericColumns).toContain(c);
    }
    for (const c of log.thousandsSeparatorColumns) expect([...log.numericColumns, log.target]).toContain(c);
    expect([...log.numericColumns]).toContain(log.plantedEffect.column);
    for (const term of log.trueModel.terms)
      expect([...log.numericColumns, ...log.categoryColumns]).toContain(term.column);
  });

  test('empty columns are wholly empty; every other column is mostly filled', () => {
    for (const c of log.columns) {
      const filled = body.filter((row) => (row[col(c)] ?? '').trim() !== '').length;
      if (log.emptyColumns.includes(c)) expect(filled).toBe(0);
      else expect(filled).toBeGreaterThanOrEqual(0.95 * log.rows);
    }
  });

  test('each bad cell is at its row and column, and is not a number', () => {
    for (const bad of log.badCells) {
      expect(cell(bad.row, bad.column)).toBe(bad.text);
      expect(readNumber(log, bad.column, bad.text)).toBeNaN();
    }
    for (const gap of log.missingCells) {
      expect(cell(gap.row, gap.column)).toBe(gap.text);
      expect(readNumber(log, gap.column, gap.text)).toBeNull();
    }
  });

  test('every other numeric cell reads as a number, the target as a count', () => {
    const listed = new Set([...log.badCells, ...log.missingCells].map((c) => `${c.row}:${c.column}`));
    for (const c of [...log.numericColumns, log.target]) {
      body.forEach((row, i) => {
        if (listed.has(`${i + 2}:${c}`)) return;
        const x = readNumber(log, c, row[col(c)] ?? '');
        expect([c, i + 2, Number.isFinite(x)]).toEqual([c, i + 2, true]);
        if (c === log.target) expect(Number.isInteger(x) && (x as number) >= 0).toBe(true);
      });
    }
  });

  test("each formula column holds its template's value on the row's numbers", () => {
    for (const { column, template } of log.formulaColumns) {
      const match = /^=([A-Z])\{row\}\/([A-Z])\{row\}$/.exec(template);
      expect(match).not.toBeNull();
      const letter = (l: string): string => header[l.charCodeAt(0) - 65] ?? '';
      const [num, den] = [letter(match?.[1] ?? ''), letter(match?.[2] ?? '')];
      for (let row = 2; row <= log.rows + 1; row += 1) {
        const expected =
          (readNumber(log, num, cell(row, num)) as number) / (readNumber(log, den, cell(row, den)) as number);
        expect(Math.abs((readNumber(log, column, cell(row, column)) as number) - expected)).toBeLessThanOrEqual(1e-12);
      }
    }
  });

  test('category levels have 6 rows or more, but for at most one rare level of 1–3 rows', () => {
    let rare = 0;
    for (const c of log.categoryColumns) {
      const counts = new Map<string, number>();
      for (const row of body)
        counts.set(levelKey(row[col(c)] ?? ''), (counts.get(levelKey(row[col(c)] ?? '')) ?? 0) + 1);
      for (const count of counts.values()) {
        if (count >= 6) continue;
        expect(count).toBeLessThanOrEqual(3);
        rare += 1;
      }
    }
    expect(rare).toBeLessThanOrEqual(1);
  });

  test('thousands separators and decimal commas are unambiguous column by column', () => {
    const separator = log.decimalComma ? '.' : ',';
    const groupedPattern = log.decimalComma ? /^\d{1,3}(?:\.\d{3})+$/ : /^\d{1,3}(?:,\d{3})+$/;
    const twoSeparators: string[] = [];
    for (const c of [...log.numericColumns, log.target]) {
      const texts = body.map((row) => (row[col(c)] ?? '').replace(/[%$]/g, '').trim()).filter((s) => !MISSING.test(s));
      const grouped = texts.filter((s) => groupedPattern.test(s));
      twoSeparators.push(...grouped.filter((s) => s.split(separator).length > 2));
      // exactly the listed columns have grouped numbers, and then plain numbers below 1000 too
      expect([c, grouped.length > 0]).toEqual([c, log.thousandsSeparatorColumns.includes(c)]);
      if (grouped.length > 0) expect(texts.some((s) => /^\d{1,3}$/.test(s))).toBe(true);
      if (log.decimalComma) {
        // a decimal-comma column writes every one of its numbers with one decimal after the comma
        const decimals = texts.filter((s) => /^\d+,\d$/.test(s));
        if (decimals.length > 0) expect([c, decimals.length]).toEqual([c, texts.length]);
        expect(texts.filter((s) => s.includes(',') && !/^\d+,\d$/.test(s))).toEqual([]);
      } else {
        expect(texts.filter((s) => s.includes(',') && !groupedPattern.test(s))).toEqual([]);
      }
    }
    // a log with thousands separators has a number with two of them (over a million views), which no decimal reads
    if (log.thousandsSeparatorColumns.length > 0) expect(twoSeparators.length).toBeGreaterThan(0);
  });

  describe('the planted effect', () => {
    // Rows a careful user keeps: every used numeric cell a number, categories not rare.
    const levels = log.categoryColumns.map((c) => {
      const counts = new Map<string, number>();
      for (const row of body)
        counts.set(levelKey(row[col(c)] ?? ''), (counts.get(levelKey(row[col(c)] ?? '')) ?? 0) + 1);
      const kept = [...counts]
        .filter(([, k]) => k >= 6)
        .map(([level]) => level)
        .sort();
      return [c, kept] as const;
    });
    const used = [...log.numericColumns, log.target];
    const kept = body.filter((row) => {
      if (used.some((c) => !Number.isFinite(readNumber(log, c, row[col(c)] ?? '')))) return false;
      return levels.every(([c, keep]) => keep.includes(levelKey(row[col(c)] ?? '')));
    });
    const num = (row: string[], c: string): number => readNumber(log, c, row[col(c)] ?? '') as number;
    const y = kept.map((row) => Math.log1p(num(row, log.target)));
    const dummies: Array<[string, number[]]> = levels.flatMap(([c, keep]) =>
      keep
        .slice(1)
        .map((level): [string, number[]] => [
          `${c}_${level}`,
          kept.map((row) => (levelKey(row[col(c)] ?? '') === level ? 1 : 0)),
        ]),
    );
    const numeric = (logged: boolean): Array<[string, number[]]> =>
      log.numericColumns.map((c) => {
        const x = kept.map((row) => num(row, c));
        const binary = x.every((v) => v === 0 || v === 1);
        return [c, logged && !binary ? x.map(Math.log1p) : x];
      });

    test('a careful reading keeps at least 90% of the rows', () => {
      expect(kept.length).toBeGreaterThanOrEqual(0.9 * log.rows);
    });

    test.each([
      ['as written', false],
      ['with log1p of the numeric predictors', true],
    ])('has the stated sign and |t| > 6 with the predictors %s', (_how, logged) => {
      const fit = ols(y, [...numeric(logged), ...dummies]);
      const j = fit.names.indexOf(log.plantedEffect.column);
      expect(Math.sign(fit.estimate[j] as number)).toBe(log.plantedEffect.sign);
      expect(Math.abs(fit.t[j] as number)).toBeGreaterThan(6);
    });
  });
});
