/**
 * A local preview of the TikFit add-on: the built add-on (dist/addon/Code.js) runs over the in-memory Apps Script
 * fake, and a web page shows what Sheets would — the add-on's menu, a grid of the sheets with their tabs, and the
 * real dist/addon/sidebar.html in a 300 px sidebar whose `google.script.run` calls reach the fake.
 *
 *   npm start                      the bundled sample (samples/tiktok-sample.csv) in Sheet1, on http://localhost:8080
 *   npm start -- my.csv            your CSV (or .xlsx: its first worksheet, header row first) instead
 *   npm start -- --port 9000       another port
 *
 * Loopback only: it binds to 127.0.0.1, refuses other peers and foreign Host/Origin headers, and reads at most
 * 1 MB per request. Add-on calls run one at a time, as Apps Script runs one execution per call.
 */
import { columnToLetters, parseA1Range, splitSheetPrefix } from './fake/a1';
import type { StoredValue } from './fake/cells';
import { displayValue } from './fake/display';
import { conditionalFormats, formulaValue, type CellValue, type FormulaWorld } from './previewFormulas';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, extname, join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import ExcelJS from 'exceljs';
import { parseCsvText } from '../src/core/io/csv';
import { createAddonRuntime, type AddonRuntime } from './addonRuntime';
import type { FakeCellInput, FakeChartSnapshot, FakeMenuItem } from './fakeAppsScript';

const projectRoot = resolve(__dirname, '..');
const assetDir = join(__dirname, 'preview');
/** The sample loaded when no file is given. */
export const SAMPLE_FILE = join(projectRoot, 'samples', 'tiktok-sample.csv');
/** The most a request body may hold. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** What the preview says when an upload is too large: the limit, and what to do instead. */
export const TOO_LARGE = `The file is larger than the preview's upload limit of 1 MB; open it directly instead: npm start -- <your file.csv or .xlsx>`;
/** The most rows of a sheet sent to the page. */
const MAX_GRID_ROWS = 2000;
const SHEET_NAME = 'Sheet1';

/** Options of `startPreviewServer`. */
export interface PreviewServerOptions {
  /** The port; 0 picks a free one. Default 8080. */
  port?: number;
  /** A .csv or .xlsx file to load into Sheet1. Default: the bundled sample. */
  file?: string;
  /** Where the built add-on is. Default: dist/addon of this project. */
  distDir?: string;
  /** Enables POST /api/test/lock (for tests only). */
  testHooks?: boolean;
}

/** A running preview. */
export interface PreviewServer {
  /** e.g. "http://127.0.0.1:8080". */
  url: string;
  port: number;
  /** The add-on and fake now loaded (replaced by POST /api/load). */
  runtime(): AddonRuntime;
  close(): Promise<void>;
}

/** A grid to load into Sheet1, and whether its strings are parsed as Sheets parses typed text. */
export interface LoadedTable {
  grid: FakeCellInput[][];
  parse: boolean;
  source: string;
}

// ---------------------------------------------------------------- files in

/** A CSV's text as Sheets imports it: strings parsed as typed text, so "12" becomes 12. */
export function tableFromCsv(text: string, source: string): LoadedTable {
  return { grid: parseCsvText(text, source), parse: true, source };
}

function xlsxCell(value: ExcelJS.CellValue): FakeCellInput {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if (typeof value !== 'object') return String(value);
  if ('formula' in value || 'sharedFormula' in value) {
    const formula = 'formula' in value && typeof value.formula === 'string' ? value.formula : undefined;
    const result = xlsxCell((value as { result?: ExcelJS.CellValue }).result ?? null);
    const computed = result === null || (typeof result === 'object' && !(result instanceof Date)) ? undefined : result;
    if (formula === undefined) return computed ?? null;
    return computed === undefined ? { formula: `=${formula}` } : { formula: `=${formula}`, value: computed };
  }
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : String(value.hyperlink);
  if ('error' in value) return String(value.error);
  return String(value);
}

