/**
 * The simulated marketing-agents system: who reports to whom, which tools each worker calls,
 * how long tools take, what they cost, how often they fail, and which LLM each agent uses.
 * Agents reach every tool through one tool gateway (as with an MCP server); LLM calls go
 * straight to the providers. Baseline costs and token counts are chosen so normal traffic stays well below the shipped
 * default cost rules (about 0.5 USD/h of tools, 2-3 USD/h of LLM); only the incidents trip them.
 */
export type TeamLead = 'research_lead' | 'content_lead' | 'analytics_lead';

export const TEAMS: Readonly<Record<TeamLead, readonly string[]>> = {
  research_lead: ['web_researcher', 'competitor_analyst', 'trend_spotter'],
  content_lead: ['copywriter', 'seo_specialist', 'social_media_manager'],
  analytics_lead: ['data_analyst', 'attribution_modeler', 'report_writer'],
};

export const LEADS = Object.keys(TEAMS) as TeamLead[];

export const WORKER_TOOLS: Readonly<Record<string, readonly string[]>> = {
  web_researcher: ['web_search', 'web_search', 'llm_completion'],
  competitor_analyst: ['web_search', 'crm_lookup', 'llm_completion'],
  trend_spotter: ['social_listening', 'llm_completion'],
  copywriter: ['llm_completion', 'brand_check'],
  seo_specialist: ['keyword_planner', 'web_search', 'llm_completion'],
  social_media_manager: ['llm_completion', 'social_scheduler'],
  data_analyst: ['sql_query', 'llm_completion'],
  attribution_modeler: ['sql_query', 'crm_lookup'],
  report_writer: ['llm_completion', 'chart_render'],
};

export interface ToolProfile {
  /** Duration range, ms (llm_completion's comes from its tokens instead). */
  minMs: number;
  maxMs: number;
  /** cost_estimate range, USD per call (0 for LLM calls: their cost is in their tokens). */
  minCost: number;
  maxCost: number;
  failureRate: number;
  /** The exception a failed call raises: its type name (as in a traceback) and message. */
  errorType: string;
  failure: string;
}

export const TOOLS: Readonly<Record<string, ToolProfile>> = {
  web_search: { minMs: 300, maxMs: 2500, minCost: 0.0001, maxCost: 0.0004, failureRate: 0.04, errorType: 'RateLimitError', failure: 'search API returned 429 Too Many Requests' },
  // llm_completion's duration comes from its model's prefill and generation speed (agents.ts).
  llm_completion: { minMs: 0, maxMs: 0, minCost: 0, maxCost: 0, failureRate: 0.02, errorType: 'OutputParserException', failure: 'model response was not valid JSON' },
  crm_lookup: { minMs: 60, maxMs: 500, minCost: 0, maxCost: 0, failureRate: 0.06, errorType: 'ServiceUnavailableError', failure: 'CRM returned 503 Service Unavailable' },
  social_listening: { minMs: 400, maxMs: 3000, minCost: 0.0003, maxCost: 0.001, failureRate: 0.03, errorType: 'QuotaExceededError', failure: 'social API quota exhausted' },
  brand_check: { minMs: 100, maxMs: 800, minCost: 0.0001, maxCost: 0.0001, failureRate: 0.03, errorType: 'TimeoutError', failure: 'brand guidelines service timed out' },
  keyword_planner: { minMs: 200, maxMs: 1200, minCost: 0.0001, maxCost: 0.0003, failureRate: 0.03, errorType: 'EmptyReportError', failure: 'keyword planner returned an empty report' },
  social_scheduler: { minMs: 80, maxMs: 600, minCost: 0, maxCost: 0, failureRate: 0.03, errorType: 'ConflictError', failure: 'scheduling slot already taken' },
  sql_query: { minMs: 80, maxMs: 2500, minCost: 0.00001, maxCost: 0.00005, failureRate: 0.04, errorType: 'QueryCanceledError', failure: 'warehouse query cancelled: statement timeout' },
  chart_render: { minMs: 150, maxMs: 1200, minCost: 0, maxCost: 0, failureRate: 0.02, errorType: 'MemoryError', failure: 'chart renderer out of memory' },
  // Only the runaway loop of a cost spike calls it: a paid scraping API that renders pages.
  web_scrape: { minMs: 900, maxMs: 2500, minCost: 0.18, maxCost: 0.3, failureRate: 0, errorType: 'BlockedError', failure: 'scrape blocked by the site' },
};

export interface ModelUse {
  model: string;
  inputTokens: readonly [number, number];
  outputTokens: readonly [number, number];
  /** Generation speed; small models are fast, a large one with a huge context is not. */
  tokensPerSecond: readonly [number, number];
}

/** Cheap models for everyday calls; prices come from media/prices.json. */
export const AGENT_MODELS: Readonly<Record<string, ModelUse>> = {
  supervisor: { model: 'gpt-4.1-mini', inputTokens: [600, 2200], outputTokens: [60, 300], tokensPerSecond: [90, 200] },
  web_researcher: { model: 'gpt-4o-mini', inputTokens: [1500, 4000], outputTokens: [200, 800], tokensPerSecond: [90, 200] },
  competitor_analyst: { model: 'gpt-4.1-mini', inputTokens: [1200, 3500], outputTokens: [150, 600], tokensPerSecond: [90, 200] },
  trend_spotter: { model: 'gemini-2.0-flash', inputTokens: [1500, 5000], outputTokens: [200, 700], tokensPerSecond: [90, 200] },
  copywriter: { model: 'claude-haiku-4-5', inputTokens: [500, 1500], outputTokens: [150, 500], tokensPerSecond: [90, 200] },
  seo_specialist: { model: 'gpt-4o-mini', inputTokens: [800, 2500], outputTokens: [100, 400], tokensPerSecond: [90, 200] },
  social_media_manager: { model: 'gemini-2.0-flash', inputTokens: [500, 1500], outputTokens: [80, 300], tokensPerSecond: [90, 200] },
  data_analyst: { model: 'gpt-4.1-mini', inputTokens: [1000, 3000], outputTokens: [150, 600], tokensPerSecond: [90, 200] },
  report_writer: { model: 'gpt-4o-mini', inputTokens: [1500, 4000], outputTokens: [300, 900], tokensPerSecond: [90, 200] },
};

/** The model a runaway loop stuffs a whole crawl into (cost spike). */
export const RUNAWAY_MODEL: ModelUse = { model: 'claude-opus-4', inputTokens: [150_000, 195_000], outputTokens: [250, 450], tokensPerSecond: [60, 90] };

export const CAMPAIGNS = ['spring-launch', 'holiday-retargeting', 'b2b-webinar', 'loyalty-refresh', 'brand-awareness', 'product-hunt-launch'];
export const CHANNELS = ['email', 'social', 'search', 'web'];

/** Why the supervisor or a lead picked a node, for routing_decision lines. */
export const ROUTING_REASONS: Readonly<Record<string, string>> = {
  research_lead: 'brief needs market and competitor context first',
  content_lead: 'research is in: draft copy and SEO next',
  analytics_lead: 'campaign needs attribution and a performance report',
  FINISH: 'all requested teams have reported back',
};
