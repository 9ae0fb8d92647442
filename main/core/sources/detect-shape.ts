/**
 * What one HTTP answer is, for "add a status page by its URL": a status document of a format we
 * read, a web page (with the feeds it links, whether it asks for a password, and which status
 * vendor it looks built by), or something else, said in words. Decided by the payload's SHAPE and
 * confirmed by the format's own parser and content-type rule, never by a 200 alone: many sites
 * answer 200 with the same HTML for every path. Pure; detect-source.ts does the fetching.
 */
import { Parser } from 'htmlparser2';
import type { SourceSnapshot, SourceType } from '../model.js';
import { arr, isRecord, own, parseJsonSafely, rec, type JsonObject } from './json-safe.js';
import { contentTypeProblem, parseSourceBody } from './source-fetch.js';

/** The types add-by-URL can recognise (the Microsoft and org feeds are configured, not discovered). */
export type DetectableType = Extract<SourceType, 'statuspage' | 'statusio' | 'rss' | 'slack' | 'google-workspace' | 'incidentio' | 'instatus'>;

/** A web page as detection reads it. */
export interface HtmlPage {
  /** The first `<title>`, whitespace collapsed; null when absent or blank. */
  readonly title: string | null;
  /** Absolute URLs of `<link rel="alternate">` RSS/Atom feeds, in document order (any host: the caller filters). */
  readonly feeds: readonly string[];
  /** A password field: a login page, never a status page. */
  readonly hasPasswordField: boolean;
  /** Status vendors whose fingerprints the page carries, most telling first. */
  readonly vendors: readonly ('statuspage' | 'incidentio' | 'instatus')[];
}

export type Reading =
  | { readonly kind: 'source'; readonly type: DetectableType; readonly snapshot: SourceSnapshot }
  | { readonly kind: 'html'; readonly page: HtmlPage }
  /** Anything else; `found` says what it was, to finish "… is not a status page: it is …". */
  | { readonly kind: 'other'; readonly found: string };

const FEED_TYPES: ReadonlySet<string> = new Set(['application/rss+xml', 'application/atom+xml']);

/** Substrings (lower case) that give away a page built by a status vendor; they only order the API probes. */
const VENDOR_MARKS: readonly { readonly vendor: HtmlPage['vendors'][number]; readonly marks: readonly string[] }[] = [
  { vendor: 'statuspage', marks: ['statuspage.io', 'stspg-customer', 'dka575ofm4ao0.cloudfront.net', 'atlassian statuspage'] },
  { vendor: 'incidentio', marks: ['incident.io', 'incidentio'] },
  { vendor: 'instatus', marks: ['instatus.com', 'instatus'] },
];

/** How far into a page we look for vendor marks: they sit in the head and the footer of small pages. */
const MARK_SCAN_CHARS = 1024 * 1024;