/** The first worksheet of an .xlsx file, header row first; its strings stay text, as they are typed in a workbook. */
export async function tableFromXlsx(data: Buffer, source: string): Promise<LoadedTable> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(data as unknown as ArrayBuffer);
  } catch (error) {
    throw new Error(`"${source}" is not a readable .xlsx file: ${(error as Error).message}`, { cause: error });
  }
  const sheet = book.worksheets[0];
  if (sheet === undefined || sheet.rowCount === 0) throw new Error(`"${source}" has no worksheet with data`);
  const grid: FakeCellInput[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const line: FakeCellInput[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) line.push(xlsxCell(row.getCell(c).value));
    grid.push(line);
  }
  return { grid, parse: false, source };
}

/** Reads a .csv or .xlsx file. @throws Error naming the file when it cannot be read or has another extension. */
export async function readTableFile(path: string): Promise<LoadedTable> {
  const kind = extname(path).toLowerCase();
  if (kind !== '.csv' && kind !== '.xlsx')
    throw new Error(`cannot load "${path}": only .csv and .xlsx files are supported`);
  let data: Buffer;
  try {
    data = readFileSync(path);
  } catch (error) {
    throw new Error(`cannot read "${path}": ${(error as Error).message}`, { cause: error });
  }
  return kind === '.csv' ? tableFromCsv(data.toString('utf8'), path) : tableFromXlsx(data, path);
}

// ---------------------------------------------------------------- the workbook out

const XLSX_BAD_NAME = /[[\]*?/\\:]/g;

/** The whole workbook as .xlsx: values, formulas (with their cached values), bold cells; hidden sheets hidden. */
export async function exportWorkbook(runtime: AddonRuntime): Promise<Buffer> {
  const fake = runtime.fake;
  const book = new ExcelJS.Workbook();
  book.creator = 'TikFit preview';
  const used = new Set<string>();
  const names = fake.sheetNames();
  for (const name of names) {
    const grid = fake.getSheetGrid(name);
    let title = name.replace(XLSX_BAD_NAME, '_').slice(0, 31) || 'Sheet';
    for (let n = 2; used.has(title.toLowerCase()); n++) title = `${title.slice(0, 27)} (${n})`;
    used.add(title.toLowerCase());
    const sheet = book.addWorksheet(title, { state: grid.hidden ? 'hidden' : 'visible' });
    grid.values.forEach((row, i) => {
      row.forEach((value, j) => {
        const formula = grid.formulas[i]?.[j] ?? '';
        if (formula === '' && value === '') return;
        const cell = sheet.getCell(i + 1, j + 1);
        cell.value =
          formula !== ''
            ? ({
                formula: formula.replace(/^=/, ''),
                result: value === '' ? undefined : value,
              } as ExcelJS.CellFormulaValue)
            : value;
        if (grid.fontWeights[i]?.[j] === 'bold') cell.font = { bold: true };
      });
    });
  }
  book.views = [
    {
      x: 0,
      y: 0,
      width: 20000,
      height: 12000,
      firstSheet: 0,
      activeTab: Math.max(0, names.indexOf(fake.activeSheetName())),
      visibility: 'visible',
    },
  ];
  return Buffer.from(await book.xlsx.writeBuffer());
}

// ---------------------------------------------------------------- the page's charts

/**
 * The page's chart drawing (dev/preview/charts.js with Chart.js and sheetsChart.ts), bundled into one script by esbuild,
 * so that the page loads nothing from the network. About 200 KB minified; built once when the server starts.
 */
export async function bundleCharts(): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [join(assetDir, 'charts.js')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  const output = result.outputFiles[0];
  if (output === undefined) throw new Error("bundling the preview's charts produced nothing");
  return output.text;
}

// ---------------------------------------------------------------- the sidebar

/** Where the bridge script goes: the very start of <head>, before anything of the sidebar's own. */
function injectBridge(sidebarHtml: string, bridgeJs: string): string {
  const head = /<head[^>]*>/i.exec(sidebarHtml);
  if (head === null) throw new Error('dist/addon/sidebar.html has no <head>');
  const at = head.index + head[0].length;
  return `${sidebarHtml.slice(0, at)}<script>${bridgeJs}</script>${sidebarHtml.slice(at)}`;
}

