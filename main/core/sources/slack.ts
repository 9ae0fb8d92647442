/**
 * Slack's status API v2 (`https://slack-status.com/api/v2.0.0/current`): a page-wide `status`
 * (`ok` | `active`) and the active incidents, each tagged with the Slack service areas it touches
 * ("Messaging", "Login/SSO", …). Reference: shared/reference/sources.md §5.
 *
 * Only `ok` with nothing active confirms good health. `active` with no incident we could read
 * says something is wrong without saying what: unknown, never operational.
 */
import { STAND_IN_TITLES } from './stand-in-titles.js';
import { failed, jsonTypeWords, problem } from './source-problem.js';
import { worstHealth, type Health } from '../health.js';
import type { Incident, IncidentStatus, IncidentUpdate, ParseOutcome } from '../model.js';
import {
  arr,
  createWarningLog,
  httpUrl,
  idText,
  isoTime,
  isRecord,
  own,
  parseJsonSafely,
  str,
  text,
  type JsonObject,
  type WarningLog,
} from './json-safe.js';
import { capRows, endedLately, titleLine } from './source-rows.js';
import { mapWord, skip, type Losses } from './statuspage-words.js';

const SLACK_PAGE_NAME = 'Slack';
const SLACK_PAGE_URL = 'https://slack-status.com/';

/** The page-wide word; `active` means "see the incidents", so it confirms nothing by itself. */
const PAGE_STATUS: Readonly<Record<string, 'ok' | 'active'>> = { ok: 'ok', active: 'active' };

/** What an incident's `type` means while it is open. */
const TYPE_HEALTH: Readonly<Record<string, Health>> = { outage: 'outage', incident: 'degraded', notice: 'maintenance' };

type Phase = 'open' | 'upcoming' | 'over';
/** An incident's `status`: `canceled` and `cancelled` both occur in the wild. */
const STATUS_PHASE: Readonly<Record<string, Phase>> = {
  active: 'open',
  scheduled: 'upcoming',
  resolved: 'over',
  completed: 'over',
  canceled: 'over',
  cancelled: 'over',
};

function incidentStatus(phase: Phase, kind: Incident['kind']): IncidentStatus {
  if (phase === 'upcoming') return 'scheduled';
  if (phase === 'over') return kind === 'maintenance' ? 'completed' : 'resolved';
  return kind === 'maintenance' ? 'in-progress' : 'investigating';
}

/** Notes come oldest or newest first depending on the era; sorting makes newest first a guarantee. */
function parseNotes(row: JsonObject, warnings: WarningLog): IncidentUpdate[] {
  const notes: { update: IncidentUpdate; ms: number; index: number }[] = [];
  (arr(row, 'notes') ?? []).slice(0, 100).forEach((raw, index) => {
    if (!isRecord(raw)) {
      warnings.count(problem('source.problem.skip.notObject', { row: problem('source.problem.row.note'), type: jsonTypeWords(raw) }));
      return;
    }
    const at = isoTime(own(raw, 'date_created'));
    // Slack's docs show notes as HTML paragraphs; recorded ones are plain text. Marked html, they get sanitized either way.
    notes.push({ update: { id: null, status: 'unknown', at, body: { format: 'html', content: str(raw, 'body') ?? '' } }, ms: at === null ? Number.NEGATIVE_INFINITY : Date.parse(at), index });
  });
  notes.sort((a, b) => b.ms - a.ms || a.index - b.index);
  return notes.map((note) => note.update);
}

function serviceNames(row: JsonObject): string[] {
  return (arr(row, 'services') ?? []).filter((s): s is string => typeof s === 'string' && s.trim() !== '').slice(0, 50);
}

interface Parsed {
  readonly open: Incident[];
  readonly upcoming: Incident[];
  readonly recentlyResolved: Incident[];
}

