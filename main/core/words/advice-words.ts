/**
 * The verdict's headline and base advice, and the advice engine's sentences, read from the reviewed
 * data in `advice-words.json`. The JSON is typed at compile time: a verdict kind without words, or
 * an advice item without its sentence, fails the typecheck.
 */
import words from './advice-words.json' with { type: 'json' };
import type { VerdictKind } from '../verdict/connectivity-model.js';

/** Details that make the verdict's words concrete; everything is optional. */
export interface VerdictWordsContext {
  /** Who has the problem and fixes it, e.g. "Microsoft", "Zoom" (not the page we read it on). */
  readonly provider?: string | null;
  /** The provider's problem is planned maintenance, not an incident. */
  readonly maintenance?: boolean;
  /** The failing part is the sign-in service (everything else answers). */
  readonly signIn?: boolean;
}

interface VerdictWords {
  readonly title: string;
  readonly advice: string;
  readonly maintenanceTitle?: string;
  readonly maintenanceAdvice?: string;
  readonly signInTitle?: string;
}

const VERDICT: Readonly<Record<VerdictKind, VerdictWords>> = words.verdict;

/** The local items' titles and button labels, by advice id. */
export const LOCAL_WORDS = words.local;
/** The engine's sentences, by advice id. */
export const ITEM_WORDS = words.items;

const capitalized = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/**
 * Fills `{name}` placeholders. `{Name}` is the same value with a capital first letter, for a
 * value that may start a sentence ("{Provider} has restored …" with "the provider").
 */
export function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{([A-Za-z]+)\}/g, (whole, key: string) => {
    const own = values[key];
    if (own !== undefined) return own;
    const lower = values[`${key.charAt(0).toLowerCase()}${key.slice(1)}`];
    return lower !== undefined ? capitalized(lower) : whole;
  });
}

/** "A", "A or B", "A, B or C". */
export function orList(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return fill(words.list.or, { first: names.slice(0, -1).join(', '), last: names[names.length - 1] ?? '' });
}

/** Who fixes it, in a sentence: the provider's name or "the provider". */
export function providerWords(provider: string | null | undefined): string {
  return provider ?? words.list.theProvider;
}

/**
 * The provider for `{provider}` and `{Provider}`: a name stays as its owner spells it ("acme",
 * "iCloud"); only the stand-in "the provider" takes a capital at the start of a sentence.
 */
export function providerValues(provider: string | null | undefined): { provider: string; Provider: string } {
  const inSentence = providerWords(provider);
  return { provider: inSentence, Provider: provider ?? capitalized(inSentence) };
}

/** The one-sentence answer to "is it me or them?". */
export function verdictTitle(kind: VerdictKind, context: VerdictWordsContext = {}): string {
  const w = VERDICT[kind];
  const template = (context.maintenance ? w.maintenanceTitle : context.signIn ? w.signInTitle : undefined) ?? w.title;
  return fill(template, providerValues(context.provider));
}

/** The verdict's own advice, in plain words: the text of the advice item the verdict decides. */
export function verdictAdvice(kind: VerdictKind, context: VerdictWordsContext = {}): string {
  const w = VERDICT[kind];
  const template = (context.maintenance ? w.maintenanceAdvice : undefined) ?? w.advice;
  return fill(template, providerValues(context.provider));
}