/** The bridge script element as injected, so that tests can take it out again. */
export function bridgeScriptTag(): string {
  return `<script>${readFileSync(join(assetDir, 'bridge.js'), 'utf8')}</script>`;
}

/** The sha256 CSP sources of the inline scripts of `html`. */
function scriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const match of html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/gi)) {
    hashes.push(
      `'sha256-${createHash('sha256')
        .update(match[1] ?? '', 'utf8')
        .digest('base64')}'`,
    );
  }
  return hashes;
}

// ---------------------------------------------------------------- state for the page

interface SheetState {
  name: string;
  hidden: boolean;
  rows: number;
  columns: number;
  truncated: boolean;
  /** Display strings, as Sheets shows them (formulas the fake does not compute, computed here). */
  cells: string[][];
  /** Formula text ("" where none). */
  formulas: string[][];
  bold: boolean[][];
  /** Each cell's fill, conditional format rules applied over the cell's own (as Sheets draws them). */
  backgrounds: (string | null)[][];
  /** Pixel widths of the columns (Sheets' default 100 where the add-on set none). */
  columnWidths: number[];
  charts: ChartState[];
}

/** An embedded chart as the page draws it: its spec as the add-on built it, and the data of its ranges. */
export interface ChartState {
  chartId: number;
  /** Charts.ChartType name: LINE, SCATTER, COLUMN, BAR, AREA, … */
  type: string;
  /** The options the add-on set (setOption), nested: "hAxis.title" becomes { hAxis: { title } }. */
  options: Record<string, unknown>;
  /** The anchor cell (1-based) and the offset from its top-left corner, in pixels. */
  anchorRow: number;
  anchorColumn: number;
  offsetX: number;
  offsetY: number;
  /** Sheets' default size of an embedded chart unless the options set one. */
  width: number;
  height: number;
  /** The ranges in A1 notation, as the add-on gave them. */
  ranges: string[];
  /** The column labels: the header row when the range has one (as Sheets guesses it), else the column letters. */
  labels: string[];
  /** The data below the header, column by column side by side (numbers, text, null for blanks). */
  rows: (number | string | null)[][];
}

/** Sheets' default size of an embedded chart, in pixels. */
export const DEFAULT_CHART_SIZE = { width: 600, height: 371 };

/** "hAxis.title" → { hAxis: { title } }, merged with the nested options already there. */
function nestOptions(flat: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(flat)) {
    const path = key.split('.');
    let node = out;
    path.slice(0, -1).forEach((part) => {
      const next = node[part];
      node = (node[part] = next !== null && typeof next === 'object' && !Array.isArray(next) ? next : {}) as Record<
        string,
        unknown
      >;
    });
    const last = path[path.length - 1] as string;
    const existing = node[last];
    node[last] =
      existing !== null &&
      typeof existing === 'object' &&
      value !== null &&
      typeof value === 'object' &&
      !Array.isArray(value)
        ? { ...(existing as object), ...(value as object) }
        : value;
  }
  return out;
}

function chartCell(value: unknown): number | string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === '' || value === null || value === undefined) return null;
  if (Object.prototype.toString.call(value) === '[object Date]') return (value as Date).getTime();
  return String(value);
}

