/**
 * The CSS variables VS Code gives a webview, for its default themes (Light Modern, Dark
 * Modern, Dark High Contrast): enough for the dashboard and @vscode-elements to render as
 * they would in the editor. VS Code also sets a body class per theme kind.
 */

export interface WebviewTheme {
  name: 'light' | 'dark' | 'high-contrast';
  bodyClass: string;
  vars: Record<string, string>;
}

const shared = {
  '--vscode-font-family': '-apple-system, BlinkMacSystemFont, "Segoe UI", Ubuntu, sans-serif',
  '--vscode-font-size': '13px',
  '--vscode-font-weight': 'normal',
  '--vscode-editor-font-family': 'monospace',
};

export const LIGHT: WebviewTheme = {
  name: 'light',
  bodyClass: 'vscode-light',
  vars: {
    ...shared,
    '--vscode-foreground': '#3b3b3b', '--vscode-descriptionForeground': '#3b3b3b', '--vscode-editor-background': '#ffffff',
    '--vscode-sideBar-background': '#f8f8f8', '--vscode-panel-background': '#f8f8f8', '--vscode-panel-border': '#e5e5e5',
    '--vscode-widget-border': '#e5e5e5', '--vscode-focusBorder': '#005fb8', '--vscode-textLink-foreground': '#005fb8',
    '--vscode-errorForeground': '#f85149', '--vscode-editorWarning-foreground': '#bf8803', '--vscode-testing-iconPassed': '#388a34',
    '--vscode-list-hoverBackground': '#f2f2f2', '--vscode-list-activeSelectionBackground': '#e8e8e8', '--vscode-list-activeSelectionForeground': '#000000',
    '--vscode-list-focusOutline': '#005fb8', '--vscode-list-highlightForeground': '#0066bf', '--vscode-list-focusHighlightForeground': '#0066bf',
    '--vscode-charts-foreground': '#3b3b3b', '--vscode-charts-lines': 'rgba(59, 59, 59, 0.5)', '--vscode-charts-red': '#e51400',
    '--vscode-charts-blue': '#1a85ff', '--vscode-charts-yellow': '#bf8803', '--vscode-charts-orange': '#d18616',
    '--vscode-charts-green': '#388a34', '--vscode-charts-purple': '#652d90',
    '--vscode-settings-dropdownBackground': '#ffffff', '--vscode-settings-dropdownBorder': '#cecece', '--vscode-settings-dropdownForeground': '#3b3b3b',
    '--vscode-settings-dropdownListBorder': '#c8c8c8', '--vscode-settings-textInputBackground': '#ffffff', '--vscode-settings-textInputBorder': '#cecece',
    '--vscode-settings-textInputForeground': '#3b3b3b', '--vscode-settings-headerBorder': '#e5e5e5', '--vscode-input-background': '#ffffff',
    '--vscode-input-foreground': '#3b3b3b', '--vscode-input-placeholderForeground': '#767676', '--vscode-dropdown-background': '#ffffff',
    '--vscode-panelTitle-activeBorder': '#005fb8', '--vscode-panelTitle-activeForeground': '#3b3b3b', '--vscode-panelTitle-inactiveForeground': '#3b3b3b',
    '--vscode-editorGroup-border': '#e5e5e5', '--vscode-keybindingTable-rowsBackground': 'rgba(128, 128, 128, 0.04)',
    '--vscode-keybindingTable-headerBackground': 'rgba(128, 128, 128, 0.04)', '--vscode-badge-background': '#cccccc', '--vscode-badge-foreground': '#3b3b3b',
    '--vscode-progressBar-background': '#005fb8', '--vscode-inputValidation-errorBackground': '#f2dede', '--vscode-inputValidation-errorBorder': '#be1100',
    '--vscode-sash-hoverBorder': '#005fb8', '--vscode-scrollbarSlider-background': 'rgba(100, 100, 100, 0.4)',
  },
};

