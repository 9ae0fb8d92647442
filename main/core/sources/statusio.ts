/**
 * status.io's public API (`https://api.status.io/1.0/status/<page id>`), used by GitLab and
 * Docker: an overall status, components with their containers (locations such as "AWS"), open
 * incidents and maintenance. Everything is a numeric `status_code`: 100 Operational, 200 Planned
 * Maintenance, 300 Degraded Performance, 400 Partial Service Disruption, 500 Service Disruption,
 * 600 Security Issue. Reference: shared/reference/sources.md §7.
 *
 * The API lists only open incidents (resolved ones disappear), so it is a complete picture of now:
 * health is the worst of the overall code, every component and container, and every incident.
 */
import { STAND_IN_TITLES } from './stand-in-titles.js';
import { failed, jsonTypeWords, problem } from './source-problem.js';
import { worstHealth, type Health } from '../health.js';
import type { Component, Incident, IncidentStatus, IncidentUpdate, ParseOutcome } from '../model.js';
import {
  arr,
  createWarningLog,
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
import { capRows, titleLine } from './source-rows.js';
import { skip, type Losses } from './statuspage-words.js';

/** Partial disruption is an outage of part of the service, as Statuspage's `partial_outage` is here. */
const CODE_HEALTH: ReadonlyMap<number, Health> = new Map([
  [100, 'operational'],
  [200, 'maintenance'],
  [300, 'degraded'],
  [400, 'outage'],
  [500, 'outage'],
  // A security issue is a confirmed problem, but not one that says the service is down.
  [600, 'degraded'],
]);

/** An incident message's `state`. */
const STATE_STATUS: ReadonlyMap<number, IncidentStatus> = new Map([
  [100, 'investigating'],
  [200, 'identified'],
  [300, 'monitoring'],
]);

/** A code as a number: the API sends numbers, but a string "400" is just as clear. */
function codeOf(raw: unknown): number | null {
  if (typeof raw === 'number' && Number.isFinite(raw)) return raw;
  if (typeof raw === 'string' && /^\s*\d{3}\s*$/.test(raw)) return Number(raw);
  return null;
}

function codeHealth(row: JsonObject, what: 'component' | 'container' | 'incident' | 'overall', fallback: Health, warnings: WarningLog): Health {
  const raw = own(row, 'status_code');
  const code = codeOf(raw);
  const health = code === null ? undefined : CODE_HEALTH.get(code);
  if (health !== undefined) return health;
  const part = problem(`source.problem.statusio.part.${what}`);
  warnings.count(raw === undefined ? problem('source.problem.statusio.codeMissing', { what: part }) : problem('source.problem.statusio.codeUnknown', { what: part, code: JSON.stringify(raw) }));
  return fallback;
}

function rawWord(row: JsonObject): string {
  return str(row, 'status') ?? String(codeOf(own(row, 'status_code')) ?? '');
}

function parseComponents(rows: readonly unknown[], warnings: WarningLog, losses: Losses): Component[] {
  const components: Component[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    if (!isRecord(row)) {
      skip(losses, warnings, problem('source.problem.skip.notObject', { row: problem('source.problem.row.component'), type: jsonTypeWords(row) }));
      continue;
    }
    const id = idText(row, 'id');
    if (id === null) {
      skip(losses, warnings, problem('source.problem.skip.badId', { row: problem('source.problem.row.component'), type: jsonTypeWords(own(row, 'id')) }));
      continue;
    }
    if (seen.has(id)) continue;
    seen.add(id);
    // A container (a location of the component) can be worse than the component's own word.
    const parts: Health[] = [codeHealth(row, 'component', 'unknown', warnings)];
    for (const container of (arr(row, 'containers') ?? []).slice(0, 100)) {
      if (!isRecord(container)) {
        skip(losses, warnings, problem('source.problem.skip.notObject', { row: problem('source.problem.row.container'), type: jsonTypeWords(container) }));
        continue;
      }
      parts.push(codeHealth(container, 'container', 'unknown', warnings));
    }
    components.push({ id, name: text(row, 'name') ?? id, health: worstHealth(parts), status: rawWord(row) });
  }
  return components;
}

function parseMessages(row: JsonObject, warnings: WarningLog): IncidentUpdate[] {
  const updates: { update: IncidentUpdate; ms: number; index: number }[] = [];
  (arr(row, 'messages') ?? []).slice(0, 100).forEach((raw, index) => {
    if (!isRecord(raw)) {
      warnings.count(problem('source.problem.skip.notObject', { row: problem('source.problem.row.incidentMessage'), type: jsonTypeWords(raw) }));
      return;
    }
    const at = isoTime(own(raw, 'datetime'));
    const state = codeOf(own(raw, 'state'));
    updates.push({
      update: { id: idText(raw, '_id'), status: (state === null ? undefined : STATE_STATUS.get(state)) ?? 'unknown', at, body: { format: 'html', content: str(raw, 'details') ?? '' } },
      ms: at === null ? Number.NEGATIVE_INFINITY : Date.parse(at),
      index,
    });
  });
  updates.sort((a, b) => b.ms - a.ms || a.index - b.index);
  return updates.map((entry) => entry.update);
}

/** Components the incident names, by id: the services layer matches them to watched components. */
function affected(row: JsonObject): string[] {
  const ids: string[] = [];
  for (const component of (arr(row, 'components_affected') ?? []).slice(0, 100)) {
    if (!isRecord(component)) continue;
    const id = idText(component, '_id') ?? idText(component, 'id') ?? text(component, 'name');
    if (id !== null) ids.push(id);
  }
  return ids;
}

/** The newest message's status code is the incident's current severity. */
function incidentHealth(row: JsonObject, updates: readonly unknown[], warnings: WarningLog): Health {
  let newest: JsonObject | null = null;
  let newestMs = Number.NEGATIVE_INFINITY;
  for (const message of updates.slice(0, 100)) {
    if (!isRecord(message)) continue;
    const ms = Date.parse(str(message, 'datetime') ?? '');
    if (newest === null || (Number.isFinite(ms) && ms > newestMs)) {
      newest = message;
      if (Number.isFinite(ms)) newestMs = ms;
    }
  }
  const source = newest !== null && own(newest, 'status') !== undefined ? { status_code: own(newest, 'status') } : row;
  const health = codeHealth(source, 'incident', 'degraded', warnings);
  // An open incident is a confirmed problem: "operational" or maintenance on one still means degraded.
  return health === 'operational' || health === 'maintenance' || health === 'unknown' ? 'degraded' : health;
}

function parseIncidents(rows: readonly unknown[], warnings: WarningLog, losses: Losses): Incident[] {
  const incidents: Incident[] = [];
  for (const row of rows) {
    if (!isRecord(row)) {
      skip(losses, warnings, problem('source.problem.skip.notObject', { row: problem('source.problem.row.incident'), type: jsonTypeWords(row) }));
      continue;
    }
    const id = idText(row, '_id') ?? idText(row, 'id');
    if (id === null) {
      skip(losses, warnings, problem('source.problem.skip.badIdString', { row: problem('source.problem.row.incident'), type: jsonTypeWords(own(row, '_id')) }));
      continue;
    }
    const updates = parseMessages(row, warnings);
    const opened = isoTime(own(row, 'datetime_open'));
    incidents.push({
      id,
      title: titleLine(text(row, 'name')) ?? STAND_IN_TITLES.incident,
      kind: 'incident',
      health: incidentHealth(row, arr(row, 'messages') ?? [], warnings),
      status: updates[0]?.status ?? 'unknown',
      impact: null,
      startedAt: opened,
      updatedAt: updates[0]?.at ?? opened,
      endsAt: null,
      endedAt: null,
      url: null,
      affects: affected(row),
      updates,
    });
  }
  return incidents;
}

function parseMaintenances(rows: readonly unknown[], active: boolean, warnings: WarningLog, losses: Losses): Incident[] {
  const out: Incident[] = [];
  for (const row of rows) {
    if (!isRecord(row)) {
      skip(losses, warnings, problem('source.problem.skip.notObject', { row: problem('source.problem.row.maintenance'), type: jsonTypeWords(row) }));
      continue;
    }
    const id = idText(row, '_id') ?? idText(row, 'id');
    if (id === null) {
      skip(losses, warnings, problem('source.problem.skip.noId', { row: problem('source.problem.row.maintenance') }));
      continue;
    }
    const updates = parseMessages(row, warnings);
    out.push({
      id,
      title: titleLine(text(row, 'name')) ?? STAND_IN_TITLES.scheduledMaintenance,
      kind: 'maintenance',
      health: 'maintenance',
      status: active ? 'in-progress' : 'scheduled',
      impact: null,
      startedAt: isoTime(own(row, 'datetime_planned_start')),
      updatedAt: updates[0]?.at ?? null,
      endsAt: isoTime(own(row, 'datetime_planned_end')),
      endedAt: null,
      url: null,
      affects: affected(row),
      updates,
    });
  }
  return out;
}

/** A list that must be an array when present; anything else is reported and costs the health. */
function listOf(obj: JsonObject | null, key: string, where: string, warnings: WarningLog, losses: Losses): readonly unknown[] {
  if (obj === null) return [];
  const value = own(obj, key);
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return capRows(value, `${where}${key}`, warnings, losses);
  losses.lost = true;
  warnings.add(problem('source.problem.ignoredPart', { part: `${where}${key}`, expected: problem('source.problem.type.array'), type: jsonTypeWords(value) }));
  return [];
}

/** Parses a status.io `/1.0/status/<page id>` response. Never throws. */
export function parseStatusio(body: string, _now: number): ParseOutcome {
  const parsed = parseJsonSafely(body);
  if (!parsed.ok) return failed(problem('source.problem.statusio.unreadable', { why: parsed.errorWords }));
  const doc = parsed.value;
  const result = isRecord(doc) ? rec(doc, 'result') : null;
  const overall = result === null ? null : rec(result, 'status_overall');
  if (result === null || (overall === null && arr(result, 'status') === null)) {
    return failed(problem('source.problem.statusio.notStatus'));
  }
  const warnings = createWarningLog();
  const losses: Losses = { lost: false };
  if (overall === null) {
    losses.lost = true;
    warnings.add(problem('source.problem.statusio.noOverall'));
  }
  const components = parseComponents(listOf(result, 'status', '', warnings, losses), warnings, losses);
  const incidents = parseIncidents(listOf(result, 'incidents', '', warnings, losses), warnings, losses);
  const maintenance = rec(result, 'maintenance');
  const active = parseMaintenances(listOf(maintenance, 'active', 'maintenance.', warnings, losses), true, warnings, losses);
  const upcoming = parseMaintenances(listOf(maintenance, 'upcoming', 'maintenance.', warnings, losses), false, warnings, losses);
  const health = worstHealth([
    ...(overall === null ? [] : [codeHealth(overall, 'overall', 'unknown', warnings)]),
    ...components.map((component) => component.health),
    ...incidents.map((incident) => incident.health),
    ...active.map((m) => m.health),
    ...(losses.lost ? ['unknown' as const] : []),
  ]);
  return {
    ok: true,
    snapshot: {
      health,
      pageName: null,
      pageUrl: null,
      components,
      incidents: [...incidents, ...active],
      upcoming,
      recentlyResolved: [],
      messages: [],
      warnings: warnings.list(),
    warningWords: warnings.phrases(),
    },
  };
}
