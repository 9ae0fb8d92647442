/**
 * A set of raw policies made into settings values, key by key: each value is converted as its
 * platform allows (registry types; JSON and plists as typed), then checked with the same rules
 * as the person's settings (`settings-schema.ts`, `config-meaning.ts`). A bad value is rejected
 * for that key alone and reported; an unknown policy name is an error; the rest applies.
 */
import type { ConfigDocument } from '../generated/config-document.js';
import { phrase, renderPhrase, type Phrase, type PhraseValue } from '../i18n/phrase.js';
import { checkConfigMeaning, type MeaningContext } from '../settings/config-meaning.js';
import { mergeLayers } from '../settings/settings-layers.js';
import { schemaProblems, type SettingProblem } from '../settings/settings-schema.js';
import { policyByName, type PolicyKey } from './policy-names.js';
import type { PolicyError, PolicyLevel, PolicyRawValue, PolicySet } from './policy-types.js';

/** The values of one set that passed, each under its policy. */
export interface ValidatedPolicies {
  readonly level: PolicyLevel;
  readonly origin: string;
  /** Setting key (`helpdesk.ticketUrl`) → accepted value. */
  readonly values: ReadonlyMap<string, { readonly policy: PolicyKey; readonly value: unknown }>;
  readonly errors: readonly PolicyError[];
}

type Decoded = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly reason: Phrase };

const STRING_TYPES: ReadonlySet<string> = new Set(['REG_SZ', 'REG_EXPAND_SZ']);
const NUMBER_TYPES: ReadonlySet<string> = new Set(['REG_DWORD', 'REG_QWORD']);

