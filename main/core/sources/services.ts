/**
 * From source results to the services a person recognizes (Outlook, Teams, Zoom): each service
 * reads all of a source, or only some of its components / Microsoft services.
 */
import type { ServiceDef, ServiceSourceRef } from './catalog.js';
import { rollUp, worstHealth, type Health } from '../health.js';
import type { HelpdeskMessage, Incident, SourceResult } from '../model.js';
import { ENGLISH, type Translator } from '../i18n/translate.js';
import { problem, renderPhrase, resultErrorWords, type Phrase, type PhraseValue } from './source-problem.js';

export interface ServiceIncident {
  readonly sourceId: string;
  readonly id: string;
  readonly title: string;
  readonly health: Health;
  readonly status: Incident['status'];
  readonly kind: Incident['kind'];
  readonly url: string | null;
  readonly startedAt: string | null;
  readonly updatedAt: string | null;
}

export interface ServiceStatus {
  readonly id: string;
  readonly name: string;
  readonly health: Health;
  readonly sourceIds: readonly string[];
  readonly incidents: readonly ServiceIncident[];
  /** Helpdesk messages about this service's incidents (or general ones from its org feed). */
  readonly messages: readonly HelpdeskMessage[];
  /** Why the health is what it is, when it is not simply the sources' word (English). */
  readonly notes: readonly string[];
  readonly fallback: string | null;
  /** The same notes as data, to say them in another language (`noteText`); not in the JSON output. */
  readonly noteWords?: readonly ServiceNote[];
}

/** Why a service's health is not simply its sources' word, as data. */
export type ServiceNote =
  /** The service reads a source that was not checked. */
  | { readonly kind: 'not-checked'; readonly source: string }
  /** The source cannot vouch for anything: its error or why its data is out of date (a phrase, or English kept from before phrases). */
  | { readonly kind: 'source-problem'; readonly source: string; readonly problem: PhraseValue }
  /** The source answered but names none of the service's components. */
  | { readonly kind: 'not-mentioned'; readonly source: string; readonly names: readonly string[] };

/** A service note in the translator's language; English unless one is given. */
export function noteText(note: ServiceNote, t: Translator = ENGLISH): string {
  switch (note.kind) {
    case 'not-checked':
      return t.t('service.note.notChecked', { source: note.source });
    case 'source-problem':
      return t.t('service.note.sourceProblem', { source: note.source, problem: typeof note.problem === 'object' ? renderPhrase(note.problem, t) : note.problem });
    case 'not-mentioned':
      return t.t('service.note.notMentioned', { source: note.source, names: note.names.join(', ') });
  }
}

const norm = (s: string): string => s.trim().toLowerCase();

/** Source types whose documents name a product only in its incidents (no full component list). */
const INCIDENT_LIST_TYPES: ReadonlySet<string> = new Set(['google-workspace', 'incidentio']);

interface RefView {
  readonly health: Health | null;
  readonly incidents: readonly Incident[];
  readonly note: ServiceNote | null;
}

/**
 * Why a source that was read still vouches for nothing: why its data is out of date, else its
 * first warning, in English and as data; null when it says neither.
 */
export function readProblemOf(result: Pick<SourceResult, 'lastKnown' | 'warnings' | 'words'>): { readonly text: string; readonly words: Phrase } | null {
  const lastKnown = result.lastKnown ?? null;
  if (lastKnown !== null) return { text: lastKnown.reason, words: lastKnown.reasonWords ?? problem('source.problem.verbatim', { text: lastKnown.reason }) };
  const first = result.warnings[0];
  if (first === undefined) return null;
  return { text: first, words: result.words?.warnings[0] ?? problem('source.problem.verbatim', { text: first }) };
}

/** Why a source cannot vouch for anything right now, for the service's notes; null when it can. */
function unknownReason(result: SourceResult): ServiceNote | null {
  if (result.error) return { kind: 'source-problem', source: result.name, problem: resultErrorWords(result) ?? result.error };
  if (result.health !== 'unknown') return null;
  const why = readProblemOf(result);
  return why && why.text ? { kind: 'source-problem', source: result.name, problem: why.words } : null;
}