/** Reads a web page: its title, its feed links (resolved against `pageUrl`), a password field, vendor marks. */
export function readHtmlPage(html: string, pageUrl: string): HtmlPage {
  const feeds: string[] = [];
  let title: string | null = null;
  let titleText: string | null = null;
  let hasPasswordField = false;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'title' && title === null && titleText === null) titleText = '';
        else if (name === 'link') {
          const rel = (attributes['rel'] ?? '').toLowerCase().split(/\s+/);
          const type = (attributes['type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
          const href = attributes['href']?.trim() ?? '';
          if (rel.includes('alternate') && FEED_TYPES.has(type) && href !== '') {
            const resolved = resolveUrl(href, pageUrl);
            if (resolved !== null && !feeds.includes(resolved)) feeds.push(resolved);
          }
        } else if (name === 'input' && (attributes['type'] ?? '').trim().toLowerCase() === 'password') hasPasswordField = true;
      },
      ontext(text) {
        if (titleText !== null) titleText += text;
      },
      onclosetag(name) {
        if (name === 'title' && titleText !== null) {
          title = collapse(titleText);
          titleText = null;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  const lower = html.slice(0, MARK_SCAN_CHARS).toLowerCase();
  const vendors = VENDOR_MARKS.filter(({ marks }) => marks.some((mark) => lower.includes(mark))).map(({ vendor }) => vendor);
  return { title, feeds, hasPasswordField, vendors };
}

function resolveUrl(href: string, base: string): string | null {
  try {
    const url = new URL(href, base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

function collapse(text: string): string | null {
  const out = text.replace(/\s+/g, ' ').trim();
  return out === '' ? null : out;
}

const INSTATUS_WORD = /^[A-Z]+$/;

/**
 * Which JSON status format a document has the shape of, by the keys only its format uses; null
 * for JSON that is no status document we read. The parser still has to accept it (see
 * {@link readResponse}): the shape only says which parser to ask.
 */
export function jsonShape(doc: unknown): DetectableType | null {
  if (Array.isArray(doc)) return arrayShape(doc);
  if (!isRecord(doc)) return null;
  const result = rec(doc, 'result');
  if (result !== null && (rec(result, 'status_overall') !== null || arr(result, 'status') !== null)) return 'statusio';
  if (arr(doc, 'ongoing_incidents') !== null || arr(doc, 'in_progress_maintenances') !== null) return 'incidentio';
  if (typeof own(doc, 'status') === 'string' && arr(doc, 'active_incidents') !== null) return 'slack';
  const page = rec(doc, 'page');
  if (page !== null) {
    // Instatus says the page's state in `page.status`; Statuspage in a top-level `status` object.
    if (typeof own(page, 'status') === 'string' && rec(doc, 'status') === null) return 'instatus';
    const statuspageParts = rec(doc, 'status') !== null || ['components', 'incidents', 'scheduled_maintenances'].some((key) => arr(doc, key) !== null);
    return statuspageParts ? 'statuspage' : null;
  }
  const components = arr(doc, 'components');
  if (components !== null && components.length > 0 && components.every((row) => isRecord(row) && isInstatusComponent(row))) return 'instatus';
  return null;
}

function arrayShape(rows: readonly unknown[]): DetectableType | null {
  const records = rows.filter(isRecord);
  if (records.length === 0) return null;
  if (records.some((row) => own(row, 'begin') !== undefined && (own(row, 'affected_products') !== undefined || own(row, 'status_impact') !== undefined))) return 'google-workspace';
  if (records.every((row) => own(row, 'date_created') !== undefined && (arr(row, 'notes') !== null || arr(row, 'services') !== null))) return 'slack';
  if (records.every(isInstatusComponent)) return 'instatus';
  return null;
}

function isInstatusComponent(row: JsonObject): boolean {
  const status = own(row, 'status');
  return own(row, 'id') !== undefined && typeof own(row, 'name') === 'string' && typeof status === 'string' && INSTATUS_WORD.test(status);
}

const HTML_START = /^\s*(<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])/i;

/**
 * What one answer is. A status document counts only when its shape names a format, that
 * format's parser reads it, and its content type is one the poller accepts (a source that
 * detection found but every poll would refuse is no find). `pageUrl` resolves a web page's links.
 */
export function readResponse(contentType: string, body: string, now: number, pageUrl: string): Reading {
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  const text = body.charCodeAt(0) === 0xfeff ? body.slice(1) : body;
  if (text.trim() === '') return { kind: 'other', found: `an empty answer (${mediaType || 'no content type'})` };
  const startsWithTag = text.trimStart().startsWith('<');
  // JSON labelled text/html is still read as JSON, so that the content-type rule can say why it fails.
  const isHtml = HTML_START.test(text.slice(0, 200)) || (startsWithTag && (mediaType === 'text/html' || mediaType === 'application/xhtml+xml'));
  if (isHtml) return { kind: 'html', page: readHtmlPage(text, pageUrl) };
  if (startsWithTag) {
    const parsed = parseSourceBody('rss', text, now);
    if (!parsed.ok) return { kind: 'other', found: `XML that is not an RSS or Atom feed we can read (${parsed.error})` };
    return accepted('rss', mediaType, text, parsed.snapshot);
  }
  const json = parseJsonSafely(text);
  if (!json.ok) return { kind: 'other', found: `a ${mediaType || 'response without a content type'} that is neither a status API, a feed nor a web page` };
  const shape = jsonShape(json.value);
  if (shape === null) return { kind: 'other', found: 'JSON that is not a status API (no Statuspage, status.io, incident.io, Instatus, Slack or Google status document)' };
  const parsed = parseSourceBody(shape, text, now);
  if (!parsed.ok) return { kind: 'other', found: `JSON that looks like ${TYPE_LABELS[shape]} but cannot be read: ${parsed.error}` };
  return accepted(shape, mediaType, text, parsed.snapshot);
}

function accepted(type: DetectableType, mediaType: string, body: string, snapshot: SourceSnapshot): Reading {
  const problem = contentTypeProblem(mediaType, body, type);
  if (problem !== null) return { kind: 'other', found: `${TYPE_LABELS[type]}, but served in a way the app would refuse on every poll: ${problem}` };
  return { kind: 'source', type, snapshot };
}

/** Each type as a person reads it, for messages. */
export const TYPE_LABELS: Readonly<Record<DetectableType, string>> = {
  statuspage: 'a Statuspage page',
  statusio: 'a status.io page',
  rss: 'an RSS or Atom feed',
  slack: "Slack's status API",
  'google-workspace': "a Google status dashboard's incidents.json",
  incidentio: 'an incident.io status page',
  instatus: 'an Instatus page',
};

/** The longest name a detected source gets (the config schema allows 120). */
const MAX_NAME_CHARS = 80;

/** Control, zero-width and bidi-override characters: never part of a name a person should see. */
const UNSEEN = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/** A page's own name, cleaned for a config file and a label: one line, no hidden characters, capped. */
export function cleanName(raw: string | null): string | null {
  if (raw === null) return null;
  const text = raw.normalize('NFC').replace(UNSEEN, ' ').replace(/\s+/g, ' ').trim();
  if (text === '') return null;
  return text.length > MAX_NAME_CHARS ? `${text.slice(0, MAX_NAME_CHARS - 1).trimEnd()}…` : text;
}

/** The config schema's `$defs/id`: what a detected id must always match. */
export const ID_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;

function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 64)
    .replace(/-+$/, '');
}

/**
 * An id for the config: a slug of the page's name ("GitHub" → `github`), else of its host
 * without `www.`/`status.` (`status.example.com` → `example-com`), else `status-page`. Always
 * matches {@link ID_PATTERN}.
 */
export function sourceIdFor(name: string | null, url: string): string {
  const fromName = name === null ? '' : slug(name);
  if (ID_PATTERN.test(fromName)) return fromName;
  let host = '';
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, '').replace(/^(www|status)\./, '');
  } catch {
    // An unreadable URL has no host to name it by.
  }
  const fromHost = slug(host);
  return ID_PATTERN.test(fromHost) ? fromHost : 'status-page';
}
