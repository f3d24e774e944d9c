/** Loads logs and replays alert rules over them in merged time order (design §5, `check`, `report --rules`). */
import { AlertEngine } from '../core/alerts/alertEngine';
import type { AlertChange } from '../core/alerts/alertDict';
import { AlertFeed } from '../core/alerts/feed';
import type { AlertRule } from '../core/alerts/rule';
import type { Engine } from '../core/model/engine';
import { loadEngine, type LoadOptions } from './load';

export interface Replayed {
  engine: Engine;
  changes: AlertChange[];
}

export async function loadAndReplay(paths: readonly string[], options: LoadOptions, rules: readonly AlertRule[]): Promise<Replayed> {
  let feed: AlertFeed | undefined;
  const { engine } = await loadEngine(paths, options, (e) => {
    const alerts = new AlertEngine(rules, { sourcePath: (id) => e.sources[id]?.path });
    feed = new AlertFeed(alerts, 'record');
    e.observe(feed);
  });
  return { engine, changes: feed ? feed.replay() : [] };
}
