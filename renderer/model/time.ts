/**
 * Times as a person reads them: "2 min ago", "today 14:05", "20 ms". Pure functions of their
 * arguments (the current time is passed in), so the same words show in tests and in the window.
 * Ages use the one wording shared with the CLI, the tray and the helpdesk report.
 */
import { formatAge, formatIn, lastKnownPhrase } from '../../main/core/words/display-text.js';
import { localeNamed, t, words } from '../i18n.js';

/** An age: the compact English wording until main names a locale, then `Intl` ("vor 3 Minuten"). */
function ageWords(ms: number): string {
  return localeNamed() ? words().ago(ms) : formatAge(ms);
}

/** A distance ahead, likewise ("in 2 Tagen"). */
function aheadWords(ms: number): string {
  return localeNamed() ? words().in(ms) : formatIn(ms);
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Parses an ISO time; null for null, empty or unparseable input (sources send odd things). */
export function parseTime(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : null;
}

/**
 * How long ago, in the coarsest unit that is still honest: "just now", "5 min ago", "3 h ago",
 * "2 days ago". A time in the future (a clock a little ahead) reads as "just now".
 */
export function formatAgo(thenMs: number, nowMs: number): string {
  return ageWords(nowMs - thenMs);
}

/** "started 2 h ago", or "starts in 2 days" for a start ahead; null without a readable time. */
export function startedWords(iso: string | null | undefined, nowMs: number): string | null {
  const then = parseTime(iso);
  if (then === null) return null;
  return then - nowMs >= MINUTE ? t('time.starts', { in: aheadWords(then - nowMs) }) : t('time.started', { ago: ageWords(nowMs - then) });
}

/** "in 2 days" for a time ahead; null for a time that has passed or cannot be read. */
export function inWords(iso: string | null | undefined, nowMs: number): string | null {
  const then = parseTime(iso);
  return then === null || then - nowMs < MINUTE ? null : aheadWords(then - nowMs);
}

/** Like `formatAgo` for an ISO string; null when the time is missing or unreadable. */
export function ago(iso: string | null | undefined, nowMs: number): string | null {
  const then = parseTime(iso);
  return then === null ? null : formatAgo(then, nowMs);
}

export interface TimeFormatOptions {
  /** BCP 47 locale; the browser's own when absent. */
  readonly locale?: string;
  /** IANA zone; the computer's own when absent (tests pin it). */
  readonly timeZone?: string;
}

function dayKey(ms: number, options: TimeFormatOptions): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: options.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
}

/**
 * A moment as a short absolute time: "today 14:05", "yesterday 09:10", "tomorrow 08:00",
 * "Tue 4 Mar, 08:12" this
 * year, "2 Apr 2020, 20:20" otherwise. Absolute because incident posts are read against each other.
 */
export function formatWhen(iso: string | null | undefined, nowMs: number, given: TimeFormatOptions = {}): string | null {
  const then = parseTime(iso);
  if (then === null) return null;
  // The window's locale once main named one; a locale the caller gives wins.
  const options: TimeFormatOptions = { ...(localeNamed() ? { locale: words().locale } : {}), ...given };
  const clock = new Intl.DateTimeFormat(options.locale, { timeZone: options.timeZone, hour: '2-digit', minute: '2-digit' }).format(then);
  const thenDay = dayKey(then, options);
  if (thenDay === dayKey(nowMs, options)) return t('ui.time.today', { clock });
  if (thenDay === dayKey(nowMs - DAY, options)) return t('ui.time.yesterday', { clock });
  if (thenDay === dayKey(nowMs + DAY, options)) return t('ui.time.tomorrow', { clock });
  const sameYear = thenDay.slice(0, 4) === dayKey(nowMs, options).slice(0, 4);
  const date = new Intl.DateTimeFormat(options.locale, {
    timeZone: options.timeZone,
    ...(sameYear ? { weekday: 'short' as const } : {}),
    day: 'numeric',
    month: 'short',
    ...(sameYear ? {} : { year: 'numeric' as const }),
  }).format(then);
  return t('ui.time.dateClock', { date, clock });
}

/**
 * "last known, as of today 09:40 (2 h ago)": the mark on data its publisher declared out of date.
 * The compact English of display-text.ts until main names a locale.
 */
export function lastKnownWords(asOf: string | null | undefined, nowMs: number): string {
  if (!localeNamed()) return lastKnownPhrase(asOf, nowMs);
  const when = formatWhen(asOf, nowMs);
  const relative = ago(asOf ?? null, nowMs);
  if (when === null) return t('time.lastKnownNoTime');
  return t('time.lastKnown', { when: relative === null ? when : `${when} (${relative})` });
}

/** A probe's duration: "20 ms" below a second, "1.2 s" above ("1,2 s" in German). */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const digits = ms < 10_000 ? 1 : 0;
  const seconds = localeNamed()
    ? new Intl.NumberFormat(words().locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(ms / 1000)
    : (ms / 1000).toFixed(digits);
  return `${seconds} s`;
}

/** The end of a pause, "14:30" today or "tomorrow 08:00", for "Notifications paused until …". */
export function formatUntil(iso: string, nowMs: number, options: TimeFormatOptions = {}): string {
  const when = formatWhen(iso, nowMs, options);
  if (when === null) return t('ui.time.later');
  const then = parseTime(iso);
  const today = then !== null && dayKey(then, options) === dayKey(nowMs, options);
  return today && then !== null
    ? new Intl.DateTimeFormat(options.locale ?? (localeNamed() ? words().locale : undefined), { timeZone: options.timeZone, hour: '2-digit', minute: '2-digit' }).format(then)
    : when;
}
