/**
 * RSS 2.0 and Atom status feeds: Statuspage's `history.rss` / `history.atom` and generic ones.
 * Reference: shared/reference/sources.md §4.
 *
 * A feed is history. It tells the present only where an entry shows an unresolved incident:
 * Statuspage writes each entry's updates newest first, the newest headed by a word in `<strong>`
 * (Investigating, Identified, Update, Monitoring, Resolved, Postmortem; Scheduled, In progress,
 * Verifying, Completed for maintenance); incident.io writes `<b>Status: …</b>`. An open one is a
 * confirmed problem. Nothing open proves nothing (a quiet feed and a dead one look alike), so a
 * feed's health is never operational: unknown, unless an open entry confirms a problem.
 *
 * XML is read with htmlparser2 in XML mode, which never expands entities declared in a DTD and
 * never fetches external ones, so entity-expansion ("billion laughs") and external-entity (XXE)
 * payloads stay inert; a document that declares entities is refused outright all the same,
 * because no status feed needs them.
 */
import { failed, problem } from './source-problem.js';
import { DomUtils, parseDocument } from 'htmlparser2';
import { worstHealth, type Health } from '../health.js';
import type { Incident, IncidentStatus, ParseOutcome } from '../model.js';
import { createWarningLog, httpUrl, isoTime, looksLikeHtml, type WarningLog } from './json-safe.js';
import { endedLately, MAX_ROWS, titleLine } from './source-rows.js';

type Node = ReturnType<typeof parseDocument>['children'][number];
/** htmlparser2's element type, named through its own API (domhandler is not a direct dependency). */
type ElementNode = Parameters<typeof DomUtils.getAttributeValue>[0];

type Phase = 'open' | 'active-maintenance' | 'upcoming' | 'over';
interface Word {
  readonly phase: Phase;
  readonly status: IncidentStatus;
  readonly kind: Incident['kind'];
}

/** The status words of Statuspage and incident.io entries, lower case. */
const WORDS: Readonly<Record<string, Word>> = {
  investigating: { phase: 'open', status: 'investigating', kind: 'incident' },
  identified: { phase: 'open', status: 'identified', kind: 'incident' },
  update: { phase: 'open', status: 'unknown', kind: 'incident' },
  monitoring: { phase: 'open', status: 'monitoring', kind: 'incident' },
  'degraded performance': { phase: 'open', status: 'unknown', kind: 'incident' },
  'partial outage': { phase: 'open', status: 'unknown', kind: 'incident' },
  'full outage': { phase: 'open', status: 'unknown', kind: 'incident' },
  resolved: { phase: 'over', status: 'resolved', kind: 'incident' },
  postmortem: { phase: 'over', status: 'postmortem', kind: 'incident' },
  scheduled: { phase: 'upcoming', status: 'scheduled', kind: 'maintenance' },
  'in progress': { phase: 'active-maintenance', status: 'in-progress', kind: 'maintenance' },
  verifying: { phase: 'active-maintenance', status: 'verifying', kind: 'maintenance' },
  completed: { phase: 'over', status: 'completed', kind: 'maintenance' },
};

/** Health of an open entry by its word; a feed has no impact field, so an open incident is degraded. */
function openHealth(word: string): Health {
  return word === 'full outage' || word === 'partial outage' ? 'outage' : 'degraded';
}

const isElement = (node: Node): node is ElementNode => DomUtils.isTag(node);

function children(node: { children: Node[] }, name: string): ElementNode[] {
  return node.children.filter((child): child is ElementNode => isElement(child) && child.name.toLowerCase() === name);
}

function firstText(node: ElementNode, ...names: string[]): string | null {
  for (const name of names) {
    const element = children(node, name)[0];
    if (element === undefined) continue;
    const value = DomUtils.textContent(element).trim();
    if (value !== '') return value;
  }
  return null;
}

