/**
 * Windows policy, as text: the output of `reg.exe query <key> /s`, of the PowerShell fallback
 * (`Get-ItemProperty ... | ConvertTo-Json`, where registry tools are disabled by policy) and of a
 * `.reg` export (what an admin checks with `outage-radar policy --file`). All three become the
 * same list of keys and typed values, then `PolicySet`s: `HKLM` is the machine policy, `HKCU` the
 * user policy, and each one's `\Recommended` subkey the recommended values.
 *
 * `reg query` prints (Microsoft's documented format; console code page, CRLF):
 *
 *     HKEY_LOCAL_MACHINE\SOFTWARE\Policies\OutageRadar
 *         PollIntervalSeconds    REG_DWORD    0x3c
 *         Watch    REG_MULTI_SZ    outlook\0teams
 *
 * a key line at the margin, then one line per value, name, type and data separated by four
 * spaces; REG_DWORD/REG_QWORD in hex; REG_MULTI_SZ items joined by the two characters `\0`.
 */
import { isRecord } from '../sources/json-safe.js';
import { phrase, type Phrase } from '../i18n/phrase.js';
import type { PolicyEntry, PolicyLevel, PolicySet, RegistryData } from './policy-types.js';

/** One value under a key, as read. */
export interface RegistryValue {
  readonly name: string;
  /** `REG_SZ`, `REG_DWORD`, ... */
  readonly type: string;
  readonly data: RegistryData;
}

/** A key with its own values (not its subkeys'). */
export interface RegistryKey {
  /** Full path with the long hive name: `HKEY_LOCAL_MACHINE\SOFTWARE\Policies\OutageRadar`. */
  readonly path: string;
  readonly values: readonly RegistryValue[];
}

/** Keys and values read, plus what could not be read. */
export interface RegistryReading {
  readonly keys: readonly RegistryKey[];
  readonly problems: readonly Phrase[];
}

/** Where Outage Radar's policies live under each hive. */
export const POLICY_SUBKEY = 'SOFTWARE\\Policies\\OutageRadar';
export const RECOMMENDED_SUBKEY = 'Recommended';

const HIVES: Readonly<Record<string, string>> = {
  HKLM: 'HKEY_LOCAL_MACHINE',
  HKEY_LOCAL_MACHINE: 'HKEY_LOCAL_MACHINE',
  HKCU: 'HKEY_CURRENT_USER',
  HKEY_CURRENT_USER: 'HKEY_CURRENT_USER',
  HKU: 'HKEY_USERS',
  HKEY_USERS: 'HKEY_USERS',
  HKCR: 'HKEY_CLASSES_ROOT',
  HKEY_CLASSES_ROOT: 'HKEY_CLASSES_ROOT',
  HKCC: 'HKEY_CURRENT_CONFIG',
  HKEY_CURRENT_CONFIG: 'HKEY_CURRENT_CONFIG',
};

/** `HKLM\Software\...` and `HKEY_LOCAL_MACHINE\Software\...` alike; null when it names no hive. */
function normalizeKeyPath(raw: string): string | null {
  const parts = raw.trim().replace(/\\+$/, '').split('\\');
  const hive = HIVES[(parts[0] ?? '').toUpperCase()];
  if (hive === undefined) return null;
  return [hive, ...parts.slice(1).filter((p) => p !== '')].join('\\');
}

const VALUE_TYPES = ['REG_SZ', 'REG_EXPAND_SZ', 'REG_MULTI_SZ', 'REG_DWORD', 'REG_QWORD', 'REG_BINARY', 'REG_NONE', 'REG_DWORD_BIG_ENDIAN', 'REG_LINK', 'REG_RESOURCE_LIST', 'REG_FULL_RESOURCE_DESCRIPTOR', 'REG_RESOURCE_REQUIREMENTS_LIST'];
// The name is lazy and the type a known word between whitespace, so a name or data with runs of spaces still splits right.
const VALUE_LINE = new RegExp(`^\\s+(.*?)\\s+(${VALUE_TYPES.join('|')})(?:(\\s)(.*))?$`);

function registryData(type: string, text: string): RegistryData {
  if (type === 'REG_DWORD' || type === 'REG_QWORD') {
    const hex = /^0x([0-9a-f]+)$/i.exec(text.trim());
    return hex ? Number.parseInt(hex[1] as string, 16) : text;
  }
  if (type === 'REG_MULTI_SZ') return text === '' ? [] : text.split('\\0');
  return text;
}

