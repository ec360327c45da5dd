/**
 * The Apps Script surface the fake offers, as TypeScript interfaces for tests. Names and signatures follow the
 * Apps Script reference; only the members the fake implements are listed.
 */

import { FakeEnum, FakeEnumMember } from './enums';

/** Names of `Charts.ChartType` members. */
export type FakeChartTypeName =
  | 'TIMELINE'
  | 'AREA'
  | 'BAR'
  | 'BUBBLE'
  | 'CANDLESTICK'
  | 'COLUMN'
  | 'COMBO'
  | 'GAUGE'
  | 'GEO'
  | 'HISTOGRAM'
  | 'RADAR'
  | 'LINE'
  | 'ORG'
  | 'PIE'
  | 'SCATTER'
  | 'SPARKLINE'
  | 'STEPPED_AREA'
  | 'TABLE'
  | 'TREEMAP'
  | 'WATERFALL';

/** Names of `SpreadsheetApp.BooleanCriteria` members. */
export type FakeBooleanCriteriaName =
  | 'CELL_EMPTY'
  | 'CELL_NOT_EMPTY'
  | 'DATE_AFTER'
  | 'DATE_BEFORE'
  | 'DATE_EQUAL_TO'
  | 'DATE_NOT_EQUAL_TO'
  | 'DATE_AFTER_RELATIVE'
  | 'DATE_BEFORE_RELATIVE'
  | 'DATE_EQUAL_TO_RELATIVE'
  | 'NUMBER_BETWEEN'
  | 'NUMBER_EQUAL_TO'
  | 'NUMBER_GREATER_THAN'
  | 'NUMBER_GREATER_THAN_OR_EQUAL_TO'
  | 'NUMBER_LESS_THAN'
  | 'NUMBER_LESS_THAN_OR_EQUAL_TO'
  | 'NUMBER_NOT_BETWEEN'
  | 'NUMBER_NOT_EQUAL_TO'
  | 'TEXT_CONTAINS'
  | 'TEXT_DOES_NOT_CONTAIN'
  | 'TEXT_EQUAL_TO'
  | 'TEXT_NOT_EQUAL_TO'
  | 'TEXT_STARTS_WITH'
  | 'TEXT_ENDS_WITH'
  | 'CUSTOM_FORMULA';

/** Names of `SpreadsheetApp.CopyPasteType` members. */
export type FakeCopyPasteTypeName =
  | 'PASTE_NORMAL'
  | 'PASTE_NO_BORDERS'
  | 'PASTE_FORMAT'
  | 'PASTE_FORMULA'
  | 'PASTE_DATA_VALIDATION'
  | 'PASTE_VALUES'
  | 'PASTE_CONDITIONAL_FORMATTING'
  | 'PASTE_COLUMN_WIDTHS';

/** A value `getValues()` returns: number, boolean, Date, or string ("" for an empty cell). */
export type FakeCellValue = string | number | boolean | Date;

/** The options of `Range.clear(options)` and `Sheet.clear(options)`. */
export interface FakeClearOptions {
  contentsOnly?: boolean;
  formatOnly?: boolean;
  commentsOnly?: boolean;
  validationsOnly?: boolean;
  skipFilteredRows?: boolean;
}

