/**
 * Instatus status pages. `<page>/summary.json` gives the page status (`UP`, `HASISSUES`,
 * `UNDERMAINTENANCE`) with the active incidents and maintenances (both lists are left out when
 * empty); `<page>/v2/components.json` (or `/v3/components.json`) gives the components, as an
 * object `{ components: [...] }` live and as a bare array in the docs. One source reads one of
 * them; a person who watches single components points the source at the components document.
 * Words are upper case without separators (`MAJOROUTAGE`), compared case-insensitively.
 */
import { STAND_IN_TITLES } from './stand-in-titles.js';
import { failed, jsonTypeWords, problem, type Phrase } from './source-problem.js';
import { lookupEnum, worstHealth, type Health } from '../health.js';
import type { Component, Incident, IncidentStatus, ParseOutcome } from '../model.js';
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
import { capRows, titleLine } from './source-rows.js';
import { mapWord, skip, type Losses } from './statuspage-words.js';

/** `page.status`; HASISSUES says only "something": the incidents and components say what. */
const PAGE_HEALTH: Readonly<Record<string, Health>> = { up: 'operational', hasissues: 'degraded', undermaintenance: 'maintenance' };

/** A component's status, and an incident's impact. */
const COMPONENT_HEALTH: Readonly<Record<string, Health>> = {
  operational: 'operational',
  degradedperformance: 'degraded',
  minoroutage: 'degraded',
  partialoutage: 'outage',
  majoroutage: 'outage',
  undermaintenance: 'maintenance',
};

const INCIDENT_STATUS: Readonly<Record<string, IncidentStatus>> = {
  investigating: 'investigating',
  identified: 'identified',
  monitoring: 'monitoring',
  resolved: 'resolved',
};

const MAINTENANCE_STATUS: Readonly<Record<string, IncidentStatus>> = {
  notstartedyet: 'scheduled',
  inprogress: 'in-progress',
  completed: 'completed',
};

/**
 * Looks a word up with spaces, dashes and underscores ignored (`MAJOROUTAGE`, `major_outage`);
 * an unknown one falls back and is warned about as it was written.
 */
function word<T>(table: Readonly<Record<string, T>>, raw: unknown, fallback: T, what: Phrase, warnings: WarningLog): T {
  const squeezed = typeof raw === 'string' ? raw.replace(/[\s_-]+/g, '') : raw;
  const mapped = lookupEnum<T | null>(table, squeezed, null);
  return mapped !== null ? mapped : mapWord(table, raw, fallback, what, warnings);
}

function affects(row: JsonObject): string[] {
  const ids: string[] = [];
  for (const raw of (arr(row, 'components') ?? []).slice(0, 200)) {
    if (!isRecord(raw)) continue;
    const id = idText(raw, 'id') ?? text(raw, 'name');
    if (id !== null) ids.push(id);
  }
  return ids;
}

interface Events {
  readonly open: Incident[];
  readonly upcoming: Incident[];
}

function parseEvents(rows: readonly unknown[], maintenance: boolean, warnings: WarningLog, losses: Losses): Events {
  const out: Events = { open: [], upcoming: [] };
  for (const row of rows) {
    if (!isRecord(row)) {
      skip(losses, warnings, problem('source.problem.skip.notObject', { row: problem(maintenance ? 'source.problem.row.activeMaintenance' : 'source.problem.row.activeIncident'), type: jsonTypeWords(row) }));
      continue;
    }
    const id = idText(row, 'id') ?? httpUrl(own(row, 'url'));
    if (id === null) {
      skip(losses, warnings, problem('source.problem.skip.noIdOrUrl', { row: problem(maintenance ? 'source.problem.row.activeMaintenance' : 'source.problem.row.activeIncident') }));
      continue;
    }
    const status = maintenance
      ? word(MAINTENANCE_STATUS, own(row, 'status'), 'unknown', problem('source.problem.what.instatusMaintenanceStatus'), warnings)
      : word(INCIDENT_STATUS, own(row, 'status'), 'unknown', problem('source.problem.what.instatusIncidentStatus'), warnings);
    if (status === 'resolved' || status === 'completed') continue;
    const impact = maintenance ? 'maintenance' : word(COMPONENT_HEALTH, own(row, 'impact'), 'degraded', problem('source.problem.what.instatusImpact'), warnings);
    // An active incident is a confirmed problem whatever its rated impact.
    const health: Health = maintenance ? 'maintenance' : impact === 'outage' ? 'outage' : 'degraded';
    const started = isoTime(own(row, 'started')) ?? isoTime(own(row, 'start'));
    const minutes = Number(own(row, 'duration'));
    const incident: Incident = {
      id,
      title: titleLine(text(row, 'name')) ?? (maintenance ? STAND_IN_TITLES.maintenance : STAND_IN_TITLES.incident),
      kind: maintenance ? 'maintenance' : 'incident',
      health,
      status,
      impact: text(row, 'impact'),
      startedAt: started,
      updatedAt: isoTime(own(row, 'updatedAt')),
      endsAt: maintenance && started !== null && Number.isFinite(minutes) && minutes > 0 ? new Date(Date.parse(started) + minutes * 60_000).toISOString() : null,
      endedAt: null,
      url: httpUrl(own(row, 'url')),
      affects: affects(row),
      updates: [],
    };
    // A maintenance whose status we cannot read is shown but not counted: at most it would turn the tray blue.
    (maintenance && status !== 'in-progress' ? out.upcoming : out.open).push(incident);
  }
  return out;
}

