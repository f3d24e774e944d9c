/**
 * chart.js with only the parts the dashboard draws (tree-shaken): line and bar charts on
 * linear and category scales, tooltips, legend and the decimation plugin.
 */
import {
  BarController, BarElement, CategoryScale, Chart, Decimation, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip,
} from 'chart.js';
import type { Palette } from '../theme';

let registered = false;

export function setupCharts(palette: Palette): void {
  if (!registered) {
    Chart.register(LineController, LineElement, PointElement, BarController, BarElement, LinearScale, CategoryScale, Tooltip, Legend, Decimation);
    registered = true;
  }
  applyDefaults(palette);
}

/** Theme-dependent defaults; called again after a theme change. */
export function applyDefaults(palette: Palette): void {
  Chart.defaults.color = palette.foreground;
  Chart.defaults.borderColor = palette.lines;
  Chart.defaults.font.family = palette.fontFamily;
  Chart.defaults.font.size = Math.max(10, palette.fontSize - 1);
  // Live updates redraw in place; animations would cost a frame each and lag behind the data.
  Chart.defaults.animation = false;
  Chart.defaults.responsive = true;
  Chart.defaults.maintainAspectRatio = false;
}

export { Chart };
