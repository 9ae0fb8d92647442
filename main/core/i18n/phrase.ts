/**
 * Words as data: which catalog message with which values, so that one decision (a verdict, a
 * settings problem, a policy error) can be said in any language without reading the English back.
 * Core code builds phrases; the edge that knows the person renders them (`renderPhrase(p, t)`),
 * and whatever machines read renders them in English. Values are said as given: names, hosts,
 * keys and text quoted from a status page are never translated.
 */
import { ENGLISH, type MessageKey, type Translator } from './translate.js';

/** A value inside a phrase: verbatim text, a number (for plurals), or another phrase. */
export type PhraseValue = string | number | Phrase;

/** One sentence or clause, in no language yet. */
export type Phrase =
  /** One catalog message with its values. */
  | { readonly key: MessageKey; readonly values?: Readonly<Record<string, PhraseValue>> }
  /** Clauses joined with "; ", skipping none (the builder leaves the empty out). */
  | { readonly clauses: readonly Phrase[] }
  /** "A and B and C" / "A or B": the language's word between each pair; "A, B" for `comma`. */
  | { readonly list: 'and' | 'or' | 'comma'; readonly items: readonly PhraseValue[] }
  /** A clause said as a sentence: capital first letter and a full stop. */
  | { readonly sentence: Phrase };

/** A catalog phrase. */
export const phrase = (key: MessageKey, values?: Readonly<Record<string, PhraseValue>>): Phrase => (values === undefined ? { key } : { key, values });

/** Clauses joined with "; ", skipping the absent. */
export function clauses(...parts: (Phrase | null | undefined | false)[]): Phrase {
  return { clauses: parts.filter((p): p is Phrase => typeof p === 'object' && p !== null) };
}

/** "A and B and C". */
export const andList = (items: readonly PhraseValue[]): Phrase => ({ list: 'and', items });
/** "A, B, C". */
export const commaList = (items: readonly PhraseValue[]): Phrase => ({ list: 'comma', items });
/** "A or B or C". */
export const orList = (items: readonly PhraseValue[]): Phrase => ({ list: 'or', items });

/** The phrase as a sentence: capital first letter, full stop. */
export const sentence = (inner: Phrase): Phrase => ({ sentence: inner });

function renderValue(value: PhraseValue, t: Translator): string | number {
  return typeof value === 'object' ? renderPhrase(value, t) : value;
}

/** The phrase in the translator's language; English unless one is given. Never throws. */
export function renderPhrase(said: Phrase, t: Translator = ENGLISH): string {
  if ('key' in said) {
    const values: Record<string, string | number> = {};
    for (const [name, value] of Object.entries(said.values ?? {})) values[name] = renderValue(value, t);
    return t.t(said.key, values);
  }
  if ('clauses' in said) return said.clauses.map((p) => renderPhrase(p, t)).filter((text) => text.length > 0).join('; ');
  if ('list' in said) {
    const items = said.items.map((item) => String(renderValue(item, t)));
    if (items.length === 0) return '';
    if (said.list === 'comma') return items.join(', ');
    const key = said.list === 'and' ? 'verdict.list.and' : 'verdict.list.or';
    return items.reduce((first, second) => t.t(key, { first, second }));
  }
  const text = renderPhrase(said.sentence, t);
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}
