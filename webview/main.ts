/** Entry of the dashboard webview bundle (dist/webview/dashboard.js). */
import './elements';
import './dashboard.css';
import { App } from './app';
import { setupCharts } from './charts/setup';
import { Host } from './host';
import { observeTheme, readPalette } from './theme';

const root = document.getElementById('app');
if (root) {
  setupCharts(readPalette());
  const app = new App(root, new Host());
  observeTheme(() => app.retheme());
  app.start();
}
