/** The worker's view of alert state for the Alerts view: active streams and recent transitions. */
import type { AlertChange } from '../../core/alerts/alertDict';
import type { AlertEntryDto, AlertsDto } from '../../protocol/engineProtocol';

const RECENT_LIMIT = 200;

export class AlertLog {
  private readonly active = new Map<string, AlertEntryDto>();
  private recent: AlertEntryDto[] = [];

  add(change: AlertChange): AlertEntryDto {
    const entry: AlertEntryDto = { change, live: !change.historical };
    if (change.type === 'alert') this.active.set(change.streamKey, entry);
    else this.active.delete(change.streamKey);
    this.recent.push(entry);
    if (this.recent.length > RECENT_LIMIT * 2) this.recent = this.recent.slice(-RECENT_LIMIT);
    return entry;
  }

  clear(): void {
    this.active.clear();
    this.recent = [];
  }

  snapshot(rulesLoaded: number): AlertsDto {
    const newestFirst = (a: AlertEntryDto, b: AlertEntryDto): number => b.change.at - a.change.at;
    return {
      active: [...this.active.values()].sort(newestFirst),
      recent: this.recent.slice(-RECENT_LIMIT).reverse(),
      rulesLoaded,
    };
  }
}
