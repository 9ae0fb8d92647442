/**
 * incident.io status pages. Their documented, unauthenticated widget API
 * (`<page>/api/v1/summary`) lists what is happening now: `ongoing_incidents`,
 * `in_progress_maintenances` and `scheduled_maintenances`, each with the components it affects
 * and their current status. The page has no other current state, so three empty lists mean the
 * page reports no problem. incident.io pages also serve a Statuspage-compatible
 * `/api/v2/summary.json`; a source pointed at it is read with the Statuspage parser.
 */
import { STAND_IN_TITLES } from './stand-in-titles.js';
import { failed, jsonTypeWords, problem } from './source-problem.js';
import { worstHealth, type Health } from '../health.js';
import type { Component, Incident, IncidentStatus, ParseOutcome } from '../model.js';
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
import { capRows, titleLine } from './source-rows.js';
import { parseStatuspage } from './statuspage.js';
import { mapWord, skip, type Losses } from './statuspage-words.js';

const LISTS = ['ongoing_incidents', 'in_progress_maintenances', 'scheduled_maintenances'] as const;
type ListName = (typeof LISTS)[number];

/** A component's `current_status`, and an incident's `current_worst_impact`. */
const COMPONENT_HEALTH: Readonly<Record<string, Health>> = {
  operational: 'operational',
  degraded_performance: 'degraded',
  partial_outage: 'outage',
  full_outage: 'outage',
  under_maintenance: 'maintenance',
};

const INCIDENT_STATUS: Readonly<Record<string, IncidentStatus>> = {
  investigating: 'investigating',
  identified: 'identified',
  monitoring: 'monitoring',
  resolved: 'resolved',
  maintenance_scheduled: 'scheduled',
  maintenance_in_progress: 'in-progress',
  maintenance_complete: 'completed',
};

function affectedComponents(row: JsonObject, components: Map<string, Component>, warnings: WarningLog): string[] {
  const ids: string[] = [];
  for (const raw of (arr(row, 'affected_components') ?? []).slice(0, 200)) {
    if (!isRecord(raw)) continue;
    const id = idText(raw, 'id');
    if (id === null) continue;
    ids.push(id);
    const status = own(raw, 'current_status');
    if (status === undefined) continue;
    const health = mapWord(COMPONENT_HEALTH, status, 'unknown', problem('source.problem.what.incidentioComponentStatus'), warnings);
    const name = text(raw, 'name') ?? id;
    const group = text(raw, 'group_name');
    const previous = components.get(id);
    components.set(id, {
      id,
      name: group === null ? name : `${group} / ${name}`,
      health: previous === undefined ? health : worstHealth([previous.health, health]),
      status: typeof status === 'string' ? status : '',
    });
  }
  return ids;
}