export const DARK: WebviewTheme = {
  name: 'dark',
  bodyClass: 'vscode-dark',
  vars: {
    ...shared,
    '--vscode-foreground': '#cccccc', '--vscode-descriptionForeground': '#9d9d9d', '--vscode-editor-background': '#1f1f1f',
    '--vscode-sideBar-background': '#181818', '--vscode-panel-background': '#181818', '--vscode-panel-border': '#2b2b2b',
    '--vscode-widget-border': '#313131', '--vscode-focusBorder': '#0078d4', '--vscode-textLink-foreground': '#4daafc',
    '--vscode-errorForeground': '#f85149', '--vscode-editorWarning-foreground': '#cca700', '--vscode-testing-iconPassed': '#73c991',
    '--vscode-list-hoverBackground': '#2a2d2e', '--vscode-list-activeSelectionBackground': '#04395e', '--vscode-list-activeSelectionForeground': '#ffffff',
    '--vscode-list-focusOutline': '#0078d4', '--vscode-list-highlightForeground': '#2aaaff', '--vscode-list-focusHighlightForeground': '#2aaaff',
    '--vscode-charts-foreground': '#cccccc', '--vscode-charts-lines': 'rgba(204, 204, 204, 0.5)', '--vscode-charts-red': '#f14c4c',
    '--vscode-charts-blue': '#3794ff', '--vscode-charts-yellow': '#cca700', '--vscode-charts-orange': '#d18616',
    '--vscode-charts-green': '#89d185', '--vscode-charts-purple': '#b180d7',
    '--vscode-settings-dropdownBackground': '#313131', '--vscode-settings-dropdownBorder': '#3c3c3c', '--vscode-settings-dropdownForeground': '#cccccc',
    '--vscode-settings-dropdownListBorder': '#454545', '--vscode-settings-textInputBackground': '#313131', '--vscode-settings-textInputBorder': '#3c3c3c',
    '--vscode-settings-textInputForeground': '#cccccc', '--vscode-settings-headerBorder': '#2b2b2b', '--vscode-input-background': '#313131',
    '--vscode-input-foreground': '#cccccc', '--vscode-input-placeholderForeground': '#989898', '--vscode-dropdown-background': '#313131',
    '--vscode-panelTitle-activeBorder': '#0078d4', '--vscode-panelTitle-activeForeground': '#cccccc', '--vscode-panelTitle-inactiveForeground': '#9d9d9d',
    '--vscode-editorGroup-border': '#ffffff17', '--vscode-keybindingTable-rowsBackground': 'rgba(204, 204, 204, 0.04)',
    '--vscode-keybindingTable-headerBackground': 'rgba(204, 204, 204, 0.04)', '--vscode-badge-background': '#616161', '--vscode-badge-foreground': '#f8f8f8',
    '--vscode-progressBar-background': '#0078d4', '--vscode-inputValidation-errorBackground': '#5a1d1d', '--vscode-inputValidation-errorBorder': '#be1100',
    '--vscode-sash-hoverBorder': '#0078d4', '--vscode-scrollbarSlider-background': 'rgba(121, 121, 121, 0.4)',
  },
};

export const HIGH_CONTRAST: WebviewTheme = {
  name: 'high-contrast',
  bodyClass: 'vscode-high-contrast',
  vars: {
    ...DARK.vars,
    '--vscode-foreground': '#ffffff', '--vscode-descriptionForeground': '#ffffff', '--vscode-editor-background': '#000000',
    '--vscode-sideBar-background': '#000000', '--vscode-panel-border': '#6fc3df', '--vscode-widget-border': '#6fc3df',
    '--vscode-focusBorder': '#f38518', '--vscode-contrastBorder': '#6fc3df', '--vscode-textLink-foreground': '#21a6ff',
    '--vscode-charts-foreground': '#ffffff', '--vscode-charts-lines': '#ffffff', '--vscode-charts-red': '#f14c4c',
    '--vscode-charts-blue': '#3794ff', '--vscode-charts-yellow': '#ffd700', '--vscode-charts-orange': '#ff8c00',
    '--vscode-charts-green': '#89d185', '--vscode-charts-purple': '#c586c0', '--vscode-list-hoverBackground': '#000000',
  },
};
