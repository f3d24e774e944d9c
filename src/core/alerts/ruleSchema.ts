/**
 * Validates a rules document against `media/alerts.schema.json` (the same file VS Code
 * binds with `contributes.jsonValidation`, so editor and engine agree) and turns ajv's
 * errors into one line per offending field, named by its JSON path: `rules[2].duration:
 * must be a duration such as "30s", "5m", "1h" or seconds`.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import schemaJson from '../../../media/alerts.schema.json';

export const ALERTS_SCHEMA: Readonly<Record<string, unknown>> = schemaJson;

/** VS Code's schema extensions: annotations only, declared so ajv's strict mode accepts them. */
const EDITOR_KEYWORDS = ['errorMessage', 'enumDescriptions', 'markdownDescription', 'defaultSnippets', 'patternErrorMessage'];

let compiled: ValidateFunction | undefined;

export function newSchemaValidator(): Ajv {
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true });
  ajv.addVocabulary(EDITOR_KEYWORDS);
  return ajv;
}

function validator(): ValidateFunction {
  compiled ??= newSchemaValidator().compile(ALERTS_SCHEMA);
  return compiled;
}

/** `base` plus an object key: `rules[0]` + `duration` → `rules[0].duration`; odd keys are quoted. */
export function joinPath(base: string, key: string): string {
  if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)) return base === '' ? key : `${base}.${key}`;
  return `${base}[${JSON.stringify(key)}]`;
}

/** `/rules/2/tags/a~1b` → `rules[2].tags["a/b"]`. */
export function pointerToPath(pointer: string): string {
  if (pointer === '') return '';
  let out = '';
  for (const raw of pointer.slice(1).split('/')) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    out = /^\d+$/.test(part) ? `${out}[${part}]` : joinPath(out, part);
  }
  return out;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] as number;
      row[j] = Math.min(above + 1, (row[j - 1] as number) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length] as number;
}

function suggestion(unknown: string, known: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = 3;
  for (const k of known) {
    const d = editDistance(unknown.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best === undefined ? '' : ` (did you mean "${best}"?)`;
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: 'a string', number: 'a number', integer: 'a whole number', boolean: 'true or false', object: 'an object', array: 'an array',
};

/** One error as `path: message`, or undefined for errors that only restate another (if/anyOf wrappers). */
function describe(error: ErrorObject): [path: string, message: string] | undefined {
  const path = pointerToPath(error.instancePath);
  const parent = error.parentSchema as Record<string, unknown> | undefined;
  switch (error.keyword) {
    case 'if':
      return undefined;
    case 'required': {
      const missing = (error.params as { missingProperty: string }).missingProperty;
      const when = /\/then\/required$/.test(error.schemaPath) ? conditionClause(error) : '';
      return [joinPath(path, missing), `is required${when}`];
    }
    case 'additionalProperties': {
      const extra = (error.params as { additionalProperty: string }).additionalProperty;
      const known = Object.keys((parent?.properties as Record<string, unknown> | undefined) ?? {});
      return [joinPath(path, extra), `is not a known field${suggestion(extra, known)}`];
    }
    case 'enum': {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues;
      return [path, `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`];
    }
    case 'type': {
      const type = String((error.params as { type: unknown }).type);
      return [path, `must be ${type.split(',').map((t) => TYPE_NAMES[t] ?? t).join(' or ')}`];
    }
    default:
      return [path, error.message ?? `is invalid (${error.keyword})`];
  }
}

function conditionClause(error: ErrorObject): string {
  const data = error.data as Record<string, unknown> | undefined;
  const condition = data && typeof data === 'object' ? data.condition : undefined;
  return typeof condition === 'string' ? ` when condition is "${condition}"` : '';
}

/** Custom messages (`errorMessage`) of the schemas an error sits in, nearest first. */
function customMessage(error: ErrorObject): string | undefined {
  const parent = error.parentSchema as Record<string, unknown> | undefined;
  return typeof parent?.errorMessage === 'string' ? parent.errorMessage : undefined;
}

/** Schema errors of a parsed rules document; empty when it conforms. One line per field. */
export function schemaErrors(document: unknown): string[] {
  const validate = validator();
  if (validate(document)) return [];
  const byPath = new Map<string, string>();
  const custom = new Map<string, string>();
  for (const error of validate.errors ?? []) {
    const message = customMessage(error);
    if (message !== undefined) custom.set(pointerToPath(error.instancePath), message);
  }
  for (const error of validate.errors ?? []) {
    const described = describe(error);
    if (!described) continue;
    const [path, message] = described;
    const key = path === '' ? '(document)' : path;
    if (!byPath.has(key)) byPath.set(key, custom.get(path) ?? message);
  }
  return [...byPath].map(([path, message]) => `${path}: ${message}`);
}
