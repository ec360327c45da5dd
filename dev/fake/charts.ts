/**
 * Embedded charts: the `Charts` global's enums, `Sheet.newChart()`'s builder (generic, and typed after
 * `asBarChart()` and its siblings) and the `EmbeddedChart` objects a sheet holds. Charts are not drawn; the
 * fake keeps their type, ranges, options and position for tests to inspect.
 */

import { instrument, signatureMismatch } from './context';
import { FakeEnumMember, enumName, makeEnum } from './enums';
import { Env, rangeArgument } from './env';
import { ChartModel, SheetModel } from './models';
import { FakeChartTypeName, FakeCharts, FakeEmbeddedChart, FakeEmbeddedChartBuilder } from './types';

/** `Charts.ChartType` member names. */
export const CHART_TYPES: readonly FakeChartTypeName[] = [
  'TIMELINE',
  'AREA',
  'BAR',
  'BUBBLE',
  'CANDLESTICK',
  'COLUMN',
  'COMBO',
  'GAUGE',
  'GEO',
  'HISTOGRAM',
  'RADAR',
  'LINE',
  'ORG',
  'PIE',
  'SCATTER',
  'SPARKLINE',
  'STEPPED_AREA',
  'TABLE',
  'TREEMAP',
  'WATERFALL',
];

/** The `Charts` global (its enums). */
export const CHARTS: FakeCharts = Object.freeze({
  ChartType: makeEnum(CHART_TYPES),
  Position: makeEnum(['TOP', 'RIGHT', 'BOTTOM', 'NONE'] as const),
  PointStyle: makeEnum(['NONE', 'TINY', 'MEDIUM', 'LARGE', 'HUGE'] as const),
  CurveStyle: makeEnum(['NORMAL', 'SMOOTH'] as const),
});

/** A new, not yet inserted chart model (chart id 0 until `insertChart`). */
function emptyChart(): ChartModel {
  return {
    chartId: 0,
    chartType: '',
    ranges: [],
    options: new Map(),
    anchorRow: 1,
    anchorColumn: 1,
    offsetX: 0,
    offsetY: 0,
    numHeaders: -1,
    transpose: false,
  };
}

function copyChart(model: ChartModel): ChartModel {
  return {
    ...model,
    ranges: model.ranges.map((r) => ({ sheet: r.sheet, rect: { ...r.rect } })),
    options: new Map(model.options),
  };
}

/** Makes the EmbeddedChart API object of a chart model. */
export function makeChart(env: Env, model: ChartModel): FakeEmbeddedChart {
  const { ctx } = env;
  const api = {
    getChartId: () => (model.chartId === 0 ? null : model.chartId),
    getRanges: () => model.ranges.map((r) => env.makeRange(r.sheet, { ...r.rect })),
    getOptions: () =>
      instrument(ctx, 'ChartOptions', {
        get: (option: string) => model.options.get(option) ?? null,
        getOrDefault: (option: string) => model.options.get(option) ?? null,
      }),
    getContainerInfo: () =>
      instrument(ctx, 'ContainerInfo', {
        getAnchorRow: () => model.anchorRow,
        getAnchorColumn: () => model.anchorColumn,
        getOffsetX: () => model.offsetX,
        getOffsetY: () => model.offsetY,
      }),
    getNumHeaders: () => model.numHeaders,
    getTransposeRowsAndColumns: () => model.transpose,
    modify: () => env.makeChartBuilder(model.ranges[0]?.sheet ?? (env.book.sheets[0] as SheetModel), copyChart(model)),
  };
  const chart = instrument(ctx, 'EmbeddedChart', api) as unknown as FakeEmbeddedChart;
  env.chartOf.set(chart, model);
  return chart;
}

const TYPED_BUILDERS: Record<string, string> = {
  asAreaChart: 'AREA',
  asBarChart: 'BAR',
  asColumnChart: 'COLUMN',
  asComboChart: 'COMBO',
  asHistogramChart: 'HISTOGRAM',
  asLineChart: 'LINE',
  asPieChart: 'PIE',
  asScatterChart: 'SCATTER',
  asTableChart: 'TABLE',
};

/**
 * The chart types an embedded chart can have: those with an `as…Chart()` builder. The reference warns that "not
 * all embedded chart types are currently supported"; the others (CANDLESTICK, GAUGE, GEO, …) are refused.
 */
export const SUPPORTED_TYPES: ReadonlySet<string> = new Set(Object.values(TYPED_BUILDERS));

/** The fake's message for a chart type without a builder (Google documents none). */
export function unsupportedChartMessage(name: string): string {
  return `Charts.ChartType.${name} is not supported for embedded charts; use one with an as…Chart() builder (${[...SUPPORTED_TYPES].join(', ')}).`;
}

/**
 * Makes a chart builder for a sheet. `state` is the chart being built (a copy when modifying a chart, keeping
 * its id so that `updateChart` replaces it). `typed` adds the typed builders' setters.
 */
