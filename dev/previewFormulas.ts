/**
 * What the preview shows where the fake stores no computed value: formula cells the fake does not evaluate (the
 * results sheet's live data-status cell, `=IF(TIKFIT_FINGERPRINT(…)="…", "Current…", "STALE…")`) and conditional
 * format rules (the results sheet's p < 0.05 highlight, `=AND(ISNUMBER($E15), $E15<0.05)`), which the fake keeps but
 * does not apply. A small evaluator of Sheets formulas does both, as Sheets would:
 *
 * - numbers, "text", TRUE/FALSE, ( ), unary minus, + - * /, & and the comparisons = <> < <= > >= (text compared
 *   without case, as Sheets does);
 * - references A1, $A$1, A1:C3 and open-ended A2:C, with an optional sheet ('My sheet'!A1);
 * - IF, AND, OR, NOT, ISNUMBER, ISTEXT, ISBLANK, ABS, and any custom function the add-on defines (run in the add-on's
 *   context, as Sheets runs a custom function; a range reaches it as a 2D array, a cell as its value).
 *
 * A custom formula of a conditional format rule is read relative to the rule's first range's top-left cell: its
 * relative references shift with the cell being tested, its $ parts stay. Anything else makes the evaluation give up
 * (undefined), and the preview then shows what it showed before.
 */
import { columnToLetters, lettersToColumn, parseA1Range, splitSheetPrefix } from './fake/a1';

/** A stored cell value as the fake's getSheetGrid gives it ("" for blank). */
export type CellValue = string | number | boolean | Date;

/** Where formulas read cells from, and how they call custom functions. */
export interface FormulaWorld {
  /** The stored values of a sheet (rows of the used range), or undefined when there is no such sheet. */
  values(sheet: string): readonly (readonly CellValue[])[] | undefined;
  /** Calls a custom function of the add-on; undefined when it has none of that name. */
  custom(name: string, args: unknown[]): { value: unknown } | undefined;
}

type Value = number | string | boolean | Date | CellValue[][];

class GiveUp extends Error {}

/** A Date of any realm (the fake's values are Dates of the add-on's context). */
function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

interface Ref {
  sheet: string | undefined;
  row: number;
  col: number;
  rowAbs: boolean;
  colAbs: boolean;
  /** The second end; its row undefined for an open-ended range (A2:C). */
  end?: { row: number | undefined; col: number; rowAbs: boolean; colAbs: boolean };
}

type Node =
  | { kind: 'value'; value: Value }
  | { kind: 'ref'; ref: Ref }
  | { kind: 'call'; name: string; args: Node[] }
  | { kind: 'unary'; node: Node }
  | { kind: 'binary'; op: string; left: Node; right: Node };

