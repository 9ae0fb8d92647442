/**
 * The verdict's headline and base advice, and the advice engine's sentences. The English lives in
 * the reviewed data `advice-words.json` (its one source); every sentence is also a catalog entry
 * (`advice.<section>.<id>.<field>`, copied into `i18n/catalogs/en.json` by
 * `scripts/gen-catalog.mjs`), and is read through a translator, English unless one is given. The
 * JSON is typed at compile time: a verdict kind without words, or an advice item without its
 * sentence, fails the typecheck.
 */
import words from './advice-words.json' with { type: 'json' };
import type { VerdictKind, VerdictWordsContext } from '../verdict/connectivity-model.js';

export type { VerdictWordsContext };
import { ENGLISH, type MessageKey, type Translator } from '../i18n/translate.js';


interface VerdictWords {
  readonly title: string;
  readonly advice: string;
  readonly maintenanceTitle?: string;
  readonly maintenanceAdvice?: string;
  readonly signInTitle?: string;
}

const VERDICT: Readonly<Record<VerdictKind, VerdictWords>> = words.verdict;

const capitalized = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/** The values with, for each, its capitalised twin (`Name` beside `name`) unless given. */
function withCapitals(values: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = { ...values };
  for (const [key, value] of Object.entries(values)) {
    const upper = `${key.charAt(0).toUpperCase()}${key.slice(1)}`;
    if (!(upper in out)) out[upper] = capitalized(value);
  }
  return out;
}

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

/** A catalog key of the advice words below `advice.` (`items.restart-client.text`): checked at compile time. */
export type AdviceKey = MessageKey extends infer K ? (K extends `advice.${infer Rest}` ? Rest : never) : never;

/** An advice sentence in the translator's language, with `{Name}` filled as in `fill`. */
export function adviceText(t: Translator, key: AdviceKey, values: Readonly<Record<string, string>> = {}): string {
  return t.t(`advice.${key}`, withCapitals(values));
}

/** "A", "A or B", "A, B or C" ("A, B oder C"). */
export function orList(names: readonly string[], t: Translator = ENGLISH): string {
  if (names.length <= 1) return names[0] ?? '';
  return t.t('advice.list.or' satisfies MessageKey, { first: names.slice(0, -1).join(', '), last: names[names.length - 1] ?? '' });
}

/** Who fixes it, in a sentence: the provider's name or "the provider". */
export function providerWords(provider: string | null | undefined, t: Translator = ENGLISH): string {
  return provider ?? t.t('advice.list.theProvider');
}

/**
 * The provider for `{provider}` and `{Provider}`: a name stays as its owner spells it ("acme",
 * "iCloud"); only the stand-in "the provider" takes a capital at the start of a sentence.
 */
export function providerValues(provider: string | null | undefined, t: Translator = ENGLISH): { provider: string; Provider: string } {
  const inSentence = providerWords(provider, t);
  return { provider: inSentence, Provider: provider ?? capitalized(inSentence) };
}

type TitleField = 'title' | 'maintenanceTitle' | 'signInTitle';

function titleField(kind: VerdictKind, context: VerdictWordsContext): TitleField {
  const w = VERDICT[kind];
  if (context.maintenance && w.maintenanceTitle !== undefined) return 'maintenanceTitle';
  if (!context.maintenance && context.signIn && w.signInTitle !== undefined) return 'signInTitle';
  return 'title';
}

/** The one-sentence answer to "is it me or them?". */
export function verdictTitle(kind: VerdictKind, context: VerdictWordsContext = {}, t: Translator = ENGLISH): string {
  // The JSON's types prove every kind has a title; the optional fields exist where titleField found them.
  return adviceText(t, `verdict.${kind}.${titleField(kind, context)}` as AdviceKey, providerValues(context.provider, t));
}

/** The verdict's own advice, in plain words: the text of the advice item the verdict decides. */
export function verdictAdvice(kind: VerdictKind, context: VerdictWordsContext = {}, t: Translator = ENGLISH): string {
  const field = context.maintenance && VERDICT[kind].maintenanceAdvice !== undefined ? 'maintenanceAdvice' : 'advice';
  return adviceText(t, `verdict.${kind}.${field}` as AdviceKey, providerValues(context.provider, t));
}

/** Built-in channel and fallback names (English, as the catalogs ship them) with their catalog keys. */
const BUILT_IN_NAMES: ReadonlyMap<string, MessageKey> = new Map<string, MessageKey>([
  ['chat in teams', 'channel.teamsChat'],
  ['email', 'channel.email'],
  ['e-mail', 'channel.email'],
  ['a phone call', 'channel.phone'],
  ['files synced on this computer', 'channel.syncedFiles'],
  ['outlook on the web', 'web.outlook'],
  ['teams on the web', 'web.teams'],
  ['onedrive on the web', 'web.sharepoint'],
]);

/**
 * A built-in channel or fallback name ("a phone call", "Outlook on the web (outlook.office.com)")
 * in the translator's language; any other name (an organisation's own words) stays as written,
 * and so does everything in English.
 */
export function builtInName(name: string, t: Translator): string {
  if (t.language === 'en') return name;
  const [, head = name, tail = ''] = /^(.*?)(\s*\(.*\))?$/.exec(name) ?? [];
  const key = BUILT_IN_NAMES.get(head.trim().toLowerCase());
  return key === undefined ? name : `${t.t(key)}${tail}`;
}
