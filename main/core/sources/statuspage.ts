/**
 * Atlassian Statuspage public API v2 (`/api/v2/summary.json` and its sibling documents).
 *
 * Statuspage's page indicator, component statuses and incident impacts disagree in real payloads
 * (GitHub once showed indicator `minor` with a `major` incident), so health is the worst of all
 * three. Group components repeat their worst child, so they are skipped rather than counted twice.
 * Reference: shared/reference/sources.md §3.
 */
import { STAND_IN_TITLES } from './stand-in-titles.js';
import { failed, jsonTypeWords, problem } from './source-problem.js';
import { worstHealth } from '../health.js';
import type { Component, Incident, IncidentUpdate, ParseOutcome } from '../model.js';
import { RECENTLY_RESOLVED_MS } from '../advice/phases.js';
import {
  arr,
  bool,
  createWarningLog,
  httpUrl,
  idText,
  isoTime,
  isRecord,
  own,
  parseJsonSafely,
  rec,
  str,
  text,
  type JsonObject,
  type WarningLog,
} from './json-safe.js';
import {
  COMPONENT_HEALTH,
  INCIDENT_IMPACT_HEALTH,
  INCIDENT_STATUS,
  INDICATOR_HEALTH,
  MAINTENANCE_STATUS,
  mapWord,
  skip,
  UPDATE_STATUS,
  type Losses,
} from './statuspage-words.js';

const DOCUMENT_PARTS = ['status', 'components', 'incidents', 'scheduled_maintenances'] as const;
type DocumentPart = (typeof DOCUMENT_PARTS)[number];

/** What a part must be for the document to count as Statuspage: `status` an object, the rest arrays. */
function partIsWellTyped(doc: JsonObject, part: DocumentPart): boolean {
  return part === 'status' ? rec(doc, part) !== null : arr(doc, part) !== null;
}

function parseComponents(rows: readonly unknown[], warnings: WarningLog, losses: Losses): Component[] {
  const components: Component[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    if (!isRecord(row)) {
      skip(losses, warnings, problem('source.problem.skip.notObject', { row: problem('source.problem.row.component'), type: jsonTypeWords(row) }));
      continue;
    }
    if (bool(row, 'group') === true) continue;
    const id = idText(row, 'id');
    if (id === null) {
      skip(losses, warnings, problem('source.problem.skip.badId', { row: problem('source.problem.row.component'), type: jsonTypeWords(own(row, 'id')) }));
      continue;
    }
    if (seen.has(id)) {
      warnings.count(problem('source.problem.skip.repeatedComponent', { id: JSON.stringify(id) }));
      continue;
    }
    seen.add(id);
    const rawStatus = own(row, 'status');
    const health = mapWord(COMPONENT_HEALTH, rawStatus, 'unknown', problem('source.problem.what.componentStatus'), warnings);
    components.push({
      id,
      name: text(row, 'name') ?? id,
      health,
      status: typeof rawStatus === 'string' ? rawStatus : '',
    });
  }
  return components;
}

function parseUpdates(row: JsonObject, warnings: WarningLog): IncidentUpdate[] {
  const updates: { update: IncidentUpdate; ms: number; index: number }[] = [];
  const rows = arr(row, 'incident_updates') ?? [];
  rows.forEach((raw, index) => {
    if (!isRecord(raw)) {
      warnings.count(problem('source.problem.skip.notObject', { row: problem('source.problem.row.incidentUpdate'), type: jsonTypeWords(raw) }));
      return;
    }
    const at = isoTime(own(raw, 'display_at')) ?? isoTime(own(raw, 'created_at'));
    updates.push({
      update: {
        id: idText(raw, 'id'),
        status: mapWord(UPDATE_STATUS, own(raw, 'status'), 'unknown', problem('source.problem.what.incidentUpdateStatus'), warnings),
        at,
        body: { format: 'text', content: str(raw, 'body') ?? '' },
      },
      ms: at === null ? Number.NEGATIVE_INFINITY : Date.parse(at),
      index,
    });
  });
  // Statuspage lists newest first already; sorting makes that a guarantee, and keeps source order for ties.
  updates.sort((a, b) => b.ms - a.ms || a.index - b.index);
  return updates.map((entry) => entry.update);
}

function affectedComponentIds(row: JsonObject): string[] {
  const ids: string[] = [];
  for (const component of arr(row, 'components') ?? []) {
    if (!isRecord(component)) continue;
    const id = idText(component, 'id');
    if (id !== null) ids.push(id);
  }
  return ids;
}