const REF =
  /^(?:('(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_.]*)!)?(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?::(\$?)([A-Za-z]{1,3})(\$?)(\d*))?(?![A-Za-z0-9_(])/;

/** Parses a formula ("=…"). @throws GiveUp on anything this evaluator does not read. */
function parse(formula: string): Node {
  const text = formula.replace(/^=/, '');
  let at = 0;
  const space = (): void => {
    while (at < text.length && /\s/.test(text[at] as string)) at++;
  };
  const peek = (s: string): boolean => {
    space();
    return text.startsWith(s, at);
  };
  const take = (s: string): boolean => {
    if (!peek(s)) return false;
    at += s.length;
    return true;
  };
  const primary = (): Node => {
    space();
    if (take('(')) {
      const inner = comparison();
      if (!take(')')) throw new GiveUp();
      return inner;
    }
    if (take('-')) return { kind: 'unary', node: primary() };
    if (take('+')) return primary();
    const rest = text.slice(at);
    const num = /^\d+(?:\.\d*)?(?:E[-+]?\d+)?|^\.\d+/i.exec(rest);
    if (num) {
      at += num[0].length;
      return { kind: 'value', value: Number(num[0]) };
    }
    if (rest.startsWith('"')) {
      let i = 1;
      let out = '';
      for (;;) {
        if (i >= rest.length) throw new GiveUp();
        if (rest[i] === '"') {
          if (rest[i + 1] === '"') {
            out += '"';
            i += 2;
            continue;
          }
          break;
        }
        out += rest[i];
        i++;
      }
      at += i + 1;
      return { kind: 'value', value: out };
    }
    const ref = REF.exec(rest);
    if (ref) {
      at += ref[0].length;
      const sheet = ref[1] === undefined ? undefined : splitSheetPrefix(`${ref[1]}!A1`).sheetName;
      const node: Ref = {
        sheet,
        colAbs: ref[2] === '$',
        col: lettersToColumn(ref[3] as string),
        rowAbs: ref[4] === '$',
        row: Number(ref[5]),
      };
      if (ref[7] !== undefined)
        node.end = {
          colAbs: ref[6] === '$',
          col: lettersToColumn(ref[7]),
          rowAbs: ref[8] === '$',
          row: ref[9] === '' ? undefined : Number(ref[9]),
        };
      return { kind: 'ref', ref: node };
    }
    const name = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(rest);
    if (name) {
      at += name[0].length;
      const upper = name[0].toUpperCase();
      if (take('(')) {
        const args: Node[] = [];
        if (!take(')')) {
          do args.push(comparison());
          while (take(','));
          if (!take(')')) throw new GiveUp();
        }
        return { kind: 'call', name: upper, args };
      }
      if (upper === 'TRUE' || upper === 'FALSE') return { kind: 'value', value: upper === 'TRUE' };
    }
    throw new GiveUp();
  };
  const binary = (next: () => Node, ops: string[]) => (): Node => {
    let left = next();
    for (;;) {
      const op = ops.find((o) => peek(o));
      if (op === undefined) return left;
      at += op.length;
      left = { kind: 'binary', op, left, right: next() };
    }
  };
  const term = binary(primary, ['*', '/']);
  const additive = binary(term, ['+', '-']);
  const concat = binary(additive, ['&']);
  const comparison = binary(concat, ['<=', '>=', '<>', '<', '>', '=']);
  const node = comparison();
  space();
  if (at !== text.length) throw new GiveUp();
  return node;
}

function scalar(value: Value): number | string | boolean | Date {
  if (Array.isArray(value)) {
    const first = value[0]?.[0];
    if (first === undefined) throw new GiveUp();
    return first;
  }
  return value;
}

function toNumber(value: Value): number {
  const v = scalar(value);
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === '') return 0;
  if (isDate(v)) return v.getTime() / 86400000 + 25569;
  const n = Number(v);
  if (Number.isFinite(n)) return n;
  throw new GiveUp();
}

function toBoolean(value: Value): boolean {
  const v = scalar(value);
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (v === '') return false;
  const upper = String(v).toUpperCase();
  if (upper === 'TRUE' || upper === 'FALSE') return upper === 'TRUE';
  throw new GiveUp();
}

function compare(op: string, a: Value, b: Value): boolean {
  const x = scalar(a);
  const y = scalar(b);
  let order: number;
  const rank = (v: unknown): number => (typeof v === 'number' || isDate(v) ? 0 : typeof v === 'string' ? 1 : 2);
  if (x === '' || y === '') {
    // A blank equals 0, "" and FALSE.
    const other = x === '' ? y : x;
    const blankFirst = x === '';
    const cmp =
      other === '' || other === 0 || other === false ? 0 : typeof other === 'number' ? (other > 0 ? -1 : 1) : -1;
    order = blankFirst ? cmp : -cmp;
  } else if (rank(x) !== rank(y)) {
    order = rank(x) - rank(y);
  } else if (rank(x) === 0) {
    order = toNumber(x) - toNumber(y);
  } else if (rank(x) === 1) {
    const p = String(x).toLowerCase();
    const q = String(y).toLowerCase();
    order = p < q ? -1 : p > q ? 1 : 0;
  } else {
    order = Number(x) - Number(y);
  }
  switch (op) {
    case '=':
      return order === 0;
    case '<>':
      return order !== 0;
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    default:
      return order >= 0;
  }
}

/** Evaluates a parsed formula for the cell at (row, col) of `sheet`, its relative references shifted by `shift`. */
function evaluate(node: Node, world: FormulaWorld, sheet: string, shift: { rows: number; cols: number }): Value {
  const ev = (n: Node): Value => evaluate(n, world, sheet, shift);
  switch (node.kind) {
    case 'value':
      return node.value;
    case 'unary':
      return -toNumber(ev(node.node));
    case 'ref': {
      const ref = node.ref;
      const values = world.values(ref.sheet ?? sheet);
      if (values === undefined) throw new GiveUp();
      const row = ref.row + (ref.rowAbs ? 0 : shift.rows);
      const col = ref.col + (ref.colAbs ? 0 : shift.cols);
      const cell = (r: number, c: number): CellValue => values[r - 1]?.[c - 1] ?? '';
      if (ref.end === undefined) return cell(row, col);
      const endCol = ref.end.col + (ref.end.colAbs ? 0 : shift.cols);
      const endRow =
        ref.end.row === undefined ? Math.max(values.length, row) : ref.end.row + (ref.end.rowAbs ? 0 : shift.rows);
      const rect = parseA1Range(
        `${columnToLetters(col)}${row}:${columnToLetters(endCol)}${endRow}`,
        values.length,
        values[0]?.length ?? 0,
      );
      if (rect === undefined) throw new GiveUp();
      return Array.from({ length: rect.numRows }, (_, i) =>
        Array.from({ length: rect.numCols }, (_, j) => cell(rect.row + i, rect.col + j)),
      );
    }
    case 'binary': {
      const left = ev(node.left);
      const right = ev(node.right);
      switch (node.op) {
        case '+':
          return toNumber(left) + toNumber(right);
        case '-':
          return toNumber(left) - toNumber(right);
        case '*':
          return toNumber(left) * toNumber(right);
        case '/': {
          const d = toNumber(right);
          if (d === 0) throw new GiveUp();
          return toNumber(left) / d;
        }
        case '&':
          return `${String(scalar(left))}${String(scalar(right))}`;
        default:
          return compare(node.op, left, right);
      }
    }
    case 'call': {
      const args = node.args;
      switch (node.name) {
        case 'IF': {
          if (args.length < 2 || args.length > 3) throw new GiveUp();
          return toBoolean(ev(args[0] as Node)) ? ev(args[1] as Node) : args[2] === undefined ? false : ev(args[2]);
        }
        case 'AND':
          return args.map(ev).every(toBoolean);
        case 'OR':
          return args.map(ev).some(toBoolean);
        case 'NOT':
          return !toBoolean(ev(args[0] as Node));
        case 'ISNUMBER':
          return typeof scalar(ev(args[0] as Node)) === 'number';
        case 'ISTEXT': {
          const v = scalar(ev(args[0] as Node));
          return typeof v === 'string' && v !== '';
        }
        case 'ISBLANK':
          return scalar(ev(args[0] as Node)) === '';
        case 'ABS':
          return Math.abs(toNumber(ev(args[0] as Node)));
        default: {
          const values = args.map((a) => {
            const v = ev(a);
            return Array.isArray(v) ? v.map((row) => row.slice()) : v;
          });
          const answer = world.custom(node.name, values);
          if (answer === undefined) throw new GiveUp();
          const v = answer.value;
          if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' || isDate(v)) return v;
          if (Array.isArray(v)) return v as CellValue[][];
          throw new GiveUp();
        }
      }
    }
  }
}

/** The value of a formula in a cell of `sheet`, or undefined when this evaluator cannot tell. */
export function formulaValue(formula: string, sheet: string, world: FormulaWorld): CellValue | undefined {
  try {
    const value = scalar(evaluate(parse(formula), world, sheet, { rows: 0, cols: 0 }));
    return typeof value === 'number' && !Number.isFinite(value) ? undefined : value;
  } catch (error) {
    if (error instanceof GiveUp) return undefined;
    // A custom function's own error: Sheets shows #ERROR!.
    return '#ERROR!';
  }
}

/** A conditional format rule as the fake reports it (ranges in "Sheet!A1:B2" notation). */
export interface RuleSnapshot {
  ranges: string[];
  criteriaType: string | undefined;
  criteriaValues: unknown[];
  background: string | null;
  fontColor: string | null;
  bold: boolean | null;
}

/** What a rule gives a cell it matches. */
export interface RuleFormat {
  background: string | null;
  fontColor: string | null;
  bold: boolean | null;
}

/**
 * Whether a rule holds for the cell (row, col) of `sheet` (1-based), given the cell's value. Custom formulas are
 * read relative to the top-left cell of the rule's first range; the number and text conditions test the value.
 */
function ruleHolds(
  rule: RuleSnapshot,
  sheet: string,
  row: number,
  col: number,
  value: CellValue,
  world: FormulaWorld,
): boolean {
  const [first] = rule.ranges;
  if (first === undefined) return false;
  const anchor = parseA1Range(splitSheetPrefix(first).range, 1e7, 18278);
  if (anchor === undefined) return false;
  const [a, b] = rule.criteriaValues as [unknown, unknown];
  const isNumber = typeof value === 'number';
  switch (rule.criteriaType) {
    case 'CUSTOM_FORMULA':
      try {
        return toBoolean(evaluate(parse(String(a)), world, sheet, { rows: row - anchor.row, cols: col - anchor.col }));
      } catch {
        return false;
      }
    case 'NUMBER_LESS_THAN':
      return isNumber && value < Number(a);
    case 'NUMBER_LESS_THAN_OR_EQUAL_TO':
      return isNumber && value <= Number(a);
    case 'NUMBER_GREATER_THAN':
      return isNumber && value > Number(a);
    case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
      return isNumber && value >= Number(a);
    case 'NUMBER_EQUAL_TO':
      return isNumber && value === Number(a);
    case 'NUMBER_NOT_EQUAL_TO':
      return isNumber && value !== Number(a);
    case 'NUMBER_BETWEEN':
      return isNumber && value >= Math.min(Number(a), Number(b)) && value <= Math.max(Number(a), Number(b));
    case 'NUMBER_NOT_BETWEEN':
      return isNumber && !(value >= Math.min(Number(a), Number(b)) && value <= Math.max(Number(a), Number(b)));
    case 'TEXT_CONTAINS':
      return String(value).toLowerCase().includes(String(a).toLowerCase());
    case 'TEXT_EQUAL_TO':
      return String(value) === String(a);
    case 'CELL_EMPTY':
      return value === '';
    case 'CELL_NOT_EMPTY':
      return value !== '';
    default:
      return false;
  }
}

/**
 * The formats conditional rules give the cells of `sheet`, by 0-based row and column, for the cells shown (`rows` ×
 * `columns`). As in Sheets, the first rule that holds for a cell wins. Cost: O(cells in the rules' ranges).
 */
export function conditionalFormats(
  sheet: string,
  rules: readonly RuleSnapshot[],
  rows: number,
  columns: number,
  world: FormulaWorld,
): Map<string, RuleFormat> {
  const out = new Map<string, RuleFormat>();
  const values = world.values(sheet) ?? [];
  for (const rule of rules) {
    for (const range of rule.ranges) {
      const split = splitSheetPrefix(range);
      if (split.sheetName !== undefined && split.sheetName !== sheet) continue;
      const rect = parseA1Range(split.range, rows, columns);
      if (rect === undefined) continue;
      for (let r = rect.row; r < rect.row + rect.numRows && r <= rows; r++) {
        for (let c = rect.col; c < rect.col + rect.numCols && c <= columns; c++) {
          const key = `${r - 1},${c - 1}`;
          if (out.has(key)) continue;
          const value = values[r - 1]?.[c - 1] ?? '';
          if (ruleHolds(rule, sheet, r, c, value, world))
            out.set(key, { background: rule.background, fontColor: rule.fontColor, bold: rule.bold });
        }
      }
    }
  }
  return out;
}
