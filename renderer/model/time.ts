/**
 * Times as a person reads them: "2 min ago", "today 14:05", "20 ms". Pure functions of their
 * arguments (the current time is passed in), so the same words show in tests and in the window.
 * Ages use the one wording shared with the CLI, the tray and the helpdesk report.
 */
import { formatAge, formatIn } from '../../main/core/words/display-text.js';

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
  return formatAge(nowMs - thenMs);
}

/** "started 2 h ago", or "starts in 2 days" for a start ahead; null without a readable time. */
export function startedWords(iso: string | null | undefined, nowMs: number): string | null {
  const then = parseTime(iso);
  if (then === null) return null;
  return then - nowMs >= MINUTE ? `starts ${formatIn(then - nowMs)}` : `started ${formatAge(nowMs - then)}`;
}

/** "in 2 days" for a time ahead; null for a time that has passed or cannot be read. */
export function inWords(iso: string | null | undefined, nowMs: number): string | null {
  const then = parseTime(iso);
  return then === null || then - nowMs < MINUTE ? null : formatIn(then - nowMs);
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
export function formatWhen(iso: string | null | undefined, nowMs: number, options: TimeFormatOptions = {}): string | null {
  const then = parseTime(iso);
  if (then === null) return null;
  const clock = new Intl.DateTimeFormat(options.locale, { timeZone: options.timeZone, hour: '2-digit', minute: '2-digit' }).format(then);
  const thenDay = dayKey(then, options);
  if (thenDay === dayKey(nowMs, options)) return `today ${clock}`;
  if (thenDay === dayKey(nowMs - DAY, options)) return `yesterday ${clock}`;
  if (thenDay === dayKey(nowMs + DAY, options)) return `tomorrow ${clock}`;
  const sameYear = thenDay.slice(0, 4) === dayKey(nowMs, options).slice(0, 4);
  const date = new Intl.DateTimeFormat(options.locale, {
    timeZone: options.timeZone,
    ...(sameYear ? { weekday: 'short' as const } : {}),
    day: 'numeric',
    month: 'short',
    ...(sameYear ? {} : { year: 'numeric' as const }),
  }).format(then);
  return `${date}, ${clock}`;
}

/** A probe's duration: "20 ms" below a second, "1.2 s" above. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

/** The end of a pause, "14:30" today or "tomorrow 08:00", for "Notifications paused until …". */
export function formatUntil(iso: string, nowMs: number, options: TimeFormatOptions = {}): string {
  const when = formatWhen(iso, nowMs, options);
  if (when === null) return 'later';
  return when.startsWith('today ') ? when.slice('today '.length) : when;
}
