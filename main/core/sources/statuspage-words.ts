/**
 * What each Statuspage word means for health and incident status (page indicator, component
 * status, incident impact and status, maintenance status), looked up case-insensitively; a word
 * we do not know becomes the caller's fallback and a warning that quotes it. Also how a row we
 * had to skip is counted, because a lost row means the page can no longer vouch for good health.
 */
import { lookupEnum, type Health } from '../health.js';
import type { IncidentStatus } from '../model.js';
import type { WarningLog } from './json-safe.js';
import { jsonTypeWords, problem, quoted, type Phrase } from './source-problem.js';

/** The page-wide indicator (`status.indicator`). */
export const INDICATOR_HEALTH: Readonly<Record<string, Health>> = {
  none: 'operational',
  minor: 'degraded',
  major: 'outage',
  critical: 'outage',
  maintenance: 'maintenance',
};

/** A component's status. */
export const COMPONENT_HEALTH: Readonly<Record<string, Health>> = {
  operational: 'operational',
  degraded_performance: 'degraded',
  partial_outage: 'outage',
  major_outage: 'outage',
  under_maintenance: 'maintenance',
};

/**
 * Impact of an OPEN incident. `none` still means degraded: the vendor opened an incident, which
 * is a confirmed problem even when they rate it low.
 */
export const INCIDENT_IMPACT_HEALTH: Readonly<Record<string, Health>> = {
  none: 'degraded',
  minor: 'degraded',
  major: 'outage',
  critical: 'outage',
  maintenance: 'maintenance',
};

/** An incident's status; resolved and postmortem are history. */
export const INCIDENT_STATUS: Readonly<Record<string, IncidentStatus>> = {
  investigating: 'investigating',
  identified: 'identified',
  monitoring: 'monitoring',
  resolved: 'resolved',
  postmortem: 'postmortem',
};

/** A scheduled maintenance's status; Statuspage writes `in_progress`, we write `in-progress`. */
export const MAINTENANCE_STATUS: Readonly<Record<string, IncidentStatus>> = {
  scheduled: 'scheduled',
  in_progress: 'in-progress',
  verifying: 'verifying',
  completed: 'completed',
};

/** Updates of incidents and maintenances share one list of words. */
export const UPDATE_STATUS: Readonly<Record<string, IncidentStatus>> = { ...INCIDENT_STATUS, ...MAINTENANCE_STATUS };

/** How an unexpected enum value reads in a warning: the word itself (shortened), or its type. */
function describeWord(what: Phrase, raw: unknown): Phrase {
  if (raw === undefined) return problem('source.problem.word.missing', { what });
  if (typeof raw !== 'string') return problem('source.problem.word.notWord', { what, type: jsonTypeWords(raw) });
  return problem('source.problem.word.unknown', { what, word: quoted(raw) });
}

/**
 * Rows that had to be skipped (not an object, no usable id). A skipped row may be the one open
 * major incident, so the page can no longer vouch for good health: any loss makes it unknown
 * unless a confirmed problem is worse. Each loss is also a warning, so the reason is shown.
 */
export interface Losses {
  lost: boolean;
}

/** Records a skipped row: a warning, and the page can no longer vouch for good health. */
export function skip(losses: Losses, warnings: WarningLog, message: Phrase): void {
  losses.lost = true;
  warnings.count(message);
}

/**
 * Maps an enum word case-insensitively; anything unknown becomes the fallback and is reported by
 * value. `what` names the field (`source.problem.what.*`, e.g. "component status").
 */
export function mapWord<T>(table: Readonly<Record<string, T>>, raw: unknown, fallback: T, what: Phrase, warnings: WarningLog): T {
  const mapped = lookupEnum<T | null>(table, raw, null);
  if (mapped !== null) return mapped;
  warnings.count(describeWord(what, raw));
  return fallback;
}