/** The data after the type: reg.exe puts four spaces there; a tab or other spacing is tolerated. */
function dataText(separator: string | undefined, rest: string | undefined): string {
  if (rest === undefined) return '';
  const full = `${separator ?? ''}${rest}`;
  return full.startsWith('    ') ? full.slice(4) : full.replace(/^[ \t]+/, '');
}

/** Parses `reg.exe query <key> /s` output. Lines it does not understand are reported, not guessed. */
export function parseRegQuery(text: string): RegistryReading {
  const keys: { path: string; values: RegistryValue[] }[] = [];
  const problems: Phrase[] = [];
  let current: { path: string; values: RegistryValue[] } | null = null;
  for (const rawLine of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const line = rawLine.replace(/\r$/, '');
    if (line.trim() === '' || /^End of search:/i.test(line.trim())) continue;
    if (!/^\s/.test(line)) {
      const path = normalizeKeyPath(line);
      if (path === null) {
        problems.push(phrase('policy.reg.unexpectedLine', { line: line.slice(0, 80) }));
        current = null;
        continue;
      }
      current = { path, values: [] };
      keys.push(current);
      continue;
    }
    const match = VALUE_LINE.exec(line);
    if (match === null || current === null) {
      problems.push(phrase('policy.reg.unexpectedLine', { line: line.trim().slice(0, 80) }));
      continue;
    }
    const name = match[1] as string;
    const type = match[2] as string;
    const data = dataText(match[3], match[4]);
    // The unnamed default value is not a policy; reg.exe lists it even when it is not set.
    if (name === '(Default)' || name === '(Standard)') continue;
    current.values.push({ name, type, data: registryData(type, data) });
  }
  return { keys, problems };
}

/** The `Get-ItemProperty` object's own bookkeeping, not registry values. */
const POWERSHELL_PROPERTIES: ReadonlySet<string> = new Set(['PSPath', 'PSParentPath', 'PSChildName', 'PSDrive', 'PSProvider']);


/** PowerShell gives no REG_ type; its JSON types stand for the registry types they come from. */
function fromPowerShell(name: string, value: unknown): RegistryValue | null {
  if (typeof value === 'string') return { name, type: 'REG_SZ', data: value };
  if (typeof value === 'number' && Number.isInteger(value)) return { name, type: 'REG_DWORD', data: value };
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return { name, type: 'REG_MULTI_SZ', data: value as string[] };
  if (Array.isArray(value) && value.every((v) => typeof v === 'number')) return { name, type: 'REG_BINARY', data: value.map((b) => (b as number).toString(16).padStart(2, '0')).join(',') };
  return null;
}

/**
 * Parses `Get-ItemProperty -LiteralPath <key> | ConvertTo-Json` output: one object per key (or an
 * array of them), each with its values and `PSPath` naming the key.
 */
export function parsePowerShellRegistryJson(text: string): RegistryReading {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') return { keys: [], problems: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch (error) {
    return { keys: [], problems: [phrase('policy.reg.psNotJson', { detail: (error as Error).message })] };
  }
  const objects = Array.isArray(parsed) ? parsed : [parsed];
  const keys: RegistryKey[] = [];
  const problems: Phrase[] = [];
  for (const object of objects) {
    if (!isRecord(object) || typeof object['PSPath'] !== 'string') {
      problems.push(phrase('policy.reg.psNoPath'));
      continue;
    }
    const path = normalizeKeyPath(object['PSPath'].replace(/^.*::/, ''));
    if (path === null) {
      problems.push(phrase('policy.reg.psNotKey', { path: object['PSPath'].slice(0, 100) }));
      continue;
    }
    const values: RegistryValue[] = [];
    for (const [name, value] of Object.entries(object)) {
      if (POWERSHELL_PROPERTIES.has(name) || name === '(default)') continue;
      const converted = fromPowerShell(name, value);
      if (converted === null) problems.push(phrase('policy.reg.psValueKind', { name: name.slice(0, 100) }));
      else values.push(converted);
    }
    keys.push({ path, values });
  }
  return { keys, problems };
}

