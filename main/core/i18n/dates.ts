/**
 * Dates, times, ages and durations in the person's locale and time zone, through `Intl`. Every
 * function takes the locale and the time zone explicitly (a BCP 47 tag and an IANA zone, or
 * undefined for the runtime's own), so the same moment reads "13:02" in Berlin and "7:02 AM" in
 * New York, and tests can pin both.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A moment as milliseconds since the epoch; NaN for an unreadable date. */
function millis(at: Date | number | string): number {
  return at instanceof Date ? at.getTime() : typeof at === 'string' ? Date.parse(at) : at;
}

// Intl formatters are costly to build and cheap to reuse: one per locale, zone and style.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: string, timeZone: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone ?? ''}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, { ...options, ...(timeZone !== undefined ? { timeZone } : {}) });
    dateFormats.set(key, format);
  }
  return format;
}

/** The time of day as the locale writes it: "13:02" (de), "1:02 PM" (en-US); "" for a bad date. */
export function formatClockTime(at: Date | number | string, locale: string, timeZone: string | undefined): string {
  const ms = millis(at);
  return Number.isFinite(ms) ? dateFormat(locale, timeZone, { timeStyle: 'short' }).format(ms) : '';
}

/** The day as the locale writes it: "02.12.2025" (de), "Dec 2, 2025" (en); "" for a bad date. */
export function formatDay(at: Date | number | string, locale: string, timeZone: string | undefined): string {
  const ms = millis(at);
  return Number.isFinite(ms) ? dateFormat(locale, timeZone, { dateStyle: 'medium' }).format(ms) : '';
}

/** Day and time with the zone's short name: "02.12.2025, 13:02 MEZ"; "" for a bad date. */
export function formatDateTime(at: Date | number | string, locale: string, timeZone: string | undefined): string {
  const ms = millis(at);
  return Number.isFinite(ms)
    ? dateFormat(locale, timeZone, { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }).format(ms)
    : '';
}

/**
 * The time of day, with the day in front when it is not today in that zone: "13:02" or
 * "1. Dez., 13:02". Today is judged in `timeZone`, not on the machine's clock.
 */
export function formatMoment(at: Date | number | string, now: number, locale: string, timeZone: string | undefined): string {
  const ms = millis(at);
  if (!Number.isFinite(ms)) return '';
  const dayOf = (t: number): string => dateFormat('en-CA', timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' }).format(t);
  if (dayOf(ms) === dayOf(now)) return formatClockTime(ms, locale, timeZone);
  return `${dateFormat(locale, timeZone, { month: 'short', day: 'numeric' }).format(ms)}, ${formatClockTime(ms, locale, timeZone)}`;
}

const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();
function relativeFormat(locale: string): Intl.RelativeTimeFormat {
  let format = relativeFormats.get(locale);
  if (format === undefined) {
    format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    relativeFormats.set(locale, format);
  }
  return format;
}

/** The largest whole unit of a distance: minutes under an hour, hours under a day, else days. */
function wholeUnit(ms: number): [number, Intl.RelativeTimeFormatUnit] {
  if (ms < HOUR) return [Math.floor(ms / MINUTE), 'minute'];
  if (ms < DAY) return [Math.floor(ms / HOUR), 'hour'];
  return [Math.floor(ms / DAY), 'day'];
}

/**
 * How long ago, from the elapsed milliseconds: "vor 3 Minuten" / "3 minutes ago", "jetzt" / "now"
 * under a minute (or for a negative or unreadable distance: a clock a little ahead is "now").
 */
export function formatAgo(elapsedMs: number, locale: string): string {
  if (!Number.isFinite(elapsedMs) || elapsedMs < MINUTE) return relativeFormat(locale).format(0, 'second');
  const [value, unit] = wholeUnit(elapsedMs);
  return relativeFormat(locale).format(-value, unit);
}

/** How far ahead: "in 3 Minuten" / "in 3 minutes", "jetzt" / "now" under a minute. */
export function formatIn(aheadMs: number, locale: string): string {
  if (!Number.isFinite(aheadMs) || aheadMs < MINUTE) return relativeFormat(locale).format(0, 'second');
  const [value, unit] = wholeUnit(aheadMs);
  return relativeFormat(locale).format(value, unit);
}

/** A moment relative to now, ahead or ago; "" for a bad date. */
export function formatRelative(at: Date | number | string, now: number, locale: string): string {
  const ms = millis(at);
  if (!Number.isFinite(ms)) return '';
  return ms - now >= MINUTE ? formatIn(ms - now, locale) : formatAgo(now - ms, locale);
}

/** A length of time in its largest whole unit: "3 Minuten" / "3 minutes", "2 Stunden", "1 day". */
export function formatDuration(ms: number, locale: string): string {
  const safe = Number.isFinite(ms) && ms > 0 ? ms : 0;
  const [value, unit] = safe < MINUTE ? [Math.floor(safe / 1000), 'second' as const] : wholeUnit(safe);
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}
