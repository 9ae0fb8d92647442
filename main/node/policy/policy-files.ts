/**
 * Reading policy files with the bounds every local file gets here (`bounded-file.ts`): the Linux
 * JSON files, macOS managed preferences, and any file an admin checks with `--file`.
 */
import { jsonPolicySet, plistPolicySets, decodePolicyText, detectPolicyFormat } from '../../core/policy/policy-documents.js';
import type { PolicyLevel, PolicySet } from '../../core/policy/policy-types.js';
import { parseRegExport, registryPolicySets } from '../../core/policy/registry-text.js';
import { readBoundedRegularFile } from '../bounded-file.js';
import type { DecodedPlist } from './plist-decode.js';
import { phrase, type Phrase } from '../../core/i18n/phrase.js';
import { POLICY_SUBKEY } from '../../core/policy/registry-text.js';

/** The plist parsers (xmldom, bplist) load only for a plist: Linux reads JSON alone. */
async function decodePlist(bytes: Uint8Array): Promise<DecodedPlist> {
  return (await import('./plist-decode.js')).decodePlist(bytes);
}

/** Policy files are small; a larger one is the wrong file. */
export const MAX_POLICY_FILE_BYTES = 1024 * 1024;

/** The bytes of a file, null when it does not exist (no policy there), or why it could not be read. */
export async function readPolicyBytes(path: string): Promise<{ readonly ok: true; readonly bytes: Buffer | null } | { readonly ok: false; readonly reason: Phrase }> {
  const read = await readBoundedRegularFile(path, MAX_POLICY_FILE_BYTES);
  if (read.ok) return { ok: true, bytes: read.bytes };
  // Most machines have no policy at all: a missing file is no policy, not a problem.
  if ('key' in read.reason && read.reason.values?.['code'] === 'ENOENT') return { ok: true, bytes: null };
  return { ok: false, reason: read.reason };
}

/** A JSON policy file at one level; none when it does not exist. */
export async function readJsonPolicyFile(path: string, level: PolicyLevel): Promise<PolicySet[]> {
  const read = await readPolicyBytes(path);
  if (!read.ok) return [{ level, origin: path, entries: [], problems: [read.reason] }];
  if (read.bytes === null) return [];
  return [jsonPolicySet(decodePolicyText(read.bytes), level, path)];
}

/** A managed-preferences plist (XML or binary) at a mandatory level, with its Recommended dictionary. */
export async function readPlistPolicyFile(path: string, level: 'machine-policy' | 'user-policy'): Promise<PolicySet[]> {
  const read = await readPolicyBytes(path);
  if (!read.ok) return [{ level, origin: path, entries: [], problems: [read.reason] }];
  if (read.bytes === null) return [];
  const decoded = await decodePlist(read.bytes);
  if (!decoded.ok) return [{ level, origin: path, entries: [], problems: [decoded.reason] }];
  return plistPolicySets(decoded.value, level, path);
}

/**
 * A file an admin wants checked before deploying it: JSON, an XML or binary plist (or
 * `.mobileconfig`), or a `.reg` export, told apart by content. JSON and plists are read as
 * mandatory policy (what /etc/outage-radar/policy.json and a profile are).
 */
export async function readPolicyFileToCheck(path: string): Promise<PolicySet[]> {
  const read = await readBoundedRegularFile(path, MAX_POLICY_FILE_BYTES);
  if (!read.ok) return [{ level: 'machine-policy', origin: path, entries: [], problems: [read.reason] }];
  const format = detectPolicyFormat(read.bytes);
  switch (format) {
    case 'json':
      return [jsonPolicySet(decodePolicyText(read.bytes), 'machine-policy', path)];
    case 'xml-plist':
    case 'binary-plist': {
      const decoded = await decodePlist(read.bytes);
      return decoded.ok ? plistPolicySets(decoded.value, 'machine-policy', path) : [{ level: 'machine-policy', origin: path, entries: [], problems: [decoded.reason] }];
    }
    case 'reg-export': {
      const sets = registryPolicySets(parseRegExport(decodePolicyText(read.bytes)));
      return sets.length > 0 ? sets : [{ level: 'machine-policy', origin: path, entries: [], problems: [phrase('policy.reg.noPolicyKey', { subkey: POLICY_SUBKEY })] }];
    }
    case null:
      return [{ level: 'machine-policy', origin: path, entries: [], problems: [phrase('policy.file.notPolicy')] }];
  }
}
