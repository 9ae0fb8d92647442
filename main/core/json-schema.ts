/**
 * JSON Schema validation with problems phrased for people: each names the path in the document,
 * what was expected and what was found. The validators themselves are precompiled from
 * `schema/*.json` by `scripts/gen-validators.mjs` (ajv standalone code), so neither the CLI nor
 * the app loads the ajv compiler at run time.
 */
import type { ErrorObject } from 'ajv';

export interface SchemaWording {
  /** What the document's top level is called in messages, e.g. "feed"; default "(top level)". */
  readonly rootName?: string;
  /** Plain words for what a `pattern` expects, keyed by the pattern's source text. */
  readonly patterns?: Readonly<Record<string, string>>;
}

/**
 * `/sources/1/url` -> `sources[1].url`. A key that is not a plain name is quoted, after the
 * document's name when it is at the top: `feed["odd key"]`.
 */
export function jsonPath(pointer: string, rootName = ''): string {
  let out = '';
  for (const part of pointer.split('/').slice(1)) out = /^\d+$/.test(part) ? `${out}[${part}]` : join(out, unescapePointer(part), rootName);
  return out;
}

function unescapePointer(part: string): string {
  return part.replace(/~1/g, '/').replace(/~0/g, '~');
}

function valueAt(root: unknown, pointer: string): unknown {
  let node: unknown = root;
  for (const part of pointer.split('/').slice(1)) {
    if (node === null || typeof node !== 'object') return undefined;
    const key = unescapePointer(part);
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

function join(path: string, key: string, rootName: string): string {
  if (!/^[A-Za-z_$][\w$-]*$/.test(key)) return `${path === '' ? rootName : path}[${JSON.stringify(key)}]`;
  return path === '' ? key : `${path}.${key}`;
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  array: 'an array',
  object: 'an object',
  string: 'a string',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  null: 'null',
};

function typeWords(types: unknown): string {
  const list = Array.isArray(types) ? types.map(String) : String(types).split(',');
  return list.map((t) => TYPE_WORDS[t] ?? t).join(' or ');
}

function describeOne(error: ErrorObject, root: unknown, wording: SchemaWording): string | null {
  const rootName = wording.rootName ?? '';
  const path = jsonPath(error.instancePath, rootName);
  const here = path === '' ? rootName || '(top level)' : path;
  const got = show(valueAt(root, error.instancePath));
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return `${join(path, String(p['additionalProperty']), rootName)}: unknown key (check the spelling)`;
    case 'required':
      return `${join(path, String(p['missingProperty']), rootName)}: required but missing`;
    case 'type':
      return `${here}: expected ${typeWords(p['type'])}, got ${got}`;
    case 'enum':
      return `${here}: expected one of ${(p['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}, got ${got}`;
    case 'const':
      return `${here}: expected ${JSON.stringify(p['allowedValue'])}, got ${got}`;
    case 'pattern': {
      const words = wording.patterns?.[String(p['pattern'])];
      return `${here}: expected ${words ?? `a value matching ${String(p['pattern'])}`}, got ${got}`;
    }
    case 'minimum':
      return `${here}: expected a number of at least ${String(p['limit'])}, got ${got}`;
    case 'maximum':
      return `${here}: expected a number of at most ${String(p['limit'])}, got ${got}`;
    case 'exclusiveMinimum':
      return `${here}: expected a number above ${String(p['limit'])}, got ${got}`;
    case 'exclusiveMaximum':
      return `${here}: expected a number below ${String(p['limit'])}, got ${got}`;
    case 'minItems':
      return `${here}: expected at least ${String(p['limit'])} items, got ${got}`;
    case 'maxItems':
      return `${here}: expected at most ${String(p['limit'])} items, got ${got}`;
    case 'minLength':
      return p['limit'] === 1 ? `${here}: expected a non-empty string` : `${here}: expected at least ${String(p['limit'])} characters`;
    case 'maxLength':
      return `${here}: expected at most ${String(p['limit'])} characters`;
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

/** Every distinct problem, in the validator's order, in words; never empty. */
export function describeSchemaErrors(errors: readonly ErrorObject[], root: unknown, wording: SchemaWording = {}): string[] {
  const out = new Set<string>();
  for (const error of errors) {
    const text = describeOne(error, root, wording);
    if (text !== null) out.add(text);
  }
  return out.size === 0 ? ['does not match the expected format'] : [...out];
}