interface EventFields {
  readonly id: string;
  readonly title: string;
  readonly impact: string | null;
  readonly updatedAt: string | null;
  readonly endedAt: string | null;
  readonly url: string | null;
  readonly affects: readonly string[];
  readonly updates: readonly IncidentUpdate[];
}

function eventFields(row: JsonObject, fallbackTitle: string, warnings: WarningLog): EventFields | null {
  const id = idText(row, 'id');
  if (id === null) return null;
  return {
    id,
    title: text(row, 'name') ?? fallbackTitle,
    impact: text(row, 'impact'),
    updatedAt: isoTime(own(row, 'updated_at')),
    endedAt: isoTime(own(row, 'resolved_at')),
    url: httpUrl(own(row, 'shortlink')),
    affects: affectedComponentIds(row),
    updates: parseUpdates(row, warnings),
  };
}

/** Whether an event ended at `endedAt` within the last 24 hours of `now` (never when either is unknown). */
function endedLately(endedAt: string | null, now: number | undefined): boolean {
  if (endedAt === null || now === undefined) return false;
  const ended = Date.parse(endedAt);
  return ended <= now && now - ended <= RECENTLY_RESOLVED_MS;
}

interface Incidents {
  readonly open: Incident[];
  /** Resolved in the last 24 h (`incidents.json` lists them): history, kept for restart advice. */
  readonly recentlyResolved: Incident[];
}

/**
 * Open incidents, and those resolved in the last 24 h apart: `incidents.json` also lists resolved
 * ones, which say nothing about health now. A status word we do not know keeps the incident (it
 * may well be open) and is reported.
 */
function parseIncidents(rows: readonly unknown[], now: number | undefined, warnings: WarningLog, losses: Losses): Incidents {
  const incidents: Incident[] = [];
  const recentlyResolved: Incident[] = [];
  for (const row of rows) {
    if (!isRecord(row)) {
      skip(losses, warnings, problem('source.problem.skip.notObject', { row: problem('source.problem.row.incident'), type: jsonTypeWords(row) }));
      continue;
    }
    const status = mapWord(INCIDENT_STATUS, own(row, 'status'), 'unknown', problem('source.problem.what.incidentStatus'), warnings);
    if (status === 'resolved' || status === 'postmortem') {
      // Read only what is recent: older history is not looked at, nor warned about.
      const fields = endedLately(isoTime(own(row, 'resolved_at')), now) ? eventFields(row, STAND_IN_TITLES.incident, warnings) : null;
      if (fields !== null) {
        const health = mapWord(INCIDENT_IMPACT_HEALTH, own(row, 'impact'), 'degraded', problem('source.problem.what.incidentImpact'), warnings);
        recentlyResolved.push({ ...fields, kind: 'incident', health, status, startedAt: isoTime(own(row, 'started_at')) ?? isoTime(own(row, 'created_at')), endsAt: null });
      }
      continue;
    }
    const fields = eventFields(row, STAND_IN_TITLES.incident, warnings);
    if (fields === null) {
      skip(losses, warnings, problem('source.problem.skip.badId', { row: problem('source.problem.row.openIncident'), type: jsonTypeWords(own(row, 'id')) }));
      continue;
    }
    // An open incident is a confirmed problem: an impact we cannot read still means at least degraded.
    const health = mapWord(INCIDENT_IMPACT_HEALTH, own(row, 'impact'), 'degraded', problem('source.problem.what.incidentImpact'), warnings);
    incidents.push({
      ...fields,
      kind: 'incident',
      health,
      status,
      startedAt: isoTime(own(row, 'started_at')) ?? isoTime(own(row, 'created_at')),
      endsAt: null,
    });
  }
  return { open: incidents, recentlyResolved };
}

interface Maintenances {
  readonly active: Incident[];
  readonly upcoming: Incident[];
}

/**
 * In-progress and verifying maintenance is health (`maintenance`); scheduled maintenance is
 * information only; completed is history. A status word we do not know lands in `upcoming`,
 * shown but not counted, because maintenance at most turns the tray blue.
 */
