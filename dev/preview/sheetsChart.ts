/**
 * An embedded chart's spec, as the add-on builds it (`sheet.newChart()…setOption(…)`) and the preview server reads it
 * with its range's data (`ChartState`), turned into a Chart.js configuration that draws it the way Sheets does:
 *
 * - LINE (and AREA): the first column is the domain, read as categories; each other column is a series named by its
 *   header. `lineWidth` (default 2) and `pointSize` (default 0: no points), overall or per series
 *   (`series: { 0: { pointSize, color, lineWidth } }`); a line chart with `lineWidth: 0` draws points only.
 * - SCATTER: the first column is x, each other column a series of points (`pointSize` default 7).
 * - COLUMN and BAR: vertical and horizontal bars, one series per column after the first.
 * - `title`, `hAxis.title`, `vAxis.title`, `hAxis.slantedText` (labels at 30°), `legend.position` (right by default,
 *   as Sheets; "none" hides it), `colors` and Sheets' own palette, and a darker baseline at 0.
 *
 * Pure: no DOM and no Chart.js here (the page's charts.js passes the result to `new Chart`), so node tests can check
 * what will be drawn. Sizes are pixels; Google's `pointSize` is a diameter, Chart.js's `pointRadius` a radius.
 */

/** What the preview server sends for a chart (see `ChartState` in dev/previewServer.ts). */
export interface ChartSpec {
  type: string;
  options: Record<string, unknown>;
  labels: string[];
  rows: (number | string | null)[][];
}

/** Sheets' default series colours, in order. */
export const SHEETS_PALETTE = [
  '#4285f4',
  '#ea4335',
  '#fbbc04',
  '#34a853',
  '#ff6d01',
  '#46bdc6',
  '#7baaf7',
  '#f07b72',
  '#fcd04f',
  '#71c287',
];

const TEXT = '#202124';
const MUTED = '#5f6368';
const GRID = '#e0e0e0';
const BASELINE = '#5f6368';
const FONT = 'Roboto, Arial, sans-serif';

type Json = Record<string, unknown>;

function object(value: unknown): Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The Chart.js configuration (a plain object) that draws `spec` as Sheets would. */
export function chartConfig(spec: ChartSpec): Json {
  const options = spec.options;
  const series = object(options.series);
  const colors = Array.isArray(options.colors) ? options.colors.filter((c): c is string => typeof c === 'string') : [];
  const hAxis = object(options.hAxis);
  const vAxis = object(options.vAxis);
  const legend = object(options.legend);
  const type = spec.type.toUpperCase();
  const seriesColumns = spec.labels
    .slice(1)
    .map((label, k) => ({ label, column: k + 1, own: object(series[String(k)]) }));
  const colorOf = (k: number, own: Json): string =>
    text(own.color) ?? colors[k] ?? SHEETS_PALETTE[k % SHEETS_PALETTE.length] ?? '#4285f4';
  const numberAt = (row: (number | string | null)[], column: number): number | null => {
    const v = row[column];
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  };

  let chartType: string;
  let data: Json;
  let indexAxis: 'x' | 'y' = 'x';
  if (type === 'SCATTER') {
    chartType = 'scatter';
    data = {
      datasets: seriesColumns.map(({ label, column, own }, k) => {
        const color = colorOf(k, own);
        const size = numberOr(own.pointSize, numberOr(options.pointSize, 7));
        return {
          label,
          data: spec.rows.flatMap((row) => {
            const x = numberAt(row, 0);
            const y = numberAt(row, column);
            return x === null || y === null ? [] : [{ x, y }];
          }),
          backgroundColor: color,
          borderColor: color,
          pointRadius: size / 2,
          pointHoverRadius: size / 2 + 2,
          showLine: false,
        };
      }),
    };
  } else if (type === 'COLUMN' || type === 'BAR') {
    chartType = 'bar';
    indexAxis = type === 'BAR' ? 'y' : 'x';
    data = {
      labels: spec.rows.map((row) => String(row[0] ?? '')),
      datasets: seriesColumns.map(({ label, column, own }, k) => ({
        label,
        data: spec.rows.map((row) => numberAt(row, column)),
        backgroundColor: colorOf(k, own),
        borderWidth: 0,
      })),
    };
  } else {
    // LINE, AREA, and any other type drawn as lines over categories.
    chartType = 'line';
    data = {
      labels: spec.rows.map((row) => String(row[0] ?? '')),
      datasets: seriesColumns.map(({ label, column, own }, k) => {
        const color = colorOf(k, own);
        const width = numberOr(own.lineWidth, numberOr(options.lineWidth, 2));
        const size = numberOr(own.pointSize, numberOr(options.pointSize, 0));
        return {
          label,
          data: spec.rows.map((row) => numberAt(row, column)),
          borderColor: color,
          backgroundColor: type === 'AREA' ? `${color}4d` : color,
          borderWidth: width,
          showLine: width > 0,
          fill: type === 'AREA',
          pointRadius: size / 2,
          pointHoverRadius: Math.max(size / 2 + 2, 3),
          pointBorderWidth: 0,
          spanGaps: false,
        };
      }),
    };
  }

  const position = text(legend.position) ?? 'right';
  const axisTitle = (title: unknown): Json =>
    text(title) === undefined
      ? { display: false }
      : { display: true, text: title, color: TEXT, font: { family: FONT, size: 12, style: 'italic' } };
  const ticks = { color: MUTED, font: { family: FONT, size: 11 } };
  const categoryAxis = indexAxis === 'x' ? 'x' : 'y';
  const slanted = hAxis.slantedText === true;
  const baseline = (context: { tick?: { value?: unknown } }): string => (context.tick?.value === 0 ? BASELINE : GRID);
  const scales: Json = {
    x: {
      type: chartType === 'scatter' ? 'linear' : categoryAxis === 'x' ? 'category' : 'linear',
      title: axisTitle(hAxis.title),
      ticks: slanted
        ? { ...ticks, autoSkip: false, minRotation: 30, maxRotation: 30 }
        : { ...ticks, autoSkip: chartType !== 'line' },
      grid: chartType === 'scatter' || categoryAxis === 'y' ? { color: baseline } : { display: false },
      border: { color: GRID },
    },
    y: {
      type: categoryAxis === 'y' ? 'category' : 'linear',
      title: axisTitle(vAxis.title),
      ticks,
      grid: categoryAxis === 'y' ? { display: false } : { color: baseline },
      border: { display: false },
    },
  };
  return {
    type: chartType,
    data,
    options: {
      indexAxis,
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      layout: { padding: 8 },
      scales,
      plugins: {
        title:
          text(options.title) === undefined
            ? { display: false }
            : {
                display: true,
                text: options.title,
                align: 'start',
                color: TEXT,
                font: { family: FONT, size: 15, weight: 'normal' },
                padding: { top: 4, bottom: 12 },
              },
        legend:
          position === 'none'
            ? { display: false }
            : {
                display: true,
                position,
                labels: {
                  color: TEXT,
                  font: { family: FONT, size: 12 },
                  usePointStyle: true,
                  boxWidth: 8,
                  boxHeight: 8,
                },
              },
        tooltip: { enabled: true },
      },
    },
  };
}

/** How many points (or bars) each series of a config draws: what the page checks the drawn chart against. */
export function pointsPerSeries(config: Json): number[] {
  const datasets = (object(config.data).datasets ?? []) as { data: unknown[] }[];
  return datasets.map((dataset) => dataset.data.filter((v) => v !== null).length);
}
