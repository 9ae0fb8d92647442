/**
 * A set of raw policies made into settings values, key by key: each value is converted as its
 * platform allows (registry types; JSON and plists as typed), then checked with the same rules
 * as the person's settings (`settings-schema.ts`, `config-meaning.ts`). A bad value is rejected
 * for that key alone and reported; an unknown policy name is an error; the rest applies.
 */
import type { ConfigDocument } from '../generated/config-document.js';
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

type Decoded = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly reason: string };

const STRING_TYPES: ReadonlySet<string> = new Set(['REG_SZ', 'REG_EXPAND_SZ']);
const NUMBER_TYPES: ReadonlySet<string> = new Set(['REG_DWORD', 'REG_QWORD']);

function shown(data: unknown): string {
  const text = typeof data === 'string' ? JSON.stringify(data) : Array.isArray(data) ? `${data.length} item(s)` : String(data);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** A registry value as the policy's kind allows it: REG_DWORD for booleans and numbers, JSON text in REG_SZ for lists and objects. */
function decodeRegistry(policy: PolicyKey, type: string, data: unknown): Decoded {
  const got = `got ${type} ${shown(data)}`;
  const fail = (expects: string): Decoded => ({ ok: false, reason: `expects ${expects}, ${got}` });
  switch (policy.kind) {
    case 'boolean':
      if (!NUMBER_TYPES.has(type) || typeof data !== 'number') return fail('REG_DWORD 0 or 1');
      if (data !== 0 && data !== 1) return fail('REG_DWORD 0 or 1');
      return { ok: true, value: data === 1 };
    case 'integer':
      return NUMBER_TYPES.has(type) && typeof data === 'number' ? { ok: true, value: data } : fail('a REG_DWORD number');
    case 'string':
    case 'enum':
      if (!STRING_TYPES.has(type) || typeof data !== 'string') return fail('REG_SZ text');
      return { ok: true, value: data === '' && policy.nullable ? null : data };
    case 'list':
    case 'object': {
      if (policy.kind === 'list' && policy.listOfStrings && type === 'REG_MULTI_SZ' && Array.isArray(data)) return { ok: true, value: [...(data as string[])] };
      const shape = policy.kind === 'list' ? 'an array' : 'an object';
      if (!STRING_TYPES.has(type) || typeof data !== 'string') return fail(`JSON text (${shape}) in REG_SZ${policy.kind === 'list' && policy.listOfStrings ? ', or REG_MULTI_SZ' : ''}`);
      try {
        return { ok: true, value: JSON.parse(data) as unknown };
      } catch (error) {
        return { ok: false, reason: `expects JSON text (${shape}) in REG_SZ; it is not valid JSON (${(error as Error).message})` };
      }
    }
  }
}

function decode(policy: PolicyKey, raw: PolicyRawValue): Decoded {
  if (raw.form === 'registry') return decodeRegistry(policy, raw.type, raw.data);
  // A plist cannot say null; an empty string is how a profile says "none" for such a key.
  if (raw.form === 'plist' && raw.value === '' && policy.nullable) return { ok: true, value: null };
  if (raw.value instanceof Date) return { ok: false, reason: 'expects no date (use a string)' };
  if (raw.value instanceof Uint8Array) return { ok: false, reason: 'expects no binary data' };
  return { ok: true, value: raw.value };
}

/** `{ helpdesk: { ticketUrl: value } }` for `helpdesk.ticketUrl`. */
export function nestedDocument(path: readonly string[], value: unknown): ConfigDocument {
  let node: unknown = value;
  for (let i = path.length - 1; i >= 0; i--) node = { [path[i] as string]: node };
  return node as ConfigDocument;
}

/** The message with the policy's name in front, once: `PollIntervalSeconds: must be at most 3600`. */
function phrase(policy: PolicyKey, message: string): string {
  const prefix = `${policy.key}: `;
  return `${policy.name}: ${message.startsWith(prefix) ? message.slice(prefix.length) : message}`;
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
  const errors: PolicyError[] = set.problems.map((message) => ({ source: set.level, key: null, message: `${set.origin}: ${message}` }));
  const error = (key: string | null, message: string): void => void errors.push({ source: set.level, key, message });
  const shaped = new Map<string, { policy: PolicyKey; value: unknown }>();
  const seen = new Set<string>();
  for (const entry of set.entries) {
    const policy = policyByName(entry.name);
    if (policy === null) {
      error(entry.name.slice(0, 100), `${entry.name.slice(0, 100)}: unknown policy name (see \`outage-radar policy\` for the names; each is a setting's key in PascalCase)`);
      continue;
    }
    if (seen.has(policy.key)) {
      error(policy.key, `${entry.name}: set twice in ${set.origin}; the first value applies`);
      continue;
    }
    seen.add(policy.key);
    const decoded = decode(policy, entry.raw);
    if (!decoded.ok) {
      error(policy.key, `${policy.name}: ${decoded.reason}`);
      continue;
    }
    const problems: SettingProblem[] = schemaProblems(nestedDocument(policy.path, decoded.value));
    if (problems.length > 0) {
      for (const problem of problems) error(policy.key, phrase(policy, problem.message));
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
    for (const problem of own) error(key, phrase(policy, problem.message));
    shaped.delete(key);
  }
  return { level: set.level, origin: set.origin, values: shaped, errors };
}