/** A range of cells (Apps Script's `Range`). */
export interface FakeRange {
  getRow(): number;
  getColumn(): number;
  getLastRow(): number;
  getLastColumn(): number;
  getNumRows(): number;
  getNumColumns(): number;
  getHeight(): number;
  getWidth(): number;
  getA1Notation(): string;
  getSheet(): FakeSheet;
  getGridId(): number;
  getCell(row: number, column: number): FakeRange;
  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): FakeRange;
  getValue(): FakeCellValue;
  getValues(): FakeCellValue[][];
  getDisplayValue(): string;
  getDisplayValues(): string[][];
  getFormula(): string;
  getFormulas(): string[][];
  setValue(value: unknown): FakeRange;
  setValues(values: unknown[][]): FakeRange;
  setFormula(formula: string): FakeRange;
  setFormulas(formulas: string[][]): FakeRange;
  isBlank(): boolean;
  getNote(): string;
  getNotes(): string[][];
  setNote(note: string | null): FakeRange;
  setNotes(notes: (string | null)[][]): FakeRange;
  clearNote(): FakeRange;
  getNumberFormat(): string;
  getNumberFormats(): string[][];
  setNumberFormat(format: string): FakeRange;
  setNumberFormats(formats: string[][]): FakeRange;
  getFontWeight(): string;
  getFontWeights(): string[][];
  setFontWeight(weight: string | null): FakeRange;
  setFontWeights(weights: (string | null)[][]): FakeRange;
  getFontStyle(): string;
  getFontStyles(): string[][];
  setFontStyle(style: string | null): FakeRange;
  setFontStyles(styles: (string | null)[][]): FakeRange;
  getFontSize(): number;
  getFontSizes(): number[][];
  setFontSize(size: number): FakeRange;
  setFontSizes(sizes: number[][]): FakeRange;
  getFontFamily(): string;
  getFontFamilies(): string[][];
  setFontFamily(family: string | null): FakeRange;
  setFontFamilies(families: (string | null)[][]): FakeRange;
  getBackground(): string;
  getBackgrounds(): string[][];
  setBackground(color: string | null): FakeRange;
  setBackgrounds(colors: (string | null)[][]): FakeRange;
  getFontColor(): string;
  getFontColors(): string[][];
  setFontColor(color: string | null): FakeRange;
  setFontColors(colors: (string | null)[][]): FakeRange;
  getWrap(): boolean;
  getWraps(): boolean[][];
  setWrap(wrap: boolean): FakeRange;
  setWraps(wraps: boolean[][]): FakeRange;
  getHorizontalAlignment(): string;
  getHorizontalAlignments(): string[][];
  setHorizontalAlignment(alignment: string | null): FakeRange;
  setHorizontalAlignments(alignments: (string | null)[][]): FakeRange;
  getVerticalAlignment(): string;
  getVerticalAlignments(): string[][];
  setVerticalAlignment(alignment: string | null): FakeRange;
  setVerticalAlignments(alignments: (string | null)[][]): FakeRange;
  merge(): FakeRange;
  mergeAcross(): FakeRange;
  mergeVertically(): FakeRange;
  breakApart(): FakeRange;
  isPartOfMerge(): boolean;
  getMergedRanges(): FakeRange[];
  clear(options?: FakeClearOptions): FakeRange;
  clearContent(): FakeRange;
  clearFormat(): FakeRange;
  trimWhitespace(): FakeRange;
  copyTo(
    destination: FakeRange,
    copyPasteTypeOrOptions?: FakeEnumMember | { contentsOnly?: boolean; formatOnly?: boolean },
    transposed?: boolean,
  ): void;
  activate(): FakeRange;
  createFilter(): FakeFilter;
  getFilter(): FakeFilter | null;
}

/** A sheet's basic filter (Apps Script's `Filter`); columns are 1-based sheet columns inside its range. */
export interface FakeFilter {
  getRange(): FakeRange;
  getColumnFilterCriteria(columnPosition: number): FakeFilterCriteria | null;
  setColumnFilterCriteria(columnPosition: number, filterCriteria: FakeFilterCriteria | null): FakeFilter;
  removeColumnFilterCriteria(columnPosition: number): FakeFilter;
  remove(): void;
}

/** A filter's criteria on one column (Apps Script's `FilterCriteria`). */
export interface FakeFilterCriteria {
  copy(): FakeFilterCriteriaBuilder;
  getCriteriaType(): FakeEnumMember | null;
  getCriteriaValues(): unknown[];
  getHiddenValues(): string[] | null;
  getVisibleValues(): string[] | null;
}