function parseComponentRows(rows: readonly unknown[], out: Component[], warnings: WarningLog, losses: Losses, depth = 0): void {
  for (const row of rows) {
    if (!isRecord(row)) {
      skip(losses, warnings, problem('source.problem.skip.notObject', { row: problem('source.problem.row.component'), type: jsonTypeWords(row) }));
      continue;
    }
    const children = arr(row, 'children');
    // The documented form nests components under a parent that repeats its worst child.
    if (children !== null && depth < 3) {
      parseComponentRows(capRows(children, problem('source.problem.rows.childComponents'), warnings, losses), out, warnings, losses, depth + 1);
      if (bool(row, 'isParent') === true || children.length > 0) continue;
    }
    const id = idText(row, 'id') ?? text(row, 'name');
    if (id === null) {
      skip(losses, warnings, problem('source.problem.skip.noIdOrName', { row: problem('source.problem.row.component') }));
      continue;
    }
    if (out.some((c) => c.id === id) || out.length >= 1000) continue;
    const group = rec(row, 'group');
    const groupName = group === null ? str(row, 'group') : text(group, 'name');
    const name = text(row, 'name') ?? id;
    out.push({
      id,
      name: groupName === null || groupName.trim() === '' ? name : `${groupName} / ${name}`,
      health: word(COMPONENT_HEALTH, own(row, 'status'), 'unknown', problem('source.problem.what.instatusComponentStatus'), warnings),
      status: str(row, 'status') ?? '',
    });
  }
}

function componentsOutcome(rows: readonly unknown[]): ParseOutcome {
  const warnings = createWarningLog();
  const losses: Losses = { lost: false };
  const components: Component[] = [];
  parseComponentRows(capRows(rows, problem('source.problem.rows.components'), warnings, losses), components, warnings, losses);
  if (components.length === 0) warnings.add(problem('source.problem.instatus.noComponents'));
  const health = worstHealth([...components.map((c) => c.health), ...(losses.lost ? ['unknown' as const] : [])]);
  return { ok: true, snapshot: { health, pageName: null, pageUrl: null, components, incidents: [], upcoming: [], recentlyResolved: [], messages: [], warnings: warnings.list(), warningWords: warnings.phrases() } };
}

/** A list Instatus leaves out when empty; present, it must be an array. */
function optionalList(doc: JsonObject, key: string, warnings: WarningLog, losses: Losses): readonly unknown[] {
  const value = own(doc, key);
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return capRows(value, key, warnings, losses);
  losses.lost = true;
  warnings.add(problem('source.problem.ignoredPart', { part: key, expected: problem('source.problem.type.array'), type: jsonTypeWords(value) }));
  return [];
}

/** Parses an Instatus `summary.json` or `components.json`. Never throws. */
export function parseInstatus(body: string, _now: number): ParseOutcome {
  const parsed = parseJsonSafely(body);
  if (!parsed.ok) return failed(problem('source.problem.instatus.unreadable', { why: parsed.errorWords }));
  const doc = parsed.value;
  if (Array.isArray(doc)) return componentsOutcome(doc);
  if (!isRecord(doc)) return failed(problem('source.problem.instatus.notObject', { type: jsonTypeWords(doc) }));
  const page = rec(doc, 'page');
  const componentRows = arr(doc, 'components');
  if (page === null) {
    if (componentRows !== null) return componentsOutcome(componentRows);
    return failed(problem('source.problem.instatus.noParts'));
  }
  const warnings = createWarningLog();
  const losses: Losses = { lost: false };
  const pageHealth = word(PAGE_HEALTH, own(page, 'status'), 'unknown', problem('source.problem.what.instatusPageStatus'), warnings);
  const incidents = parseEvents(optionalList(doc, 'activeIncidents', warnings, losses), false, warnings, losses);
  const maintenances = parseEvents(optionalList(doc, 'activeMaintenances', warnings, losses), true, warnings, losses);
  const components: Component[] = [];
  if (componentRows !== null) parseComponentRows(capRows(componentRows, problem('source.problem.rows.components'), warnings, losses), components, warnings, losses);
  const open = [...incidents.open, ...maintenances.open];
  const health = worstHealth([pageHealth, ...components.map((c) => c.health), ...open.map((i) => i.health), ...(losses.lost ? ['unknown' as const] : [])]);
  return {
    ok: true,
    snapshot: {
      health,
      pageName: text(page, 'name'),
      pageUrl: httpUrl(own(page, 'url')),
      components,
      incidents: open,
      upcoming: [...incidents.upcoming, ...maintenances.upcoming],
      recentlyResolved: [],
      messages: [],
      warnings: warnings.list(),
      warningWords: warnings.phrases(),
    },
  };
}