export function makeChartBuilder(
  env: Env,
  sheet: SheetModel,
  state: ChartModel = emptyChart(),
  typed = false,
): FakeEmbeddedChartBuilder {
  const { ctx } = env;
  const api: Record<string, unknown> = {
    addRange: (range: unknown) => {
      const ref = rangeArgument(env, range, 'Charts.EmbeddedChartBuilder.addRange');
      state.ranges.push({ sheet: ref.sheet, rect: { ...ref.rect } });
      return builder;
    },
    removeRange: (range: unknown) => {
      const ref = rangeArgument(env, range, 'Charts.EmbeddedChartBuilder.removeRange');
      state.ranges = state.ranges.filter(
        (r) =>
          !(
            r.sheet === ref.sheet &&
            r.rect.row === ref.rect.row &&
            r.rect.col === ref.rect.col &&
            r.rect.numRows === ref.rect.numRows &&
            r.rect.numCols === ref.rect.numCols
          ),
      );
      return builder;
    },
    clearRanges: () => {
      state.ranges = [];
      return builder;
    },
    getRanges: () => state.ranges.map((r) => env.makeRange(r.sheet, { ...r.rect })),
    setChartType: (type: unknown) => {
      const name = enumName(CHARTS.ChartType, type);
      if (!name) return signatureMismatch(ctx, 'Charts.EmbeddedChartBuilder.setChartType', [type]);
      if (!SUPPORTED_TYPES.has(name)) ctx.fail(unsupportedChartMessage(name));
      state.chartType = name;
      return builder;
    },
    getChartType: () =>
      state.chartType === '' ? null : ((CHARTS.ChartType as Record<string, FakeEnumMember>)[state.chartType] ?? null),
    setOption: (option: unknown, value: unknown) => {
      if (typeof option !== 'string')
        return signatureMismatch(ctx, 'Charts.EmbeddedChartBuilder.setOption', [option, value]);
      state.options.set(option, value);
      return builder;
    },
    setPosition: (anchorRowPos: unknown, anchorColPos: unknown, offsetX: unknown, offsetY: unknown) => {
      const args = [anchorRowPos, anchorColPos, offsetX, offsetY];
      if (args.some((a) => typeof a !== 'number'))
        return signatureMismatch(ctx, 'Charts.EmbeddedChartBuilder.setPosition', args);
      state.anchorRow = anchorRowPos as number;
      state.anchorColumn = anchorColPos as number;
      state.offsetX = offsetX as number;
      state.offsetY = offsetY as number;
      return builder;
    },
    getContainer: () =>
      instrument(ctx, 'ContainerInfo', {
        getAnchorRow: () => state.anchorRow,
        getAnchorColumn: () => state.anchorColumn,
        getOffsetX: () => state.offsetX,
        getOffsetY: () => state.offsetY,
      }),
    setNumHeaders: (headers: unknown) => {
      if (typeof headers !== 'number')
        return signatureMismatch(ctx, 'Charts.EmbeddedChartBuilder.setNumHeaders', [headers]);
      state.numHeaders = headers;
      return builder;
    },
    setTransposeRowsAndColumns: (transpose: unknown) => {
      state.transpose = Boolean(transpose);
      return builder;
    },
    build: () => env.makeChart(copyChart(state)),
  };
  for (const [method, type] of Object.entries(TYPED_BUILDERS)) {
    api[method] = () => {
      state.chartType = type;
      return makeChartBuilder(env, sheet, state, true);
    };
  }
  if (typed) {
    const option = (name: string) => (value: unknown) => {
      state.options.set(name, value);
      return builder;
    };
    Object.assign(api, {
      setTitle: option('title'),
      setXAxisTitle: option('hAxis.title'),
      setYAxisTitle: option('vAxis.title'),
      setLegendPosition: (position: unknown) => {
        const name = enumName(CHARTS.Position, position);
        if (!name) return signatureMismatch(ctx, 'Charts.EmbeddedChartBuilder.setLegendPosition', [position]);
        state.options.set('legend.position', name.toLowerCase());
        return builder;
      },
      setColors: option('colors'),
      setStacked: () => {
        state.options.set('isStacked', true);
        return builder;
      },
      setPointStyle: (style: unknown) => {
        const name = enumName(CHARTS.PointStyle, style);
        if (!name) return signatureMismatch(ctx, 'Charts.EmbeddedChartBuilder.setPointStyle', [style]);
        state.options.set('pointSize', { NONE: 0, TINY: 1, MEDIUM: 3, LARGE: 7, HUGE: 14 }[name]);
        return builder;
      },
      setXAxisRange: (start: number, end: number) => {
        state.options.set('hAxis.viewWindow.min', start);
        state.options.set('hAxis.viewWindow.max', end);
        return builder;
      },
      setYAxisRange: (start: number, end: number) => {
        state.options.set('vAxis.viewWindow.min', start);
        state.options.set('vAxis.viewWindow.max', end);
        return builder;
      },
      setDimensions: (width: number, height: number) => {
        state.options.set('width', width);
        state.options.set('height', height);
        return builder;
      },
    });
  }
  const builder = instrument(ctx, 'EmbeddedChartBuilder', api) as unknown as FakeEmbeddedChartBuilder;
  return builder;
}
