/**
 * Microsoft Graph's service-health words (serviceHealthStatus, serviceHealthClassificationType)
 * and what they mean in the org feed: the issue status table of issue #13 and the per-service
 * health of sources.md §1.7. Graph's documentation spells the words in PascalCase, live tenants in
 * camelCase; every lookup here ignores case.
 */
import { lookupEnum, type Health } from '../health.js';

/** The org feed's incident status words the relay writes. */
export type FeedIncidentStatus = 'investigating' | 'identified' | 'monitoring' | 'verifying' | 'resolved' | 'postmortem';

/**
 * Graph issue status → org feed status. Keys are lower case; `unknownFutureValue` and words Graph
 * may add later are deliberately absent (the caller decides from `isResolved`).
 */
const ISSUE_STATUS: Readonly<Record<string, FeedIncidentStatus>> = {
  investigating: 'investigating',
  reported: 'investigating',
  confirmed: 'investigating',
  investigationsuspended: 'investigating',
  servicedegradation: 'identified',
  serviceinterruption: 'identified',
  restoringservice: 'monitoring',
  extendedrecovery: 'monitoring',
  mitigated: 'monitoring',
  mitigatedexternal: 'monitoring',
  verifyingservice: 'verifying',
  servicerestored: 'resolved',
  resolved: 'resolved',
  resolvedexternal: 'resolved',
  falsepositive: 'resolved',
  postincidentreviewpublished: 'postmortem',
};

/** The feed status for a Graph issue status word, or null for a word this table does not know. */
export function feedStatusFor(graphStatus: string | null): FeedIncidentStatus | null {
  return lookupEnum<FeedIncidentStatus | null>(ISSUE_STATUS, graphStatus, null);
}

/** Statuses after which the app neither shows nor counts an incident. */
export function isClosedStatus(status: FeedIncidentStatus | null): boolean {
  return status === 'resolved' || status === 'postmortem';
}

/** Service statuses that mean "nothing wrong now" (§1.7). */
const SERVICE_GOOD = new Set(['serviceoperational', 'servicerestored', 'falsepositive', 'postincidentreviewpublished', 'resolved', 'resolvedexternal']);

/** Every documented serviceHealthStatus value except the evolvable-enum sentinel (§1.4). */
const SERVICE_KNOWN = new Set([
  ...SERVICE_GOOD,
  'investigating',
  'restoringservice',
  'verifyingservice',
  'servicedegradation',
  'serviceinterruption',
  'extendedrecovery',
  'investigationsuspended',
  'mitigatedexternal',
  'mitigated',
  'confirmed',
  'reported',
]);

const normal = (word: string | null): string => (word ?? '').trim().toLowerCase();

/** True for Graph's `serviceInterruption` in any letter case: users cannot use the service. */
export function isInterruption(status: string | null): boolean {
  return normal(status) === 'serviceinterruption';
}

/** `incident` or `advisory`; anything else (`unknownFutureValue`, a new word) counts as an incident, as the app reads it. */
export function feedClassificationFor(graphClassification: string | null): 'incident' | 'advisory' {
  return normal(graphClassification) === 'advisory' ? 'advisory' : 'incident';
}

/**
 * One service's health, sources.md §1.7: interruption is an outage; any open issue (incident or
 * advisory) is degraded; otherwise the status word decides, and a word we do not know is unknown.
 * Graph reports no maintenance, so this never says maintenance.
 */
export function serviceHealthFor(status: string | null, openIssueCount: number): Health {
  const word = normal(status);
  if (word === 'serviceinterruption') return 'outage';
  if (openIssueCount > 0) return 'degraded';
  if (SERVICE_GOOD.has(word)) return 'operational';
  if (SERVICE_KNOWN.has(word)) return 'degraded';
  return 'unknown';
}

/**
 * An open issue's own health: an outage when the issue itself or (for an incident) its service is
 * interrupted, else degraded (§1.4: "restoringService: outage if classification=incident and the
 * service's overview status is serviceInterruption").
 */
export function issueHealthFor(issueStatus: string | null, classification: 'incident' | 'advisory', serviceStatus: string | null): Health {
  if (isInterruption(issueStatus)) return 'outage';
  if (classification === 'incident' && isInterruption(serviceStatus)) return 'outage';
  return 'degraded';
}
