/**
 * Moving a formula the way Sheets does when it is copied with `Range.copyTo`: relative cell references
 * (A1, B$2) shift by the offset, absolute parts ($A$1) stay, references inside string literals and function
 * names are left alone, and a reference shifted off the sheet becomes #REF!. Whole-column and whole-row
 * references (A:A, 1:1) are not shifted by this fake.
 */

import { columnToLetters, lettersToColumn } from './a1';

const CELL_REF = /(\$?)([A-Za-z]{1,3})(\$?)(\d+)/y;
const WORD = /[A-Za-z0-9_.]+/y;

/** The formula with its relative references moved by `dRows` rows and `dCols` columns. */
export function shiftFormula(formula: string, dRows: number, dCols: number): string {
  if (dRows === 0 && dCols === 0) return formula;
  let out = '';
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i] ?? '';
    if (ch === '"' || ch === "'") {
      // A string literal, or a quoted sheet name: copy through to the closing quote (doubled quotes escape).
      let j = i + 1;
      while (j < formula.length) {
        if (formula[j] === ch) {
          if (formula[j + 1] === ch) j += 2;
          else break;
        } else j += 1;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const prev = formula[i - 1] ?? '';
    if (/[A-Za-z$]/.test(ch) && !/[A-Za-z0-9_.]/.test(prev)) {
      CELL_REF.lastIndex = i;
      const m = CELL_REF.exec(formula);
      const after = m ? formula[i + m[0].length] ?? '' : '';
      if (m && !/[A-Za-z0-9_.(!]/.test(after)) {
        const [, colAbs = '', letters = '', rowAbs = '', digits = ''] = m;
        const col = colAbs ? lettersToColumn(letters) : lettersToColumn(letters) + dCols;
        const row = rowAbs ? Number(digits) : Number(digits) + dRows;
        out += col < 1 || row < 1 ? '#REF!' : `${colAbs}${columnToLetters(col)}${rowAbs}${row}`;
        i += m[0].length;
        continue;
      }
      WORD.lastIndex = i;
      const word = WORD.exec(formula);
      if (word && word[0].length > 0) {
        out += word[0];
        i += word[0].length;
        continue;
      }
    }
    out += ch;
    i += 1;
  }
  return out;
}