/** Builds filter criteria (Apps Script's `FilterCriteriaBuilder`). */
export interface FakeFilterCriteriaBuilder {
  build(): FakeFilterCriteria;
  copy(): FakeFilterCriteriaBuilder;
  getCriteriaType(): FakeEnumMember | null;
  getCriteriaValues(): unknown[];
  getHiddenValues(): string[] | null;
  getVisibleValues(): string[] | null;
  setHiddenValues(values: string[]): FakeFilterCriteriaBuilder;
  setVisibleValues(values: string[]): FakeFilterCriteriaBuilder;
  whenCellEmpty(): FakeFilterCriteriaBuilder;
  whenCellNotEmpty(): FakeFilterCriteriaBuilder;
  whenDateAfter(date: Date): FakeFilterCriteriaBuilder;
  whenDateBefore(date: Date): FakeFilterCriteriaBuilder;
  whenDateEqualTo(date: Date): FakeFilterCriteriaBuilder;
  whenFormulaSatisfied(formula: string): FakeFilterCriteriaBuilder;
  whenNumberBetween(start: number, end: number): FakeFilterCriteriaBuilder;
  whenNumberEqualTo(number: number): FakeFilterCriteriaBuilder;
  whenNumberGreaterThan(number: number): FakeFilterCriteriaBuilder;
  whenNumberGreaterThanOrEqualTo(number: number): FakeFilterCriteriaBuilder;
  whenNumberLessThan(number: number): FakeFilterCriteriaBuilder;
  whenNumberLessThanOrEqualTo(number: number): FakeFilterCriteriaBuilder;
  whenNumberNotBetween(start: number, end: number): FakeFilterCriteriaBuilder;
  whenNumberNotEqualTo(number: number): FakeFilterCriteriaBuilder;
  whenTextContains(text: string): FakeFilterCriteriaBuilder;
  whenTextDoesNotContain(text: string): FakeFilterCriteriaBuilder;
  whenTextEndsWith(text: string): FakeFilterCriteriaBuilder;
  whenTextEqualTo(text: string): FakeFilterCriteriaBuilder;
  whenTextStartsWith(text: string): FakeFilterCriteriaBuilder;
  withCriteria(criteria: FakeEnumMember, args: unknown[]): FakeFilterCriteriaBuilder;
}

/** A sheet (Apps Script's `Sheet`). */
export interface FakeSheet {
  getName(): string;
  getSheetName(): string;
  setName(name: string): FakeSheet;
  getSheetId(): number;
  getIndex(): number;
  getParent(): FakeSpreadsheet;
  getRange(a1Notation: string): FakeRange;
  getRange(row: number, column: number, numRows?: number, numColumns?: number): FakeRange;
  getDataRange(): FakeRange;
  getLastRow(): number;
  getLastColumn(): number;
  getMaxRows(): number;
  getMaxColumns(): number;
  appendRow(rowContents: unknown[]): FakeSheet;
  insertRowsAfter(afterPosition: number, howMany: number): FakeSheet;
  insertRowsBefore(beforePosition: number, howMany: number): FakeSheet;
  insertRowAfter(afterPosition: number): FakeSheet;
  insertRowBefore(beforePosition: number): FakeSheet;
  insertRows(rowIndex: number, numRows?: number): void;
  insertColumnsAfter(afterPosition: number, howMany: number): FakeSheet;
  insertColumnsBefore(beforePosition: number, howMany: number): FakeSheet;
  insertColumnAfter(afterPosition: number): FakeSheet;
  insertColumnBefore(beforePosition: number): FakeSheet;
  insertColumns(columnIndex: number, numColumns?: number): void;
  deleteRow(rowPosition: number): FakeSheet;
  deleteRows(rowPosition: number, howMany: number): void;
  deleteColumn(columnPosition: number): FakeSheet;
  deleteColumns(columnPosition: number, howMany: number): void;
  clear(options?: FakeClearOptions): FakeSheet;
  clearContents(): FakeSheet;
  clearFormats(): FakeSheet;
  clearNotes(): FakeSheet;
  hideSheet(): FakeSheet;
  showSheet(): FakeSheet;
  isSheetHidden(): boolean;
  copyTo(spreadsheet: FakeSpreadsheet): FakeSheet;
  activate(): FakeSheet;
  setFrozenRows(rows: number): void;
  getFrozenRows(): number;
  setFrozenColumns(columns: number): void;
  getFrozenColumns(): number;
  autoResizeColumns(startColumn: number, numColumns: number): FakeSheet;
  autoResizeColumn(columnPosition: number): FakeSheet;
  setColumnWidth(columnPosition: number, width: number): FakeSheet;
  setColumnWidths(startColumn: number, numColumns: number, width: number): FakeSheet;
  getColumnWidth(columnPosition: number): number;
  getFilter(): FakeFilter | null;
  setTabColor(color: string | null): FakeSheet;
  getTabColor(): string | null;
  getCharts(): FakeEmbeddedChart[];
  newChart(): FakeEmbeddedChartBuilder;
  insertChart(chart: FakeEmbeddedChart): void;
  updateChart(chart: FakeEmbeddedChart): void;
  removeChart(chart: FakeEmbeddedChart): void;
  getConditionalFormatRules(): FakeConditionalFormatRule[];
  setConditionalFormatRules(rules: FakeConditionalFormatRule[]): void;
  clearConditionalFormatRules(): void;
}

