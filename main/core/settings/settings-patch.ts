/**
 * A change from the window: checked with the one validator and applied only if all of it is
 * good, so the window can show every problem next to its field. Groups (`notifications`,
 * `quietHours`) may be given in part. A key set by policy (`locked`) cannot be changed ("Managed
 * by your organization"); sending its current value is fine.
 *
 * Problems stay words as data (`SettingProblem.words`) until the shell says them in the person's
 * language (`sayProblem`), so the window gets both what is wrong (a catalog key) and the sentence.
 */
import { isRecord } from '../sources/json-safe.js';
import { checkConfigMeaning, type MeaningContext } from './config-meaning.js';
import type { SettingKey, Settings, SettingsProblem } from '../contract.js';
import { resolveSettings, mergeLayers } from './settings-layers.js';
import { checkSettingValue } from './settings-check.js';
import { isSettingKey, schemaProblems, type PathSegment, type SettingProblem } from './settings-schema.js';
import { phrase, renderPhrase, type Phrase } from '../i18n/phrase.js';
import type { MessageKey, Translator } from '../i18n/translate.js';

export type PatchResult = { readonly ok: true; readonly settings: Settings } | { readonly ok: false; readonly problems: readonly SettingProblem[] };


function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A problem of the window's own rules (not the schema's): `path: what`. */
function windowProblem(at: readonly PathSegment[], path: string, what: Phrase, keyword: string): SettingProblem {
  const words = phrase('problem.at', { path, what });
  return { at, message: renderPhrase(words), words, keyword };
}

/**
 * A poll interval outside the bounds policy allows (`core/policy/policy-settings.ts`
 * `pollBoundsProblems` decides; this says it as data).
 */
export function pollBoundsProblem(bounds: { readonly min: number; readonly max: number }): SettingProblem {
  return windowProblem(['pollIntervalSeconds'], 'pollIntervalSeconds', phrase('problem.settings.pollBounds', { min: String(bounds.min), max: String(bounds.max) }), 'policy');
}

/** The first catalog key a phrase says, in reading order. */
function leadingKey(said: Phrase): MessageKey | null {
  if ('key' in said) return said.key;
  if ('sentence' in said) return leadingKey(said.sentence);
  if ('clauses' in said) return said.clauses.map(leadingKey).find((key) => key !== null) ?? null;
  const first = said.items.find((item) => typeof item === 'object');
  return first === undefined ? null : leadingKey(first);
}

/** What is wrong, without the `path: ` in front (a problem's words are `problem.at` { path, what }). */
function whatOf(words: Phrase): Phrase {
  if ('key' in words && words.key === 'problem.at') {
    const what = words.values?.['what'];
    if (typeof what === 'object') return what;
  }
  return words;
}

/**
 * One problem as the window gets it: located, what is wrong as a catalog key, and the sentence
 * (whole, and without its path) in the translator's language.
 */
export function sayProblem(problem: SettingProblem, t: Translator): SettingsProblem {
  const what = whatOf(problem.words);
  return {
    at: [...problem.at],
    reason: leadingKey(what) ?? 'problem.schema.invalid',
    text: renderPhrase(problem.words, t),
    what: renderPhrase(what, t),
  };
}

/** Checks a change against every rule of the schema and applies it only if all of it is good. */
export function applySettingsPatch(current: Settings, patch: unknown, locked: readonly SettingKey[], context: MeaningContext = {}): PatchResult {
  if (!isRecord(patch)) return { ok: false, problems: schemaProblems(patch) };
  const problems: SettingProblem[] = [];
  let next: Settings = current;
  for (const key of Object.keys(patch)) {
    if (!isSettingKey(key)) {
      problems.push(windowProblem([key.slice(0, 60)], key.slice(0, 60), phrase('problem.settings.notWindow'), 'window'));
      continue;
    }
    const value = patch[key];
    const found = checkSettingValue(key, value, context);
    if (found.length > 0) {
      problems.push(...found);
      continue;
    }
    const changed = resolveSettings(mergeLayers([next, { [key]: value }]));
    if (locked.includes(key) && !sameValue(changed[key], current[key])) {
      problems.push(windowProblem([key], key, phrase('problem.settings.managed'), 'policy'));
      continue;
    }
    next = changed;
  }
  // Rules across a group's fields hold for the group as it will be, not as the patch gave it in part.
  if (problems.length === 0) problems.push(...checkConfigMeaning({ quietHours: next.quietHours }));
  return problems.length > 0 ? { ok: false, problems } : { ok: true, settings: next };
}
