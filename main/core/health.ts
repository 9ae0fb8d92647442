/**
 * The health scale and the rules that combine health values.
 *
 * Known health is ordered `operational < maintenance < degraded < outage`. `unknown` sits outside
 * that order on purpose: it must never be mistaken for operational, and it must never hide a
 * confirmed problem either.
 */

export const KNOWN_HEALTH = ['operational', 'maintenance', 'degraded', 'outage'] as const;
export type KnownHealth = (typeof KNOWN_HEALTH)[number];
export type Health = KnownHealth | 'unknown';
export const ALL_HEALTH: readonly Health[] = [...KNOWN_HEALTH, 'unknown'];

/** Thrown by exhaustive switches; the compiler proves it unreachable. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(value)}`);
}

export function severityRank(health: KnownHealth): number {
  switch (health) {
    case 'operational':
      return 0;
    case 'maintenance':
      return 1;
    case 'degraded':
      return 2;
    case 'outage':
      return 3;
    default:
      return assertNever(health, 'health');
  }
}

/**
 * Worst of several health values from ONE source, where `unknown` parts mean we cannot vouch for
 * the whole: a confirmed degraded/outage still wins (it is a fact), otherwise any unknown part
 * makes the result unknown. No parts at all is unknown too: absence of data is not health.
 */
export function worstHealth(values: Iterable<Health>): Health {
  let worst: KnownHealth | null = null;
  let sawUnknown = false;
  for (const value of values) {
    if (value === 'unknown') {
      sawUnknown = true;
      continue;
    }
    if (worst === null || severityRank(value) > severityRank(worst)) worst = value;
  }
  if (worst === null) return 'unknown';
  if (sawUnknown && severityRank(worst) < severityRank('degraded')) return 'unknown';
  return worst;
}

/**
 * The design's roll-up over watched items: outage if any is out, else degraded, else
 * maintenance, else unknown if any is unknown, else operational. An empty watch list is unknown:
 * we watch nothing, so we can vouch for nothing.
 */
export function rollUp(values: Iterable<Health>): Health {
  const seen = new Set<Health>(values);
  if (seen.size === 0) return 'unknown';
  if (seen.has('outage')) return 'outage';
  if (seen.has('degraded')) return 'degraded';
  if (seen.has('maintenance')) return 'maintenance';
  if (seen.has('unknown')) return 'unknown';
  return 'operational';
}

/** Case-insensitive enum lookup; anything we do not know maps to the fallback (unknown). */
export function lookupEnum<T>(table: Readonly<Record<string, T>>, raw: unknown, fallback: T): T {
  if (typeof raw !== 'string') return fallback;
  const key = raw.trim().toLowerCase();
  return Object.prototype.hasOwnProperty.call(table, key) ? (table[key] as T) : fallback;
}

/** Plain-language label used by the CLI and the window. */
export function healthLabel(health: Health): string {
  switch (health) {
    case 'operational':
      return 'Operational';
    case 'maintenance':
      return 'Maintenance';
    case 'degraded':
      return 'Degraded';
    case 'outage':
      return 'Outage';
    case 'unknown':
      return 'Unknown';
    default:
      return assertNever(health, 'health');
  }
}
