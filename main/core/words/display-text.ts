/**
 * The display boundary: every title, body and name that reaches a person (terminal, tray tooltip,
 * notification, window, helpdesk report) passes through `displayText` and its one-line and block
 * forms, and every age or time is worded by the functions here, so the CLI, the tray, the window
 * and the report read alike.
 *
 * Text from status sources is untrusted. A terminal obeys escape sequences (clear the screen,
 * retitle the window), and bidi overrides reorder what a person reads ("gnp.exe"). We drop the
 * control characters and the invisible zero-width marks, and show the bidi embeddings, overrides
 * and isolates as `<U+202E>` so that a reversed text gives itself away. We never add bidi marks
 * of our own.
 *
 * A leaf module: type imports only, so the renderer can share it without pulling in anything else.
 * The data (and `--json`) keep everything; only what is displayed is cut.
 */
import type { LadderResult, LinkState } from '../verdict/connectivity-model.js';

/** How much of a source's text is displayed. */
export const DISPLAY_LIMITS = {
  /** Characters of an incident title, a name, a message on one line. */
  title: 300,
  /** Characters of one incident update's body (20 KB). */
  body: 20_000,
  /** Incidents listed per source, newest first; the rest are counted ("and 12 more"). */
  incidentsPerSource: 200,
} as const;

/**
 * C0 controls except tab and line feed, DEL and C1 controls (ESC and CSI start every ANSI
 * sequence), zero-width characters and LRM/RLM, the Arabic letter mark and the BOM.
 */
const DROPPED = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200F\u061C\uFEFF]/g;
/** Bidi embeddings, overrides and isolates: shown, so a person sees that the text plays tricks. */
const SHOWN = /[\u202A-\u202E\u2066-\u2069]/g;

function codePointName(char: string): string {
  return `<U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}>`;
}

/**
 * Untrusted text made safe to display, line breaks kept: CR LF, CR and the Unicode line and
 * paragraph separators become `\n`; other control, zero-width and bidi-control characters are
 * dropped or named (`<U+202E>`). Nothing else changes.
 */
export function displayText(text: string): string {
  return text
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(DROPPED, '')
    .replace(SHOWN, codePointName);
}

/** Cuts at a word boundary when one is near, never inside a surrogate pair; adds "…" when it cut. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return '…'.slice(0, max);
  let end = max - 1;
  const space = text.lastIndexOf(' ', end);
  if (space > max * 0.6) end = space;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end).replace(/[\s,;:·-]+$/, '')}…`;
}

/** Safe text on one line (titles, names, reasons): every run of white space becomes one space. */
export function displayLine(text: string, max: number = DISPLAY_LIMITS.title): string {
  return cutText(displayText(text).replace(/\s+/g, ' ').trim(), max);
}

