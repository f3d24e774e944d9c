/**
 * What tools are called with and what they return, so the logged `parameters_summary` and
 * `result_summary` read like a real system's (the logger summarises and redacts them: the
 * `api_key` and `token` parameters below come out as ***REDACTED***).
 */
import type { ModelUse } from './catalog';
import type { Random } from './random';

const SEARCH_TOPICS = ['competitor pricing', 'audience trends', 'launch coverage', 'customer reviews', 'industry benchmarks'];
const SEGMENTS = ['enterprise', 'smb', 'churn-risk', 'trial-users', 'loyal-customers'];
const DRAFTS = [
  'Meet the fastest way to plan your next campaign: three steps, one dashboard, zero spreadsheets.',
  'Competitors lead on price; we lead on onboarding time. Lead with the 5-minute setup story.',
  'Engagement peaks Tuesday 9-11am for this segment; schedule the email and two social posts then.',
  'Attribution: paid search drove 41% of trial sign-ups last quarter, webinars 23%, social 12%.',
  'Headline options ranked by predicted CTR, with the brand voice check passed for all three.',
];

export function toolParameters(tool: string, campaign: string, model: ModelUse | undefined, rng: Random): Record<string, unknown> {
  switch (tool) {
    case 'web_search':
      return { query: `${campaign} ${rng.pick(SEARCH_TOPICS)}`, max_results: rng.int(5, 20), api_key: 'sk-demo-search-0000' };
    case 'web_scrape':
      return { url: `https://example.com/${campaign}/page-${rng.int(1, 400)}`, render_js: true, api_key: 'sk-demo-scrape-0000' };
    case 'llm_completion':
      return { model: model?.model ?? 'unknown', temperature: 0.2, max_tokens: model ? model.outputTokens[1] : 512 };
    case 'crm_lookup':
      return { segment: rng.pick(SEGMENTS), fields: 'email,stage,last_touch', token: 'crm-demo-token' };
    case 'sql_query':
      return { sql: `SELECT channel, SUM(spend), SUM(conversions) FROM campaign_stats WHERE campaign = '${campaign}' GROUP BY channel` };
    case 'social_listening':
      return { keywords: campaign.replace(/-/g, ' '), window: '7d', platforms: 'x,linkedin,reddit' };
    case 'keyword_planner':
      return { seed_keywords: campaign.replace(/-/g, ' '), locale: 'en-US' };
    case 'social_scheduler':
      return { channel: rng.pick(['linkedin', 'x', 'instagram']), slot: `2026-12-0${rng.int(1, 9)}T09:30:00Z` };
    case 'brand_check':
      return { guideline_set: 'brand-voice-v3', strict: true };
    case 'chart_render':
      return { kind: rng.pick(['bar', 'line', 'funnel']), width: 1200, height: 600 };
    default:
      return {};
  }
}

export function toolResult(tool: string, rng: Random): unknown {
  switch (tool) {
    case 'web_search':
      return { results: Array.from({ length: rng.int(3, 10) }, (_, i) => ({ rank: i + 1 })), total_hits: rng.int(1_000, 90_000) };
    case 'web_scrape':
      return `<html><head><title>page</title></head><body>${'lorem ipsum '.repeat(rng.int(50, 200))}</body></html>`;
    case 'crm_lookup':
      return { contacts: rng.int(20, 4_000), segment_health: rng.pick(['good', 'declining', 'at-risk']) };
    case 'sql_query':
      return { rows: rng.int(3, 12), columns: ['channel', 'spend', 'conversions'] };
    case 'social_listening':
      return { mentions: rng.int(40, 3_000), sentiment: Math.round(rng.uniform(-0.2, 0.8) * 100) / 100 };
    case 'keyword_planner':
      return { keywords: rng.int(10, 60), top_volume: rng.int(500, 40_000) };
    case 'social_scheduler':
      return { scheduled: true, post_id: `post-${rng.hex(6)}` };
    case 'brand_check':
      return { passed: true, issues: 0 };
    case 'chart_render':
      return { png_bytes: rng.int(40_000, 180_000) };
    default:
      return {};
  }
}

export function llmResultText(rng: Random): string {
  return rng.pick(DRAFTS);
}