function parseIncidents(rows: readonly unknown[], now: number, warnings: WarningLog, losses: Losses): Parsed {
  const out: Parsed = { open: [], upcoming: [], recentlyResolved: [] };
  for (const row of rows) {
    if (!isRecord(row)) {
      skip(losses, warnings, problem('source.problem.skip.notObject', { row: problem('source.problem.row.incident'), type: jsonTypeWords(row) }));
      continue;
    }
    const id = idText(row, 'id');
    if (id === null) {
      skip(losses, warnings, problem('source.problem.skip.badId', { row: problem('source.problem.row.incident'), type: jsonTypeWords(own(row, 'id')) }));
      continue;
    }
    // A status word we do not know may well be an open incident: keep it open, and say so.
    const phase = mapWord(STATUS_PHASE, own(row, 'status'), 'open', problem('source.problem.what.slackIncidentStatus'), warnings);
    // An open incident is a confirmed problem: a type we cannot read still means at least degraded.
    const health = mapWord(TYPE_HEALTH, own(row, 'type'), 'degraded', problem('source.problem.what.slackIncidentType'), warnings);
    const kind: Incident['kind'] = health === 'maintenance' ? 'maintenance' : 'incident';
    const updatedAt = isoTime(own(row, 'date_updated'));
    const endedAt = phase === 'over' ? updatedAt : null;
    if (phase === 'over' && !endedLately(endedAt, now)) continue;
    const incident: Incident = {
      id,
      title: titleLine(text(row, 'title')) ?? STAND_IN_TITLES.slack,
      kind,
      health,
      status: incidentStatus(phase, kind),
      impact: text(row, 'type'),
      startedAt: isoTime(own(row, 'date_created')),
      updatedAt,
      endsAt: null,
      endedAt,
      url: httpUrl(own(row, 'url')),
      affects: serviceNames(row),
      updates: parseNotes(row, warnings),
    };
    (phase === 'open' ? out.open : phase === 'upcoming' ? out.upcoming : out.recentlyResolved).push(incident);
  }
  return out;
}

/**
 * Parses Slack's `current` document (or `history`, an array of the same incidents, which can
 * only confirm problems). Never throws.
 */
export function parseSlack(body: string, now: number): ParseOutcome {
  const parsed = parseJsonSafely(body);
  if (!parsed.ok) return failed(problem('source.problem.slack.unreadable', { why: parsed.errorWords }));
  const doc = parsed.value;
  const warnings = createWarningLog();
  const losses: Losses = { lost: false };
  let pageWord: 'ok' | 'active' | null = null;
  let rows: readonly unknown[];
  if (Array.isArray(doc)) {
    rows = doc;
    warnings.add(problem('source.problem.slack.history'));
  } else if (isRecord(doc) && (own(doc, 'status') !== undefined || own(doc, 'active_incidents') !== undefined)) {
    const list = own(doc, 'active_incidents');
    if (list !== undefined && list !== null && !Array.isArray(list)) {
      losses.lost = true;
      warnings.add(problem('source.problem.ignoredPart', { part: 'active_incidents', expected: problem('source.problem.type.array'), type: jsonTypeWords(list) }));
    }
    rows = Array.isArray(list) ? list : [];
    pageWord = mapWord<'ok' | 'active' | null>(PAGE_STATUS, own(doc, 'status'), null, problem('source.problem.what.slackPageStatus'), warnings);
  } else {
    return failed(problem('source.problem.slack.notStatus', { type: jsonTypeWords(doc) }));
  }
  const incidents = parseIncidents(capRows(rows, problem('source.problem.rows.incidents'), warnings, losses), now, warnings, losses);
  const eventHealth = incidents.open.map((incident) => incident.health);
  // `active` only says "see the list"; with the list read in full, what it does not name is fine.
  let pageHealth: Health = 'unknown';
  if (pageWord === 'ok' || (pageWord === 'active' && incidents.open.length > 0)) pageHealth = 'operational';
  if (pageWord === 'active' && incidents.open.length === 0) warnings.add(problem('source.problem.slack.activeNoneListed'));
  const health = worstHealth([pageHealth, ...eventHealth, ...(losses.lost ? ['unknown' as const] : [])]);
  return {
    ok: true,
    snapshot: {
      health,
      pageName: SLACK_PAGE_NAME,
      pageUrl: SLACK_PAGE_URL,
      components: [],
      incidents: incidents.open,
      upcoming: incidents.upcoming,
      recentlyResolved: incidents.recentlyResolved,
      messages: [],
      warnings: warnings.list(),
    warningWords: warnings.phrases(),
    },
  };
}
