/**
 * JSON Schema validation with problems phrased for people: each names the path in the document,
 * what was expected and what was found. The validators themselves are precompiled from
 * `schema/*.json` by `scripts/gen-validators.mjs` (ajv standalone code), so neither the CLI nor
 * the app loads the ajv compiler at run time.
 */
import type { ErrorObject } from 'ajv';
import { orList, phrase, renderPhrase, type Phrase, type PhraseValue } from './i18n/phrase.js';
import type { MessageKey } from './i18n/translate.js';

export interface SchemaWording {
  /** What the document's top level is called in messages, e.g. "feed"; default "(top level)". */
  readonly rootName?: string;
  /** Plain words for what a `pattern` expects, keyed by the pattern's source text (English text, or a phrase). */
  readonly patterns?: Readonly<Record<string, PhraseValue>>;
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

/** What was found, as the problem quotes it: JSON for plain values, a word for containers. */
function show(value: unknown): PhraseValue {
  if (value === undefined) return phrase('problem.value.nothing');
  if (value === null) return 'null';
  if (Array.isArray(value)) return phrase('problem.value.array', { count: String(value.length) });
  if (typeof value === 'object') return phrase('problem.value.object');
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function join(path: string, key: string, rootName: string): string {
  if (!/^[A-Za-z_$][\w$-]*$/.test(key)) return `${path === '' ? rootName : path}[${JSON.stringify(key)}]`;
  return path === '' ? key : `${path}.${key}`;
}

const TYPE_WORDS = {
  array: 'problem.type.array',
  object: 'problem.type.object',
  string: 'problem.type.string',
  integer: 'problem.type.integer',
  number: 'problem.type.number',
  boolean: 'problem.type.boolean',
} as const satisfies Readonly<Record<string, MessageKey>>;

function typeWords(types: unknown): Phrase {
  const list = Array.isArray(types) ? types.map(String) : String(types).split(',');
  return orList(list.map((type) => (Object.hasOwn(TYPE_WORDS, type) ? phrase(TYPE_WORDS[type as keyof typeof TYPE_WORDS]) : type)));
}

/** The problem in words: the place (a path, or the document's name) and what is wrong there. */
function at(where: PhraseValue, what: Phrase): Phrase {
  return phrase('problem.at', { path: where, what });
}

function describeOne(error: ErrorObject, root: unknown, wording: SchemaWording): Phrase | null {
  const rootName = wording.rootName ?? '';
  const path = jsonPath(error.instancePath, rootName);
  const here: PhraseValue = path !== '' ? path : rootName !== '' ? rootName : phrase('problem.topLevel');
  const got = show(valueAt(root, error.instancePath));
  const p = error.params as Record<string, unknown>;
  const limit = String(p['limit']);
  const expected = (expectedWords: PhraseValue): Phrase => at(here, phrase('problem.schema.expected', { expected: expectedWords, got }));
  switch (error.keyword) {
    case 'additionalProperties':
      return at(join(path, String(p['additionalProperty']), rootName), phrase('problem.schema.unknownKey'));
    case 'required':
      return at(join(path, String(p['missingProperty']), rootName), phrase('problem.schema.required'));
    case 'type':
      return expected(typeWords(p['type']));
    case 'enum':
      return at(here, phrase('problem.schema.oneOf', { allowed: (p['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', '), got }));
    case 'const':
      return expected(JSON.stringify(p['allowedValue']));
    case 'pattern':
      return expected(wording.patterns?.[String(p['pattern'])] ?? phrase('problem.schema.matching', { pattern: String(p['pattern']) }));
    case 'minimum':
      return expected(phrase('problem.schema.atLeast', { limit }));
    case 'maximum':
      return expected(phrase('problem.schema.atMost', { limit }));
    case 'exclusiveMinimum':
      return expected(phrase('problem.schema.above', { limit }));
    case 'exclusiveMaximum':
      return expected(phrase('problem.schema.below', { limit }));
    case 'minItems':
      return expected(phrase('problem.schema.minItems', { limit }));
    case 'maxItems':
      return expected(phrase('problem.schema.maxItems', { limit }));
    case 'minLength':
      return at(here, p['limit'] === 1 ? phrase('problem.schema.nonEmpty') : phrase('problem.schema.minLength', { limit }));
    case 'maxLength':
      return at(here, phrase('problem.schema.maxLength', { limit }));
    case 'uniqueItems':
      return at(here, phrase('problem.schema.unique', { first: String(p['j']), second: String(p['i']) }));
    case 'if':
    case 'anyOf':
    case 'oneOf':
      // The branch errors that follow say what is wrong more precisely.
      return null;
    default:
      return at(here, error.message === undefined ? phrase('problem.schema.invalid') : phrase('problem.schema.other', { message: error.message }));
  }
}

/** Said when no error could be put in words: the document is wrong somewhere. */
export const NO_MATCH: Phrase = phrase('problem.schema.format');

/** Every distinct problem, in the validator's order, as phrases; never empty. */
export function schemaErrorPhrases(errors: readonly ErrorObject[], root: unknown, wording: SchemaWording = {}): Phrase[] {
  const out = new Map<string, Phrase>();
  for (const error of errors) {
    const said = describeOne(error, root, wording);
    if (said !== null) out.set(renderPhrase(said), said);
  }
  return out.size === 0 ? [NO_MATCH] : [...out.values()];
}

/** Every distinct problem in English (what feeds, logs and JSON carry); never empty. */
export function describeSchemaErrors(errors: readonly ErrorObject[], root: unknown, wording: SchemaWording = {}): string[] {
  return schemaErrorPhrases(errors, root, wording).map((said) => renderPhrase(said));
}
