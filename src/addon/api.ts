/**
 * The contract between the sidebar (client) and the Apps Script server functions. Types only: the sidebar
 * imports them with `import type`, so nothing here runs on either side. Every payload is JSON-safe — no Dates,
 * functions, undefined-as-value or class instances — because google.script.run rejects them in both directions.
 */

import type { ColumnKind } from '../core/cells/columnInfo';
import type { RecipeOptions } from '../core/options';
/** A column's role as the sidebar shows it; the user can change target and ignored. */
export type ColumnRole = 'target' | 'numeric' | 'binary' | 'categorical' | 'ignored';

/** A type as JSON carries it: arrays and records writable (google.script.run hands over plain copies). */
type Writable<T> = { -readonly [K in keyof T]: WritableValue<T[K]> };
type WritableValue<V> = V extends readonly (infer U)[]
  ? U[]
  : V extends Readonly<Record<string, infer W>>
    ? Record<string, W>
    : V;

/**
 * Options of every server function: the recipe's options (src/core/options.ts, where their defaults and ranges
 * live) as JSON carries them, less the recipe's name (the add-on runs the default recipe) and its internal fields,
 * plus `convertFormulas`: replace formulas a step would change with values, instead of asking (default false).
 */
export type StepOptions = Writable<Omit<RecipeOptions, 'recipe' | 'encodedBefore'>> & { convertFormulas?: boolean };

/** One column in the sidebar's profile. */
export interface ColumnSummary {
  name: string;
  kind: ColumnKind;
  role: ColumnRole;
  missing: number;
  zeros: number;
  distinct: number;
  /** Up to 12 most frequent levels of a categorical column. */
  levels: { level: string; count: number }[];
  rareLevels: string[];
  zerosLookMissing: boolean;
  /** Cells that are not numbers (or dates) in a numeric (or date) column, with their rows: treated as missing. */
  strays: { row: number; text: string }[];
  /** Why the column is not in the model, in words, when it is not. */
  leftOut?: string;
  /**
   * True for a numeric column of non-negative whole numbers at least 30% of them zero: counts that a count model
   * (negative binomial) fits better than least squares on their log. The sidebar suggests it when this is the target.
   */
  manyZeroCounts?: boolean;
}

/** What `getProfile()` returns. */
export interface ProfileReport {
  sheetName: string;
  rows: number;
  columns: ColumnSummary[];
  merges: { column: string; from: string; to: string; reason: 'whitespace' | 'case' | 'typo'; count: number }[];
  suggestions: string[];
  /** One line per saved setting dropped because it named a column the sheet no longer has. */
  notes: string[];
  /** The saved settings (less dropped ones) merged over the defaults; `target` is the guess when none was chosen. */
  settings: Required<
    Pick<StepOptions, 'target' | 'seed' | 'testFraction' | 'folds' | 'rareThreshold' | 'rare' | 'zeroMissing' | 'level'>
  > &
    StepOptions;
  /** The column TikFit would explain if the user chose none, or null when no column holds numbers. */
  suggestedTarget: string | null;
  /** Snapshots that `undoLastStep()` can restore, newest first. */
  undo: { step: string; sheetName: string; at: string }[];
  /** Fingerprint of the data range now, and of the data the current results were made from (null: none). */
  dataFingerprint: string;
  resultsFingerprint: string | null;
  /** True when results exist and the data has changed since. */
  stale: boolean;
  /** The last model fitted on this sheet, as the document keeps it; null when there is none. */
  lastModel: ModelSummary | null;
}

/** What each in-place step returns. */
export interface StepReport {
  step: 'clean' | 'impute' | 'encode' | 'recipe' | 'model' | 'undo';
  /** One line for the sidebar, e.g. "Trimmed 14 cells; merged Humor → humor (2)". */
  message: string;
  /** Rows and columns of the data range after the step. */
  rows: number;
  columns: number;
  /** The step's own report (JSON-safe), for the curious. */
  details: unknown;
  /** The warnings of the in-place steps so far on this data (the same words Run all uses). */
  warnings?: string[];
  /** Snapshots available to undo after this step. */
  undoAvailable: number;
  /**
   * Present when the step changed nothing because it would replace formulas by values: it asks first. Running the
   * same step again with `convertFormulas: true` does it.
   */
  confirm?: FormulaConfirm;
}

/** What a step asks before it replaces formulas by values. */
export interface FormulaConfirm {
  /** How many formula cells the step would replace. */
  formulas: number;
  /** The first of them (at most 8), in A1 notation as the sheet is now. */
  cells: string[];
  /** The question for a person, e.g. "Replace 3 formulas with values (F4, F9, F12)? Clean would change what they show." */
  question: string;
}

/** One model term as the sidebar's coefficient chart draws it: its estimate inside its confidence interval. */
export interface ChartTerm {
  name: string;
  estimate: number;
  low: number;
  high: number;
  p: number;
}

/**
 * The answer of a fit, as the sidebar shows it at its top: what to read first, the findings, the warnings, a few
 * numbers and the coefficients with their intervals. Compact: the document keeps the last one (within Google's 9 KB,
 * trimmed when it must be, and `omitted` says how much), so that reopening the sidebar shows the sheet's last model.
 */
export interface ModelSummary {
  /** The data sheet the model was fitted on, and when (ISO 8601). */
  sheetName: string;
  at: string;
  target: string;
  /** The confidence level of the intervals. */
  level: number;
  /** When most of the target was filled in: what that means and what to do. Shown before the findings. */
  caveat: string | null;
  findings: string[];
  warnings: string[];
  n: number;
  /** Least squares' R² (a count model: null). */
  rSquared: number | null;
  adjRSquared: number | null;
  /** The model fitted (absent in records made before the count models: least squares). */
  model?: 'ols' | 'poisson' | 'nb';
  /** A count model's θ (negative binomial; Poisson: null), deviance, null deviance and AIC. */
  counts?: { theta: number | null; deviance: number | null; nullDeviance: number | null; aic: number | null } | null;
  evaluation: ModelReport['evaluation'];
  /** The terms with intervals (not the intercept), in the model's order. */
  terms: ChartTerm[];
  /** How many terms, findings and warnings were left out to keep the record within 9 KB. */
  omitted: { terms: number; findings: number; warnings: number };
}

/** What `runModel()` and `runRecipe()` return. */
export interface ModelReport extends StepReport {
  /** The answer, as the sidebar shows it (and the document keeps it). */
  summary: ModelSummary;
  resultsSheet: string;
  n: number;
  rSquared: number | null;
  adjRSquared: number | null;
  findings: string[];
  warnings: string[];
  evaluation: {
    testRmseLog: number | null;
    testRmseFollowers: number | null;
    testMaeFollowers: number | null;
    cvRmseLog: { mean: number | null; sd: number | null; folds: number };
  };
}

/** The server functions the sidebar calls through google.script.run, with their argument and result types. */
export interface ServerApi {
  getProfile(): ProfileReport;
  saveSettings(options: StepOptions): ProfileReport;
  applyClean(options?: StepOptions): StepReport;
  applyImpute(options?: StepOptions): StepReport;
  applyEncode(options?: StepOptions): StepReport;
  runModel(options?: StepOptions): ModelReport;
  runRecipe(options?: StepOptions): ModelReport;
  undoLastStep(): StepReport;
}
