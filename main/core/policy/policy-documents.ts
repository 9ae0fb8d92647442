/**
 * Policy documents that are dictionaries: the Linux JSON files (`/etc/outage-radar/policy.json`,
 * `recommended.json`) and macOS managed preferences (a plist already decoded by the Node side,
 * or a `.mobileconfig` an admin checks before deploying it). Values stay as typed: a list must be
 * an array, a number a number.
 */
import { phrase, type Phrase } from '../i18n/phrase.js';
import type { PolicyEntry, PolicyLevel, PolicySet } from './policy-types.js';

/** The preference domain (bundle id) of the desktop app on macOS. */
export const PLIST_DOMAIN = 'org.outageradar.desktop';

/** In a plist, the dictionary of recommended values: the user may change them. */
export const RECOMMENDED_DICT = 'Recommended';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && !(value instanceof Uint8Array);
}

/** A JSON file's text as a set: an object of policy names (a `$schema` key for editors is allowed). */
export function jsonPolicySet(text: string, level: PolicyLevel, origin: string): PolicySet {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { level, origin, entries: [], problems: [phrase('policy.doc.notJson', { detail: (error as Error).message })] };
  }
  if (!isRecord(parsed)) return { level, origin, entries: [], problems: [phrase('policy.doc.expectedJsonObject')] };
  const entries: PolicyEntry[] = Object.entries(parsed)
    .filter(([name]) => name !== '$schema')
    .map(([name, value]) => ({ name, raw: { form: 'json', value } }));
  return { level, origin, entries, problems: [] };
}

function plistEntries(dict: Record<string, unknown>, skip: (name: string) => boolean): PolicyEntry[] {
  return Object.entries(dict)
    .filter(([name]) => !skip(name))
    .map(([name, value]) => ({ name, raw: { form: 'plist', value } }));
}

/** The settings dictionaries of a `.mobileconfig`: payloads for our domain, in either profile form. */
function profilePayloads(root: Record<string, unknown>): Record<string, unknown>[] | null {
  const content = root['PayloadContent'];
  if (!Array.isArray(content)) return null;
  const out: Record<string, unknown>[] = [];
  for (const payload of content) {
    if (!isRecord(payload)) continue;
    if (payload['PayloadType'] === PLIST_DOMAIN) out.push(payload);
    // The classic form: com.apple.ManagedClient.preferences → domain → Forced → mcx_preference_settings.
    const domains = payload['PayloadType'] === 'com.apple.ManagedClient.preferences' ? payload['PayloadContent'] : undefined;
    const forced = isRecord(domains) && isRecord(domains[PLIST_DOMAIN]) ? domains[PLIST_DOMAIN]['Forced'] : undefined;
    if (Array.isArray(forced)) for (const f of forced) if (isRecord(f) && isRecord(f['mcx_preference_settings'])) out.push(f['mcx_preference_settings']);
  }
  return out;
}

/**
 * A decoded managed-preferences plist as sets: its keys at `level` (forced, so locked), and the
 * `Recommended` dictionary's keys as recommended values. A `.mobileconfig` is read through its
 * payloads for `org.outageradar.desktop` (the Payload* keys are the profile's, not policies).
 */
export function plistPolicySets(value: unknown, level: Exclude<PolicyLevel, 'recommended'>, origin: string): PolicySet[] {
  if (!isRecord(value)) return [{ level, origin, entries: [], problems: [phrase('policy.doc.expectedDictionary')] }];
  const payloads = profilePayloads(value);
  const dicts = payloads ?? [value];
  const problems: Phrase[] = payloads !== null && payloads.length === 0 ? [phrase('policy.doc.noPayload', { domain: PLIST_DOMAIN })] : [];
  const isPayloadKey = (name: string): boolean => payloads !== null && name.startsWith('Payload');
  const mandatory: PolicyEntry[] = [];
  const recommended: PolicyEntry[] = [];
  for (const dict of dicts) {
    mandatory.push(...plistEntries(dict, (name) => name === RECOMMENDED_DICT || isPayloadKey(name)));
    const rec = dict[RECOMMENDED_DICT];
    if (rec === undefined) continue;
    if (isRecord(rec)) recommended.push(...plistEntries(rec, () => false));
    else problems.push(phrase('policy.problem.named', { name: RECOMMENDED_DICT, problem: phrase('policy.doc.recommendedNotDict') }));
  }
  const sets: PolicySet[] = [{ level, origin, entries: mandatory, problems }];
  if (recommended.length > 0) sets.push({ level: 'recommended', origin: `${origin} (${RECOMMENDED_DICT})`, entries: recommended, problems: [] });
  return sets;
}

/** What a policy file is, from its first bytes, never from its name. */
export type PolicyFileFormat = 'json' | 'xml-plist' | 'binary-plist' | 'reg-export';

/** Text of a file: UTF-16 LE with a BOM (what regedit exports) or UTF-8. */
export function decodePolicyText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
}

/** The file's format by content, or null when it is none of ours. */
export function detectPolicyFormat(bytes: Uint8Array): PolicyFileFormat | null {
  if (new TextDecoder('latin1').decode(bytes.subarray(0, 8)) === 'bplist00') return 'binary-plist';
  const head = decodePolicyText(bytes.subarray(0, 512)).trimStart();
  if (head.startsWith('{')) return 'json';
  if (/^(<\?xml|<!DOCTYPE plist|<plist)/i.test(head)) return 'xml-plist';
  if (/^(Windows Registry Editor Version 5\.00|REGEDIT4)/.test(head)) return 'reg-export';
  return null;
}