function parseList(list: ListName, rows: readonly unknown[], components: Map<string, Component>, warnings: WarningLog, losses: Losses): Incident[] {
  const out: Incident[] = [];
  for (const row of rows) {
    if (!isRecord(row)) {
      skip(losses, warnings, problem('source.problem.skip.notObject', { row: problem('source.problem.row.entryOf', { list }), type: jsonTypeWords(row) }));
      continue;
    }
    const id = idText(row, 'id');
    if (id === null) {
      skip(losses, warnings, problem('source.problem.skip.badIdString', { row: problem('source.problem.row.entryOf', { list }), type: jsonTypeWords(own(row, 'id')) }));
      continue;
    }
    const maintenance = list !== 'ongoing_incidents';
    const fallbackStatus: IncidentStatus = list === 'scheduled_maintenances' ? 'scheduled' : maintenance ? 'in-progress' : 'unknown';
    const status = mapWord(INCIDENT_STATUS, own(row, 'status'), fallbackStatus, problem('source.problem.what.incidentioStatus'), warnings);
    // An ongoing incident is a confirmed problem: an impact we cannot read (or "operational") still means degraded.
    const impact = maintenance ? 'maintenance' : mapWord(COMPONENT_HEALTH, own(row, 'current_worst_impact'), 'degraded', problem('source.problem.what.incidentioImpact'), warnings);
    const health: Health = maintenance ? 'maintenance' : impact === 'outage' ? 'outage' : 'degraded';
    const updatedAt = isoTime(own(row, 'last_update_at'));
    const message = str(row, 'last_update_message');
    out.push({
      id,
      title: titleLine(text(row, 'name')) ?? (maintenance ? STAND_IN_TITLES.maintenance : STAND_IN_TITLES.incident),
      kind: maintenance ? 'maintenance' : 'incident',
      health,
      status,
      impact: text(row, 'current_worst_impact'),
      startedAt: isoTime(own(row, 'started_at')) ?? isoTime(own(row, 'starts_at')),
      updatedAt,
      endsAt: isoTime(own(row, 'scheduled_end_at')) ?? isoTime(own(row, 'ends_at')),
      endedAt: null,
      url: httpUrl(own(row, 'url')),
      // Scheduled maintenance is information only: it must not colour the components it names.
      affects: affectedComponents(row, list === 'scheduled_maintenances' ? new Map() : components, warnings),
      updates: message === null ? [] : [{ id: null, status, at: updatedAt, body: { format: 'text', content: message } }],
    });
  }
  return out;
}

/** Parses incident.io's widget summary, or its Statuspage-compatible `summary.json`. Never throws. */
export function parseIncidentio(body: string, now: number): ParseOutcome {
  const parsed = parseJsonSafely(body);
  if (!parsed.ok) return failed(problem('source.problem.incidentio.unreadable', { why: parsed.errorWords }));
  const doc = parsed.value;
  if (!isRecord(doc)) return failed(problem('source.problem.incidentio.notObject', { type: jsonTypeWords(doc) }));
  // `scheduled_maintenances` alone is also a Statuspage key: only the other two mark the widget.
  if (own(doc, 'ongoing_incidents') === undefined && own(doc, 'in_progress_maintenances') === undefined) {
    if (own(doc, 'page') !== undefined || own(doc, 'status') !== undefined || own(doc, 'components') !== undefined) return parseStatuspage(body, now);
    return failed(problem('source.problem.incidentio.noLists'));
  }
  const warnings = createWarningLog();
  const losses: Losses = { lost: false };
  const lists = {} as Record<ListName, readonly unknown[]>;
  for (const list of LISTS) {
    const value = own(doc, list);
    if (Array.isArray(value)) lists[list] = capRows(value, list, warnings, losses);
    else {
      // A missing ongoing list cannot vouch for anything; a missing scheduled list costs only the upcoming view.
      if (list !== 'scheduled_maintenances' || (value !== undefined && value !== null)) losses.lost = true;
      warnings.add(problem(list === 'scheduled_maintenances' ? 'source.problem.incidentio.notList' : 'source.problem.incidentio.notListUnknown', { list, type: jsonTypeWords(value) }));
      lists[list] = [];
    }
  }
  const components = new Map<string, Component>();
  const ongoing = parseList('ongoing_incidents', lists.ongoing_incidents, components, warnings, losses);
  const active = parseList('in_progress_maintenances', lists.in_progress_maintenances, components, warnings, losses);
  const upcoming = parseList('scheduled_maintenances', lists.scheduled_maintenances, components, warnings, losses);
  const health = worstHealth(['operational', ...ongoing.map((i) => i.health), ...active.map((m) => m.health), ...(losses.lost ? ['unknown' as const] : [])]);
  return {
    ok: true,
    snapshot: {
      health,
      pageName: text(doc, 'page_title'),
      pageUrl: httpUrl(own(doc, 'page_url')),
      components: [...components.values()],
      incidents: [...ongoing, ...active],
      upcoming,
      recentlyResolved: [],
      messages: [],
      warnings: warnings.list(),
    warningWords: warnings.phrases(),
    },
  };
}
