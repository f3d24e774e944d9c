/** Command ids, view ids and context keys, typed in one place (the manifest uses the same strings). */

export const Commands = {
  openDashboard: 'runlens.openDashboard',
  refresh: 'runlens.refresh',
  addLogFolder: 'runlens.addLogFolder',
  removeSource: 'runlens.removeSource',
  openLog: 'runlens.openLog',
  showTrace: 'runlens.showTrace',
  revealLineInTrace: 'runlens.revealLineInTrace',
  filterRuns: 'runlens.filterRuns',
  clearRunsFilter: 'runlens.clearRunsFilter',
  muteRule: 'runlens.muteRule',
  acknowledgeAlert: 'runlens.acknowledgeAlert',
  showAlerts: 'runlens.showAlerts',
  editRules: 'runlens.editRules',
  writeSampleLogs: 'runlens.writeSampleLogs',
  openWalkthrough: 'runlens.openWalkthrough',
  showOutput: 'runlens.showOutput',
} as const;

export const Views = {
  container: 'runlens',
  runs: 'runlens.runs',
  metrics: 'runlens.metrics',
  alerts: 'runlens.alerts',
  sources: 'runlens.sources',
} as const;

export const ContextKeys = {
  ready: 'runlens.ready',
  hasRuns: 'runlens.hasRuns',
  runsFiltered: 'runlens.runsFiltered',
} as const;

export const STATUS_BAR_ALERTS_ID = 'runlens.alerts';
