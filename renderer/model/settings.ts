/**
 * The settings form as data: grouping the catalog, turning a draft into the smallest patch, and
 * routing the problems main reports back to the field they are about.
 */
import type { CatalogEntry, SettingKey, Settings, SettingsPatch } from '../../main/core/contract.js';

/** Every settings key, in form order. The type check below fails when the contract grows a key. */
export const SETTING_KEYS = [
  'watch',
  'customSources',
  'pollIntervalSeconds',
  'notifications',
  'quietHours',
  'startAtLogin',
  'orgFeedUrl',
  'tenantName',
] as const satisfies readonly SettingKey[];

type MissingKey = Exclude<SettingKey, (typeof SETTING_KEYS)[number]>;
// If this line fails to compile, a key was added to Settings: give it a place in the form.
const everyKeyListed: MissingKey extends never ? true : false = true;
void everyKeyListed;

export interface CatalogGroup {
  readonly group: CatalogEntry['group'];
  readonly entries: readonly CatalogEntry[];
}

/** Catalog entries grouped under their heading, groups in the order they first appear. */
export function groupCatalog(catalog: readonly CatalogEntry[]): CatalogGroup[] {
  const groups = new Map<CatalogEntry['group'], CatalogEntry[]>();
  for (const entry of catalog) {
    const list = groups.get(entry.group) ?? [];
    list.push(entry);
    groups.set(entry.group, list);
  }
  return [...groups].map(([group, entries]) => ({ group, entries }));
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

/**
 * Which field a problem is about. Main words problems as `key: what is wrong` (also
 * `customSources[1].url: …`); anything else belongs to the form as a whole (null).
 */
export function problemKey(problem: string): SettingKey | null {
  const match = /^\s*([A-Za-z]+)(?:[[.:\s]|$)/.exec(problem);
  const word = match?.[1];
  return word !== undefined && (SETTING_KEYS as readonly string[]).includes(word) ? (word as SettingKey) : null;
}

/** The problem text without its `key:` prefix, for showing it next to that key's field. */
export function problemText(problem: string): string {
  const stripped = problem.replace(/^\s*[A-Za-z]+(?:\[\d+\])?(?:\.[A-Za-z]+)?\s*:\s*/, '');
  const text = stripped.length > 0 ? stripped : problem;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Problems grouped by field; `null` collects those that name no field. */
export function problemsByKey(problems: readonly string[]): Map<SettingKey | null, string[]> {
  const byKey = new Map<SettingKey | null, string[]>();
  for (const problem of problems) {
    const key = problemKey(problem);
    const list = byKey.get(key) ?? [];
    list.push(key === null ? problem : problemText(problem));
    byKey.set(key, list);
  }
  return byKey;
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

/** Checks the add-a-source form before it reaches main, which checks again. */
export function customSourceProblem(name: string, url: string): string | null {
  if (name.trim() === '') return 'Give the status page a name.';
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return 'Enter the full address, starting with https://';
  }
  if (parsed.protocol !== 'https:') return 'The address must start with https://';
  return null;
}

/** Poll bounds in whole minutes (the form asks in minutes; main stores seconds). */
export function intervalMinuteBounds(bounds: { readonly min: number; readonly max: number }): { min: number; max: number } {
  const min = Math.max(1, Math.ceil(bounds.min / 60));
  return { min, max: Math.max(min, Math.floor(bounds.max / 60)) };
}

export function secondsToMinutes(seconds: number): number {
  return Math.max(1, Math.round(seconds / 60));
}

/** A clock time as `<input type="time">` gives it ("08:30"); anything else is not a time. */
export function isClockTime(value: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(value);
}
