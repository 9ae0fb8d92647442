/**
 * The Google Workspace status dashboard's `incidents.json`
 * (`https://www.google.com/appsstatus/dashboard/incidents.json`): an array of every recent
 * incident, open and closed, each tagged with the products it touches (`affected_products`).
 * Google Cloud's dashboard publishes the same shape (its JSON Schema is in the fixtures).
 * Reference: shared/reference/sources.md §6.
 *
 * There is no "all clear" field: the list is the dashboard's whole state, so no open incident
 * means no known problem, but only when every row could be read. An incident is open while it
 * has no `end` (or one in the future); only open incidents count toward health.
 */
import { failed, jsonTypeWords, problem } from './source-problem.js';
import { lookupEnum, worstHealth, type Health } from '../health.js';
import type { Component, Incident, IncidentUpdate, ParseOutcome } from '../model.js';
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
import { capRows, endedLately, titleLine } from './source-rows.js';
import { mapWord, skip, type Losses } from './statuspage-words.js';

const DASHBOARD_NAME = 'Google Workspace';
const DASHBOARD_URL = 'https://www.google.com/appsstatus/dashboard/';

/**
 * `status_impact` of an open incident. Even "information" is a known issue Google chose to post,
 * shown as an advisory: the reference maps it with disruption to advisory-degraded.
 */
interface Impact {
  readonly health: Health;
  readonly kind: Incident['kind'];
}

const IMPACT: Readonly<Record<string, Impact>> = {
  service_outage: { health: 'outage', kind: 'incident' },
  service_disruption: { health: 'degraded', kind: 'incident' },
  service_information: { health: 'degraded', kind: 'advisory' },
};

function parseUpdates(row: JsonObject, warnings: WarningLog): IncidentUpdate[] {
  const updates: { update: IncidentUpdate; ms: number; index: number }[] = [];
  const rows = arr(row, 'updates') ?? (rec(row, 'most_recent_update') === null ? [] : [rec(row, 'most_recent_update')]);
  rows.slice(0, 100).forEach((raw, index) => {
    if (!isRecord(raw)) {
      warnings.count(problem('source.problem.skip.notObject', { row: problem('source.problem.row.incidentUpdate'), type: jsonTypeWords(raw) }));
      return;
    }
    const at = isoTime(own(raw, 'when')) ?? isoTime(own(raw, 'created'));
    // Google writes update texts in Markdown; shown as text, the marks are harmless.
    updates.push({ update: { id: null, status: 'unknown', at, body: { format: 'text', content: str(raw, 'text') ?? '' } }, ms: at === null ? Number.NEGATIVE_INFINITY : Date.parse(at), index });
  });
  updates.sort((a, b) => b.ms - a.ms || a.index - b.index);
  return updates.map((entry) => entry.update);
}

interface Product {
  readonly id: string;
  readonly title: string;
}

function products(row: JsonObject): Product[] {
  const out: Product[] = [];
  for (const raw of (arr(row, 'affected_products') ?? []).slice(0, 100)) {
    if (!isRecord(raw)) continue;
    const title = text(raw, 'title');
    const id = idText(raw, 'id') ?? title;
    if (id !== null) out.push({ id, title: title ?? id });
  }
  // Before `affected_products` existed, one product was named by `service_key` / `service_name`.
  if (out.length === 0) {
    const name = text(row, 'service_name');
    const id = idText(row, 'service_key') ?? name;
    if (id !== null && name !== 'Multiple Products') out.push({ id, title: name ?? id });
  }
  return out;
}

/** The dashboard's incident page, from `uri` (`incidents/<id>`, relative to the dashboard). */
function incidentUrl(row: JsonObject): string | null {
  const uri = str(row, 'uri');
  if (uri === null || !/^incidents\/[A-Za-z0-9_-]{1,100}$/.test(uri.trim())) return null;
  return `${DASHBOARD_URL}${uri.trim()}`;
}

/** Open while `end` is absent, empty or still ahead; an `end` we cannot read keeps it open. */
function endOf(row: JsonObject, now: number, warnings: WarningLog): { open: boolean; endedAt: string | null } {
  const raw = own(row, 'end');
  if (raw === undefined || raw === null || raw === '') return { open: true, endedAt: null };
  const endedAt = isoTime(raw);
  if (endedAt === null) {
    warnings.count(problem('source.problem.google.badEnd', { end: String(JSON.stringify(typeof raw === 'string' ? raw.slice(0, 40) : raw)) }));
    return { open: true, endedAt: null };
  }
  return Date.parse(endedAt) > now ? { open: true, endedAt: null } : { open: false, endedAt };
}

