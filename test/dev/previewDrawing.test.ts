import { chartConfig, pointsPerSeries, SHEETS_PALETTE } from '../../dev/preview/sheetsChart';
import { conditionalFormats, formulaValue, type CellValue, type FormulaWorld } from '../../dev/previewFormulas';

// What the preview draws that the fake only stores: charts from their spec, conditional formats, and formulas the
// fake keeps no value for. The browser tests (test/preview) check the drawn page; these check the rules.

function world(
  sheets: Record<string, CellValue[][]>,
  custom: Record<string, (...args: unknown[]) => unknown> = {},
): FormulaWorld {
  return {
    values: (sheet) => sheets[sheet],
    custom: (name, args) => (custom[name] ? { value: custom[name](...args) } : undefined),
  };
}

describe('formulas the fake keeps no value for', () => {
  const data = world(
    {
      Sheet1: [
        ['a', 'b'],
        [1, 2],
        [3, ''],
      ],
      Results: [['x']],
    },
    { TIKFIT_FINGERPRINT: (range) => `fp${(range as unknown[][]).length}` },
  );

  test('IF over a custom function over an open-ended range of another sheet', () => {
    const formula = `=IF(TIKFIT_FINGERPRINT('Sheet1'!A1:B)="fp3", "Current: unchanged", "STALE: changed")`;
    expect(formulaValue(formula, 'Results', data)).toBe('Current: unchanged');
    expect(formulaValue(formula.replace('fp3', 'fp9'), 'Results', data)).toBe('STALE: changed');
  });

  test('arithmetic, text, comparisons without case, blanks as 0; anything else gives up', () => {
    expect(formulaValue('=Sheet1!A2+Sheet1!B2*2', 'Results', data)).toBe(5);
    expect(formulaValue('="x"&Sheet1!A1', 'Results', data)).toBe('xa');
    expect(
      formulaValue('=AND(Sheet1!A1="A", NOT(ISNUMBER(Sheet1!A1)), ISBLANK(Sheet1!B3), Sheet1!B3=0)', 'Results', data),
    ).toBe(true);
    expect(formulaValue('=VLOOKUP(1, A:B, 2)', 'Results', data)).toBeUndefined();
    expect(formulaValue('=1/0', 'Results', data)).toBeUndefined();
  });

  test('a custom function that throws shows #ERROR!, as Sheets does', () => {
    const failing = world(
      { S: [[1]] },
      {
        BOOM: () => {
          throw new Error('no');
        },
      },
    );
    expect(formulaValue('=BOOM(S!A1)', 'S', failing)).toBe('#ERROR!');
  });
});

describe('conditional formats', () => {
  // The results sheet's highlight: the table's rows whose p-value (column E) is below 0.05.
  const sheet: CellValue[][] = [
    ['Term', 'Estimate', '', '', 'p-value'],
    ['Intercept', 3, '', '', 1e-40],
    ['views', 0.2, '', '', 0.12],
    ['likes', 0.7, '', '', 0.0001],
    ['aliased', '', '', '', ''],
  ];
  const rules = [
    {
      ranges: ['R!A2:H5'],
      criteriaType: 'CUSTOM_FORMULA',
      criteriaValues: ['=AND(ISNUMBER($E2), $E2<0.05)'],
      background: '#d9ead3',
      fontColor: null,
      bold: null,
    },
  ];

  test("a custom formula is read relative to the range's top-left cell, its $ parts fixed", () => {
    const formats = conditionalFormats('R', rules, 5, 8, world({ R: sheet }));
    const rows = [...new Set([...formats.keys()].map((key) => Number(key.split(',')[0])))].sort();
    expect(rows).toEqual([1, 3]); // 0-based: Intercept and likes
    expect(formats.get('1,0')?.background).toBe('#d9ead3');
    expect(formats.get('1,7')?.background).toBe('#d9ead3'); // every column of the row, to H
    expect(formats.has('2,0')).toBe(false);
  });

  test('number conditions test the cell itself; the first rule that holds wins', () => {
    const two = [
      {
        ranges: ['R!E2:E5'],
        criteriaType: 'NUMBER_LESS_THAN',
        criteriaValues: [0.001],
        background: '#ff0000',
        fontColor: null,
        bold: true,
      },
      {
        ranges: ['R!E2:E5'],
        criteriaType: 'NUMBER_LESS_THAN',
        criteriaValues: [0.5],
        background: '#00ff00',
        fontColor: null,
        bold: null,
      },
    ];
    const formats = conditionalFormats('R', two, 5, 8, world({ R: sheet }));
    expect(formats.get('1,4')).toEqual({ background: '#ff0000', fontColor: null, bold: true });
    expect(formats.get('2,4')?.background).toBe('#00ff00');
    expect(formats.has('4,4')).toBe(false); // blank: not a number
  });
});

describe("charts drawn from the add-on's spec", () => {
  const coefficients = {
    type: 'LINE',
    options: {
      title: 'Coefficients with 95% confidence intervals',
      lineWidth: 0,
      pointSize: 5,
      series: { 1: { pointSize: 8, color: '#1a73e8' } },
      hAxis: { title: 'Term', slantedText: true },
      legend: { position: 'bottom' },
    },
    labels: ['Term', 'CI low', 'Estimate', 'CI high'],
    rows: [
      ['views', -0.05, 0.17, 0.39],
      ['likes', 0.53, 0.72, 0.91],
      ['gap', null, null, null],
    ] as (number | string | null)[][],
  };

  test('a line chart with lineWidth 0: points only, per-series size and colour, categories in order', () => {
    const config = chartConfig(coefficients) as {
      type: string;
      data: {
        labels: string[];
        datasets: { label: string; showLine: boolean; pointRadius: number; borderColor: string }[];
      };
      options: { plugins: { legend: { position: string } }; scales: { x: { ticks: { minRotation: number } } } };
    };
    expect(config.type).toBe('line');
    expect(config.data.labels).toEqual(['views', 'likes', 'gap']);
    expect(config.data.datasets.map((d) => [d.label, d.showLine, d.pointRadius, d.borderColor])).toEqual([
      ['CI low', false, 2.5, SHEETS_PALETTE[0]],
      ['Estimate', false, 4, '#1a73e8'],
      ['CI high', false, 2.5, SHEETS_PALETTE[2]],
    ]);
    expect(config.options.plugins.legend.position).toBe('bottom');
    expect(config.options.scales.x.ticks.minRotation).toBe(30);
    expect(pointsPerSeries(config)).toEqual([2, 2, 2]);
  });

  test('a scatter chart: x from the first column, default point size 7, legend on the right as Sheets', () => {
    const config = chartConfig({
      type: 'SCATTER',
      options: { title: 'Residuals' },
      labels: ['Fitted', 'Residual'],
      rows: [
        [1, 0.5],
        [2, -0.25],
        [3, null],
      ],
    }) as {
      type: string;
      data: { datasets: { data: unknown[]; pointRadius: number }[] };
      options: { plugins: { legend: { position: string } } };
    };
    expect(config.type).toBe('scatter');
    expect(config.data.datasets[0]?.data).toEqual([
      { x: 1, y: 0.5 },
      { x: 2, y: -0.25 },
    ]);
    expect(config.data.datasets[0]?.pointRadius).toBe(3.5);
    expect(config.options.plugins.legend.position).toBe('right');
  });
});
