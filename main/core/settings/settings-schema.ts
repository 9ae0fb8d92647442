/**
 * The one validator of the settings model. `schema/config.schema.json` describes every key once:
 * its type, bounds and default; this module runs the precompiled validator and phrases each
 * failure with the key's path (`customSources[1].url: ...`) in the words of `json-schema.ts`. The
 * config loader, the settings store's repair, the IPC guard, the window's patch and (next) the
 * policy layer all call it, so a value is accepted or refused with the same sentence everywhere.
 */
import type { ErrorObject } from 'ajv';
import schema from '../../../schema/config.schema.json' with { type: 'json' };
import { CONFIG_WINDOW_KEYS, type ConfigWindowKey } from '../generated/config-document.js';
import validateConfig from '../generated/validate-config.js';
import { NO_MATCH, schemaErrorPhrases, type SchemaWording } from '../json-schema.js';
import { phrase, renderPhrase, type Phrase } from '../i18n/phrase.js';

/** One path step: an object key or an array index. */
export type PathSegment = string | number;

/** One thing wrong with a document, located by its path. */
export interface SettingProblem {
  /** Where, e.g. ['customSources', 1, 'url']; `[]` for the document itself. */
  readonly at: readonly PathSegment[];
  /** The full sentence in English, starting with the key's path: `customSources[1].url: ...`. */
  readonly message: string;
  /** The same sentence as a phrase, for saying it in the person's language (`renderPhrase`). */
  readonly words: Phrase;
  /** The schema keyword that failed (`type`, `maximum`, ...), or `meaning` for the checks after it. */
  readonly keyword: string;
  /** The bound a `minimum`/`maximum` failure names. */
  readonly limit?: number;
}

/** Plain words for the schema's patterns, keyed by their source text. A test checks each pattern has words. */
export const PATTERN_WORDS: Readonly<Record<string, Phrase>> = {
  '^[a-z0-9][a-z0-9._-]{0,63}$': phrase('problem.pattern.id'),
  '^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$': phrase('problem.pattern.tenant'),
  '^([01]\\d|2[0-3]):[0-5]\\d$': phrase('problem.pattern.time'),
};

const WORDING: SchemaWording = { patterns: PATTERN_WORDS };

/** The keys a person may change in the window, in schema order. */
export const SETTING_KEYS: readonly ConfigWindowKey[] = CONFIG_WINDOW_KEYS;

export function isSettingKey(key: string): key is ConfigWindowKey {
  return (SETTING_KEYS as readonly string[]).includes(key);
}

function segmentsOf(pointer: string): PathSegment[] {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function locate(error: ErrorObject): PathSegment[] {
  const at = segmentsOf(error.instancePath);
  const params = error.params as Record<string, unknown>;
  // An unknown key is located at itself, so that a repair removes that key and keeps its object.
  if (error.keyword === 'additionalProperties') at.push(String(params['additionalProperty']));
  return at;
}

/** Every schema problem of a document, each located; empty when the shape is right. */
export function schemaProblems(raw: unknown): SettingProblem[] {
  if (validateConfig(raw)) return [];
  const out: SettingProblem[] = [];
  const seen = new Set<string>();
  for (const error of validateConfig.errors ?? []) {
    const [words] = schemaErrorPhrases([error], raw, WORDING);
    if (words === undefined || words === NO_MATCH) continue;
    const message = renderPhrase(words);
    if (seen.has(message)) continue;
    seen.add(message);
    const limit = (error.params as Record<string, unknown>)['limit'];
    out.push({ at: locate(error), message, words, keyword: error.keyword, ...(typeof limit === 'number' ? { limit } : {}) });
  }
  return out;
}

type JsonSchemaNode = { readonly default?: unknown; readonly properties?: Readonly<Record<string, JsonSchemaNode>> };

const PROPERTIES = schema.properties as unknown as Readonly<Record<string, JsonSchemaNode>>;

/** The schema's default for one key; an object's default is built from its fields' defaults. */
function defaultOf(node: JsonSchemaNode | undefined): unknown {
  if (node === undefined) return undefined;
  if (node.default !== undefined) return structuredClone(node.default);
  if (node.properties === undefined) return undefined;
  return Object.fromEntries(Object.entries(node.properties).map(([key, field]) => [key, defaultOf(field)]));
}

/** The schema's `default` of every window setting (typed as Settings in settings-layers.ts). */
export const SCHEMA_DEFAULTS: Readonly<Record<ConfigWindowKey, unknown>> = Object.fromEntries(SETTING_KEYS.map((key) => [key, defaultOf(PROPERTIES[key])])) as Record<ConfigWindowKey, unknown>;

/** A poll interval's bounds as the schema states them. */
export const POLL_INTERVAL_BOUNDS = {
  min: schema.properties.pollIntervalSeconds.minimum,
  max: schema.properties.pollIntervalSeconds.maximum,
} as const;
