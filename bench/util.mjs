// Small helpers shared by the benchmark scripts.
import { fileURLToPath, URL } from 'node:url';

/** The project root (the folder above bench/). */
export const projectRoot = fileURLToPath(new URL('..', import.meta.url));

/** Where the benchmark writes its bundle and data (git-ignored). */
export const outDir = fileURLToPath(new URL('./out/', import.meta.url));

/** Median of a non-empty list of numbers (mean of the middle two for an even count). */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs the collector, if the process was started with --expose-gc, so one run's garbage does not land in the next. */
export function collectGarbage() {
  if (typeof globalThis.gc === 'function') globalThis.gc();
}

/** Formats a number of milliseconds (or megabytes) with a precision that suits its size. */
export function fmt(value, digits = 1) {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/**
 * A markdown table with padded columns. `align` holds 'l' or 'r' per column (default: first left, the rest right).
 */
export function table(headers, rows, align = headers.map((_, j) => (j === 0 ? 'l' : 'r'))) {
  const widths = headers.map((h, j) => Math.max(h.length, ...rows.map((row) => String(row[j]).length)));
  const pad = (text, j) => (align[j] === 'l' ? String(text).padEnd(widths[j]) : String(text).padStart(widths[j]));
  const line = (cells) => `| ${cells.map(pad).join(' | ')} |`;
  const rule = `|${widths.map((w, j) => (align[j] === 'l' ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(headers), rule, ...rows.map(line)].join('\n');
}
