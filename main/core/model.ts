/**
 * The domain model shared by parsers, the check pipeline, the CLI, the shell and the renderer.
 * Plain, readonly data: everything here crosses process boundaries as JSON.
 */
import type { Health } from './health.js';
import type { Phrase } from './i18n/phrase.js';

export const SOURCE_TYPES = ['statuspage', 'microsoft-public', 'org-feed', 'statusio', 'rss', 'slack', 'google-workspace', 'incidentio', 'instatus'] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

/** Text that came from a status source. Untrusted: render as text, or sanitize if `html`. */
export interface UntrustedText {
  readonly format: 'text' | 'html';
  readonly content: string;
}

export interface Component {
  readonly id: string;
  readonly name: string;
  readonly health: Health;
  /** The raw status word the source used, for the curious and for bug reports. */
  readonly status: string;
}

/** Progress of an incident or maintenance, normalised across sources. */
export const INCIDENT_STATUSES = [
  'investigating',
  'identified',
  'monitoring',
  'resolved',
  'postmortem',
  'scheduled',
  'in-progress',
  'verifying',
  'completed',
  'unknown',
] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export interface IncidentUpdate {
  readonly id: string | null;
  readonly status: IncidentStatus;
  readonly at: string | null;
  readonly body: UntrustedText;
}

export interface Incident {
  readonly id: string;
  readonly title: string;
  readonly kind: 'incident' | 'advisory' | 'maintenance';
  readonly health: Health;
  readonly status: IncidentStatus;
  /** The impact word the source used (`major`, `incident`, ...), kept for display. */
  readonly impact: string | null;
  readonly startedAt: string | null;
  readonly updatedAt: string | null;
  /** When a maintenance window is planned to end, or an incident's end as its source gives it. */
  readonly endsAt: string | null;
  /**
   * When the incident was resolved (org feed `endedAt`, Statuspage `resolved_at`); null while it
   * is open or when the source does not say. Restart advice compares client start times with it.
   */
  readonly endedAt: string | null;
  readonly url: string | null;
  /** Component ids (Statuspage) or service names (Microsoft, org feed) this incident touches. */
  readonly affects: readonly string[];
  /** Newest first. */
  readonly updates: readonly IncidentUpdate[];
}

export const MESSAGE_SEVERITIES = ['info', 'warning', 'critical'] as const;
export type MessageSeverity = (typeof MESSAGE_SEVERITIES)[number];

/** A note from the organization's helpdesk, e.g. "We know about the Outlook issue, no ticket needed". */
export interface HelpdeskMessage {
  readonly id: string;
  readonly severity: MessageSeverity;
  readonly text: string;
  readonly postedAt: string | null;
  readonly expiresAt: string | null;
  /** The incident this message acknowledges, if any. */
  readonly incidentId: string | null;
  readonly url: string | null;
}

/** What a parser extracts from one response body. Pure data, no timing. */
export interface SourceSnapshot {
  readonly health: Health;
  /** The source's own page title, e.g. "GitHub". */
  readonly pageName: string | null;
  readonly pageUrl: string | null;
  readonly components: readonly Component[];
  /** Open incidents and maintenances in progress. */
  readonly incidents: readonly Incident[];
  /** Maintenance that is announced but has not started: information, not health. */
  readonly upcoming: readonly Incident[];
  /**
   * Incidents resolved in the last 24 hours: not open, not health, never a verdict or a
   * notification, but they tell the advice that clients running since before the fix may need a
   * restart.
   */
  readonly recentlyResolved: readonly Incident[];
  readonly messages: readonly HelpdeskMessage[];
  /** Non-fatal oddities noticed while parsing (unknown enum values, skipped rows). */
  readonly warnings: readonly string[];
  /** The same warnings as data, one per entry of `warnings`, to say them in another language (absent: say `warnings`). */
  readonly warningWords?: readonly Phrase[];
  /** Set when the whole snapshot is out of date by its publisher's own word (an expired org feed). */
  readonly lastKnown?: LastKnown | null;
}

/**
 * Data its publisher has marked out of date (an org feed past its `expiresAt`): kept so a person
 * can read it as "last known, as of <asOf>", but it never counts toward health, the verdict or a
 * notification.
 */
export interface LastKnown {
  /** When the data was current (the org feed's `generatedAt`); null when the source does not say. */
  readonly asOf: string | null;
  /** Why it is not current, in words ("the feed expired at …"). */
  readonly reason: string;
  /** `reason` as data, to say it in another language (absent: say `reason`). */
  readonly reasonWords?: Phrase;
}

/** A parsed body, or why it could not be read: `error` in English, `errorWords` the same as data (absent: say `error`). */
export type ParseOutcome =
  | { readonly ok: true; readonly snapshot: SourceSnapshot }
  | { readonly ok: false; readonly error: string; readonly errorWords?: Phrase };

/**
 * A source's error and warnings as data (`i18n/phrase.ts`): the same as `SourceResult.error` and
 * `.warnings`, entry for entry, so a human output can say them in the person's language
 * (`localizeReport`). Text quoted from the source (unknown words, ids) stays as the source wrote it.
 * Never in the JSON output, logs or the report's machine part: those read the English strings.
 */
export interface SourceWords {
  readonly error: Phrase | null;
  readonly warnings: readonly Phrase[];
}

/** One source as the rest of the app sees it: a snapshot plus how fresh it is and why it failed. */
export interface SourceResult {
  readonly id: string;
  readonly type: SourceType;
  readonly name: string;
  readonly url: string;
  /** Health after staleness: a result older than 3 poll intervals is unknown. */
  readonly health: Health;
  /** When the data shown was last fetched and parsed successfully; null if never. */
  readonly fetchedAt: string | null;
  /** When we last tried. */
  readonly checkedAt: string;
  /** Why the last attempt failed, in words; null when it succeeded. */
  readonly error: string | null;
  readonly stale: boolean;
  readonly components: readonly Component[];
  readonly incidents: readonly Incident[];
  readonly upcoming: readonly Incident[];
  /** Incidents resolved in the last 24 hours (see {@link SourceSnapshot.recentlyResolved}). */
  readonly recentlyResolved: readonly Incident[];
  readonly messages: readonly HelpdeskMessage[];
  readonly warnings: readonly string[];
  /** `error` and `warnings` as data, to say them in another language; absent: say the English. Not in `--json`. */
  readonly words?: SourceWords;
  /**
   * Non-null when the components and incidents shown are last known, not current (an expired org
   * feed): display them marked "last known, as of <asOf>"; health is unknown and they drive no
   * verdict and no notification.
   */
  readonly lastKnown?: LastKnown | null;
}

export function emptySnapshot(health: Health = 'unknown'): SourceSnapshot {
  return { health, pageName: null, pageUrl: null, components: [], incidents: [], upcoming: [], recentlyResolved: [], messages: [], warnings: [] };
}