/** Atom links: the `alternate` one (or one without `rel`); RSS links are text. */
function linkOf(node: ElementNode): string | null {
  const links = children(node, 'link');
  const alternate = links.find((link) => (link.attribs['rel'] ?? 'alternate') === 'alternate' && link.attribs['href'] !== undefined);
  if (alternate !== undefined) return httpUrl(alternate.attribs['href']);
  const first = links[0];
  return first === undefined ? null : httpUrl(DomUtils.textContent(first));
}

/**
 * The newest status word of an entry's HTML: the first `<strong>` (or `<b>`) in it, without a
 * "Status:" label. Null when the entry has none: a generic feed.
 */
function newestWord(html: string): string | null {
  if (!/<(strong|b)[\s>]/i.test(html)) return null;
  const doc = parseDocument(html.length > 100_000 ? html.slice(0, 100_000) : html);
  const first = DomUtils.findOne((el) => el.name === 'strong' || el.name === 'b', doc.children, true);
  if (first === null) return null;
  const word = DomUtils.textContent(first).replace(/^\s*status\s*:\s*/i, '').trim().toLowerCase().replace(/\s+/g, ' ');
  return word === '' ? null : word.slice(0, 60);
}

interface Entry {
  readonly id: string;
  readonly title: string;
  readonly url: string | null;
  readonly startedAt: string | null;
  readonly updatedAt: string | null;
  readonly html: string;
}

function entryOf(node: ElementNode, atom: boolean): Entry | null {
  const title = titleLine(firstText(node, 'title')) ?? 'Untitled entry';
  const url = linkOf(node);
  const updatedAt = isoTime(atom ? firstText(node, 'updated', 'published') : firstText(node, 'pubdate', 'dc:date'));
  const id = firstText(node, atom ? 'id' : 'guid') ?? url ?? (updatedAt === null ? null : `${title}@${updatedAt}`);
  if (id === null) return null;
  return {
    id: id.slice(0, 300),
    title,
    url,
    startedAt: atom ? isoTime(firstText(node, 'published')) : null,
    updatedAt,
    html: firstText(node, ...(atom ? ['content', 'summary'] : ['description', 'content:encoded'])) ?? '',
  };
}

/** The feed element: `<rss><channel>`, Atom `<feed>`, or RSS 1.0 `<rdf:RDF>` (items beside the channel). */
function feedRoot(docChildren: Node[]): { container: ElementNode; items: ElementNode[]; atom: boolean; head: ElementNode } | null {
  const root = docChildren.find(isElement);
  if (root === undefined) return null;
  const name = root.name.toLowerCase();
  if (name === 'feed') return { container: root, items: children(root, 'entry'), atom: true, head: root };
  if (name === 'rss') {
    const channel = children(root, 'channel')[0];
    return channel === undefined ? null : { container: channel, items: children(channel, 'item'), atom: false, head: channel };
  }
  if (name === 'rdf:rdf') {
    const channel = children(root, 'channel')[0] ?? root;
    return { container: root, items: children(root, 'item'), atom: false, head: channel };
  }
  return null;
}

