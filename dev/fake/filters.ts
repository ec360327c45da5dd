/**
 * A sheet's basic filter (`Range.createFilter`, `Sheet.getFilter`, `Filter`) and its column criteria
 * (`SpreadsheetApp.newFilterCriteria`, `FilterCriteriaBuilder`, `FilterCriteria`), as in the Apps Script reference.
 * The criteria are kept, moved with their columns when rows or columns are inserted or deleted, and copied with
 * the sheet; which rows they hide is not modelled (no method the add-on uses depends on it).
 */

import { rectToA1 } from './a1';
import { FakeContext, instrument, signatureMismatch } from './context';
import { FakeEnumMember, enumName } from './enums';
import { Env, requireLiveSheet } from './env';
import { FilterCriteriaModel, SheetModel, cloneCriteria } from './models';
import { SPREADSHEET_ENUMS } from './spreadsheet';
import { FakeFilter, FakeFilterCriteria, FakeFilterCriteriaBuilder, FakeRange } from './types';

/** The criteria behind each FilterCriteria object the fake handed out. */
const criteriaOf = new WeakMap<object, FilterCriteriaModel>();

/** Sheets' message when a sheet that has a filter gets another (wording guessed; see dev/README.md). */
export const FILTER_EXISTS_MESSAGE = "You can't create a filter in a sheet that already has a filter.";

/** The `SpreadsheetApp.BooleanCriteria` member of a name. */
function booleanCriteria(name: string): FakeEnumMember {
  return (SPREADSHEET_ENUMS.BooleanCriteria as unknown as Record<string, FakeEnumMember>)[name] as FakeEnumMember;
}

function emptyCriteria(): FilterCriteriaModel {
  return { hiddenValues: null, visibleValues: null, criteriaType: null, criteriaValues: [] };
}

function copyValue(ctx: FakeContext, value: unknown): unknown {
  return ctx.isDate(value) ? ctx.makeDate((value as Date).getTime()) : value;
}

/** A FilterCriteria object (immutable) for a model. */
function makeCriteria(ctx: FakeContext, model: FilterCriteriaModel): FakeFilterCriteria {
  const frozen = cloneCriteria(model);
  const api = {
    copy: () => makeCriteriaBuilder(ctx, frozen),
    getCriteriaType: () => (frozen.criteriaType === null ? null : booleanCriteria(frozen.criteriaType)),
    getCriteriaValues: () => frozen.criteriaValues.map((v) => copyValue(ctx, v)),
    getHiddenValues: () => (frozen.hiddenValues === null ? null : [...frozen.hiddenValues]),
    getVisibleValues: () => (frozen.visibleValues === null ? null : [...frozen.visibleValues]),
  };
  const criteria = instrument(ctx, 'FilterCriteria', api) as unknown as FakeFilterCriteria;
  criteriaOf.set(criteria, frozen);
  return criteria;
}

/** `SpreadsheetApp.newFilterCriteria()`, or `FilterCriteria.copy()` when `from` is given. */
export function makeCriteriaBuilder(ctx: FakeContext, from?: FilterCriteriaModel): FakeFilterCriteriaBuilder {
  const state = from ? cloneCriteria(from) : emptyCriteria();
  const strings = (values: unknown, method: string): string[] => {
    if (!Array.isArray(values))
      return signatureMismatch(ctx, `SpreadsheetApp.FilterCriteriaBuilder.${method}`, [values]);
    return values.map((v) => String(v));
  };
  const when = (type: string, values: unknown[], method: string, expected: 'number' | 'string' | 'date' | 'none') => {
    for (const v of values) {
      const ok =
        expected === 'number'
          ? typeof v === 'number'
          : expected === 'string'
            ? typeof v === 'string'
            : expected === 'date'
              ? ctx.isDate(v) || (typeof v === 'object' && v !== null)
              : false;
      if (!ok) return signatureMismatch(ctx, `SpreadsheetApp.FilterCriteriaBuilder.${method}`, values);
    }
    state.criteriaType = type;
    state.criteriaValues = values.map((v) => copyValue(ctx, v));
    return builder;
  };
  const api = {
    build: () => makeCriteria(ctx, state),
    copy: () => makeCriteriaBuilder(ctx, state),
    getCriteriaType: () => (state.criteriaType === null ? null : booleanCriteria(state.criteriaType)),
    getCriteriaValues: () => state.criteriaValues.map((v) => copyValue(ctx, v)),
    getHiddenValues: () => (state.hiddenValues === null ? null : [...state.hiddenValues]),
    getVisibleValues: () => (state.visibleValues === null ? null : [...state.visibleValues]),
    setHiddenValues: (values: unknown) => {
      state.hiddenValues = strings(values, 'setHiddenValues');
      return builder;
    },
    setVisibleValues: (values: unknown) => {
      state.visibleValues = strings(values, 'setVisibleValues');
      return builder;
    },
    whenCellEmpty: () => when('CELL_EMPTY', [], 'whenCellEmpty', 'none'),
    whenCellNotEmpty: () => when('CELL_NOT_EMPTY', [], 'whenCellNotEmpty', 'none'),
    whenDateAfter: (date: unknown) => when('DATE_AFTER', [date], 'whenDateAfter', 'date'),
    whenDateBefore: (date: unknown) => when('DATE_BEFORE', [date], 'whenDateBefore', 'date'),
    whenDateEqualTo: (date: unknown) => when('DATE_EQUAL_TO', [date], 'whenDateEqualTo', 'date'),
    whenFormulaSatisfied: (formula: unknown) => when('CUSTOM_FORMULA', [formula], 'whenFormulaSatisfied', 'string'),
    whenNumberBetween: (start: unknown, end: unknown) =>
      when('NUMBER_BETWEEN', [start, end], 'whenNumberBetween', 'number'),
    whenNumberEqualTo: (n: unknown) => when('NUMBER_EQUAL_TO', [n], 'whenNumberEqualTo', 'number'),
    whenNumberGreaterThan: (n: unknown) => when('NUMBER_GREATER_THAN', [n], 'whenNumberGreaterThan', 'number'),
    whenNumberGreaterThanOrEqualTo: (n: unknown) =>
      when('NUMBER_GREATER_THAN_OR_EQUAL_TO', [n], 'whenNumberGreaterThanOrEqualTo', 'number'),
    whenNumberLessThan: (n: unknown) => when('NUMBER_LESS_THAN', [n], 'whenNumberLessThan', 'number'),
    whenNumberLessThanOrEqualTo: (n: unknown) =>
      when('NUMBER_LESS_THAN_OR_EQUAL_TO', [n], 'whenNumberLessThanOrEqualTo', 'number'),
    whenNumberNotBetween: (start: unknown, end: unknown) =>
      when('NUMBER_NOT_BETWEEN', [start, end], 'whenNumberNotBetween', 'number'),
    whenNumberNotEqualTo: (n: unknown) => when('NUMBER_NOT_EQUAL_TO', [n], 'whenNumberNotEqualTo', 'number'),
    whenTextContains: (text: unknown) => when('TEXT_CONTAINS', [text], 'whenTextContains', 'string'),
    whenTextDoesNotContain: (text: unknown) =>
      when('TEXT_DOES_NOT_CONTAIN', [text], 'whenTextDoesNotContain', 'string'),
    whenTextEndsWith: (text: unknown) => when('TEXT_ENDS_WITH', [text], 'whenTextEndsWith', 'string'),
    whenTextEqualTo: (text: unknown) => when('TEXT_EQUAL_TO', [text], 'whenTextEqualTo', 'string'),
    whenTextStartsWith: (text: unknown) => when('TEXT_STARTS_WITH', [text], 'whenTextStartsWith', 'string'),
    withCriteria: (criteria: unknown, args: unknown) => {
      const name = enumName(SPREADSHEET_ENUMS.BooleanCriteria, criteria);
      if (name === undefined || typeof criteria === 'string' || !Array.isArray(args)) {
        return signatureMismatch(ctx, 'SpreadsheetApp.FilterCriteriaBuilder.withCriteria', [criteria, args]);
      }
      state.criteriaType = name;
      state.criteriaValues = args.map((v: unknown) => copyValue(ctx, v));
      return builder;
    },
  };
  const builder = instrument(ctx, 'FilterCriteriaBuilder', api) as unknown as FakeFilterCriteriaBuilder;
  return builder;
}

