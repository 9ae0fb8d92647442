/**
 * `Retry-After` (RFC 9110 §10.2.3): either delta-seconds or an HTTP-date.
 *
 * The result is clamped to [0, 6 h]: a date in the past means "now", and a server asking us to stay
 * away for days would silence a source far longer than any outage; the scheduler's own backoff
 * takes over after six hours.
 */

export const MAX_RETRY_AFTER_MS = 6 * 60 * 60 * 1000;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAY_NAMES = '(?:mon|tue|wed|thu|fri|sat|sun)';
const LONG_DAY_NAMES = '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)';
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';
const MONTH = '([a-z]{3})';

// The three forms RFC 9110 §5.6.7 obliges recipients to accept. Date.parse is not used because it
// accepts almost anything ("1", "soon 2020") and would turn garbage into a wait.
const IMF_FIXDATE = new RegExp(`^${DAY_NAMES}, (\\d{2}) ${MONTH} (\\d{4}) ${TIME} gmt$`);
const RFC850_DATE = new RegExp(`^${LONG_DAY_NAMES}, (\\d{2})-${MONTH}-(\\d{2}) ${TIME} gmt$`);
const ASCTIME_DATE = new RegExp(`^${DAY_NAMES} ${MONTH} ( \\d|\\d{2}) ${TIME} (\\d{4})$`);

/**
 * Milliseconds to wait, or null when the header is absent or not a valid Retry-After value.
 * `nowMs` is the current time (epoch ms) an HTTP-date is measured against.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  if (value === null || value === undefined) return null;
  const text = value.trim().toLowerCase();
  if (text === '') return null;
  if (/^\d+$/.test(text)) return clamp(Number(text) * 1000);
  const dateMs = parseHttpDate(text);
  if (dateMs === null) return null;
  return clamp(dateMs - nowMs);
}

function clamp(ms: number): number {
  if (!Number.isFinite(ms)) return MAX_RETRY_AFTER_MS;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms));
}

function parseHttpDate(text: string): number | null {
  let match = IMF_FIXDATE.exec(text);
  if (match) return utc(match[3], match[2], match[1], match[4], match[5], match[6]);
  match = RFC850_DATE.exec(text);
  if (match) {
    // RFC 850 dates are obsolete; a fixed pivot at 70 is close enough to RFC 9110's "more than
    // 50 years ahead means last century" for any date a live server sends.
    const yy = Number(match[3]);
    const year = String(yy < 70 ? 2000 + yy : 1900 + yy);
    return utc(year, match[2], match[1], match[4], match[5], match[6]);
  }
  match = ASCTIME_DATE.exec(text);
  if (match) return utc(match[6], match[1], match[2]?.trim(), match[3], match[4], match[5]);
  return null;
}

function utc(
  year: string | undefined,
  monthName: string | undefined,
  day: string | undefined,
  hours: string | undefined,
  minutes: string | undefined,
  seconds: string | undefined,
): number | null {
  const month = MONTHS.indexOf(monthName ?? '');
  const [y, d, h, m, s] = [year, day, hours, minutes, seconds].map(Number) as [number, number, number, number, number];
  if (month < 0 || d < 1 || d > 31 || h > 23 || m > 59 || s > 60) return null;
  const ms = Date.UTC(y, month, d, h, m, Math.min(s, 59));
  // Date.UTC rolls 31 Feb over into March; a date that does not exist is garbage, not a wait.
  if (new Date(ms).getUTCDate() !== d) return null;
  return ms;
}