/** True when the document declares entities or a DTD subset: no status feed does, attacks do. */
function declaresEntities(docChildren: Node[]): boolean {
  return docChildren.some(
    (node) =>
      node.type === 'directive' &&
      (/^!entity\b/i.test(node.data) || (/^!doctype[^>]*(\[|<!entity|\bsystem\b|\bpublic\b)/i.test(node.data) && !/\bDTD RSS 0\.91\b/.test(node.data))),
  );
}

function toIncident(entry: Entry, word: string | null, meaning: Word | null): Incident {
  const phase = meaning?.phase ?? 'over';
  const health: Health = phase === 'open' ? openHealth(word ?? '') : meaning?.kind === 'maintenance' ? 'maintenance' : 'degraded';
  return {
    id: entry.id,
    title: entry.title,
    kind: meaning?.kind ?? 'incident',
    health,
    status: meaning?.status ?? 'unknown',
    impact: null,
    startedAt: entry.startedAt,
    updatedAt: entry.updatedAt,
    endsAt: null,
    // Only an entry whose newest word says it is over has ended, at its last update.
    endedAt: meaning !== null && phase === 'over' ? entry.updatedAt : null,
    url: entry.url,
    affects: [],
    updates: entry.html === '' ? [] : [{ id: null, status: meaning?.status ?? 'unknown', at: entry.updatedAt, body: { format: 'html', content: entry.html } }],
  };
}

function readEntries(items: readonly ElementNode[], atom: boolean, now: number, warnings: WarningLog) {
  const open: Incident[] = [];
  const upcoming: Incident[] = [];
  const recentlyResolved: Incident[] = [];
  const seen = new Set<string>();
  let stateless = 0;
  for (const item of items.slice(0, MAX_ROWS)) {
    const entry = entryOf(item, atom);
    if (entry === null) {
      warnings.count(problem('source.problem.feed.entryWithoutId'));
      continue;
    }
    if (seen.has(entry.id)) continue;
    seen.add(entry.id);
    const word = newestWord(entry.html);
    const meaning = word === null ? null : (WORDS[word] ?? null);
    if (word === null) stateless++;
    else if (meaning === null) warnings.count(problem('source.problem.feed.unknownWord', { word: JSON.stringify(word) }));
    const incident = toIncident(entry, word, meaning);
    const phase = meaning?.phase ?? 'over';
    if (phase === 'open' || phase === 'active-maintenance') open.push(incident);
    else if (phase === 'upcoming') upcoming.push(incident);
    // History: only what changed in the last 24 hours is kept, as the other sources do.
    else if (endedLately(entry.updatedAt, now)) recentlyResolved.push(incident);
  }
  if (items.length > MAX_ROWS) warnings.add(problem('source.problem.feed.cut', { max: String(MAX_ROWS), count: String(items.length) }));
  return { open, upcoming, recentlyResolved, stateless };
}

/**
 * Parses an RSS 2.0, RSS 1.0 or Atom feed into history plus, where entries show an unresolved
 * incident, a current signal. Never throws; health is never operational.
 */
export function parseRssFeed(body: string, now: number): ParseOutcome {
  const text = body.charCodeAt(0) === 0xfeff ? body.slice(1) : body;
  if (text.trim() === '') return failed(problem('source.problem.empty'));
  if (!text.trimStart().startsWith('<')) return failed(problem('source.problem.feed.notXml'));
  try {
    const doc = parseDocument(text, { xmlMode: true });
    if (declaresEntities(doc.children)) return failed(problem('source.problem.feed.entities'));
    const feed = feedRoot(doc.children);
    if (feed === null) {
      return failed(problem(looksLikeHtml(text) && /<html[\s>]/i.test(text.slice(0, 2000)) ? 'source.problem.feed.webPage' : 'source.problem.feed.noRoot'));
    }
    const warnings = createWarningLog();
    const entries = readEntries(feed.items, feed.atom, now, warnings);
    if (feed.items.length === 0) warnings.add(problem('source.problem.feed.noEntries'));
    warnings.add(
      problem(entries.open.length === 0 ? 'source.problem.feed.historyNothingOpen' : 'source.problem.feed.historyOpen'),
    );
    if (entries.stateless > 0) warnings.add(problem('source.problem.feed.stateless', { count: String(entries.stateless) }));
    // Only a confirmed problem comes out of a feed; "nothing open" proves nothing.
    const health = worstHealth([...entries.open.map((incident) => incident.health), 'unknown']);
    return {
      ok: true,
      snapshot: {
        health,
        pageName: titleLine(firstText(feed.head, 'title')),
        pageUrl: linkOf(feed.head),
        components: [],
        incidents: entries.open,
        upcoming: entries.upcoming,
        recentlyResolved: entries.recentlyResolved,
        messages: [],
        warnings: warnings.list(),
        warningWords: warnings.phrases(),
      },
    };
  } catch (error) {
    // Deeply nested hostile markup can exhaust the stack of the tree walkers.
    return failed(problem(error instanceof RangeError ? 'source.problem.feed.tooDeep' : 'source.problem.feed.unreadable'));
  }
}
