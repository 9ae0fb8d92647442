/**
 * Small rules the status adapters share (Slack, Google Workspace, status.io, incident.io,
 * Instatus, RSS/Atom): how many rows a body may make us read, when an ended incident still
 * counts as recently resolved, and how a title is cut out of a longer text.
 */
import { RECENTLY_RESOLVED_MS } from '../advice/phases.js';
import type { WarningLog } from './json-safe.js';
import { problem, type PhraseValue } from './source-problem.js';
import type { Losses } from './statuspage-words.js';

/**
 * At most this many rows (incidents, entries, components) are read from one body. Real pages
 * list tens; a body with more is broken or hostile, and reading all of it would only cost time.
 */
export const MAX_ROWS = 500;

/**
 * The first `max` rows; a longer list is cut (`what` names the rows: a `source.problem.rows.*`
 * phrase, or the document's own key verbatim), reported, and counted as a loss, because a row we
 * did not read may be the one open outage.
 */
export function capRows<T>(rows: readonly T[], what: PhraseValue, warnings: WarningLog, losses: Losses, max = MAX_ROWS): readonly T[] {
  if (rows.length <= max) return rows;
  losses.lost = true;
  warnings.add(problem('source.problem.rowsCut', { max: String(max), count: String(rows.length), what }));
  return rows.slice(0, max);
}

/** Whether something that ended at `endedAt` did so within the 24 hours before `now`. */
export function endedLately(endedAt: string | null, now: number): boolean {
  if (endedAt === null) return false;
  const ended = Date.parse(endedAt);
  return Number.isFinite(ended) && ended <= now && now - ended <= RECENTLY_RESOLVED_MS;
}

/** Longest title kept: a title is a line in a menu, and untrusted text must not flood it. */
const MAX_TITLE = 200;

/**
 * A one-line title from a longer text: Markdown emphasis stripped, a leading "Title:" label line
 * skipped (Google writes `**Title:**\n…`), cut at 200 characters. Null when nothing is left.
 */
export function titleLine(raw: string | null): string | null {
  if (raw === null) return null;
  const lines = raw
    .split(/\r?\n/)
    .map((line) => line.replace(/[*_#`]+/g, '').trim())
    .filter((line) => line !== '' && !/^(title|summary|description):$/i.test(line));
  const first = lines[0];
  if (first === undefined) return null;
  const line = first.replace(/^(title|summary):\s*/i, '');
  return line.length > MAX_TITLE ? `${line.slice(0, MAX_TITLE - 1)}…` : line;
}