/** Parses a Google Workspace (or Google Cloud) `incidents.json`. Never throws. */
export function parseGoogleWorkspace(body: string, now: number): ParseOutcome {
  const parsed = parseJsonSafely(body);
  if (!parsed.ok) return failed(problem('source.problem.google.unreadable', { why: parsed.errorWords }));
  const doc = parsed.value;
  if (!Array.isArray(doc)) {
    return failed(problem('source.problem.google.notArray', { type: jsonTypeWords(doc) }));
  }
  const warnings = createWarningLog();
  const losses: Losses = { lost: false };
  const open: Incident[] = [];
  const recentlyResolved: Incident[] = [];
  // Every product the list names, so a person can pick one; its health comes from open incidents.
  const seenProducts = new Map<string, { title: string; health: Health[] }>();
  const rows = capRows(doc, problem('source.problem.rows.incidents'), warnings, losses);
  if (rows.length === 0) {
    // The real list always holds weeks of history; an empty one is more likely a broken mirror than calm.
    losses.lost = true;
    warnings.add(problem('source.problem.google.noIncidents'));
  }
  if (rows.length > 0 && !rows.some((row) => isRecord(row) && (own(row, 'begin') !== undefined || own(row, 'affected_products') !== undefined || own(row, 'status_impact') !== undefined))) {
    return failed(problem('source.problem.google.noRows'));
  }
  for (const row of rows) {
    if (!isRecord(row)) {
      skip(losses, warnings, problem('source.problem.skip.notObject', { row: problem('source.problem.row.incident'), type: jsonTypeWords(row) }));
      continue;
    }
    const id = idText(row, 'id') ?? idText(row, 'number');
    if (id === null) {
      skip(losses, warnings, problem('source.problem.skip.badIdString', { row: problem('source.problem.row.incident'), type: jsonTypeWords(own(row, 'id')) }));
      continue;
    }
    const touched = products(row);
    for (const product of touched) if (!seenProducts.has(product.id)) seenProducts.set(product.id, { title: product.title, health: [] });
    const { open: isOpen, endedAt } = endOf(row, now, warnings);
    if (!isOpen && !endedLately(endedAt, now)) continue;
    const impact = isOpen
      ? mapWord<Impact>(IMPACT, own(row, 'status_impact'), { health: 'degraded', kind: 'incident' }, problem('source.problem.what.googleImpact'), warnings)
      : lookupQuietly(own(row, 'status_impact'));
    const updates = parseUpdates(row, warnings);
    const incident: Incident = {
      id,
      title: titleLine(text(row, 'external_desc')) ?? 'Google Workspace incident',
      kind: impact.kind,
      health: impact.health,
      status: isOpen ? 'unknown' : 'resolved',
      impact: text(row, 'status_impact'),
      startedAt: isoTime(own(row, 'begin')) ?? isoTime(own(row, 'created')),
      updatedAt: isoTime(own(row, 'modified')) ?? updates[0]?.at ?? null,
      endsAt: null,
      endedAt,
      url: incidentUrl(row),
      affects: touched.map((product) => product.id),
      updates,
    };
    if (isOpen) {
      open.push(incident);
      for (const product of touched) seenProducts.get(product.id)?.health.push(incident.health);
    } else recentlyResolved.push(incident);
  }
  const components: Component[] = [...seenProducts].map(([id, product]) => {
    const health: Health = product.health.length === 0 ? 'operational' : worstHealth(product.health);
    const component: Component = { id, name: product.title, health, status: product.health.length === 0 ? 'no open incident' : 'open incident' };
    return component;
  });
  // The list is the whole dashboard: with every row read and nothing open, Google reports no problem.
  const health = worstHealth(['operational', ...open.map((incident) => incident.health), ...(losses.lost ? ['unknown' as const] : [])]);
  return {
    ok: true,
    snapshot: { health, pageName: DASHBOARD_NAME, pageUrl: DASHBOARD_URL, components, incidents: open, upcoming: [], recentlyResolved, messages: [], warnings: warnings.list(), warningWords: warnings.phrases() },
  };
}

/** For history only: the impact word without warnings (an old closed incident is not worth one). */
function lookupQuietly(raw: unknown): Impact {
  return lookupEnum<Impact>(IMPACT, raw, { health: 'degraded', kind: 'incident' });
}
