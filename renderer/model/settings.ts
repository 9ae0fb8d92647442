/**
 * The settings form as data: naming the catalog's groups, turning a draft into the smallest patch, and
 * routing the problems main reports back to the field they are about, in that field's words.
 *
 * Main is the one judge of a value (main/core/settings-patch.ts, from the settings schema): the
 * window checks nothing itself, so it cannot refuse what main accepts or the other way round.
 * It only rewords main's verdict for the field a person typed in (minutes, not seconds), reading
 * where and what from main's data, never from its sentence.
 */
import type { CatalogGroupId, SettingKey, Settings, SettingsPatch, SettingsProblem } from '../../main/core/contract.js';
import { assertNever } from '../../main/core/health.js';
import { t } from '../i18n.js';

/** Every settings key, in form order. The type check below fails when the contract grows a key. */
export const SETTING_KEYS = [
  'watch',
  'customSources',
  'pollIntervalSeconds',
  'notifications',
  'quietHours',
  'startAtLogin',
  'language',
  'orgFeedUrl',
  'tenantName',
] as const satisfies readonly SettingKey[];

type MissingKey = Exclude<SettingKey, (typeof SETTING_KEYS)[number]>;
// If this line fails to compile, a key was added to Settings: give it a place in the form.
const everyKeyListed: MissingKey extends never ? true : false = true;
void everyKeyListed;

/** A catalog heading in the window's language (main sends its id). */
export function groupLabel(group: CatalogGroupId): string {
  switch (group) {
    case 'Microsoft 365':
      return t('ui.settings.group.microsoft365');
    case 'Other services':
      return t('ui.settings.group.other');
    default:
      return assertNever(group, 'catalog group');
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The keys the person changed, and only those: a locked key is never sent (policy owns it), and
 * an unchanged key is not sent either, so a save cannot overwrite what it did not touch.
 */
export function settingsPatch(before: Settings, draft: Settings, locked: readonly SettingKey[]): SettingsPatch {
  const patch: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) {
    if (locked.includes(key)) continue;
    if (!sameValue(before[key], draft[key])) patch[key] = draft[key];
  }
  return patch as SettingsPatch;
}

/** A stable id for a custom source from its name: `custom-acme-status`, unique among `taken`. */
export function customSourceId(name: string, taken: readonly string[]): string {
  const slug =
    name
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'source';
  const base = `custom-${slug}`;
  let id = base;
  for (let n = 2; taken.includes(id); n += 1) id = `${base}-${n}`;
  return id;
}

/** What the field words need from the settings in force: the schema's bounds (via main) and the pages. */
export interface FieldWordsContext {
  /** The schema's poll bounds in seconds, as main sends them in `SettingsView.bounds`. */
  readonly pollIntervalSeconds: { readonly min: number; readonly max: number };
  /** The draft's own status pages, to name the one a `customSources[i]` problem is about. */
  readonly customSources: readonly { readonly name: string }[];
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * What to say about an address main refused. Main's reasons come from one rule
 * (main/core/sources/url-rules.ts: https anywhere, plain http only to this computer); other
 * reasons are shown as main said them, never hidden.
 */
function addressWords(problem: SettingsProblem): string {
  switch (problem.reason) {
    case 'problem.url.invalid':
      return t('ui.settings.problem.fullAddress');
    case 'problem.url.credentials':
      return t('ui.settings.problem.credentials');
    case 'problem.url.plainHttp':
    case 'problem.url.scheme':
      return t('ui.settings.problem.https');
    case 'problem.schema.maxLength':
      return t('ui.settings.problem.tooLong');
    default:
      return capitalised(problem.what);
  }
}

/** The settings key a problem is about, or null when it names none (the change as a whole, a key the window does not have). */
export function problemKey(problem: SettingsProblem): SettingKey | null {
  const [key] = problem.at;
  return typeof key === 'string' && (SETTING_KEYS as readonly string[]).includes(key) ? (key as SettingKey) : null;
}

/**
 * One problem from main, in the words of the field it is about: a poll interval is asked in
 * minutes, so any problem with it is answered with the range in minutes, read from the schema's
 * bounds main sends; an address gets advice about the address. Main says what the problem is as
 * data (`at`, `reason`); problems this does not know keep main's own words (`what`, in the
 * person's language, without the key path the field already shows).
 */
export function fieldWords(problem: SettingsProblem, context: FieldWordsContext): string {
  if (problem.reason === 'problem.settings.managed') return t('ui.settings.managed');
  const [key, index, field] = problem.at;
  switch (key) {
    case 'pollIntervalSeconds':
      return intervalProblem(context.pollIntervalSeconds);
    case 'orgFeedUrl':
      return addressWords(problem);
    case 'tenantName':
      return t('ui.settings.problem.tenant');
    case 'quietHours':
      if (index === 'start' || index === 'end') return t('ui.settings.problem.time');
      return problem.reason === 'problem.meaning.quietHours' ? t('ui.settings.problem.differ') : capitalised(problem.what);
    case 'customSources': {
      const name = typeof index === 'number' ? context.customSources[index]?.name.trim() : undefined;
      const words = field === 'url' ? addressWords(problem) : field === 'name' ? t('ui.settings.problem.name') : capitalised(problem.what);
      return name ? `${name}: ${words.charAt(0).toLowerCase()}${words.slice(1)}` : words;
    }
    default:
      return capitalised(problem.what);
  }
}

/**
 * Problems grouped by field, each in its field's words (`fieldWords`); `null` collects those that
 * name no field, each as main's whole sentence (`text`).
 */
export function fieldProblems(problems: readonly SettingsProblem[], context: FieldWordsContext): Map<SettingKey | null, string[]> {
  const byKey = new Map<SettingKey | null, string[]>();
  for (const problem of problems) {
    const key = problemKey(problem);
    const list = byKey.get(key) ?? [];
    const words = key === null ? problem.text : fieldWords(problem, context);
    if (!list.includes(words)) list.push(words);
    byKey.set(key, list);
  }
  return byKey;
}

/** What the interval field says about any value main refused, or one that is not a number at all. */
export function intervalProblem(bounds: { readonly min: number; readonly max: number }): string {
  const minutes = intervalMinuteBounds(bounds);
  return t('ui.settings.problem.interval', { min: minutes.min, max: minutes.max });
}

/** Poll bounds in whole minutes (the form asks in minutes; main stores seconds). */
export function intervalMinuteBounds(bounds: { readonly min: number; readonly max: number }): { min: number; max: number } {
  const min = Math.max(1, Math.ceil(bounds.min / 60));
  return { min, max: Math.max(min, Math.floor(bounds.max / 60)) };
}

export function secondsToMinutes(seconds: number): number {
  return Math.max(1, Math.round(seconds / 60));
}