/** A chart's spec and the data of its ranges, read from the sheets they name. */
function chartState(runtime: AddonRuntime, sheetName: string, chart: FakeChartSnapshot): ChartState {
  const columns: (number | string | null)[][] = [];
  const letters: string[] = [];
  for (const a1 of chart.ranges) {
    const split = splitSheetPrefix(a1);
    const grid = runtime.fake.getSheetGrid(split.sheetName ?? sheetName);
    const rect = parseA1Range(split.range, grid.maxRows, grid.maxColumns);
    if (rect === undefined) continue;
    for (let j = 0; j < rect.numCols; j++) {
      letters.push(columnToLetters(rect.col + j));
      columns.push(
        Array.from({ length: rect.numRows }, (_, i) => chartCell(grid.values[rect.row - 1 + i]?.[rect.col - 1 + j])),
      );
    }
  }
  // Sheets takes the first row as labels when it is text over a column of numbers.
  const hasHeader =
    columns.length > 0 &&
    columns.every((column) => typeof column[0] === 'string') &&
    columns.slice(1).some((column) => column.slice(1).some((v) => typeof v === 'number'));
  const labels = columns.map((column, j) => (hasHeader ? String(column[0]) : `Column ${letters[j] ?? ''}`));
  const height = Math.max(0, ...columns.map((column) => column.length)) - (hasHeader ? 1 : 0);
  const rows = Array.from({ length: height }, (_, i) =>
    columns.map((column) => column[i + (hasHeader ? 1 : 0)] ?? null),
  );
  const options = nestOptions(chart.options);
  const size = (key: 'width' | 'height'): number =>
    typeof options[key] === 'number' ? (options[key] as number) : DEFAULT_CHART_SIZE[key];
  return {
    chartId: chart.chartId,
    type: chart.chartType,
    options,
    anchorRow: chart.anchorRow,
    anchorColumn: chart.anchorColumn,
    offsetX: chart.offsetX,
    offsetY: chart.offsetY,
    width: size('width'),
    height: size('height'),
    ranges: chart.ranges,
    labels,
    rows,
  };
}

/** Where the preview's formulas read cells, and how they call the add-on's custom functions. */
function formulaWorld(runtime: AddonRuntime): FormulaWorld {
  const cache = new Map<string, readonly (readonly CellValue[])[] | undefined>();
  return {
    values: (sheet) => {
      if (!cache.has(sheet))
        cache.set(
          sheet,
          runtime.fake.sheetNames().includes(sheet) ? runtime.fake.getSheetGrid(sheet).values : undefined,
        );
      return cache.get(sheet);
    },
    custom: (name, args) =>
      /^[A-Z][A-Z0-9_]*$/.test(name) && runtime.has(name) ? { value: runtime.call(name, ...args) } : undefined,
  };
}

function sheetState(runtime: AddonRuntime, name: string): SheetState {
  const grid = runtime.fake.getSheetGrid(name);
  const rows = grid.displayValues.length;
  const take = <T>(table: T[][]): T[][] => table.slice(0, MAX_GRID_ROWS);
  const colour = /^#[0-9a-f]{3,8}$/i;
  const columns = grid.displayValues[0]?.length ?? 0;
  const width = (column: number): number => {
    const set = grid.columnWidths[column];
    return typeof set === 'number' && Number.isFinite(set) ? Math.min(Math.max(Math.round(set), 20), 1000) : 100;
  };
  const world = formulaWorld(runtime);
  const timeZone = runtime.fake.spreadsheet.getSpreadsheetTimeZone();
  const cells = take(grid.displayValues).map((row, i) =>
    row.map((text, j) => {
      const formula = grid.formulas[i]?.[j] ?? '';
      if (text !== '' || formula === '') return text;
      // A formula the fake stores no value for: computed as Sheets would, when the preview can.
      const value = formulaValue(formula, name, world);
      if (value === undefined) return text;
      const stored: StoredValue =
        Object.prototype.toString.call(value) === '[object Date]'
          ? { epochMs: (value as Date).getTime() }
          : (value as StoredValue);
      return displayValue(stored, grid.numberFormats[i]?.[j], timeZone);
    }),
  );
  const shownRows = cells.length;
  const rules = conditionalFormats(name, runtime.fake.getConditionalFormatRules(name), shownRows, columns, world);
  const backgrounds = take(grid.backgrounds).map((row, i) =>
    row.map((b, j) => {
      const ruled = rules.get(`${i},${j}`)?.background;
      const fill = ruled ?? b;
      return colour.test(fill) && fill.toLowerCase() !== '#ffffff' ? fill : null;
    }),
  );
  return {
    name: grid.name,
    hidden: grid.hidden,
    rows,
    columns,
    truncated: rows > MAX_GRID_ROWS,
    cells,
    formulas: take(grid.formulas),
    bold: take(grid.fontWeights).map((row, i) =>
      row.map((w, j) => w === 'bold' || rules.get(`${i},${j}`)?.bold === true),
    ),
    backgrounds,
    columnWidths: Array.from({ length: columns }, (_, j) => width(j + 1)),
    charts: runtime.fake.getCharts(name).map((chart) => chartState(runtime, name, chart)),
  };
}