/** Decodes a `.reg` string's escapes (`\"`, `\\`). */
function unescapeRegString(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

function hexBytes(text: string): number[] | null {
  const parts = text.split(',').map((p) => p.trim()).filter((p) => p !== '');
  if (!parts.every((p) => /^[0-9a-f]{1,2}$/i.test(p))) return null;
  return parts.map((p) => Number.parseInt(p, 16));
}

function utf16Strings(bytes: readonly number[]): string[] {
  let text = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) text += String.fromCharCode((bytes[i] as number) | ((bytes[i + 1] as number) << 8));
  return text.split('\0');
}

/** Why a `.reg` value cannot be read. */
interface Unreadable {
  readonly problem: Phrase;
}

/** One `"name"=data` of a `.reg` file, typed; why not when it cannot be read. */
function regExportValue(name: string, data: string): RegistryValue | Unreadable {
  if (data.startsWith('"')) {
    if (!/^"((?:[^"\\]|\\.)*)"$/.test(data)) return { problem: phrase('policy.reg.unclosedString') };
    return { name, type: 'REG_SZ', data: unescapeRegString(data.slice(1, -1)) };
  }
  const dword = /^dword:([0-9a-f]{1,8})$/i.exec(data);
  if (dword) return { name, type: 'REG_DWORD', data: Number.parseInt(dword[1] as string, 16) };
  const hex = /^hex(?:\(([0-9a-f]+)\))?:(.*)$/i.exec(data);
  if (hex === null) return { problem: data === '-' ? phrase('policy.reg.deletion') : phrase('policy.reg.unknownData', { data: data.slice(0, 40) }) };
  const bytes = hexBytes(hex[2] as string);
  if (bytes === null) return { problem: phrase('policy.reg.badHex') };
  switch ((hex[1] ?? '3').toLowerCase()) {
    case '7': {
      const items = utf16Strings(bytes);
      // A REG_MULTI_SZ ends with an empty string and a terminator: drop the trailing empties.
      while (items.length > 0 && items[items.length - 1] === '') items.pop();
      return { name, type: 'REG_MULTI_SZ', data: items };
    }
    case '2':
    case '1':
      return { name, type: hex[1] === '2' ? 'REG_EXPAND_SZ' : 'REG_SZ', data: utf16Strings(bytes)[0] ?? '' };
    case 'b':
      return bytes.length === 8 ? { name, type: 'REG_QWORD', data: bytes.reduceRight((n, b) => n * 256 + b, 0) } : { problem: phrase('policy.reg.badQword') };
    case '4':
      return bytes.length === 4 ? { name, type: 'REG_DWORD', data: bytes.reduceRight((n, b) => n * 256 + b, 0) } : { problem: phrase('policy.reg.badDword') };
    default:
      return { name, type: hex[1] === undefined || hex[1] === '3' ? 'REG_BINARY' : 'REG_NONE', data: bytes.join(',') };
  }
}

/** Joins the lines a `.reg` file continues with a trailing backslash (long hex lists). */
function logicalLines(text: string): { readonly line: string; readonly number: number }[] {
  const out: { line: string; number: number }[] = [];
  let pending: { line: string; number: number } | null = null;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line: string = pending === null ? raw : pending.line + raw.trimStart();
    const number: number = pending?.number ?? i + 1;
    if (/\\$/.test(line) && !/^\s*"(?:[^"\\]|\\.)*"\s*=\s*"/.test(line)) {
      pending = { line: line.slice(0, -1), number };
      return;
    }
    pending = null;
    out.push({ line, number });
  });
  if (pending !== null) out.push(pending);
  return out;
}

