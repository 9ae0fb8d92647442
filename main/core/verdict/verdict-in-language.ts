/**
 * A verdict said again in a person's language, from what it was made of: its headline and base
 * advice from its words context (`Verdict.words`: who fixes it, maintenance, sign-in), its
 * summary and evidence from their phrases. Nothing is read back from the English text. What a
 * verdict does not carry (one from before verdicts carried their words) stays as it was.
 */
import type { Translator } from '../i18n/translate.js';
import { verdictAdvice, verdictTitle } from '../words/advice-words.js';
import type { Verdict } from './connectivity-model.js';
import { renderPhrase } from './verdict-phrase.js';

/** The verdict with title, summary, advice and evidence in the translator's language. */
export function verdictInLanguage(verdict: Verdict, t: Translator): Verdict {
  const words = verdict.words ?? {};
  return {
    ...verdict,
    title: verdictTitle(verdict.kind, words, t),
    summary: verdict.summaryPhrase ? renderPhrase(verdict.summaryPhrase, t) : verdict.summary,
    advice: verdictAdvice(verdict.kind, words, t),
    evidence: verdict.evidence.map((e) => (e.phrase ? { ...e, text: renderPhrase(e.phrase, t) } : e)),
  };
}
