/**
 * Defensive JSON reading shared by the source parsers.
 *
 * Status bodies are untrusted: they may be truncated by a proxy, replaced by an HTML login or app
 * shell, carry fields of the wrong type, or be crafted to pollute prototypes. Everything here
 * returns data instead of throwing, and reads only own properties, so a parser built on these
 * helpers never crashes and never consults `Object.prototype`.
 */

import { failed, problem, renderPhrase, type Phrase } from './source-problem.js';

/** A parsed JSON object (never an array, never null). */
export type JsonObject = { readonly [key: string]: unknown };

/** The parsed value, or why not: `error` in English, `errorWords` the same as data. */
export type JsonParseOutcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: string; readonly errorWords: Phrase };

/**
 * Keys dropped while parsing. JSON.parse itself stores `__proto__` as a harmless own property, but
 * any later `Object.assign` or deep merge of that object would turn it (or `constructor.prototype`)
 * into prototype pollution. No status format uses these names, so dropping them costs nothing.
 */
const DANGEROUS_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

function dropDangerousKeys(key: string, value: unknown): unknown {
  return DANGEROUS_KEYS.has(key) ? undefined : value;
}

/** Strips a UTF-8 byte-order mark, which JSON.parse rejects but some servers send. */
function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * True when the body is an HTML document rather than data: a captive portal, a login page or a
 * single-page app shell served with 200 all look like this.
 */
export function looksLikeHtml(text: string): boolean {
  const start = withoutBom(text).trimStart().slice(0, 15).toLowerCase();
  return start.startsWith('<');
}

function lineAndColumn(text: string, position: number): Phrase {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(position, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return problem('source.problem.json.position', { line: String(line), column: String(end - lineStart + 1) });
}

/**
 * Explains a JSON.parse failure in words without echoing the body (it is untrusted and may be
 * huge). Truncation gets its own wording because it points at a network or proxy problem rather
 * than at the source.
 */
function describeSyntaxError(text: string, error: unknown): Phrase {
  if (error instanceof RangeError) return problem('source.problem.json.tooDeep');
  const message = error instanceof Error ? error.message : String(error);
  const match = /at position (\d+)/.exec(message);
  const position = match?.[1] === undefined ? null : Number(match[1]);
  const contentLength = text.trimEnd().length;
  const endsEarly =
    /end of JSON input|Unterminated string/i.test(message) || (position !== null && position >= contentLength);
  if (endsEarly) return problem('source.problem.json.truncated', { count: String(contentLength) });
  return position === null ? problem('source.problem.json.malformed') : problem('source.problem.json.malformedAt', { where: lineAndColumn(text, position) });
}

const DANGEROUS_KEY_HINT = /"(?:__proto__|constructor|prototype)"\s*:|\\u00(?:5[fF]|[67][0-9a-fA-F])/;

/**
 * Parses JSON without ever throwing. Empty bodies, HTML pages, truncated and malformed JSON each
 * get a readable error; `__proto__`, `constructor` and `prototype` keys are dropped at every depth.
 */
export function parseJsonSafely(text: string): JsonParseOutcome {
  const body = withoutBom(text);
  if (/^\s*$/.test(body)) return failed(problem('source.problem.empty'));
  if (looksLikeHtml(body)) return failed(problem('source.problem.json.webPage'));
  try {
    // A reviver makes JSON.parse several times slower, and nearly no real payload needs it; the
    // cheap scan decides. Keys may hide behind \u escapes, and those words are made of lowercase
    // letters and '_' only, so only escapes of those count: Statuspage escapes every '&', '<' and
    // '>' in its texts (\u0026, \u003c, \u003e), and those alone must not cost the slow path.
    const risky = DANGEROUS_KEY_HINT.test(body);
    return { ok: true, value: (risky ? JSON.parse(body, dropDangerousKeys) : JSON.parse(body)) as unknown };
  } catch (error) {
    return failed(describeSyntaxError(body, error));
  }
}

export function isRecord(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An own property, or undefined: inherited names like `toString` never leak through. */
export function own(obj: JsonObject, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

/** An own string property, or null when absent or of another type. */
export function str(obj: JsonObject, key: string): string | null {
  const value = own(obj, key);
  return typeof value === 'string' ? value : null;
}

/** Like `str`, but blank strings count as absent (Microsoft sends `"Title": ""`). */
export function text(obj: JsonObject, key: string): string | null {
  const value = str(obj, key);
  return value === null || value.trim() === '' ? null : value;
}

/**
 * An identifier: a non-blank string, or a finite number turned into its decimal string (an id
 * sent as a number is still unambiguous, and dropping the row would hide what it says). Null for
 * anything else.
 */
export function idText(obj: JsonObject, key: string): string | null {
  const value = own(obj, key);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

export function arr(obj: JsonObject, key: string): readonly unknown[] | null {
  const value = own(obj, key);
  return Array.isArray(value) ? value : null;
}

export function rec(obj: JsonObject, key: string): JsonObject | null {
  const value = own(obj, key);
  return isRecord(value) ? value : null;
}

export function bool(obj: JsonObject, key: string): boolean | null {
  const value = own(obj, key);
  return typeof value === 'boolean' ? value : null;
}

/**
 * The URL when it is an absolute http(s) URL, else null: links from a status source end up behind
 * a click, so `javascript:`, `file:` and relative junk must never get through.
 */
export function httpUrl(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  try {
    const url = new URL(raw.trim());
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * A timestamp normalised to UTC ISO-8601, or null when missing or unreadable. Sources mix offsets
 * (`-06:00`, `Z`); one form lets the rest of the app compare and sort them as strings.
 */
export function isoTime(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.trim() === '') return null;
  const ms = Date.parse(raw);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/**
 * Collects parser warnings as phrases: duplicates merge (by their English), and hostile input
 * cannot grow the list without bound. `list()` is the English the JSON output and logs read;
 * `phrases()` the same entries as data, to say them in the person's language.
 */
export interface WarningLog {
  add(message: Phrase): void;
  /** Counts one occurrence of a repeated oddity; reported once as `message (N times)`. */
  count(message: Phrase): void;
  list(): string[];
  phrases(): Phrase[];
}

const MAX_WARNINGS = 20;

export function createWarningLog(): WarningLog {
  const counts = new Map<string, { readonly words: Phrase; n: number }>();
  const entry = (message: Phrase): { readonly words: Phrase; n: number } => {
    const english = renderPhrase(message);
    const known = counts.get(english);
    if (known !== undefined) return known;
    const fresh = { words: message, n: 0 };
    counts.set(english, fresh);
    return fresh;
  };
  const phrases = (): Phrase[] => {
    const all = [...counts.values()].map(({ words, n }) => (n > 1 ? problem('source.problem.times', { message: words, count: String(n) }) : words));
    if (all.length <= MAX_WARNINGS) return all;
    return [...all.slice(0, MAX_WARNINGS), problem('source.problem.moreWarnings', { count: String(all.length - MAX_WARNINGS) })];
  };
  return {
    add: (message) => {
      const known = entry(message);
      if (known.n === 0) known.n = 1;
    },
    count: (message) => {
      entry(message).n += 1;
    },
    list: () => phrases().map((words) => renderPhrase(words)),
    phrases,
  };
}
