/** The alert engine's public surface (design §5): rules, evaluation, replay and live feeding. */
export { AlertEngine, type AlertEngineOptions, type EvaluateOptions, type HistoryRecord } from './alertEngine';
export { AlertFeed, type FeedMode } from './feed';
export { toAlertLine, streamKey, type AlertChange, type AlertChangeType, type AlertDict, type AlertLine, type AlertMetadata } from './alertDict';
export { LastValidRules, mergeRuleSets, parseRulesDocument, parseRulesText, type RulesResult } from './parseRules';
export { shippedDefaultRules } from './defaults';
export type { AlertCondition, AlertRule, AlertSeverity, RawRule } from './rule';