/** Safe text as a block (an update body): at most one blank line in a row, cut at `max`. */
export function displayBlock(text: string, max: number = DISPLAY_LIMITS.body): string {
  const clean = displayText(text)
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** The displayed part of a list and how many were left out, for "and 12 more". */
export interface Capped<T> {
  readonly shown: readonly T[];
  readonly more: number;
}

function newestFirstKey(item: { readonly startedAt?: string | null; readonly updatedAt?: string | null }): number {
  const at = Date.parse(item.updatedAt ?? item.startedAt ?? '');
  return Number.isFinite(at) ? at : Number.NEGATIVE_INFINITY;
}

/** Incidents newest first (by last update, else start), cut at `max` (200 per source). */
export function capIncidents<T extends { readonly startedAt?: string | null; readonly updatedAt?: string | null }>(
  incidents: readonly T[],
  max: number = DISPLAY_LIMITS.incidentsPerSource,
): Capped<T> {
  const ordered = incidents
    .map((item, index) => ({ item, index, at: newestFirstKey(item) }))
    .sort((a, b) => (b.at === a.at ? a.index - b.index : b.at > a.at ? 1 : -1))
    .map((entry) => entry.item);
  return { shown: ordered.slice(0, max), more: Math.max(0, ordered.length - max) };
}

const MINUTE = 60_000;

/** The one age wording: "just now", "2 min ago", "3 h ago" (below two days), "2 days ago". */
export function formatAge(ms: number): string {
  if (!Number.isFinite(ms) || ms < MINUTE) return 'just now';
  const minutes = Math.floor(ms / MINUTE);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} days ago`;
}

/** The same wording ahead in time: "in 20 min", "in 3 h", "in 2 days"; "now" within a minute. */
export function formatIn(ms: number): string {
  if (!Number.isFinite(ms) || ms < MINUTE) return 'now';
  const minutes = Math.floor(ms / MINUTE);
  if (minutes < 60) return `in ${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `in ${hours} h`;
  return `in ${Math.floor(hours / 24)} days`;
}

/** `formatAge` or `formatIn` for an ISO time; null when it is missing or unreadable. */
function relativeTime(iso: string | null | undefined, now: number): string | null {
  const at = iso ? Date.parse(iso) : Number.NaN;
  if (!Number.isFinite(at)) return null;
  return at - now >= MINUTE ? formatIn(at - now) : formatAge(now - at);
}

/** "started 2 h ago" (or "starts in 2 days" for a start ahead); null without a start time. */
export function startedPhrase(startedAt: string | null | undefined, now: number): string | null {
  const at = startedAt ? Date.parse(startedAt) : Number.NaN;
  if (!Number.isFinite(at)) return null;
  return at - now >= MINUTE ? `starts ${formatIn(at - now)}` : `started ${formatAge(now - at)}`;
}

/** Local wall-clock time as HH:MM (24 h), independent of the OS locale. */
export function formatClock(date: Date): string {
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

/** Local date as YYYY-MM-DD. */
export function formatDate(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/** Local time: "14:02" today, "tomorrow 08:00", "yesterday 14:02", else "2025-03-03 14:02". */
export function describeMoment(at: Date, now: Date): string {
  const day = (d: Date): number => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const days = Math.round((day(at) - day(now)) / 86_400_000);
  if (days === 0) return formatClock(at);
  if (days === 1) return `tomorrow ${formatClock(at)}`;
  if (days === -1) return `yesterday ${formatClock(at)}`;
  return `${formatDate(at)} ${formatClock(at)}`;
}

/** "tomorrow 08:00 (in 16 h)": local time, then how far ahead or back; null without a time. */
export function momentWithDistance(iso: string | null | undefined, now: number): string | null {
  const at = iso ? Date.parse(iso) : Number.NaN;
  if (!Number.isFinite(at)) return null;
  return `${describeMoment(new Date(at), new Date(now))} (${relativeTime(iso, now) ?? ''})`;
}

/**
 * The name of the captive-portal check. "Wi-Fi sign-in" only when the link is known to be Wi-Fi;
 * a wired or unknown link gets the neutral "network sign-in" (hotels and guest LANs have wired
 * portals too). `LinkState` carries no link type today, so this is the neutral name until it does.
 */
export function signInCheckName(link: LinkState | null | undefined): string {
  const kind = link && 'kind' in link ? (link as { readonly kind?: unknown }).kind : undefined;
  return kind === 'wifi' ? 'Wi-Fi sign-in' : 'network sign-in';
}

/**
 * "last known, as of 2025-03-04 09:40 (2 h ago)": the mark on data its publisher has declared out
 * of date (an expired org feed), so it is never read as current.
 */
export function lastKnownPhrase(asOf: string | null | undefined, now: number): string {
  const when = momentWithDistance(asOf, now);
  return when ? `last known, as of ${when}` : 'last known, time not given';
}

/** Where the proxy setting came from, in words. */
function proxySourceWord(source: 'none' | 'env' | 'system' | 'config'): string {
  switch (source) {
    case 'none':
      return 'no proxy configured';
    case 'env':
      return 'from environment variables';
    case 'system':
      return 'from the system settings';
    case 'config':
      return 'from the app configuration';
    default:
      return 'from an unknown setting';
  }
}

/** How one request travelled: "direct" or "via proxy proxy.corp:8080" (credentials in it masked). */
export function pathWord(path: string): string {
  if (path === 'DIRECT') return 'direct';
  const proxy = /^(PROXY|HTTPS|SOCKS\d?)\s+(.+)$/i.exec(path);
  if (!proxy) return `via ${path.replace(/[^\s@/]+@/g, '***@')}`;
  const kind = proxy[1]?.toUpperCase() === 'PROXY' ? 'proxy' : `${proxy[1] ?? ''} proxy`;
  return `via ${kind} ${(proxy[2] ?? '').replace(/[^\s@/]+@/g, '***@')}`;
}

/**
 * The proxy in one phrase, from the routes the checks really took, so it can never contradict a
 * host line below it: "none, direct connection (no proxy configured)", "proxy proxy.corp:8080
 * (from the system settings)", or "depends on the address (from the system settings): direct for
 * 2 hosts, via proxy proxy.corp:8080 for 3 hosts".
 */
export function describeProxyUse(ladder: Pick<LadderResult, 'proxy' | 'targets'>): string {
  const from = proxySourceWord(ladder.proxy.source);
  const counts = new Map<string, number>();
  for (const target of ladder.targets) counts.set(target.path, (counts.get(target.path) ?? 0) + 1);
  const paths = counts.size > 0 ? [...counts.keys()] : [ladder.proxy.mode];
  const phrase = (path: string): string => (path === 'DIRECT' ? 'none, direct connection' : pathWord(path).replace(/^via /, ''));
  if (paths.length === 1) return `${phrase(paths[0] ?? 'DIRECT')} (${from})`;
  const parts = [...counts].map(([path, n]) => `${pathWord(path)} for ${n} ${n === 1 ? 'host' : 'hosts'}`);
  return `depends on the address (${from}): ${parts.join(', ')}`;
}