/** The options of `Spreadsheet.insertSheet(…, options)`. */
export interface FakeInsertSheetOptions {
  template?: FakeSheet;
}

/** A spreadsheet (Apps Script's `Spreadsheet`). */
export interface FakeSpreadsheet {
  getId(): string;
  getName(): string;
  rename(newName: string): void;
  getUrl(): string;
  getSpreadsheetTimeZone(): string;
  getSpreadsheetLocale(): string;
  getActiveSheet(): FakeSheet;
  setActiveSheet(sheet: FakeSheet, restoreSelection?: boolean): FakeSheet;
  getActiveRange(): FakeRange | null;
  getSheets(): FakeSheet[];
  getNumSheets(): number;
  getSheetByName(name: string): FakeSheet | null;
  getSheetById(id: number): FakeSheet | null;
  insertSheet(): FakeSheet;
  insertSheet(sheetIndex: number, options?: FakeInsertSheetOptions): FakeSheet;
  insertSheet(sheetName: string, sheetIndex?: number, options?: FakeInsertSheetOptions): FakeSheet;
  insertSheet(sheetName: string, options: FakeInsertSheetOptions): FakeSheet;
  insertSheet(options: FakeInsertSheetOptions): FakeSheet;
  deleteSheet(sheet: FakeSheet): void;
  moveActiveSheet(pos: number): void;
  getRange(a1Notation: string): FakeRange;
  getDataRange(): FakeRange;
  getLastRow(): number;
  getLastColumn(): number;
  toast(msg: string, title?: string, timeoutSeconds?: number): void;
}

/** A menu being built (Apps Script's `Menu`). */
export interface FakeMenuApi {
  addItem(caption: string, functionName: string): FakeMenuApi;
  addSeparator(): FakeMenuApi;
  addSubMenu(menu: FakeMenuApi): FakeMenuApi;
  addToUi(): void;
}

/** What `Ui.prompt` returns. */
export interface FakePromptResponse {
  getResponseText(): string;
  getSelectedButton(): FakeEnumMember;
}

/** Names of `Ui.Button` members. */
export type FakeButtonName = 'CLOSE' | 'OK' | 'CANCEL' | 'YES' | 'NO';
/** Names of `Ui.ButtonSet` members. */
export type FakeButtonSetName = 'OK' | 'OK_CANCEL' | 'YES_NO' | 'YES_NO_CANCEL';

/** The spreadsheet's user interface (Apps Script's `Ui`). */
export interface FakeUiApi {
  readonly Button: FakeEnum<FakeButtonName>;
  readonly ButtonSet: FakeEnum<FakeButtonSetName>;
  createAddonMenu(): FakeMenuApi;
  createMenu(caption: string): FakeMenuApi;
  showSidebar(userInterface: FakeHtmlOutput): void;
  showModalDialog(userInterface: FakeHtmlOutput, title: string): void;
  showModelessDialog(userInterface: FakeHtmlOutput, title: string): void;
  alert(prompt: string): FakeEnumMember;
  alert(prompt: string, buttons: FakeEnumMember): FakeEnumMember;
  alert(title: string, prompt: string, buttons: FakeEnumMember): FakeEnumMember;
  prompt(prompt: string): FakePromptResponse;
  prompt(prompt: string, buttons: FakeEnumMember): FakePromptResponse;
  prompt(title: string, prompt: string, buttons: FakeEnumMember): FakePromptResponse;
}

