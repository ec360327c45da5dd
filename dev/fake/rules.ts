/**
 * Conditional format rules: `SpreadsheetApp.newConditionalFormatRule()`'s builder, the built rules and their
 * boolean conditions. Rules are not applied to cells; the fake keeps them for tests to inspect.
 */

import { instrument, signatureMismatch } from './context';
import { FakeEnumMember } from './enums';
import { Env, rangeArgument } from './env';
import { normalizeColor } from './formats';
import { ConditionalRuleModel } from './models';
import { SPREADSHEET_ENUMS } from './spreadsheet';
import { FakeConditionalFormatRule, FakeConditionalFormatRuleBuilder } from './types';

function emptyRule(): ConditionalRuleModel {
  return {
    ranges: [],
    criteriaType: undefined,
    criteriaValues: [],
    background: null,
    fontColor: null,
    bold: null,
    italic: null,
  };
}

function copyRule(model: ConditionalRuleModel): ConditionalRuleModel {
  return {
    ...model,
    ranges: model.ranges.map((r) => ({ sheet: r.sheet, rect: { ...r.rect } })),
    criteriaValues: [...model.criteriaValues],
  };
}

/** Makes the ConditionalFormatRule API object of a rule model. */
export function makeRule(env: Env, model: ConditionalRuleModel): FakeConditionalFormatRule {
  const { ctx } = env;
  const api = {
    getRanges: () => model.ranges.map((r) => env.makeRange(r.sheet, { ...r.rect })),
    getBooleanCondition: () => {
      if (model.criteriaType === undefined) return null;
      const type = (SPREADSHEET_ENUMS.BooleanCriteria as Record<string, FakeEnumMember>)[model.criteriaType];
      return instrument(ctx, 'BooleanCondition', {
        getCriteriaType: () => type,
        getCriteriaValues: () => [...model.criteriaValues],
        getBackground: () => model.background,
        getFontColor: () => model.fontColor,
        getBold: () => model.bold,
        getItalic: () => model.italic,
      });
    },
    getGradientCondition: () => null,
    copy: () => makeRuleBuilder(env, copyRule(model)),
  };
  const rule = instrument(ctx, 'ConditionalFormatRule', api) as unknown as FakeConditionalFormatRule;
  env.ruleOf.set(rule, model);
  return rule;
}

/** Makes a ConditionalFormatRuleBuilder, empty or starting from a copy of a rule. */
export function makeRuleBuilder(env: Env, state: ConditionalRuleModel = emptyRule()): FakeConditionalFormatRuleBuilder {
  const { ctx } = env;
  const when =
    (type: string, arity: number, kind: 'number' | 'string') =>
    (...values: unknown[]) => {
      if (values.length < arity || values.slice(0, arity).some((v) => typeof v !== kind)) {
        return signatureMismatch(ctx, `SpreadsheetApp.ConditionalFormatRuleBuilder.${type}`, values);
      }
      state.criteriaType = type;
      state.criteriaValues = values.slice(0, arity);
      return builder;
    };
  const api = {
    whenFormulaSatisfied: when('CUSTOM_FORMULA', 1, 'string'),
    whenNumberLessThan: when('NUMBER_LESS_THAN', 1, 'number'),
    whenNumberLessThanOrEqualTo: when('NUMBER_LESS_THAN_OR_EQUAL_TO', 1, 'number'),
    whenNumberGreaterThan: when('NUMBER_GREATER_THAN', 1, 'number'),
    whenNumberGreaterThanOrEqualTo: when('NUMBER_GREATER_THAN_OR_EQUAL_TO', 1, 'number'),
    whenNumberEqualTo: when('NUMBER_EQUAL_TO', 1, 'number'),
    whenNumberNotEqualTo: when('NUMBER_NOT_EQUAL_TO', 1, 'number'),
    whenNumberBetween: when('NUMBER_BETWEEN', 2, 'number'),
    whenNumberNotBetween: when('NUMBER_NOT_BETWEEN', 2, 'number'),
    whenTextContains: when('TEXT_CONTAINS', 1, 'string'),
    whenTextEqualTo: when('TEXT_EQUAL_TO', 1, 'string'),
    whenCellEmpty: when('CELL_EMPTY', 0, 'string'),
    whenCellNotEmpty: when('CELL_NOT_EMPTY', 0, 'string'),
    setBackground: (color: unknown) => {
      state.background = color === null || color === undefined ? null : normalizeColor(String(color));
      return builder;
    },
    setFontColor: (color: unknown) => {
      state.fontColor = color === null || color === undefined ? null : normalizeColor(String(color));
      return builder;
    },
    setBold: (bold: unknown) => {
      state.bold = bold === null || bold === undefined ? null : Boolean(bold);
      return builder;
    },
    setItalic: (italic: unknown) => {
      state.italic = italic === null || italic === undefined ? null : Boolean(italic);
      return builder;
    },
    setRanges: (ranges: unknown) => {
      if (!Array.isArray(ranges))
        return signatureMismatch(ctx, 'SpreadsheetApp.ConditionalFormatRuleBuilder.setRanges', [ranges]);
      state.ranges = ranges.map((r: unknown) => {
        const ref = rangeArgument(env, r, 'SpreadsheetApp.ConditionalFormatRuleBuilder.setRanges');
        return { sheet: ref.sheet, rect: { ...ref.rect } };
      });
      return builder;
    },
    getRanges: () => state.ranges.map((r) => env.makeRange(r.sheet, { ...r.rect })),
    build: () => {
      if (state.criteriaType === undefined)
        ctx.fail('A boolean or gradient condition must be set before building the rule.');
      return env.makeRule(copyRule(state));
    },
  };
  const builder = instrument(ctx, 'ConditionalFormatRuleBuilder', api) as unknown as FakeConditionalFormatRuleBuilder;
  return builder;
}
