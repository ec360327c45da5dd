/* TikFit preview: the sheet's embedded charts, drawn with Chart.js from the specs the add-on wrote (see sheetsChart.ts
   for how a spec becomes a Chart.js configuration). Bundled with Chart.js by the preview server (esbuild), so the
   page needs nothing from the network. Exposes window.TikFitCharts.draw(container, spec). */
/* global window, document */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  Title,
  Tooltip,
} from 'chart.js';
import { chartConfig } from './sheetsChart';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  Title,
  Tooltip,
);

window.TikFitCharts = {
  /**
   * Draws a chart into `container` (sized by the page) and records on it what was drawn: data-points holds the
   * points (or bars) each series drew, comma-separated. Returns the Chart, for destroy().
   */
  draw: function (container, spec) {
    var canvas = document.createElement('canvas');
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', (spec.options && spec.options.title) || spec.type + ' chart');
    container.appendChild(canvas);
    var chart = new Chart(canvas, chartConfig(spec));
    var drawn = chart.data.datasets.map(function (_, i) {
      return chart.getDatasetMeta(i).data.filter(function (element) {
        return !element.skip;
      }).length;
    });
    container.setAttribute('data-points', drawn.join(','));
    container.setAttribute('data-type', spec.type);
    return chart;
  },
};