/** The condition and formats of a conditional format rule (Apps Script's `BooleanCondition`). */
export interface FakeBooleanCondition {
  getCriteriaType(): FakeEnumMember;
  getCriteriaValues(): unknown[];
  getBackground(): string | null;
  getFontColor(): string | null;
  getBold(): boolean | null;
  getItalic(): boolean | null;
}

/** A conditional format rule (Apps Script's `ConditionalFormatRule`). */
export interface FakeConditionalFormatRule {
  getRanges(): FakeRange[];
  getBooleanCondition(): FakeBooleanCondition | null;
  getGradientCondition(): null;
  copy(): FakeConditionalFormatRuleBuilder;
}

/** Builds a conditional format rule (Apps Script's `ConditionalFormatRuleBuilder`). */
export interface FakeConditionalFormatRuleBuilder {
  whenFormulaSatisfied(formula: string): FakeConditionalFormatRuleBuilder;
  whenNumberLessThan(number: number): FakeConditionalFormatRuleBuilder;
  whenNumberLessThanOrEqualTo(number: number): FakeConditionalFormatRuleBuilder;
  whenNumberGreaterThan(number: number): FakeConditionalFormatRuleBuilder;
  whenNumberGreaterThanOrEqualTo(number: number): FakeConditionalFormatRuleBuilder;
  whenNumberEqualTo(number: number): FakeConditionalFormatRuleBuilder;
  whenNumberNotEqualTo(number: number): FakeConditionalFormatRuleBuilder;
  whenNumberBetween(start: number, end: number): FakeConditionalFormatRuleBuilder;
  whenNumberNotBetween(start: number, end: number): FakeConditionalFormatRuleBuilder;
  whenTextContains(text: string): FakeConditionalFormatRuleBuilder;
  whenTextEqualTo(text: string): FakeConditionalFormatRuleBuilder;
  whenCellEmpty(): FakeConditionalFormatRuleBuilder;
  whenCellNotEmpty(): FakeConditionalFormatRuleBuilder;
  setBackground(color: string | null): FakeConditionalFormatRuleBuilder;
  setFontColor(color: string | null): FakeConditionalFormatRuleBuilder;
  setBold(bold: boolean | null): FakeConditionalFormatRuleBuilder;
  setItalic(italic: boolean | null): FakeConditionalFormatRuleBuilder;
  setRanges(ranges: FakeRange[]): FakeConditionalFormatRuleBuilder;
  getRanges(): FakeRange[];
  build(): FakeConditionalFormatRule;
}

/** A chart's options (Apps Script's `ChartOptions`). */
export interface FakeChartOptions {
  get(option: string): unknown;
  getOrDefault(option: string): unknown;
}

/** Where a chart sits (Apps Script's `ContainerInfo`). */
export interface FakeContainerInfo {
  getAnchorRow(): number;
  getAnchorColumn(): number;
  getOffsetX(): number;
  getOffsetY(): number;
}

/** A chart on a sheet (Apps Script's `EmbeddedChart`). */
export interface FakeEmbeddedChart {
  getChartId(): number | null;
  getRanges(): FakeRange[];
  getOptions(): FakeChartOptions;
  getContainerInfo(): FakeContainerInfo;
  getNumHeaders(): number;
  getTransposeRowsAndColumns(): boolean;
  modify(): FakeEmbeddedChartBuilder;
}

/**
 * Builds a chart (Apps Script's `EmbeddedChartBuilder`). The typed builders returned by `asBarChart()` and its
 * siblings add the title and axis setters; the generic builder from `newChart()` does not have them.
 */
export interface FakeEmbeddedChartBuilder {
  addRange(range: FakeRange): FakeEmbeddedChartBuilder;
  removeRange(range: FakeRange): FakeEmbeddedChartBuilder;
  clearRanges(): FakeEmbeddedChartBuilder;
  getRanges(): FakeRange[];
  setChartType(type: FakeEnumMember): FakeEmbeddedChartBuilder;
  getChartType(): FakeEnumMember | null;
  setOption(option: string, value: unknown): FakeEmbeddedChartBuilder;
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): FakeEmbeddedChartBuilder;
  getContainer(): FakeContainerInfo;
  setNumHeaders(headers: number): FakeEmbeddedChartBuilder;
  setTransposeRowsAndColumns(transpose: boolean): FakeEmbeddedChartBuilder;
  asAreaChart(): FakeTypedChartBuilder;
  asBarChart(): FakeTypedChartBuilder;
  asColumnChart(): FakeTypedChartBuilder;
  asComboChart(): FakeTypedChartBuilder;
  asHistogramChart(): FakeTypedChartBuilder;
  asLineChart(): FakeTypedChartBuilder;
  asPieChart(): FakeTypedChartBuilder;
  asScatterChart(): FakeTypedChartBuilder;
  asTableChart(): FakeTypedChartBuilder;
  build(): FakeEmbeddedChart;
}