/** Parses a `.reg` export (`Windows Registry Editor Version 5.00` or `REGEDIT4`). */
export function parseRegExport(text: string): RegistryReading {
  const lines = logicalLines(text.replace(/^\uFEFF/, ''));
  const problems: Phrase[] = [];
  const keys: { path: string; values: RegistryValue[] }[] = [];
  let current: { path: string; values: RegistryValue[] } | null = null;
  const header = lines.find(({ line }) => line.trim() !== '');
  if (header === undefined || !/^(Windows Registry Editor Version 5\.00|REGEDIT4)\s*$/.test(header.line.trim())) {
    return { keys, problems: [phrase('policy.reg.header')] };
  }
  for (const { line, number } of lines) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith(';') || line === header.line) continue;
    const at = (problem: Phrase): Phrase => phrase('policy.reg.atLine', { line: String(number), problem });
    const keyLine = /^\[(-?)(.*)\]$/.exec(trimmed);
    if (keyLine) {
      const path = normalizeKeyPath(keyLine[2] as string);
      current = null;
      if (keyLine[1] === '-') problems.push(at(phrase('policy.reg.deletesKey')));
      else if (path === null) problems.push(at(phrase('policy.reg.notKey', { text: trimmed.slice(0, 80) })));
      else {
        current = { path, values: [] };
        keys.push(current);
      }
      continue;
    }
    const value = /^(?:"((?:[^"\\]|\\.)*)"|(@))\s*=\s*(.*)$/.exec(trimmed);
    if (value === null || current === null) {
      problems.push(at(phrase('policy.reg.notUnderstood', { text: trimmed.slice(0, 80) })));
      continue;
    }
    if (value[2] === '@') continue;
    const name = unescapeRegString(value[1] as string);
    const read = regExportValue(name, (value[3] as string).trim());
    if ('problem' in read) problems.push(at(phrase('policy.problem.named', { name, problem: read.problem })));
    else current.values.push(read);
  }
  return { keys, problems };
}

const SHORT_HIVE: Readonly<Record<string, string>> = { HKEY_LOCAL_MACHINE: 'HKLM', HKEY_CURRENT_USER: 'HKCU' };

/**
 * The policy sets of a reading, strongest place first within each level: HKLM and HKCU policy,
 * then HKLM's and HKCU's `Recommended`. A key elsewhere, or a subkey other than `Recommended`,
 * is reported, never read as policy.
 */
export function registryPolicySets(reading: RegistryReading): PolicySet[] {
  const sets = new Map<string, { level: PolicyLevel; origin: string; entries: PolicyEntry[]; problems: Phrase[] }>();
  const setFor = (hive: 'HKEY_LOCAL_MACHINE' | 'HKEY_CURRENT_USER', recommended: boolean) => {
    const origin = `${SHORT_HIVE[hive]}\\${POLICY_SUBKEY}${recommended ? `\\${RECOMMENDED_SUBKEY}` : ''}`;
    let set = sets.get(origin);
    if (set === undefined) {
      set = { level: recommended ? 'recommended' : hive === 'HKEY_LOCAL_MACHINE' ? 'machine-policy' : 'user-policy', origin, entries: [], problems: [] };
      sets.set(origin, set);
    }
    return set;
  };
  // Created in this order so that the machine's recommended values win over the user's.
  for (const hive of ['HKEY_LOCAL_MACHINE', 'HKEY_CURRENT_USER'] as const) setFor(hive, false);
  for (const hive of ['HKEY_LOCAL_MACHINE', 'HKEY_CURRENT_USER'] as const) setFor(hive, true);
  const loose: Phrase[] = [...reading.problems];
  for (const key of reading.keys) {
    const [hive, ...rest] = key.path.split('\\');
    const base = POLICY_SUBKEY.toLowerCase().split('\\');
    const under = rest.slice(0, base.length).map((p) => p.toLowerCase());
    const extra = rest.slice(base.length);
    if ((hive !== 'HKEY_LOCAL_MACHINE' && hive !== 'HKEY_CURRENT_USER') || under.join('\\') !== base.join('\\')) {
      loose.push(phrase('policy.problem.named', { name: key.path.slice(0, 120), problem: phrase('policy.reg.notPolicyKey', { subkey: POLICY_SUBKEY }) }));
      continue;
    }
    const recommended = extra.length === 1 && extra[0]?.toLowerCase() === RECOMMENDED_SUBKEY.toLowerCase();
    if (extra.length > 0 && !recommended) {
      setFor(hive, false).problems.push(phrase('policy.reg.unexpectedSubkey', { subkey: extra.join('\\').slice(0, 80), recommended: RECOMMENDED_SUBKEY }));
      continue;
    }
    const set = setFor(hive, recommended);
    for (const value of key.values) set.entries.push({ name: value.name, raw: { form: 'registry', type: value.type, data: value.data } });
  }
  const out = [...sets.values()];
  if (loose.length > 0) {
    const first = out[0];
    if (first !== undefined) first.problems.push(...loose);
  }
  return out.filter((set) => set.entries.length > 0 || set.problems.length > 0);
}
