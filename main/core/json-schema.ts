/**
 * JSON Schema validation with problems phrased for people: each names the path in the document,
 * what was expected and what was found. The validators themselves are precompiled from
 * `schema/*.json` by `scripts/gen-validators.mjs` (ajv standalone code), so neither the CLI nor
 * the app loads the ajv compiler at run time.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';

export type SchemaCheck<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly string[] };

/** Wraps a precompiled validator so that failures come back as sentences. */
export function schemaValidator<T>(validate: ValidateFunction): (value: unknown) => SchemaCheck<T> {
  return (value) => {
    if (validate(value)) return { ok: true, value: value as T };
    return { ok: false, problems: describeSchemaErrors(validate.errors ?? [], value) };
  };
}

/** `/sources/1/url` -> `sources[1].url` */
export function jsonPath(pointer: string): string {
  const parts = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let out = '';
  for (const part of parts) out += /^\d+$/.test(part) ? `[${part}]` : out === '' ? part : `.${part}`;
  return out;
}

function valueAt(root: unknown, pointer: string): unknown {
  let node: unknown = root;
  for (const part of pointer.split('/').slice(1)) {
    if (node === null || typeof node !== 'object') return undefined;
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    node = Object.prototype.hasOwnProperty.call(node, key) ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function describeOne(error: ErrorObject, root: unknown): string | null {
  const path = jsonPath(error.instancePath);
  const here = path === '' ? '(top level)' : path;
  const got = show(valueAt(root, error.instancePath));
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return `${join(path, String(p['additionalProperty']))}: unknown key (check the spelling)`;
    case 'required':
      return `${join(path, String(p['missingProperty']))}: required but missing`;
    case 'type':
      return `${here}: expected ${String(p['type']).replace(',', ' or ')}, got ${got}`;
    case 'enum':
      return `${here}: expected one of ${(p['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}, got ${got}`;
    case 'const':
      return `${here}: expected ${JSON.stringify(p['allowedValue'])}, got ${got}`;
    case 'pattern':
      return `${here}: expected a value matching ${String(p['pattern'])}, got ${got}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `${here}: expected a number ${String(p['comparison'])} ${String(p['limit'])}, got ${got}`;
    case 'minItems':
    case 'maxItems':
      return `${here}: expected ${error.keyword === 'minItems' ? 'at least' : 'at most'} ${String(p['limit'])} items, got ${got}`;
    case 'minLength':
    case 'maxLength':
      return `${here}: expected ${error.keyword === 'minLength' ? 'at least' : 'at most'} ${String(p['limit'])} characters`;
    case 'uniqueItems':
      return `${here}: items must be unique (items ${String(p['j'])} and ${String(p['i'])} are the same)`;
    case 'if':
    case 'anyOf':
    case 'oneOf':
      // The branch errors that follow say what is wrong more precisely.
      return null;
    default:
      return `${here}: ${error.message ?? 'invalid'}`;
  }
}

export function describeSchemaErrors(errors: readonly ErrorObject[], root: unknown, limit = 3): string[] {
  const out: string[] = [];
  for (const error of errors) {
    const text = describeOne(error, root);
    if (text !== null && !out.includes(text)) out.push(text);
    if (out.length >= limit) break;
  }
  if (out.length === 0) out.push('does not match the expected format');
  return out;
}