/** A typed chart builder (`EmbeddedBarChartBuilder`, `EmbeddedScatterChartBuilder`, …). */
export interface FakeTypedChartBuilder extends FakeEmbeddedChartBuilder {
  setTitle(chartTitle: string): FakeTypedChartBuilder;
  setXAxisTitle(title: string): FakeTypedChartBuilder;
  setYAxisTitle(title: string): FakeTypedChartBuilder;
  setLegendPosition(position: FakeEnumMember): FakeTypedChartBuilder;
  setColors(cssValues: string[]): FakeTypedChartBuilder;
  setStacked(): FakeTypedChartBuilder;
  setPointStyle(style: FakeEnumMember): FakeTypedChartBuilder;
  setXAxisRange(start: number, end: number): FakeTypedChartBuilder;
  setYAxisRange(start: number, end: number): FakeTypedChartBuilder;
  setDimensions(width: number, height: number): FakeTypedChartBuilder;
}

/** `SpreadsheetApp`. */
export interface FakeSpreadsheetApp {
  readonly BooleanCriteria: FakeEnum<FakeBooleanCriteriaName>;
  readonly CopyPasteType: FakeEnum<FakeCopyPasteTypeName>;
  readonly Dimension: FakeEnum<'COLUMNS' | 'ROWS'>;
  readonly WrapStrategy: FakeEnum<'WRAP' | 'OVERFLOW' | 'CLIP'>;
  getActive(): FakeSpreadsheet;
  getActiveSpreadsheet(): FakeSpreadsheet;
  getActiveSheet(): FakeSheet;
  getActiveRange(): FakeRange | null;
  setActiveSheet(sheet: FakeSheet): FakeSheet;
  openById(id: string): FakeSpreadsheet;
  getUi(): FakeUiApi;
  flush(): void;
  newConditionalFormatRule(): FakeConditionalFormatRuleBuilder;
  newFilterCriteria(): FakeFilterCriteriaBuilder;
}

/** What `createHtmlOutput…` returns (Apps Script's `HtmlOutput`); every setter chains. */
export interface FakeHtmlOutput {
  setTitle(title: string): FakeHtmlOutput;
  getTitle(): string;
  setWidth(width: number): FakeHtmlOutput;
  getWidth(): number;
  setHeight(height: number): FakeHtmlOutput;
  getHeight(): number;
  getContent(): string;
  setContent(content: string): FakeHtmlOutput;
  append(addedContent: string): FakeHtmlOutput;
  appendUntrusted(addedContent: string): FakeHtmlOutput;
  clear(): FakeHtmlOutput;
  setSandboxMode(mode: FakeEnumMember): FakeHtmlOutput;
  setXFrameOptionsMode(mode: FakeEnumMember): FakeHtmlOutput;
  addMetaTag(name: string, content: string): FakeHtmlOutput;
  setFaviconUrl(iconUrl: string): FakeHtmlOutput;
}

/** A template from `createTemplate…` (Apps Script's `HtmlTemplate`): assign properties, then `evaluate()`. */
export interface FakeHtmlTemplate {
  [variable: string]: unknown;
  evaluate(): FakeHtmlOutput;
  getRawContent(): string;
  getCode(): string;
}

/** `HtmlService`. */
export interface FakeHtmlService {
  readonly SandboxMode: FakeEnum<'EMULATED' | 'IFRAME' | 'NATIVE'>;
  readonly XFrameOptionsMode: FakeEnum<'ALLOWALL' | 'DEFAULT'>;
  createHtmlOutput(html?: string): FakeHtmlOutput;
  createHtmlOutputFromFile(filename: string): FakeHtmlOutput;
  createTemplate(html: string): FakeHtmlTemplate;
  createTemplateFromFile(filename: string): FakeHtmlTemplate;
}

