/**
 * Personal data out of the diagnostics report: the user name, the host name, the home folder and
 * every path under it, e-mail addresses and IP addresses, wherever they occur (a probe error, a
 * source URL, what the person typed). A ticket is read by many people and kept for years; the
 * technician needs the facts, not who or where. The organization may keep kinds (`report.include`).
 *
 * Every kind is found on the original text first and the matches are replaced in one pass, so a
 * placeholder is never matched again (a user called "host" does not turn "[host name]" into
 * "[[user name] name]") and a second pass leaves a redacted text as it is.
 */

/** The kinds of personal data the report removes unless the organization keeps them. */
export const REPORT_INCLUDE_KINDS = ['userName', 'hostName', 'homePaths', 'emailAddresses', 'ipAddresses'] as const;
export type ReportIncludeKind = (typeof REPORT_INCLUDE_KINDS)[number];

/** What identifies this person and machine; null where the OS would not say. */
export interface PersonalFacts {
  readonly userName: string | null;
  readonly homeDir: string | null;
  readonly hostName: string | null;
}

/** What stands where a value was removed; also what the report says it removed. */
export const PLACEHOLDERS: Readonly<Record<ReportIncludeKind, string>> = {
  userName: '[user name]',
  hostName: '[host name]',
  homePaths: '[home folder path]',
  emailAddresses: '[e-mail address]',
  ipAddresses: '[IP address]',
};

/** How the report names each kind to a reader. */
export const KIND_WORDS: Readonly<Record<ReportIncludeKind, string>> = {
  userName: 'user name',
  hostName: 'host name',
  homePaths: 'home folder paths',
  emailAddresses: 'e-mail addresses',
  ipAddresses: 'IP addresses',
};

/**
 * Addresses that say nothing about this person: the well-known public DNS resolvers (Cloudflare,
 * Google, Quad9, OpenDNS), which a connection report names on purpose, and loopback and the
 * unspecified address, which are the same on every machine. Compared in canonical form.
 */
const PUBLIC_ADDRESSES: ReadonlySet<string> = new Set([
  '1.1.1.1',
  '1.0.0.1',
  '8.8.8.8',
  '8.8.4.4',
  '9.9.9.9',
  '149.112.112.112',
  '208.67.222.222',
  '208.67.220.220',
  '0.0.0.0',
  ...['2606:4700:4700::1111', '2606:4700:4700::1001', '2001:4860:4860::8888', '2001:4860:4860::8844', '2620:fe::fe', '2620:fe::9', '2620:119:35::35', '2620:119:53::53', '::1', '::'].map(
    (v6) => canonicalV6(v6) ?? v6,
  ),
]);

/** Host names every machine has; removing them would hide facts and protect no one. */
const SHARED_HOST_NAMES: ReadonlySet<string> = new Set(['localhost', 'localhost.localdomain', 'ip6-localhost']);