function menuItems(runtime: AddonRuntime): { caption: string; items: FakeMenuItem[] } {
  const menu = runtime.fake.menus.find((m) => m.kind === 'addon') ?? runtime.fake.menus[0];
  return { caption: menu?.caption ?? 'TikFit', items: menu?.items ?? [] };
}

// ---------------------------------------------------------------- HTTP

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const FUNCTION_NAME = /^[A-Za-z_$][\w$]*$/;

const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "frame-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

function send(
  res: http.ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': String(Buffer.byteLength(body)),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    ...headers,
  });
  res.end(body);
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > MAX_BODY_BYTES) {
      reject(new HttpError(413, TOO_LARGE));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        // Stop keeping it; the 413 answer closes the connection.
        req.removeAllListeners('data');
        req.resume();
        reject(new HttpError(413, TOO_LARGE));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function readJson(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]
    ?.trim()
    .toLowerCase();
  if (type !== 'application/json') throw new HttpError(415, 'send JSON (Content-Type: application/json)');
  const text = await readBody(req);
  let value: unknown;
  try {
    value = JSON.parse(text === '' ? '{}' : text);
  } catch {
    throw new HttpError(400, 'the request body is not JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new HttpError(400, 'the request body must be a JSON object');
  return value as Record<string, unknown>;
}

function messageOf(error: unknown): string {
  if (error !== null && typeof error === 'object' && typeof (error as { message?: unknown }).message === 'string') {
    const text = (error as { message: string }).message;
    if (text !== '') return text;
  }
  return String(error);
}

/** Starts the preview server; resolves once it listens. */
export async function startPreviewServer(options: PreviewServerOptions = {}): Promise<PreviewServer> {
  const distDir = options.distDir ?? join(projectRoot, 'dist', 'addon');
  const codePath = join(distDir, 'Code.js');
  const sidebarPath = join(distDir, 'sidebar.html');
  if (!existsSync(codePath) || !existsSync(sidebarPath)) {
    throw new Error(`the built add-on is missing (${codePath}); run "npm run build" first`);
  }
  const codeJs = readFileSync(codePath, 'utf8');
  const sidebarHtml = readFileSync(sidebarPath, 'utf8');
  const assets = {
    charts: await bundleCharts(),
    page: readFileSync(join(assetDir, 'index.html'), 'utf8'),
    script: readFileSync(join(assetDir, 'preview.js'), 'utf8'),
    style: readFileSync(join(assetDir, 'preview.css'), 'utf8'),
    bridge: readFileSync(join(assetDir, 'bridge.js'), 'utf8'),
  };
  const sidebarPage = injectBridge(sidebarHtml, assets.bridge);
  const sidebarCsp = [
    "default-src 'none'",
    `script-src ${scriptHashes(sidebarPage).join(' ')}`,
    "style-src 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "form-action 'none'",
    "frame-ancestors 'self'",
  ].join('; ');

  const makeRuntime = (table: LoadedTable): AddonRuntime => {
    const runtime = createAddonRuntime({
      codeJs,
      sidebarHtml,
      fakeOptions: { spreadsheetName: basename(table.source), userEmail: 'you@example.com' },
    });
    runtime.fake.setSheetValues(SHEET_NAME, table.grid, { parse: table.parse });
    // The menu, as Sheets records it when the spreadsheet opens.
    runtime.call('onOpen', runtime.fake.openEvent());
    runtime.fake.lock.releaseAll();
    return runtime;
  };

  const firstFile = options.file ?? SAMPLE_FILE;
  let runtime = makeRuntime(await readTableFile(firstFile));
  let source = options.file === undefined ? 'samples/tiktok-sample.csv' : firstFile;
  /** Bumped whenever the document may have changed; the page shows it, so tests can wait for a fresh grid. */
  let version = 1;

  // One add-on execution at a time.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => T | Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  const state = (requested: string | null): unknown => {
    const fake = runtime.fake;
    const names = fake.sheetNames();
    const active = fake.activeSheetName();
    const shown = requested !== null && names.includes(requested) ? requested : active;
    return {
      version,
      source,
      spreadsheetName: fake.spreadsheet.getName(),
      active,
      sheets: names.map((name) => ({ name, hidden: fake.getSheetGrid(name).hidden })),
      sheet: sheetState(runtime, shown),
      menu: menuItems(runtime),
      toasts: fake.toasts.map((t) => ({ title: t.title, message: t.message, timeoutSeconds: t.timeoutSeconds })),
      alerts: fake.alerts.map((a) => ({ kind: a.kind, title: a.title, prompt: a.prompt, response: a.response })),
      sidebars: fake.sidebars.map((s) => ({ title: s.title })),
    };
  };

  let port = 0;
  const allowedHosts = (): Set<string> => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  const route = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) throw new HttpError(403, 'loopback only');
    const host = String(req.headers.host ?? '').toLowerCase();
    if (!allowedHosts().has(host)) throw new HttpError(403, `unexpected Host "${host}"`);
    const origin = req.headers.origin;
    if (
      origin !== undefined &&
      origin !== 'null' &&
      !allowedHosts().has(origin.replace(/^http:\/\//, '').toLowerCase())
    ) {
      throw new HttpError(403, `unexpected Origin "${origin}"`);
    }
    const url = new URL(req.url ?? '/', `http://${host}`);
    const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
    const key = `${method} ${url.pathname}`;
    switch (key) {
      case 'GET /':
      case 'GET /index.html':
        return send(res, 200, 'text/html; charset=utf-8', assets.page, { 'Content-Security-Policy': PAGE_CSP });
      case 'GET /preview.js':
        return send(res, 200, 'text/javascript; charset=utf-8', assets.script);
      case 'GET /charts.js':
        return send(res, 200, 'text/javascript; charset=utf-8', assets.charts);
      case 'GET /preview.css':
        return send(res, 200, 'text/css; charset=utf-8', assets.style);
      case 'GET /sidebar.html':
        return send(res, 200, 'text/html; charset=utf-8', sidebarPage, { 'Content-Security-Policy': sidebarCsp });
      case 'GET /favicon.ico':
        return send(res, 204, 'text/plain', '');
      case 'GET /api/state': {
        const value = await serial(() => state(url.searchParams.get('sheet')));
        return sendJson(res, 200, value);
      }
      case 'POST /api/run': {
        const body = await readJson(req);
        const name = body.name;
        const args = body.args ?? [];
        if (typeof name !== 'string' || !FUNCTION_NAME.test(name) || !Array.isArray(args)) {
          throw new HttpError(400, 'send {"name": "<server function>", "args": [...]}');
        }
        // As google.script.run: top-level functions only, and not the private ones (ending in "_").
        if (!runtime.has(name) || name.endsWith('_')) {
          return sendJson(res, 404, { ok: false, error: { message: `Script function not found: ${name}` } });
        }
        const reply = await serial(() => {
          try {
            return { ok: true, value: runtime.callJson(name, args) };
          } catch (error) {
            return { ok: false, error: { message: messageOf(error) } };
          } finally {
            version++;
          }
        });
        return sendJson(res, 200, reply);
      }
      case 'POST /api/activate': {
        const body = await readJson(req);
        const sheet = body.sheet;
        if (typeof sheet !== 'string') throw new HttpError(400, 'send {"sheet": "<name>"}');
        await serial(() => {
          const names = runtime.fake.sheetNames();
          if (!names.includes(sheet)) throw new HttpError(404, `no sheet named "${sheet}"`);
          if (runtime.fake.getSheetGrid(sheet).hidden)
            throw new HttpError(409, `"${sheet}" is hidden; it is shown, not activated`);
          runtime.fake.setActiveSheet(sheet);
          version++;
        });
        return sendJson(res, 200, { ok: true, active: sheet });
      }
      case 'POST /api/load': {
        const body = await readJson(req);
        const name = typeof body.name === 'string' && body.name !== '' ? body.name.slice(0, 200) : 'upload';
        let table: LoadedTable;
        try {
          if (body.format === 'csv' && typeof body.text === 'string') table = tableFromCsv(body.text, name);
          else if (body.format === 'xlsx' && typeof body.base64 === 'string')
            table = await tableFromXlsx(Buffer.from(body.base64, 'base64'), name);
          else throw new HttpError(400, 'send {"format": "csv", "text": …} or {"format": "xlsx", "base64": …}');
        } catch (error) {
          if (error instanceof HttpError) throw error;
          throw new HttpError(400, messageOf(error));
        }
        await serial(() => {
          runtime = makeRuntime(table);
          source = name;
          version++;
        });
        return sendJson(res, 200, { ok: true, source: name });
      }
      case 'GET /export.xlsx': {
        const data = await serial(() => exportWorkbook(runtime));
        return send(res, 200, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data, {
          'Content-Disposition': 'attachment; filename="tikfit-preview.xlsx"',
        });
      }
      case 'POST /api/test/lock': {
        if (options.testHooks !== true) break;
        const body = await readJson(req);
        await serial(() => {
          runtime.fake.lock.setBusy(body.busy === true);
          version++;
        });
        return sendJson(res, 200, { ok: true, busy: body.busy === true });
      }
      default:
        break;
    }
    throw new HttpError(url.pathname.startsWith('/api/') || method === 'GET' ? 404 : 405, `no ${key}`);
  };

  const server = http.createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      if (res.headersSent) {
        res.destroy();
        return;
      }
      res.setHeader('Connection', 'close');
      sendJson(res, status, { ok: false, error: { message: messageOf(error) } });
    });
  });
  server.requestTimeout = 60_000;
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8080, '127.0.0.1', () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    runtime: () => runtime,
    close: () =>
      new Promise<void>((resolveClose, reject) => {
        server.close((error) => (error ? reject(error) : resolveClose()));
        server.closeAllConnections();
      }),
  };
}

