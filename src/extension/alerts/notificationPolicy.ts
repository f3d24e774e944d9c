/**
 * Which alert transitions become toasts (no vscode import, so it is unit-tested):
 * live firing alerts only, at or above the minimum severity, not muted, each firing
 * episode once, and at most `maxPerMinute` toasts a minute; what is held back is
 * counted so one summary toast can say so.
 */
import type { AlertSeverity } from '../../core/alerts/rule';
import type { AlertEntryDto } from '../../protocol/engineProtocol';

export type MinimumSeverity = AlertSeverity | 'off';
const RANK: Record<AlertSeverity, number> = { info: 0, warning: 1, error: 2, critical: 3 };
const WINDOW_MS = 60_000;
const REMEMBERED_EPISODES = 1000;

export type Decision = { show: true } | { show: false; reason: 'historical' | 'resolved' | 'severity' | 'muted' | 'duplicate' | 'rate-limited' };

export class NotificationPolicy {
  private readonly shownAt: number[] = [];
  private readonly episodes = new Set<string>();
  private suppressed = 0;

  constructor(private minimum: MinimumSeverity, private maxPerMinute: number) {}

  configure(minimum: MinimumSeverity, maxPerMinute: number): void {
    this.minimum = minimum;
    this.maxPerMinute = Math.max(1, maxPerMinute);
  }

  decide(entry: AlertEntryDto, muted: boolean, now: number): Decision {
    const { change } = entry;
    if (!entry.live || change.historical) return { show: false, reason: 'historical' };
    if (change.type !== 'alert') return { show: false, reason: 'resolved' };
    if (this.minimum === 'off' || RANK[change.alert.severity] < RANK[this.minimum]) return { show: false, reason: 'severity' };
    if (muted) return { show: false, reason: 'muted' };
    const episode = `${change.streamKey}\u0000${change.alert.timestamp}`;
    if (this.episodes.has(episode)) return { show: false, reason: 'duplicate' };
    this.remember(episode);
    while (this.shownAt.length > 0 && (this.shownAt[0] as number) <= now - WINDOW_MS) this.shownAt.shift();
    if (this.shownAt.length >= this.maxPerMinute) {
      this.suppressed++;
      return { show: false, reason: 'rate-limited' };
    }
    this.shownAt.push(now);
    return { show: true };
  }

  /** Alerts held back by the rate limit since the last call (for one summary toast). */
  takeSuppressed(): number {
    const n = this.suppressed;
    this.suppressed = 0;
    return n;
  }

  private remember(episode: string): void {
    this.episodes.add(episode);
    if (this.episodes.size > REMEMBERED_EPISODES) {
      const oldest = this.episodes.values().next().value;
      if (oldest !== undefined) this.episodes.delete(oldest);
    }
  }
}