// A word character in any script: user and host names end where none follows.
const NAME_CHAR = String.raw`[\p{L}\p{N}_]`;
const HOST_CHAR = String.raw`[\p{L}\p{N}_-]`;
// A path continues up to white space, a quote or a bracket (JSON, prose and log lines end it); a
// folder name may hold spaces ("AppData\Roaming\Outage Radar\config.json") when a separator
// follows it. Bounded, so text that is almost a path costs linear time.
const SEGMENT = String.raw`[^\\/\s"'<>|()\[\]{},;]{1,255}`;
const PATH_TAIL = String.raw`(?:(?:[\\/]+|%5c|%2f)${SEGMENT}(?: ${SEGMENT}){0,8}(?=[\\/]))*(?:(?:[\\/]+|%5c|%2f)(?:${SEGMENT})?)?`;
const SEPARATOR = String.raw`(?:[\\/]+|%5c|%2f)`;
// The local part starts where no address character precedes it, so a long run costs linear time.
const EMAIL = /(?<![\w.%+-])[\w.%+-]+(?:@|%40)[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/giu;
const IPV4 = /(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?!\.?\w)/g;
// Candidates only; canonicalV6 decides (a clock time "10:02:00" or a MAC address is not one).
const IPV6 = /(?<![\w:.%])(?:[0-9a-f]{0,4}:){2,7}(?:(?:\d{1,3}\.){3}\d{1,3}|[0-9a-f]{1,4})?(?:%[\w-]+)?(?!\.?[\w:])/gi;

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** An IPv6 address in its 8-group lower-case form, or null when the text is not one. */
function canonicalV6(text: string): string | null {
  let address = text.toLowerCase().replace(/%.*$/, '');
  const v4 = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  if (v4) {
    const bytes = v4.slice(1).map(Number);
    if (bytes.some((b) => b > 255)) return null;
    const [a = 0, b = 0, c = 0, d = 0] = bytes;
    address = `${address.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = address.split('::');
  if (halves.length > 2) return null;
  const groups = (part: string | undefined): string[] | null => {
    if (part === undefined || part === '') return [];
    const list = part.split(':');
    return list.every((g) => /^[0-9a-f]{1,4}$/.test(g)) ? list : null;
  };
  const head = groups(halves[0]);
  const tail = groups(halves[1]);
  if (head === null || tail === null) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const all = [...head, ...Array<string>(halves.length === 1 ? 0 : missing).fill('0'), ...tail];
  return all.map((g) => g.replace(/^0+(?=.)/, '')).join(':');
}

/** Whether an address found in text is one the report may show anyway. */
function isPublicAddress(text: string, version: 4 | 6): boolean {
  if (version === 4) return PUBLIC_ADDRESSES.has(text) || text.startsWith('127.');
  const canonical = canonicalV6(text);
  return canonical !== null && PUBLIC_ADDRESSES.has(canonical);
}

/** The home folder in every spelling it takes in text: `\` or `/`, doubled in JSON, %-encoded, any case. */
function homePattern(homeDir: string): RegExp | null {
  const parts = homeDir.split(/[\\/]+/).filter((p) => p !== '');
  // A home at the root ("/") would make every path "personal": nothing is learnt from it.
  if (parts.length === 0) return null;
  const drive = /^[a-z]:$/i.test(parts[0] ?? '') ? parts.shift() : undefined;
  if (parts.length === 0) return null;
  const body = parts.map(escapeRegExp).join(SEPARATOR);
  // "C:\Users\jdoe", "c:/Users/jdoe", "/c/Users/jdoe" (Git Bash), "file:///C:/Users/jdoe", "/home/jdoe".
  const start = drive === undefined ? SEPARATOR : String.raw`(?:${escapeRegExp(drive)}|${SEPARATOR}${escapeRegExp(drive.charAt(0))}|${SEPARATOR}${escapeRegExp(drive)})${SEPARATOR}`;
  return new RegExp(String.raw`(?<![\p{L}\p{N}_.-])${start}${body}(?!${HOST_CHAR})${PATH_TAIL}`, 'giu');
}

/** A name as a whole word, any case; null for a name too short to be told from ordinary text. */
function wordPattern(name: string | null, wordChar: string): RegExp | null {
  const trimmed = name?.trim() ?? '';
  if (trimmed.length < 2) return null;
  return new RegExp(String.raw`(?<!${wordChar})${escapeRegExp(trimmed)}(?!${wordChar})`, 'giu');
}

interface Finder {
  readonly kind: ReportIncludeKind;
  readonly pattern: RegExp;
  /** Whether a match is really personal data (an address may be a public resolver). */
  readonly accept?: (match: string) => boolean;
}

/** The finders, in the order they claim text: a home path before the user name inside it. */
function findersFor(facts: PersonalFacts): Finder[] {
  const finders: Finder[] = [];
  const home = facts.homeDir === null ? null : homePattern(facts.homeDir);
  if (home) finders.push({ kind: 'homePaths', pattern: home });
  finders.push({ kind: 'emailAddresses', pattern: EMAIL });
  const host = facts.hostName?.trim().toLowerCase() ?? '';
  if (host !== '' && !SHARED_HOST_NAMES.has(host)) {
    // The full name first ("jdoe-pc.corp.contoso.com"), then its first label ("jdoe-pc").
    for (const name of new Set([host, host.split('.')[0] ?? host])) {
      const pattern = wordPattern(name, HOST_CHAR);
      if (pattern) finders.push({ kind: 'hostName', pattern });
    }
  }
  // v6 first: "::ffff:10.0.0.1" is one address, not a v4 one behind a prefix.
  finders.push({ kind: 'ipAddresses', pattern: IPV6, accept: (m) => canonicalV6(m) !== null && !isPublicAddress(m, 6) });
  finders.push({ kind: 'ipAddresses', pattern: IPV4, accept: (m) => !isPublicAddress(m, 4) });
  const user = wordPattern(facts.userName, NAME_CHAR);
  if (user) finders.push({ kind: 'userName', pattern: user });
  return finders;
}

/** What was removed from a text: how often, per kind. */
export type RedactionCounts = Partial<Record<ReportIncludeKind, number>>;

/** A redactor for one machine: call it on every text of one report. */
export interface PersonalDataRedactor {
  /** The text with every personal value not kept replaced by its placeholder. */
  (text: string): string;
  /** The kinds found and removed so far, with how often. */
  readonly found: RedactionCounts;
}

/**
 * A redactor for this machine's facts. Kinds in `keep` stay, each value whole (a kept e-mail
 * address keeps the user name in it, as the organization asked to see the address); the rest are
 * replaced by {@link PLACEHOLDERS}. Placeholders already in the text are left alone, so it is idempotent.
 */
export function personalDataRedactor(facts: PersonalFacts, keep: readonly ReportIncludeKind[]): PersonalDataRedactor {
  const kept = new Set(keep);
  const finders = findersFor(facts);
  const placeholders = new RegExp(Object.values(PLACEHOLDERS).map(escapeRegExp).join('|'), 'g');
  const found: Record<string, number> = {};
  const redact = (text: string): string => {
    if (kept.size === REPORT_INCLUDE_KINDS.length || text === '') return text;
    // A kind null marks text that stays: a placeholder, or a value of a kept kind.
    const claimed: Array<{ start: number; end: number; kind: ReportIncludeKind | null }> = [];
    const free = (start: number, end: number): boolean => claimed.every((c) => end <= c.start || start >= c.end);
    for (const m of text.matchAll(placeholders)) claimed.push({ start: m.index, end: m.index + m[0].length, kind: null });
    for (const finder of finders) {
      for (const m of text.matchAll(finder.pattern)) {
        const start = m.index;
        const end = start + m[0].length;
        if (m[0] === '' || !free(start, end) || (finder.accept && !finder.accept(m[0]))) continue;
        claimed.push({ start, end, kind: kept.has(finder.kind) ? null : finder.kind });
      }
    }
    const removals = claimed.filter((c) => c.kind !== null).sort((a, b) => a.start - b.start);
    if (removals.length === 0) return text;
    let out = '';
    let at = 0;
    for (const removal of removals) {
      const kind = removal.kind as ReportIncludeKind;
      out += text.slice(at, removal.start) + PLACEHOLDERS[kind];
      at = removal.end;
      found[kind] = (found[kind] ?? 0) + 1;
    }
    return out + text.slice(at);
  };
  return Object.assign(redact, { found: found as RedactionCounts });
}