function shown(data: unknown): PhraseValue {
  if (Array.isArray(data)) return phrase('policy.decode.items', { count: String(data.length) });
  const text = typeof data === 'string' ? JSON.stringify(data) : String(data);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** A registry value as the policy's kind allows it: REG_DWORD for booleans and numbers, JSON text in REG_SZ for lists and objects. */
function decodeRegistry(policy: PolicyKey, type: string, data: unknown): Decoded {
  const fail = (expects: Phrase): Decoded => ({ ok: false, reason: phrase('policy.decode.expects', { expects, type, data: shown(data) }) });
  switch (policy.kind) {
    case 'boolean':
      if (!NUMBER_TYPES.has(type) || typeof data !== 'number') return fail(phrase('policy.decode.dword01'));
      if (data !== 0 && data !== 1) return fail(phrase('policy.decode.dword01'));
      return { ok: true, value: data === 1 };
    case 'integer':
      return NUMBER_TYPES.has(type) && typeof data === 'number' ? { ok: true, value: data } : fail(phrase('policy.decode.dwordNumber'));
    case 'string':
    case 'enum':
      if (!STRING_TYPES.has(type) || typeof data !== 'string') return fail(phrase('policy.decode.szText'));
      return { ok: true, value: data === '' && policy.nullable ? null : data };
    case 'list':
    case 'object': {
      if (policy.kind === 'list' && policy.listOfStrings && type === 'REG_MULTI_SZ' && Array.isArray(data)) return { ok: true, value: [...(data as string[])] };
      const shape = phrase(policy.kind === 'list' ? 'policy.decode.shape.array' : 'policy.decode.shape.object');
      if (!STRING_TYPES.has(type) || typeof data !== 'string') return fail(phrase(policy.kind === 'list' && policy.listOfStrings ? 'policy.decode.jsonTextOrMulti' : 'policy.decode.jsonText', { shape }));
      try {
        return { ok: true, value: JSON.parse(data) as unknown };
      } catch (error) {
        // The parser's own words are Node's English runtime text, quoted as they are.
        return { ok: false, reason: phrase('policy.decode.notJson', { shape, detail: (error as Error).message }) };
      }
    }
  }
}

function decode(policy: PolicyKey, raw: PolicyRawValue): Decoded {
  if (raw.form === 'registry') return decodeRegistry(policy, raw.type, raw.data);
  // A plist cannot say null; an empty string is how a profile says "none" for such a key.
  if (raw.form === 'plist' && raw.value === '' && policy.nullable) return { ok: true, value: null };
  if (raw.value instanceof Date) return { ok: false, reason: phrase('policy.decode.noDate') };
  if (raw.value instanceof Uint8Array) return { ok: false, reason: phrase('policy.decode.noBinary') };
  return { ok: true, value: raw.value };
}

/** `{ helpdesk: { ticketUrl: value } }` for `helpdesk.ticketUrl`. */
export function nestedDocument(path: readonly string[], value: unknown): ConfigDocument {
  let node: unknown = value;
  for (let i = path.length - 1; i >= 0; i--) node = { [path[i] as string]: node };
  return node as ConfigDocument;
}

/** `name: problem`: a policy's, a place's or a file's name in front of what is wrong there. */
export function named(name: string, problem: PhraseValue): Phrase {
  return phrase('policy.problem.named', { name, problem });
}

/** The problem with the policy's name in front, once: `PollIntervalSeconds: must be at most 3600`. */
function withPolicyName(policy: PolicyKey, problem: SettingProblem): Phrase {
  const { words } = problem;
  // A problem said at the setting's own key (`pollIntervalSeconds: ...`) loses that key to the policy's name.
  const at = 'key' in words && words.key === 'problem.at' ? words.values : undefined;
  return named(policy.name, at !== undefined && at['path'] === policy.key && at['what'] !== undefined ? at['what'] : words);
}

function startsWith(at: readonly (string | number)[], path: readonly string[]): boolean {
  return path.every((segment, i) => at[i] === segment);
}

/** Extra context for the meaning checks: what the other layers define (the config file's services). */
export interface PolicyContext {
  /** A document under the policies, so that a `Watch` naming a service of the config file is good. */
  readonly below?: ConfigDocument;
  readonly meaning?: MeaningContext;
}

/** Checks every value of a set, key by key; the good ones are kept. */
export function validatePolicySet(set: PolicySet, context: PolicyContext = {}): ValidatedPolicies {
  const errors: PolicyError[] = [];
  const error = (key: string | null, words: Phrase): void => void errors.push({ source: set.level, key, message: renderPhrase(words), words });
  for (const problem of set.problems) error(null, named(set.origin, problem));
  const shaped = new Map<string, { policy: PolicyKey; value: unknown }>();
  const seen = new Set<string>();
  for (const entry of set.entries) {
    const policy = policyByName(entry.name);
    if (policy === null) {
      error(entry.name.slice(0, 100), named(entry.name.slice(0, 100), phrase('policy.problem.unknownName')));
      continue;
    }
    if (seen.has(policy.key)) {
      error(policy.key, named(entry.name, phrase('policy.problem.setTwice', { origin: set.origin })));
      continue;
    }
    seen.add(policy.key);
    const decoded = decode(policy, entry.raw);
    if (!decoded.ok) {
      error(policy.key, named(policy.name, decoded.reason));
      continue;
    }
    const problems: SettingProblem[] = schemaProblems(nestedDocument(policy.path, decoded.value));
    if (problems.length > 0) {
      for (const problem of problems) error(policy.key, withPolicyName(policy, problem));
      continue;
    }
    shaped.set(policy.key, { policy, value: decoded.value });
  }
  // The rules across keys (a watched service must exist, a URL must be fetchable) see every good
  // value of the set at once over the layers below; a problem rejects only the key it is about.
  const together = mergeLayers([context.below ?? {}, ...[...shaped.values()].map(({ policy, value }) => nestedDocument(policy.path, value))]);
  const meaning = checkConfigMeaning(together, context.meaning);
  for (const [key, { policy }] of shaped) {
    const own = meaning.filter((p) => startsWith(p.at, policy.path));
    if (own.length === 0) continue;
    for (const problem of own) error(key, withPolicyName(policy, problem));
    shaped.delete(key);
  }
  return { level: set.level, origin: set.origin, values: shaped, errors };
}
