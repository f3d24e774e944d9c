/**
 * What earlier sessions notified, read back from `.runlens/alerts-history.jsonl`: per
 * stream (rule + group), when it last alerted and whether that alert is still open.
 * A reload uses it to keep cooldowns instead of notifying again (checklist 23).
 */
import { toEpochMs } from '../util/time';
import { streamKey } from './alertDict';

/** The fields of a history line `restore` reads (an `AlertLine`). */
export interface HistoryRecord {
  type: string;
  rule_name: string;
  timestamp: string;
  metadata?: { group?: Record<string, string>; historical?: boolean } | null;
}

export interface RestoredStream {
  lastAlertAt: number;
  /** The last record was an alert, not its resolved notice. */
  open: boolean;
  lastTs: number;
}

export class RestoredStreams {
  private readonly byKey = new Map<string, RestoredStream>();

  /** Folds records in (any order); historical or unreadable ones are ignored. */
  add(records: Iterable<HistoryRecord>): void {
    for (const record of records) {
      if (record.metadata?.historical === true) continue;
      const ts = toEpochMs(record.timestamp);
      if (Number.isNaN(ts) || typeof record.rule_name !== 'string') continue;
      const key = streamKey(record.rule_name, record.metadata?.group ?? {});
      const entry = this.byKey.get(key) ?? { lastAlertAt: -Infinity, open: false, lastTs: -Infinity };
      if (record.type === 'alert') entry.lastAlertAt = Math.max(entry.lastAlertAt, ts);
      if (ts >= entry.lastTs) {
        entry.open = record.type === 'alert';
        entry.lastTs = ts;
      }
      this.byKey.set(key, entry);
    }
  }

  get(key: string): RestoredStream | undefined {
    return this.byKey.get(key);
  }
}