/** A lock (Apps Script's `Lock`). */
export interface FakeLock {
  tryLock(timeoutInMillis: number): boolean;
  waitLock(timeoutInMillis: number): void;
  releaseLock(): void;
  hasLock(): boolean;
}

/** `LockService`. */
export interface FakeLockService {
  getDocumentLock(): FakeLock;
  getScriptLock(): FakeLock;
  getUserLock(): FakeLock;
}

/** A property store (Apps Script's `Properties`); the setters chain. */
export interface FakeProperties {
  getProperty(key: string): string | null;
  getProperties(): Record<string, string>;
  getKeys(): string[];
  setProperty(key: string, value: string): FakeProperties;
  setProperties(properties: Record<string, unknown>, deleteAllOthers?: boolean): FakeProperties;
  deleteProperty(key: string): FakeProperties;
  deleteAllProperties(): FakeProperties;
}

/** `PropertiesService`. */
export interface FakePropertiesService {
  getDocumentProperties(): FakeProperties;
  getScriptProperties(): FakeProperties;
  getUserProperties(): FakeProperties;
}

/** A cache (Apps Script's `Cache`). */
export interface FakeCache {
  get(key: string): string | null;
  getAll(keys: string[]): Record<string, string>;
  put(key: string, value: string, expirationInSeconds?: number): void;
  putAll(values: Record<string, unknown>, expirationInSeconds?: number): void;
  remove(key: string): void;
  removeAll(keys: string[]): void;
}

/** `CacheService`. */
export interface FakeCacheService {
  getDocumentCache(): FakeCache;
  getScriptCache(): FakeCache;
  getUserCache(): FakeCache;
}

/** A user (Apps Script's `User`). */
export interface FakeUser {
  getEmail(): string;
}

/** `Session`. */
export interface FakeSession {
  getActiveUser(): FakeUser;
  getEffectiveUser(): FakeUser;
  getScriptTimeZone(): string;
  getActiveUserLocale(): string;
  getTemporaryActiveUserKey(): string;
}

/** What `ScriptApp.getAuthorizationInfo` returns. */
export interface FakeAuthorizationInfo {
  getAuthorizationStatus(): FakeEnumMember;
  getAuthorizationUrl(): string | null;
}

/** `ScriptApp`. */
export interface FakeScriptApp {
  readonly AuthMode: FakeEnum<'NONE' | 'CUSTOM_FUNCTION' | 'LIMITED' | 'FULL'>;
  readonly AuthorizationStatus: FakeEnum<'REQUIRED' | 'NOT_REQUIRED'>;
  getAuthorizationInfo(authMode: FakeEnumMember): FakeAuthorizationInfo;
  getScriptId(): string;
}

/** `Charts`: only its enums. */
export interface FakeCharts {
  readonly ChartType: FakeEnum<FakeChartTypeName>;
  readonly Position: FakeEnum<'TOP' | 'RIGHT' | 'BOTTOM' | 'NONE'>;
  readonly PointStyle: FakeEnum<'NONE' | 'TINY' | 'MEDIUM' | 'LARGE' | 'HUGE'>;
  readonly CurveStyle: FakeEnum<'NORMAL' | 'SMOOTH'>;
}

/** `Utilities`: only what the add-on uses. */
export interface FakeUtilities {
  formatDate(date: Date, timeZone: string, format: string): string;
}

/** `Logger`. */
export interface FakeLogger {
  log(data: unknown, ...values: unknown[]): FakeLogger;
  getLog(): string;
  clear(): void;
}

/** Exactly the Apps Script globals the add-on uses (the harness adds `console`). */
export interface FakeGlobals {
  SpreadsheetApp: FakeSpreadsheetApp;
  HtmlService: FakeHtmlService;
  LockService: FakeLockService;
  PropertiesService: FakePropertiesService;
  CacheService: FakeCacheService;
  Session: FakeSession;
  ScriptApp: FakeScriptApp;
  Charts: FakeCharts;
  Logger: FakeLogger;
  Utilities: FakeUtilities;
}