/** Health of one source as seen through one service's filter; null health = the source says nothing about it. */
export function viewThroughRef(result: SourceResult, ref: ServiceSourceRef): RefView {
  const wanted = ref.components ?? ref.msServices;
  if (result.lastKnown) {
    // Out-of-date data concerns no service now: it stays on the source's own line, marked last known.
    return { health: 'unknown', incidents: [], note: unknownReason(result) };
  }
  if (!wanted) return { health: result.health, incidents: result.incidents, note: unknownReason(result) };
  const names = new Set(wanted.map(norm));
  const matched = result.components.filter((c) => names.has(norm(c.id)) || names.has(norm(c.name)));
  const matchedKeys = new Set(matched.flatMap((c) => [norm(c.id), norm(c.name)]));
  // Banner-style sources (Microsoft's public page) have no components: an incident there covers all.
  const banner = result.components.length === 0 && ref.msServices !== undefined && result.type === 'microsoft-public';
  const touches = (incident: Incident): boolean =>
    incident.affects.some((a) => matchedKeys.has(norm(a)) || names.has(norm(a))) ||
    // A Statuspage incident (or a Microsoft banner) that names nothing concerns the whole page.
    ((ref.components !== undefined || banner) && incident.affects.length === 0);
  const incidents = result.incidents.filter(touches);
  // A failed or stale source cannot vouch for anything, filtered or not; its incidents still go
  // only to the services they name (an Exchange incident never shows under Teams).
  if (result.health === 'unknown') return { health: 'unknown', incidents, note: unknownReason(result) };
  if (matched.length === 0 && incidents.length === 0) {
    // The banner's incidents all name other services: it reports no broad incident for this one.
    if (banner) return { health: result.incidents.length > 0 ? 'operational' : result.health, incidents: [], note: null };
    // Formats that list incidents, not components, name a product only when it has one: a source
    // that answered and names no incident of this product reports it healthy.
    if (INCIDENT_LIST_TYPES.has(result.type)) return { health: 'operational', incidents: [], note: null };
    return { health: null, incidents: [], note: { kind: 'not-mentioned', source: result.name, names: wanted } };
  }
  const health = worstHealth([...matched.map((c) => c.health), ...incidents.map((i) => i.health)]);
  return { health, incidents, note: null };
}

export function serviceStatus(def: ServiceDef, results: ReadonlyMap<string, SourceResult>): ServiceStatus {
  const parts: Health[] = [];
  const incidents: ServiceIncident[] = [];
  const messages: HelpdeskMessage[] = [];
  const notes: ServiceNote[] = [];
  for (const ref of def.sources) {
    const result = results.get(ref.source);
    if (!result) {
      parts.push('unknown');
      notes.push({ kind: 'not-checked', source: ref.source });
      continue;
    }
    const view = viewThroughRef(result, ref);
    if (view.note) notes.push(view.note);
    if (view.health !== null) parts.push(view.health);
    for (const incident of view.incidents) {
      incidents.push({
        sourceId: result.id,
        id: incident.id,
        title: incident.title,
        health: incident.health,
        status: incident.status,
        kind: incident.kind,
        url: incident.url,
        startedAt: incident.startedAt,
        updatedAt: incident.updatedAt,
      });
    }
    const ids = new Set(view.incidents.map((i) => i.id));
    messages.push(...result.messages.filter((m) => m.incidentId === null || ids.has(m.incidentId)));
  }
  return {
    id: def.id,
    name: def.name,
    health: parts.length === 0 ? 'unknown' : rollUp(parts),
    sourceIds: def.sources.map((r) => r.source),
    incidents,
    messages,
    notes: notes.map((note) => noteText(note)),
    fallback: def.fallback,
    noteWords: notes,
  };
}
