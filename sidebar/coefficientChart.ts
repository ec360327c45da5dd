/**
 * The sidebar's small coefficient chart: each term's estimate (a dot) inside its confidence interval (a bar), terms
 * down the side, a darker line at zero, and the terms with p < 0.05 in blue — drawn with Chart.js (bundled into
 * the one sidebar file, nothing loaded from the network), the library the preview draws the results sheet's charts
 * with. `coefficientChartConfig` is pure, so jest checks it in node.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import type { ChartTerm } from '../src/addon/api';
import { chartTerms } from './state';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
);

const CLEAR = '#1a73e8';
const UNCLEAR = '#9aa0a6';
const FONT = 'Roboto, Arial, sans-serif';

/** Pixels per term, and around them (axis and padding): the chart's height grows with its terms. */
export const PX_PER_TERM = 12;
const PX_AROUND = 36;

/** A term's name for the axis: at most 22 characters. */
function shortName(name: string): string {
  const chars = Array.from(name);
  return chars.length > 22 ? `${chars.slice(0, 21).join('')}…` : name;
}

/** The Chart.js configuration of the chart of `terms` (a plain object; `terms` already chosen by `chartTerms`). */
export function coefficientChartConfig(terms: readonly ChartTerm[]): Record<string, unknown> {
  const colour = terms.map((t) => (t.p < 0.05 ? CLEAR : UNCLEAR));
  return {
    type: 'bar',
    data: {
      labels: terms.map((t) => shortName(t.name)),
      datasets: [
        {
          type: 'bar',
          label: 'interval',
          data: terms.map((t) => [t.low, t.high]),
          backgroundColor: colour,
          borderWidth: 0,
          barThickness: 3,
          grouped: false,
          order: 2,
        },
        {
          type: 'line',
          label: 'estimate',
          data: terms.map((t) => t.estimate),
          showLine: false,
          pointRadius: 3.5,
          pointHoverRadius: 5,
          pointBackgroundColor: colour,
          pointBorderColor: '#fff',
          pointBorderWidth: 1,
          order: 1,
        },
      ],
    },
    options: {
      indexAxis: 'y',
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      layout: { padding: { right: 6 } },
      scales: {
        x: {
          type: 'linear',
          grace: '5%',
          ticks: { color: '#5f6368', font: { family: FONT, size: 10 }, maxTicksLimit: 6 },
          grid: {
            color: (context: { tick?: { value?: unknown } }) => (context.tick?.value === 0 ? '#5f6368' : '#eeeeee'),
          },
          border: { display: false },
        },
        y: {
          type: 'category',
          ticks: { color: '#3c4043', font: { family: FONT, size: 10 }, autoSkip: false },
          grid: { display: false },
          border: { color: '#dadce0' },
        },
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            label: (item: { dataIndex: number }) => {
              const t = terms[item.dataIndex];
              return t === undefined
                ? ''
                : `${t.estimate.toPrecision(4)} (${t.low.toPrecision(3)} to ${t.high.toPrecision(3)}), p ${t.p < 0.0001 ? '< 0.0001' : t.p.toFixed(4)}`;
            },
          },
        },
      },
    },
  };
}

let drawn: Chart | null = null;

/**
 * Draws the chart of a model's terms into `container` (replacing any chart drawn before), sized to its terms, and
 * records on the container what it drew: data-terms (terms drawn), data-points (estimates) and data-bars
 * (intervals). Returns how many terms it left out (it draws at most MAX_CHART_TERMS, the clearest).
 */
export function drawCoefficientChart(container: HTMLElement, terms: readonly ChartTerm[]): number {
  if (drawn !== null) drawn.destroy();
  drawn = null;
  while (container.firstChild) container.removeChild(container.firstChild);
  const shown = chartTerms(terms);
  container.style.height = `${shown.length * PX_PER_TERM + PX_AROUND}px`;
  const canvas = document.createElement('canvas');
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', `Coefficients of ${shown.length} terms with their confidence intervals`);
  container.appendChild(canvas);
  if (shown.length > 0) {
    const chart = new Chart(canvas, coefficientChartConfig(shown) as never);
    const count = (i: number): number =>
      chart.getDatasetMeta(i).data.filter((element) => !(element as { skip?: boolean }).skip).length;
    container.setAttribute('data-terms', String(shown.length));
    container.setAttribute('data-bars', String(count(0)));
    container.setAttribute('data-points', String(count(1)));
    drawn = chart;
  }
  return terms.length - shown.length;
}
