/**
 * The verdict's sentences as data: which catalog message (`verdict.*`) with which values, so the
 * same verdict can be said again in another language without reading the English back. The rules
 * build phrases; the verdict carries them beside its English text (`Verdict.words`), and a human
 * output renders them through the person's translator. Values are said as given: names, hosts and
 * titles quoted from a status page are never translated.
 */
import { ENGLISH, type MessageKey, type Translator } from '../i18n/translate.js';

/** A catalog key of the verdict's sentences: checked against `en.json` at compile time. */
export type VerdictKey = Extract<MessageKey, `verdict.${string}`>;

/** A value inside a phrase: verbatim text, a number (for plurals), or another phrase. */
export type PhraseValue = string | number | Phrase;

/** One sentence or clause of the verdict, in no language yet. */
export type Phrase =
  /** One catalog message with its values. */
  | { readonly key: VerdictKey; readonly values?: Readonly<Record<string, PhraseValue>> }
  /** Clauses joined with "; ", skipping none (the builder leaves the empty out). */
  | { readonly clauses: readonly Phrase[] }
  /** "A and B and C" / "A or B": the language's word between each pair; "A, B" for `comma`. */
  | { readonly list: 'and' | 'or' | 'comma'; readonly items: readonly PhraseValue[] }
  /** A clause said as a sentence: capital first letter and a full stop. */
  | { readonly sentence: Phrase };

/** A catalog phrase. */
export const say = (key: VerdictKey, values?: Readonly<Record<string, PhraseValue>>): Phrase => (values === undefined ? { key } : { key, values });

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
export const sentence = (phrase: Phrase): Phrase => ({ sentence: phrase });

function renderValue(value: PhraseValue, t: Translator): string | number {
  return typeof value === 'object' ? renderPhrase(value, t) : value;
}

/** The phrase in the translator's language; English unless one is given. Never throws. */
export function renderPhrase(phrase: Phrase, t: Translator = ENGLISH): string {
  if ('key' in phrase) {
    const values: Record<string, string | number> = {};
    for (const [name, value] of Object.entries(phrase.values ?? {})) values[name] = renderValue(value, t);
    return t.t(phrase.key, values);
  }
  if ('clauses' in phrase) return phrase.clauses.map((p) => renderPhrase(p, t)).filter((text) => text.length > 0).join('; ');
  if ('list' in phrase) {
    const items = phrase.items.map((item) => String(renderValue(item, t)));
    if (items.length === 0) return '';
    if (phrase.list === 'comma') return items.join(', ');
    const key = phrase.list === 'and' ? 'verdict.list.and' : 'verdict.list.or';
    return items.reduce((first, second) => t.t(key, { first, second }));
  }
  const text = renderPhrase(phrase.sentence, t);
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}