// ---------------------------------------------------------------- command line

const USAGE = 'usage: npm start -- [file.csv|file.xlsx] [--port N]';

/** Parses `[file] [--port N]`. @throws Error with the usage on anything else. */
export function parseArgs(argv: readonly string[]): { port: number; file?: string } {
  let port = 8080;
  let file: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--port' || arg.startsWith('--port=')) {
      const text = arg === '--port' ? argv[++i] : arg.slice('--port='.length);
      const value = Number(text);
      if (text === undefined || !Number.isInteger(value) || value < 0 || value > 65535)
        throw new Error(`--port needs a number from 0 to 65535\n${USAGE}`);
      port = value;
    } else if (arg === '--help' || arg === '-h') {
      throw new Error(USAGE);
    } else if (arg.startsWith('-') || file !== undefined) {
      throw new Error(`unexpected argument "${arg}"\n${USAGE}`);
    } else {
      // npm runs scripts in the project folder; a relative path means one from where `npm start` was typed.
      file = resolve(process.env.INIT_CWD ?? process.cwd(), arg);
    }
  }
  return file === undefined ? { port } : { port, file };
}

async function main(): Promise<void> {
  let args: { port: number; file?: string };
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${messageOf(error)}\n`);
    process.exitCode = 2;
    return;
  }
  let preview: PreviewServer;
  try {
    preview = await startPreviewServer(args);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const text = code === 'EADDRINUSE' ? `port ${args.port} is in use; try --port ${args.port + 1}` : messageOf(error);
    process.stderr.write(`tikfit preview: ${text}\n`);
    process.exitCode = 1;
    return;
  }
  const shown = preview.url.replace('127.0.0.1', 'localhost');
  process.stdout.write(`TikFit preview of ${args.file ?? 'samples/tiktok-sample.csv'}\n  ${shown}\n(Ctrl+C to stop)\n`);
  const stop = (): void => {
    void preview.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) void main();
