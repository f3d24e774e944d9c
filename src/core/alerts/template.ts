/**
 * `message_template` rendering with Python `str.format` syntax, without ever evaluating
 * anything: `{name}`, `{name[key]}`, `{name:spec}`, `{{`/`}}` escapes. Placeholders the
 * caller did not provide, or specs outside the supported subset, are left as written
 * (Python would raise; an alert message should still go out).
 *
 * Supported spec subset: optional grouping `,` or `_`, optional `.precision`, optional
 * type `f F e E g G d % s` (e.g. `{value:.2f}`, `{value:.1%}`, `{count:,}`). Numbers with a
 * float presentation or a precision are written digit for digit as Python writes a float
 * (`floatFormat.ts`: exact value, ties to even).
 */

import { formatExponent, formatFixed, formatGeneral, formatPercent } from './floatFormat';

export type TemplateValue = string | number | null | undefined | Readonly<Record<string, string>>;

const PLACEHOLDER = /\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)(?:\[([^\]{}]*)\])?(?::([^{}]*))?\}/g;
const SPEC = /^([,_])?(?:\.(\d{1,2}))?([fFeEgGd%s])?$/;

function groupThousands(digits: string, separator: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

function formatNumber(value: number, spec: RegExpExecArray): string | undefined {
  const [, grouping, precisionText, type] = spec;
  const precision = precisionText === undefined ? undefined : Number(precisionText);
  let text: string;
  switch (type) {
    case 'f':
    case 'F':
      text = formatFixed(value, precision ?? 6);
      break;
    case '%':
      text = formatPercent(value, precision ?? 6);
      break;
    case 'e':
    case 'E':
      text = formatExponent(value, precision ?? 6);
      break;
    case 'g':
    case 'G':
      text = formatGeneral(value, precision ?? 6);
      break;
    case 'd':
      text = String(Math.round(value));
      break;
    case 's':
      return undefined;
    default:
      text = precision === undefined ? String(value) : formatGeneral(value, precision, true);
  }
  if (type === 'F' || type === 'E' || type === 'G') text = text.toUpperCase();
  if (grouping) {
    const match = /^(-?)(\d+)(.*)$/.exec(text);
    if (match) text = `${match[1]}${groupThousands(match[2] as string, grouping)}${match[3]}`;
  }
  return text;
}

function show(value: TemplateValue, specText: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value === null) return specText ? undefined : 'n/a';
  if (typeof value === 'object') {
    if (specText) return undefined;
    return Object.entries(value).map(([k, v]) => `${k}=${v}`).join(',');
  }
  if (specText === undefined || specText === '') return String(value);
  const spec = SPEC.exec(specText);
  if (!spec) return undefined;
  if (typeof value === 'string') {
    if (spec[1] !== undefined || (spec[3] !== undefined && spec[3] !== 's')) return undefined;
    return spec[2] === undefined ? value : value.slice(0, Number(spec[2]));
  }
  return formatNumber(value, spec);
}

export function renderTemplate(template: string, values: Readonly<Record<string, TemplateValue>>): string {
  return template.replace(PLACEHOLDER, (whole: string, name?: string, key?: string, spec?: string) => {
    if (whole === '{{') return '{';
    if (whole === '}}') return '}';
    if (name === undefined || !Object.prototype.hasOwnProperty.call(values, name)) return whole;
    let value = values[name];
    if (key !== undefined) {
      if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, key)) return whole;
      value = (value as Readonly<Record<string, string>>)[key];
    }
    return show(value, spec) ?? whole;
  });
}
