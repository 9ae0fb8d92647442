/**
 * The report's first line: what a ticket system groups by. During an outage hundreds of tickets
 * arrive about the same thing; when each starts with the same line (service, verdict, incident,
 * knowledge-base entry), the helpdesk merges them at a glance or with one rule. So the line holds
 * only facts that are the same for everyone hit by the same problem: no time, no person, no machine.
 */
import { displayLine } from '../words/display-text.js';

export interface SummaryFields {
  /** The service the report is about (`outlook`); null when none was picked or concerned. */
  readonly service: string | null;
  readonly verdictKind: string;
  /** Incident ids the report is about, most relevant first. */
  readonly incidentIds: readonly string[];
  /** The matched knowledge-base entry id, or null. */
  readonly knowledgeBase: string | null;
}

/** Incident ids named in full before "+N more": a subject line has room for a few. */
const MAX_IDS = 3;

/** A field as one short token: safe to display, no separator of ours inside it. */
function token(text: string, max = 60): string {
  return displayLine(text, max).replace(/·/g, '-') || 'none';
}

/**
 * "Outage Radar · service outlook · verdict provider-incident · incident EX1224375 · kb none":
 * fixed order, fixed words, so equal problems give equal lines.
 */
export function reportSummary(fields: SummaryFields): string {
  const ids = [...new Set(fields.incidentIds.map((id) => token(id, 40)))];
  const shown = ids.slice(0, MAX_IDS).join(', ');
  const incidents = ids.length === 0 ? 'none' : ids.length > MAX_IDS ? `${shown} +${ids.length - MAX_IDS} more` : shown;
  return [
    'Outage Radar',
    `service ${fields.service === null ? 'none' : token(fields.service)}`,
    `verdict ${token(fields.verdictKind)}`,
    `incident ${incidents}`,
    `kb ${fields.knowledgeBase === null ? 'none' : token(fields.knowledgeBase)}`,
  ].join(' · ');
}
