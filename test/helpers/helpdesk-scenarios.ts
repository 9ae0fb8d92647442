/**
 * Check reports for the helpdesk tests (deflection, the report flow), built as the app builds
 * them: payloads parsed by the real parsers, aged by `ageResult`, assembled by `buildReport` with
 * the real verdict. The payloads are the recorded fixtures and the documented example org feed,
 * changed in memory only.
 */
import { buildReport, type CheckReport } from '../../main/core/check.js';
import { deflectionsFor, type Deflection } from '../../main/core/helpdesk/deflection.js';
import { ENGLISH, type Translator } from '../../main/core/i18n/translate.js';
import { resolveWatchPlan, type AppConfig } from '../../main/core/settings/config.js';
import { ageResult, parseSourceBody, type FetchOutcome } from '../../main/core/sources/source-fetch.js';
import type { LadderResult } from '../../main/core/verdict/connectivity-model.js';
import { readFixture } from './fixtures.js';
import { currentExampleFeed } from './org-feed.js';

export const MINUTE = 60_000;
/** A Tuesday morning; every helpdesk scenario is "now" here. */
export const HELPDESK_NOW = Date.parse('2026-03-10T09:30:00Z');
export const ORG_FEED_URL = 'https://status.contoso.com/outage-radar.json';

export interface Fetched {
  readonly body: string;
  /** How long ago it was fetched (default 1 min). */
  readonly fetchedAgo?: number;
}

/** The report one check of `config` gives when each source answered with its body. */
export function reportFrom(config: AppConfig, fetched: Readonly<Record<string, Fetched>>, now = HELPDESK_NOW, probes: LadderResult | null = null): CheckReport {
  const plan = resolveWatchPlan(config);
  const outcomes = new Map<string, FetchOutcome>();
  for (const def of plan.sources) {
    const got = fetched[def.id];
    const parsed = got ? parseSourceBody(def.type, got.body, now) : null;
    if (parsed && !parsed.ok) throw new Error(`${def.id} did not parse: ${parsed.error}`);
    const snapshot = parsed?.ok ? parsed.snapshot : null;
    const memory = { snapshot, fetchedAt: snapshot ? now - (got?.fetchedAgo ?? MINUTE) : null, validators: null };
    const interval = def.type === 'org-feed' ? MINUTE : 5 * MINUTE;
    outcomes.set(def.id, { result: ageResult(def, memory, got ? null : 'not checked', now, interval), memory, reachedServer: true, failure: null, notModified: false, bytes: got?.body.length ?? 0 });
  }
  return buildReport(plan, outcomes, probes, now);
}

/** The example org feed, current at `now`, changed by `edit` (in memory). */
export function orgFeed(edit: (feed: OrgFeedDoc) => void = () => undefined, now = HELPDESK_NOW): string {
  const feed = JSON.parse(currentExampleFeed(now)) as OrgFeedDoc;
  edit(feed);
  return JSON.stringify(feed);
}

export interface OrgFeedDoc {
  expiresAt?: string;
  incidents: Record<string, unknown>[];
  messages: Record<string, unknown>[];
}

/** Microsoft's public status post, recorded, with its status and title changed (in memory). */
export function microsoftPost(over: Record<string, unknown> = {}): string {
  return JSON.stringify({ ...(JSON.parse(readFixture('microsoft-public-status/status-cloud-microsoft-api-posts-mac-2026-09-18.json')) as object), ...over });
}

/** Moves a recorded Statuspage payload so it was recorded `lead` before `now`. */
export function statuspageNow(name: string, now = HELPDESK_NOW, lead = 4 * MINUTE): string {
  const body = readFixture(`statuspage/${name}`);
  const recorded = Date.parse((JSON.parse(body) as { page: { updated_at: string } }).page.updated_at);
  const shift = now - lead - recorded;
  return body.replace(/"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))"/g, (_m, iso: string) => JSON.stringify(new Date(Date.parse(iso) + shift).toISOString()));
}

export const M365 = ['outlook', 'teams', 'sharepoint', 'm365'];

/** Outlook with the example feed's open Exchange incident EX1224375 and IT's message about it. */
export function exchangeIncidentReport(edit?: (feed: OrgFeedDoc) => void): CheckReport {
  return reportFrom({ watch: M365, orgFeedUrl: ORG_FEED_URL }, { 'microsoft-public': { body: microsoftPost() }, 'org-feed': { body: orgFeed(edit) } });
}

/** The first deflection of one service, or null: what its banner shows first. */
export function deflectionFor(report: CheckReport | null, serviceId: string, now: number, t: Translator = ENGLISH): Deflection | null {
  return report === null ? null : (deflectionsFor(report, serviceId, now, t)[0] ?? null);
}