function parseMaintenances(rows: readonly unknown[], warnings: WarningLog, losses: Losses): Maintenances {
  const active: Incident[] = [];
  const upcoming: Incident[] = [];
  for (const row of rows) {
    if (!isRecord(row)) {
      skip(losses, warnings, problem('source.problem.skip.notObject', { row: problem('source.problem.row.scheduledMaintenance'), type: jsonTypeWords(row) }));
      continue;
    }
    const status = mapWord(MAINTENANCE_STATUS, own(row, 'status'), 'unknown', problem('source.problem.what.maintenanceStatus'), warnings);
    if (status === 'completed') continue;
    const fields = eventFields(row, STAND_IN_TITLES.scheduledMaintenance, warnings);
    if (fields === null) {
      skip(losses, warnings, problem('source.problem.skip.badId', { row: problem('source.problem.row.scheduledMaintenance'), type: jsonTypeWords(own(row, 'id')) }));
      continue;
    }
    const maintenance: Incident = {
      ...fields,
      kind: 'maintenance',
      health: 'maintenance',
      status,
      // A maintenance's `started_at` is when it was announced (recorded Twilio, CloudAMQP); the window starts at `scheduled_for`.
      startedAt: isoTime(own(row, 'scheduled_for')) ?? isoTime(own(row, 'started_at')) ?? isoTime(own(row, 'created_at')),
      endsAt: isoTime(own(row, 'scheduled_until')),
    };
    (status === 'in-progress' || status === 'verifying' ? active : upcoming).push(maintenance);
  }
  return { active, upcoming };
}

/**
 * Parses a Statuspage v2 document: `summary.json` (everything), or `components.json`,
 * `incidents.json`, `incidents/unresolved.json`, `status.json` and the scheduled-maintenance
 * documents, which share its shape. Health comes from whatever parts are present; without a page
 * status or components nothing can confirm good health, so it is then `unknown` unless an open
 * incident confirms a problem. With `now`, incidents resolved in the 24 hours before it are kept
 * apart as recently resolved. Never throws.
 */
export function parseStatuspage(body: string, now?: number): ParseOutcome {
  const parsed = parseJsonSafely(body);
  if (!parsed.ok) return failed(problem('source.problem.statuspage.unreadable', { why: parsed.errorWords }));
  const doc = parsed.value;
  if (!isRecord(doc)) {
    return failed(problem('source.problem.statuspage.notObject', { type: jsonTypeWords(doc) }));
  }
  const page = rec(doc, 'page');
  const present = DOCUMENT_PARTS.filter((part) => partIsWellTyped(doc, part));
  if (page === null && present.length === 0) {
    return failed(problem('source.problem.statuspage.noParts'));
  }

  const warnings = createWarningLog();
  const losses: Losses = { lost: false };
  for (const part of DOCUMENT_PARTS) {
    const value = own(doc, part);
    if (value !== undefined && !present.includes(part)) {
      losses.lost = true;
      warnings.add(problem('source.problem.ignoredPart', { part, expected: problem(part === 'status' ? 'source.problem.type.object' : 'source.problem.type.array'), type: jsonTypeWords(value) }));
    }
  }
  const missing = DOCUMENT_PARTS.filter((part) => !present.includes(part));
  if (missing.length > 0) warnings.add(problem('source.problem.statuspage.missingParts', { parts: missing.join(', ') }));

  const status = rec(doc, 'status');
  const components = parseComponents(arr(doc, 'components') ?? [], warnings, losses);
  const { open: incidents, recentlyResolved } = parseIncidents(arr(doc, 'incidents') ?? [], now, warnings, losses);
  const maintenances = parseMaintenances(arr(doc, 'scheduled_maintenances') ?? [], warnings, losses);

  const eventHealth = [...incidents, ...maintenances.active].map((incident) => incident.health);
  const canConfirmHealth = status !== null || present.includes('components');
  const health = canConfirmHealth
    ? worstHealth([
        ...(status === null ? [] : [mapWord(INDICATOR_HEALTH, own(status, 'indicator'), 'unknown', problem('source.problem.what.pageIndicator'), warnings)]),
        ...components.map((component) => component.health),
        ...eventHealth,
        ...(losses.lost ? ['unknown' as const] : []),
      ])
    : // Only a confirmed problem can come out of an incidents-only document; "nothing open" proves nothing.
      worstHealth([...eventHealth, 'unknown']);

  return {
    ok: true,
    snapshot: {
      health,
      pageName: page === null ? null : text(page, 'name'),
      pageUrl: page === null ? null : httpUrl(own(page, 'url')),
      components,
      incidents: [...incidents, ...maintenances.active],
      upcoming: maintenances.upcoming,
      recentlyResolved,
      messages: [],
      warnings: warnings.list(),
      warningWords: warnings.phrases(),
    },
  };
}
