/**
 * What Sheets does to formulas when rows or columns of a sheet are inserted or deleted: every reference to that
 * sheet, in every formula of the spreadsheet (the sheet's own unprefixed references, and 'Data'!B2 from anywhere),
 * moves with the cells it names. Relative and absolute ($) references move alike. A range grows when rows are
 * inserted inside it and shrinks when some of its rows are deleted; a reference whose cells are all deleted becomes
 * #REF! (its sheet prefix included), and the formula then shows #REF!. Whole-column references (A:C) do not change
 * when rows move, nor whole-row references (2:5) when columns move.
 */

import { Rect } from './a1';
import { FormulaReference, ReferenceEnd, formatReference, mapReferences } from './formula';
import { Dimension, SheetModel, SpreadsheetModel, shiftRectForDelete, shiftRectForInsert } from './models';

/** An insert of `count` rows or columns so that the first new one is at `at`, or a delete of `at … at+count-1`. */
export interface StructureChange {
  kind: 'insert' | 'delete';
  dim: Dimension;
  at: number;
  count: number;
}

/** The rectangle a reference names, open ends reaching to Infinity. */
function rectOf(ref: FormulaReference): Rect {
  const end = ref.end ?? ref.start;
  const span = (a: number | undefined, b: number | undefined): [number, number] => {
    const first = Math.min(a ?? 1, b ?? Infinity);
    const last = a === undefined ? Infinity : Math.max(a, b ?? Infinity);
    return [first, last];
  };
  const [row, lastRow] = span(ref.start.row, end.row);
  const [col, lastCol] = span(ref.start.col, end.col);
  return { row, col, numRows: lastRow - row + 1, numCols: lastCol - col + 1 };
}

/**
 * The reference after the change, as text: undefined when it does not move, "#REF!" when its cells are gone.
 * Ends are written top-left first, each keeping its "$" marks.
 */
function movedReference(ref: FormulaReference, change: StructureChange): string | undefined {
  const rows = change.dim === 'rows';
  // A whole-column reference has no rows to move (and a whole-row one no columns).
  if ((rows ? ref.start.row : ref.start.col) === undefined) return undefined;
  const before = rectOf(ref);
  const after =
    change.kind === 'insert'
      ? shiftRectForInsert(before, change.dim, change.at, change.count)
      : shiftRectForDelete(before, change.dim, change.at, change.count);
  if (after === undefined) return '#REF!';
  if (
    after.row === before.row &&
    after.col === before.col &&
    after.numRows === before.numRows &&
    after.numCols === before.numCols
  )
    return undefined;
  const end = ref.end ?? ref.start;
  const place = (e: ReferenceEnd, first: boolean): ReferenceEnd => ({
    ...e,
    row: e.row === undefined ? undefined : first ? after.row : after.row + after.numRows - 1,
    col: e.col === undefined ? undefined : first ? after.col : after.col + after.numCols - 1,
  });
  return formatReference({
    prefix: ref.prefix,
    start: place(ref.start, true),
    end: ref.end === undefined ? undefined : place(end, false),
  });
}

/**
 * Rewrites the references to `changed` in every formula of `book` after `change` (call it once the cells have moved).
 * A formula with a reference that became #REF! gets the value "#REF!", as Sheets shows it.
 */
export function moveReferences(book: SpreadsheetModel, changed: SheetModel, change: StructureChange): void {
  for (const sheet of book.sheets) {
    for (const line of sheet.rows) {
      if (!line) continue;
      for (const cell of line) {
        if (cell?.formula === undefined) continue;
        let broken = false;
        const formula = mapReferences(cell.formula, (ref) => {
          const target = ref.sheet === undefined ? sheet : book.findSheet(ref.sheet);
          if (target !== changed) return undefined;
          const moved = movedReference(ref, change);
          if (moved === '#REF!') broken = true;
          return moved;
        });
        if (formula === cell.formula) continue;
        cell.formula = formula;
        if (broken) cell.value = '#REF!';
      }
    }
  }
}