/** The Filter API object of a sheet's filter (a new object each call). */
export function makeFilter(env: Env, sheet: SheetModel): FakeFilter {
  const { ctx } = env;
  const model = sheet.filter;
  const current = () => {
    requireLiveSheet(env, sheet);
    if (sheet.filter === undefined || sheet.filter !== model) return ctx.fail('This filter no longer exists.');
    return sheet.filter;
  };
  const column = (position: unknown, method: string): number => {
    const filter = current();
    if (typeof position !== 'number' || !Number.isFinite(position))
      return signatureMismatch(ctx, `SpreadsheetApp.Filter.${method}`, [position]);
    const c = Math.trunc(position);
    if (c < filter.rect.col || c >= filter.rect.col + filter.rect.numCols)
      ctx.fail(`The column ${c} is not within the filter's range ${rectToA1(filter.rect)}.`);
    return c;
  };
  const api = {
    getRange: (): FakeRange => env.makeRange(sheet, { ...current().rect }),
    getColumnFilterCriteria: (position: unknown) => {
      const c = column(position, 'getColumnFilterCriteria');
      const criteria = current().criteria.get(c);
      return criteria === undefined ? null : makeCriteria(ctx, criteria);
    },
    setColumnFilterCriteria: (position: unknown, criteria: unknown) => {
      const c = column(position, 'setColumnFilterCriteria');
      if (criteria === null) {
        current().criteria.delete(c);
        return filter;
      }
      const stored = typeof criteria === 'object' && criteria !== null ? criteriaOf.get(criteria) : undefined;
      if (stored === undefined)
        return signatureMismatch(ctx, 'SpreadsheetApp.Filter.setColumnFilterCriteria', [position, criteria]);
      current().criteria.set(c, cloneCriteria(stored));
      return filter;
    },
    removeColumnFilterCriteria: (position: unknown) => {
      const c = column(position, 'removeColumnFilterCriteria');
      current().criteria.delete(c);
      return filter;
    },
    remove: () => {
      current();
      sheet.filter = undefined;
    },
  };
  const filter = instrument(ctx, 'Filter', api) as unknown as FakeFilter;
  return filter;
}

/** `Range.createFilter()`: a filter over the range, on a sheet that has none. */
export function createFilter(
  env: Env,
  sheet: SheetModel,
  rect: { row: number; col: number; numRows: number; numCols: number },
): FakeFilter {
  if (sheet.filter !== undefined) env.ctx.fail(FILTER_EXISTS_MESSAGE);
  sheet.filter = { rect: { ...rect }, criteria: new Map() };
  return makeFilter(env, sheet);
}

/** `Sheet.getFilter()` / `Range.getFilter()`: the sheet's filter, or null. */
export function getFilter(env: Env, sheet: SheetModel): FakeFilter | null {
  requireLiveSheet(env, sheet);
  return sheet.filter === undefined ? null : makeFilter(env, sheet);
}
