/** Per-source counters for `report.sources[]` and the Sources view. */

export type SourceFormat = 'structlog' | 'metrics' | 'alerts' | 'mixed' | 'otlp' | 'unknown';

export interface MalformedLine {
  line: number;
  byteOffset: number;
  reason: string;
}

export interface SourceSummary {
  path: string;
  lines: number;
  events: number;
  malformed: number;
  format: SourceFormat;
  error?: string;
}

/** Details kept per source; the count keeps going past this. */
export const MAX_MALFORMED_SAMPLES = 200;

export class SourceStats {
  lines = 0;
  events = 0;
  malformed = 0;
  blank = 0;
  readonly malformedSamples: MalformedLine[] = [];
  /** Bit set of the line kinds seen: 1 event, 2 metric, 4 alert, 8 otlp. */
  kindsSeen = 0;
  /** Timestamp of the previous line with one; lines without a timestamp inherit it. */
  lastTs = NaN;
  /** Why the source could not be read (whole or in part); the other sources are unaffected. */
  error: string | undefined;

  /** `path` follows renames (rotation into a watched name). */
  constructor(readonly id: number, public path: string) {}

  addMalformed(line: number, byteOffset: number, reason: string): void {
    this.malformed++;
    if (this.malformedSamples.length < MAX_MALFORMED_SAMPLES) this.malformedSamples.push({ line, byteOffset, reason });
  }

  get format(): SourceFormat {
    switch (this.kindsSeen) {
      case 0:
        return 'unknown';
      case 1:
        return 'structlog';
      case 2:
        return 'metrics';
      case 4:
        return 'alerts';
      case 8:
        return 'otlp';
      default:
        return 'mixed';
    }
  }

  toJSON(): SourceSummary {
    const summary: SourceSummary = { path: this.path, lines: this.lines, events: this.events, malformed: this.malformed, format: this.format };
    if (this.error !== undefined) summary.error = this.error;
    return summary;
  }
}
