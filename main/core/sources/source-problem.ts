/**
 * What our code says about a status source (it failed, it is partial, a word was unknown), as
 * data (`../i18n/phrase.ts`): the parsers and the fetch build phrases from `source.problem.*`
 * messages, the English text that JSON output and logs read is rendered from them, and a human
 * output says them again in the person's language. Values quoted from the document (unknown
 * words, ids, paths, media types) and technical codes (ECONNREFUSED, HTTP 503) stay verbatim.
 */
import { phrase, renderPhrase, type Phrase, type PhraseValue } from '../i18n/phrase.js';
import { catalogOf, type MessageKey, type Translator } from '../i18n/translate.js';
import type { SourceResult, SourceWords } from '../model.js';

export { clauses, renderPhrase, type Phrase, type PhraseValue } from '../i18n/phrase.js';

/** A catalog key of the sources' problems: checked against `en.json` at compile time. */
type SourceProblemKey = Extract<MessageKey, `source.problem.${string}`>;

/** A source problem phrase: only `source.problem.*` messages. */
export const problem = (key: SourceProblemKey, values?: Readonly<Record<string, PhraseValue>>): Phrase => phrase(key, values);

/** A failed parse: the English error the JSON output reads, and the same as data. */
export function failed(words: Phrase): { readonly ok: false; readonly error: string; readonly errorWords: Phrase } {
  return { ok: false, error: renderPhrase(words), errorWords: words };
}

/** How a JSON value's type reads in a problem: "null", "an array", "a string" …. */
export function jsonTypeWords(value: unknown): string | Phrase {
  if (value === null) return 'null';
  if (Array.isArray(value)) return problem('source.problem.type.array');
  switch (typeof value) {
    case 'object':
      return problem('source.problem.type.object');
    case 'undefined':
      return problem('source.problem.type.nothing');
    case 'string':
      return problem('source.problem.type.string');
    case 'number':
      return problem('source.problem.type.number');
    case 'boolean':
      return problem('source.problem.type.boolean');
    default:
      // Not a JSON value (bigint, symbol, function): cannot come from a parsed body; said as JavaScript names it.
      return `a ${typeof value}`;
  }
}

/** An unexpected value quoted in a problem: JSON, cut to 60 characters (the document's own word). */
export function quoted(raw: string, max = 60): string {
  return JSON.stringify(raw.length > max ? `${raw.slice(0, max)}…` : raw);
}

/** Why a result's last attempt failed, as data (its English said as is when it carries no words); null when it did not. */
export function resultErrorWords(result: Pick<SourceResult, 'error' | 'words'>): Phrase | null {
  if (result.error === null) return null;
  return result.words?.error ?? problem('source.problem.verbatim', { text: result.error });
}

const MAX_PHRASE_DEPTH = 12;

const hasMessage = (key: string): boolean => Object.hasOwn(catalogOf('en'), key);

/**
 * Whether a value read back from a file (the app's state cache) is a phrase we can say: a known
 * catalog key, verbatim values, and nesting no deeper than our builders make. Saying an unknown
 * key would print the key itself; this keeps such words from reaching a person.
 */
export function isPhrase(value: unknown, depth = 0): value is Phrase {
  if (depth > MAX_PHRASE_DEPTH || typeof value !== 'object' || value === null) return false;
  const said = value as Record<string, unknown>;
  const isValue = (v: unknown): boolean => typeof v === 'string' || typeof v === 'number' || isPhrase(v, depth + 1);
  if (typeof said['key'] === 'string') {
    const values = said['values'];
    if (!hasMessage(said['key'])) return false;
    return values === undefined || (typeof values === 'object' && values !== null && !Array.isArray(values) && Object.values(values).every(isValue));
  }
  if (Array.isArray(said['clauses'])) return said['clauses'].every((p) => isPhrase(p, depth + 1));
  if (said['list'] === 'and' || said['list'] === 'or' || said['list'] === 'comma') return Array.isArray(said['items']) && said['items'].every(isValue);
  return 'sentence' in said && isPhrase(said['sentence'], depth + 1);
}

/**
 * A source with its error, warnings and last-known reason said in the translator's language from
 * their words (`SourceResult.words`); as it was when it carries none, or words that do not match
 * its English entry for entry (a state cache written by another version).
 */
export function sourceInLanguage(source: SourceResult, t: Translator): SourceResult {
  const words = source.words;
  const lastKnown = source.lastKnown ?? null;
  const reason = lastKnown?.reasonWords !== undefined && isPhrase(lastKnown.reasonWords) ? { ...lastKnown, reason: renderPhrase(lastKnown.reasonWords, t) } : lastKnown;
  if (words === undefined || !sayable(source, words)) return reason === lastKnown ? source : { ...source, lastKnown: reason };
  return {
    ...source,
    error: words.error === null ? source.error : renderPhrase(words.error, t),
    warnings: words.warnings.map((warning) => renderPhrase(warning, t)),
    lastKnown: reason,
  };
}

/** Whether a source's words say its English entry for entry (they may come from a state cache file). */
function sayable(source: SourceResult, words: SourceWords): boolean {
  const warnings: unknown = words.warnings;
  if (!Array.isArray(warnings) || warnings.length !== source.warnings.length || !warnings.every(isPhrase)) return false;
  return words.error === null ? source.error === null : source.error !== null && isPhrase(words.error);
}
