/**
 * The one function that renders the dashboard's HTML (no vscode import, so tests render
 * the same page in Chromium). Only the bundle and its stylesheet load, both from the
 * extension's `dist/webview` through `asWebviewUri`; the script runs by nonce, a fresh one
 * per load from `crypto.randomBytes`. No `unsafe-eval`, no `unsafe-inline`, no remote origin.
 */
import { randomBytes } from 'node:crypto';

export interface DashboardHtmlInput {
  /** `webview.cspSource`. */
  cspSource: string;
  /** `asWebviewUri(dist/webview/dashboard.js)`. */
  scriptUri: string;
  /** `asWebviewUri(dist/webview/dashboard.css)`. */
  styleUri: string;
  nonce: string;
}

export function newNonce(): string {
  return randomBytes(18).toString('base64url');
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function dashboardCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    // Lit (vscode-elements) styles through constructable stylesheets; chart.js sizes canvases through CSSOM.
    `style-src ${cspSource} 'nonce-${nonce}'`,
    // No images, fonts, frames or connections: nothing else may load.
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function renderDashboardHtml(input: DashboardHtmlInput): string {
  const nonce = escapeAttribute(input.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(dashboardCsp(input.cspSource, input.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" nonce="${nonce}" href="${escapeAttribute(input.styleUri)}">
<title>Runlens Dashboard</title>
</head>
<body>
<div id="app" data-testid="dashboard"></div>
<script nonce="${nonce}" src="${escapeAttribute(input.scriptUri)}"></script>
</body>
</html>`;
}
