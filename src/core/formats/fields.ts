/** Tolerant readers for fields of a parsed log object (design §1, "Field tolerance"). */

export type Level = 'debug' | 'info' | 'warning' | 'error' | 'critical';
export const LEVELS: readonly Level[] = ['debug', 'info', 'warning', 'error', 'critical'];

/** A finite number from a number or numeric string; NaN otherwise (so no metric point is recorded). */
export function toFiniteNumber(raw: unknown): number {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : NaN;
  if (typeof raw === 'string') {
    const trimmed = raw.trim();
    if (trimmed.length === 0 || trimmed.length > 40) return NaN;
    const value = Number(trimmed);
    return Number.isFinite(value) ? value : NaN;
  }
  return NaN;
}

/** 1 for true, 0 for false, -1 when the value says neither. */
export function toSuccessFlag(raw: unknown): number {
  if (raw === true) return 1;
  if (raw === false) return 0;
  if (typeof raw === 'number') return raw === 1 ? 1 : raw === 0 ? 0 : -1;
  if (typeof raw === 'string') {
    const s = raw.toLowerCase();
    if (s === 'true' || s === '1' || s === 'yes') return 1;
    if (s === 'false' || s === '0' || s === 'no') return 0;
  }
  return -1;
}

/** structlog names, Python logging names and pino numbers, folded to five levels. */
export function toLevel(raw: unknown): Level {
  if (typeof raw === 'string') {
    if (raw === 'info') return 'info';
    switch (raw.toLowerCase()) {
      case 'trace':
      case 'debug':
        return 'debug';
      case 'warn':
      case 'warning':
        return 'warning';
      case 'error':
      case 'exception':
      case 'err':
        return 'error';
      case 'critical':
      case 'fatal':
      case 'crit':
        return 'critical';
      default:
        return 'info';
    }
  }
  if (typeof raw === 'number') {
    if (raw >= 60) return 'critical';
    if (raw >= 50) return 'error';
    if (raw >= 40) return 'warning';
    if (raw >= 30) return 'info';
    return 'debug';
  }
  return 'info';
}

/** A short string from a scalar field; undefined for objects, arrays and empty strings. */
export function toText(raw: unknown): string | undefined {
  if (typeof raw === 'string') return raw.length > 0 ? raw : undefined;
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  return undefined;
}

/** Own-property read that never walks the prototype chain (keys like `__proto__` are data). */
export function own(obj: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}
