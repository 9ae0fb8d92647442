/**
 * The verdict's sentences as data (`../i18n/phrase.ts`): the rules build phrases from `verdict.*`
 * messages only; the verdict carries them beside its English text (`Verdict.words`), and a human
 * output renders them through the person's translator.
 */
import type { MessageKey } from '../i18n/translate.js';
import { phrase, type Phrase, type PhraseValue } from '../i18n/phrase.js';

export { andList, clauses, commaList, orList, renderPhrase, sentence, type Phrase, type PhraseValue } from '../i18n/phrase.js';

/** A catalog key of the verdict's sentences: checked against `en.json` at compile time. */
export type VerdictKey = Extract<MessageKey, `verdict.${string}`>;

/** A verdict phrase: only `verdict.*` messages. */
export const say = (key: VerdictKey, values?: Readonly<Record<string, PhraseValue>>): Phrase => phrase(key, values);
