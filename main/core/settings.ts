/**
 * The user's settings: defaults, versioned migrations of what electron-store holds, validation of
 * changes from the window, and how settings become the engine's AppConfig.
 *
 * Two different strictnesses, on purpose:
 * - Reading the stored file (`migrateSettings`) repairs: a bad value falls back to its default
 *   for that key alone, with a notice, so one broken key never discards the rest. The keys that
 *   act on the person's machine by themselves (start at login, notifications) are repaired to
 *   OFF, never to their default "on": a damaged file must not switch on what someone turned off.
 * - Changing settings (`applySettingsPatch`) refuses: a change with any bad value is rejected
 *   whole with problems that name the key, so the window can show them next to the field.
 *
 * Stored shape: the Settings keys at the top level plus `version` (electron-store keeps keys flat).
 */
import { CATALOG_SERVICES, CATALOG_SOURCES, DEFAULT_WATCH, MICROSOFT_PUBLIC_SOURCE_ID, ORG_FEED_SOURCE_ID } from './catalog.js';
import type { AppConfig } from './config.js';
import type { CatalogEntry, MutePreset, SettingKey, Settings, SettingsView } from './contract.js';
import { assertNever } from './health.js';
import { POLL_SECONDS } from './schedule.js';
import { checkSourceUrl } from './url-rules.js';

/** Format version of the stored settings; bump it and add a step to MIGRATIONS together. */
export const SETTINGS_VERSION = 1;

/** The poll interval a user may choose, in seconds: the bounds for public status pages. */
export const POLL_INTERVAL_BOUNDS = { min: POLL_SECONDS.statuspage.min, max: POLL_SECONDS.statuspage.max } as const;

/** Limits that keep a hand-edited or hostile settings file from growing without end. */
export const SETTINGS_LIMITS = { watch: 200, customSources: 50, nameLength: 100, urlLength: 2048 } as const;

export const SETTING_KEYS: readonly SettingKey[] = [
  'watch',
  'customSources',
  'pollIntervalSeconds',
  'orgFeedUrl',
  'tenantName',
  'notifications',
  'quietHours',
  'startAtLogin',
];

export const DEFAULT_SETTINGS: Settings = {
  watch: [...DEFAULT_WATCH],
  customSources: [],
  pollIntervalSeconds: POLL_SECONDS.statuspage.default,
  orgFeedUrl: null,
  tenantName: null,
  notifications: { enabled: true, onWorse: true, onResolved: true, onLocal: true },
  quietHours: { enabled: false, start: '22:00', end: '07:00' },
  startAtLogin: true,
};

const NOTIFICATIONS_OFF: Settings['notifications'] = { enabled: false, onWorse: false, onResolved: false, onLocal: false };

/**
 * What a repair falls back to: the defaults, except that start at login and every kind of
 * notification are off. The store cannot tell what the person last chose for a key it could not
 * read (it keeps no history), so the safe value is the only honest one: turning something off
 * is visible and undone with one click; turning it on behind someone's back is not.
 */
export const REPAIRED_SETTINGS: Settings = { ...DEFAULT_SETTINGS, notifications: NOTIFICATIONS_OFF, startAtLogin: false };

/** Tells the person that a repair turned something off and how to get it back. */
const turnedOff = (what: 'it' | 'them'): string => `turned off until you turn ${what} on again in Settings`;

/** What is written to the store: the settings plus the format version. */
export type StoredSettings = Settings & { readonly version: number };

export function toStoredSettings(settings: Settings): StoredSettings {
  return { version: SETTINGS_VERSION, ...settings };
}

// ---------------------------------------------------------------- field rules

// A DNS label, as `<tenant>.sharepoint.com` accepts it (the same rule as the SharePoint probe).
const TENANT_NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const CUSTOM_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/i;
const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

const CATALOG_SERVICE_IDS: ReadonlySet<string> = new Set(CATALOG_SERVICES.map((s) => s.id));
// Custom ids must not shadow anything built in: a custom "github" would silently replace the catalog page.
const RESERVED_IDS: ReadonlySet<string> = new Set([
  ...CATALOG_SERVICES.map((s) => s.id),
  ...CATALOG_SOURCES.map((s) => s.id),
  ORG_FEED_SOURCE_ID,
]);

type Check<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };
const ok = <T>(value: T): Check<T> => ({ ok: true, value });
const bad = <T>(problem: string): Check<T> => ({ ok: false, problem });

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function own(record: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/** A value quoted for a message, never long: settings files can be hostile. */
function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (isRecord(value)) return 'an object';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function checkBoolean(key: string, value: unknown): Check<boolean> {
  return typeof value === 'boolean' ? ok(value) : bad(`${key}: expected true or false, got ${shown(value)}`);
}

function checkClock(key: string, value: unknown): Check<string> {
  return typeof value === 'string' && CLOCK_TIME.test(value) ? ok(value) : bad(`${key}: expected a time like "22:00" (HH:MM, 24 h), got ${shown(value)}`);
}

function checkUrlOrNull(key: string, value: unknown): Check<string | null> {
  if (value === null || value === '') return ok(null);
  if (typeof value !== 'string') return bad(`${key}: expected a URL or nothing, got ${shown(value)}`);
  if (value.length > SETTINGS_LIMITS.urlLength) return bad(`${key}: the URL is longer than ${SETTINGS_LIMITS.urlLength} characters`);
  const url = checkSourceUrl(value.trim());
  return url.ok ? ok(url.url.href) : bad(`${key}: ${url.reason}`);
}

function checkTenantName(value: unknown): Check<string | null> {
  if (value === null || value === '') return ok(null);
  if (typeof value === 'string' && TENANT_NAME.test(value.trim())) return ok(value.trim().toLowerCase());
  return bad(`tenantName: expected your tenant's short name like "contoso" (from contoso.sharepoint.com), got ${shown(value)}`);
}

function checkPollInterval(value: unknown): Check<number> {
  const { min, max } = POLL_INTERVAL_BOUNDS;
  if (typeof value !== 'number' || !Number.isInteger(value)) return bad(`pollIntervalSeconds: expected a whole number of seconds, got ${shown(value)}`);
  if (value < min || value > max) return bad(`pollIntervalSeconds: must be between ${min} and ${max} seconds, got ${value}`);
  return ok(value);
}

/** Each entry checked on its own; `problems` lists the refused entries, `value` the good ones. */
interface ListCheck<T> {
  readonly value: T[];
  readonly problems: string[];
  /** The value was not a list at all. */
  readonly notAList: boolean;
}

function checkWatch(value: unknown): ListCheck<string> {
  if (!Array.isArray(value)) return { value: [], problems: [`watch: expected a list of service ids, got ${shown(value)}`], notAList: true };
  const out: string[] = [];
  const problems: string[] = [];
  value.slice(0, SETTINGS_LIMITS.watch).forEach((id, i) => {
    if (typeof id !== 'string' || !CATALOG_SERVICE_IDS.has(id)) problems.push(`watch[${i}]: unknown service ${shown(id)}; expected a catalog id such as outlook, teams or zoom`);
    else if (!out.includes(id)) out.push(id);
  });
  if (value.length > SETTINGS_LIMITS.watch) problems.push(`watch: at most ${SETTINGS_LIMITS.watch} services; the rest were left out`);
  return { value: out, problems, notAList: false };
}

type CustomSource = Settings['customSources'][number];

function checkCustomSources(value: unknown): ListCheck<CustomSource> {
  if (!Array.isArray(value)) return { value: [], problems: [`customSources: expected a list, got ${shown(value)}`], notAList: true };
  const out: CustomSource[] = [];
  const problems: string[] = [];
  value.slice(0, SETTINGS_LIMITS.customSources).forEach((entry, i) => {
    const at = `customSources[${i}]`;
    if (!isRecord(entry)) {
      problems.push(`${at}: expected an object with id, name and url, got ${shown(entry)}`);
      return;
    }
    const id = own(entry, 'id');
    const name = own(entry, 'name');
    const url = checkUrlOrNull(`${at}.url`, own(entry, 'url'));
    const before = problems.length;
    if (typeof id !== 'string' || !CUSTOM_ID.test(id)) problems.push(`${at}.id: expected letters, digits, ".", "_" or "-" (up to 64), got ${shown(id)}`);
    else if (RESERVED_IDS.has(id.toLowerCase())) problems.push(`${at}.id: "${id}" is a built-in service; pick another id`);
    else if (out.some((s) => s.id.toLowerCase() === id.toLowerCase())) problems.push(`${at}.id: duplicate id "${id}"`);
    if (typeof name !== 'string' || name.trim() === '' || name.length > SETTINGS_LIMITS.nameLength) {
      problems.push(`${at}.name: expected a name of 1 to ${SETTINGS_LIMITS.nameLength} characters, got ${shown(name)}`);
    }
    if (!url.ok) problems.push(url.problem);
    else if (url.value === null) problems.push(`${at}.url: required`);
    if (problems.length === before && url.ok && url.value !== null) out.push({ id: id as string, name: (name as string).trim(), url: url.value });
  });
  if (value.length > SETTINGS_LIMITS.customSources) problems.push(`customSources: at most ${SETTINGS_LIMITS.customSources}; the rest were left out`);
  return { value: out, problems, notAList: false };
}

// ---------------------------------------------------------------- reading the store (repairing)

/**
 * Reads one key of current-format settings; a bad value becomes the default, with a notice.
 * Start at login and notifications become OFF when bad or missing (REPAIRED_SETTINGS): the
 * caller only gets here with a non-empty file, so a missing key is damage, not a fresh install.
 */
function repairKeys(raw: Record<string, unknown>, notices: string[]): Settings {
  const d = DEFAULT_SETTINGS;
  const safe = REPAIRED_SETTINGS;
  const pick = <T>(key: SettingKey, check: (value: unknown) => Check<T>, fallback: T): T => {
    const value = own(raw, key);
    if (value === undefined) return fallback;
    const checked = check(value);
    if (checked.ok) return checked.value;
    notices.push(`${checked.problem}; using the default`);
    return fallback;
  };
  const list = <T>(key: SettingKey, check: (value: unknown) => ListCheck<T>, fallback: readonly T[]): readonly T[] => {
    const value = own(raw, key);
    if (value === undefined) return fallback;
    const checked = check(value);
    for (const problem of checked.problems) notices.push(checked.notAList ? `${problem}; using the default` : `${problem}; left out`);
    return checked.notAList ? fallback : checked.value;
  };
  const group = <T extends Record<string, unknown>>(key: SettingKey, defaults: T, fields: { [K in keyof T]: (k: string, v: unknown) => Check<T[K]> }): T => {
    const value = own(raw, key);
    if (value === undefined) return defaults;
    if (!isRecord(value)) {
      notices.push(`${key}: expected an object, got ${shown(value)}; using the default`);
      return defaults;
    }
    const out: Record<string, unknown> = {};
    for (const field of Object.keys(defaults) as (keyof T & string)[]) {
      const sub = own(value, field);
      const checked = sub === undefined ? null : fields[field](`${key}.${field}`, sub);
      if (checked !== null && !checked.ok) notices.push(`${checked.problem}; using the default`);
      out[field] = checked?.ok ? checked.value : defaults[field];
    }
    return out as T;
  };
  const pollIntervalSeconds = ((): number => {
    const value = own(raw, 'pollIntervalSeconds');
    if (value === undefined) return d.pollIntervalSeconds;
    if (typeof value === 'number' && Number.isFinite(value)) {
      // A number out of bounds is brought inside them rather than reset: the user meant "often" or "rarely".
      const clamped = Math.min(POLL_INTERVAL_BOUNDS.max, Math.max(POLL_INTERVAL_BOUNDS.min, Math.round(value)));
      if (clamped !== value) notices.push(`pollIntervalSeconds: ${value} is outside ${POLL_INTERVAL_BOUNDS.min}-${POLL_INTERVAL_BOUNDS.max} seconds; using ${clamped}`);
      return clamped;
    }
    notices.push(`pollIntervalSeconds: expected a number of seconds, got ${shown(value)}; using the default`);
    return d.pollIntervalSeconds;
  })();
  const quietHours = group('quietHours', d.quietHours, { enabled: checkBoolean, start: checkClock, end: checkClock });
  const switchedOff = <T>(key: string, check: (k: string, v: unknown) => Check<T>, off: T, value: unknown): T => {
    const checked = value === undefined ? bad<T>(`${key}: missing`) : check(key, value);
    if (checked.ok) return checked.value;
    notices.push(`${checked.problem}; ${turnedOff('it')}`);
    return off;
  };
  const notifications = ((): Settings['notifications'] => {
    const value = own(raw, 'notifications');
    if (!isRecord(value)) {
      const problem = value === undefined ? 'notifications: missing' : `notifications: expected an object, got ${shown(value)}`;
      notices.push(`${problem}; notifications are ${turnedOff('them')}`);
      return safe.notifications;
    }
    const out = { ...safe.notifications };
    for (const field of Object.keys(out) as (keyof Settings['notifications'])[]) {
      out[field] = switchedOff(`notifications.${field}`, checkBoolean, safe.notifications[field], own(value, field));
    }
    return out;
  })();
  return {
    watch: list('watch', checkWatch, d.watch),
    customSources: list('customSources', checkCustomSources, d.customSources),
    pollIntervalSeconds,
    orgFeedUrl: pick('orgFeedUrl', (v) => checkUrlOrNull('orgFeedUrl', v), d.orgFeedUrl),
    tenantName: pick('tenantName', checkTenantName, d.tenantName),
    notifications,
    quietHours,
    startAtLogin: switchedOff('startAtLogin', checkBoolean, safe.startAtLogin, own(raw, 'startAtLogin')),
  };
}

/**
 * Version 0, before versioning: the first prototype stored
 * `{ services: string[], interval: number (seconds), notify: boolean }`.
 * It becomes the version-1 keys; anything the prototype did not have takes its default.
 */
function migrateV0(raw: Record<string, unknown>, notices: string[]): Record<string, unknown> {
  const next: Record<string, unknown> = {};
  const services = own(raw, 'services');
  if (services !== undefined) next['watch'] = services;
  const interval = own(raw, 'interval');
  if (interval !== undefined) next['pollIntervalSeconds'] = interval;
  const notify = own(raw, 'notify');
  if (notify !== undefined) {
    if (typeof notify === 'boolean') next['notifications'] = { enabled: notify, onWorse: notify, onResolved: notify, onLocal: notify };
    else notices.push(`notify: expected true or false, got ${shown(notify)}; notifications are ${turnedOff('them')}`);
  }
  // The prototype could not start at login, so nobody with a v0 file ever chose to.
  if (own(raw, 'startAtLogin') === undefined) next['startAtLogin'] = false;
  // Keys the prototype never had but a hand edit may have added are read as current keys.
  for (const key of SETTING_KEYS) if (!(key in next) && own(raw, key) !== undefined) next[key] = own(raw, key);
  return next;
}

/** MIGRATIONS[n] turns version n into version n + 1. */
const MIGRATIONS: readonly ((raw: Record<string, unknown>, notices: string[]) => Record<string, unknown>)[] = [migrateV0];

function storedVersion(raw: Record<string, unknown>): number | null {
  const version = own(raw, 'version');
  if (version === undefined) return 0;
  return typeof version === 'number' && Number.isInteger(version) && version >= 0 ? version : null;
}

export interface MigrationResult {
  readonly settings: Settings;
  /** Plain sentences for the settings page ("... was reset to the default"). */
  readonly notices: string[];
  /** The stored data differs from `toStoredSettings(settings)`: write it back. */
  readonly migrated: boolean;
}

interface MigrationContext {
  /**
   * The settings file was damaged or could not be read, so `raw` is not what the person saved
   * (the store moved the file aside or runs from memory): the result is REPAIRED_SETTINGS.
   */
  readonly damaged?: boolean;
}

/** The notice for settings repaired as a whole. */
const REPAIRED_NOTICE = `Start at login and notifications are ${turnedOff('them')}.`;

/**
 * Reads whatever the store held: any older version is migrated step by step to the current one,
 * every key is checked on its own, and anything unusable falls back to its default with a notice
 * (start at login and notifications fall back to OFF). Never throws. `undefined` or an empty
 * object is a fresh install: defaults, no notice, unless `context.damaged` says the file was lost.
 */
export function migrateSettings(raw: unknown, context: MigrationContext = {}): MigrationResult {
  const notices: string[] = [];
  if (context.damaged === true) {
    notices.push(REPAIRED_NOTICE);
    return { settings: REPAIRED_SETTINGS, notices, migrated: true };
  }
  if (raw === undefined || raw === null || (isRecord(raw) && Object.keys(raw).length === 0)) {
    return { settings: DEFAULT_SETTINGS, notices, migrated: raw !== undefined && raw !== null };
  }
  if (!isRecord(raw)) {
    notices.push(`Your settings could not be read (they are not a settings object) and were reset. ${REPAIRED_NOTICE}`);
    return { settings: REPAIRED_SETTINGS, notices, migrated: true };
  }
  let version = storedVersion(raw);
  let data: Record<string, unknown> = raw;
  if (version === null) {
    notices.push(`version: expected a whole number, got ${shown(own(raw, 'version'))}; the settings were read as the current version`);
    version = SETTINGS_VERSION;
  }
  if (version > SETTINGS_VERSION) {
    // Written by a newer app (the user went back a version): keep what we understand, touch nothing else.
    notices.push(`Your settings were saved by a newer version of Outage Radar (format ${version}); settings this version does not know were ignored.`);
    const settings = repairKeys(data, notices);
    return { settings, notices, migrated: false };
  }
  for (let v = version; v < SETTINGS_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (step) data = step(data, notices);
  }
  const settings = repairKeys(data, notices);
  const migrated = version !== SETTINGS_VERSION || JSON.stringify(toStoredSettings(settings)) !== JSON.stringify(normalisedStored(raw));
  return { settings, notices, migrated };
}

/** The stored object with keys in our order, so that key order alone never counts as a change. */
function normalisedStored(raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { version: own(raw, 'version') };
  for (const key of SETTING_KEYS) out[key] = own(raw, key);
  for (const key of Object.keys(raw)) if (!(key in out)) out[key] = raw[key];
  return out;
}

// ---------------------------------------------------------------- changes from the window (refusing)

export type PatchResult = { readonly ok: true; readonly settings: Settings } | { readonly ok: false; readonly problems: string[] };

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Checks a change from the window against every rule and applies it only if all of it is good.
 * Nested groups (`notifications`, `quietHours`) may be given in part. A key set by policy
 * (`locked`) cannot be changed: "Managed by your organization"; sending its current value is fine.
 */
export function applySettingsPatch(current: Settings, patch: unknown, locked: readonly SettingKey[]): PatchResult {
  if (!isRecord(patch)) return { ok: false, problems: [`expected an object of settings to change, got ${shown(patch)}`] };
  const problems: string[] = [];
  const next: Record<string, unknown> = { ...current };
  for (const key of Object.keys(patch)) {
    if (!(SETTING_KEYS as readonly string[]).includes(key)) {
      problems.push(`${key.slice(0, 60)}: not a setting`);
      continue;
    }
    const settingKey = key as SettingKey;
    const value = own(patch, key);
    const result = checkPatchValue(settingKey, value, current);
    if (!result.ok) {
      problems.push(...result.problems);
      continue;
    }
    if (locked.includes(settingKey) && !sameValue(result.value, current[settingKey])) {
      problems.push(`${key}: Managed by your organization`);
      continue;
    }
    next[settingKey] = result.value;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, settings: next as unknown as Settings };
}

type ValueCheck = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly problems: string[] };

function fromCheck<T>(check: Check<T>): ValueCheck {
  return check.ok ? { ok: true, value: check.value } : { ok: false, problems: [check.problem] };
}

function checkGroup<T extends object>(key: SettingKey, value: unknown, current: T, fields: Record<keyof T & string, (k: string, v: unknown) => Check<unknown>>): ValueCheck {
  if (!isRecord(value)) return { ok: false, problems: [`${key}: expected an object, got ${shown(value)}`] };
  const problems: string[] = [];
  const out: Record<string, unknown> = { ...(current as Record<string, unknown>) };
  for (const field of Object.keys(value)) {
    const check = Object.prototype.hasOwnProperty.call(fields, field) ? fields[field as keyof T & string] : undefined;
    if (!check) {
      problems.push(`${key}.${field.slice(0, 60)}: not a setting`);
      continue;
    }
    const checked = check(`${key}.${field}`, own(value, field));
    if (checked.ok) out[field] = checked.value;
    else problems.push(checked.problem);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: out };
}

function checkPatchValue(key: SettingKey, value: unknown, current: Settings): ValueCheck {
  switch (key) {
    case 'watch': {
      const checked = checkWatch(value);
      if (checked.problems.length > 0) return { ok: false, problems: checked.problems };
      return { ok: true, value: checked.value };
    }
    case 'customSources': {
      const checked = checkCustomSources(value);
      if (checked.problems.length > 0) return { ok: false, problems: checked.problems };
      return { ok: true, value: checked.value };
    }
    case 'pollIntervalSeconds':
      return fromCheck(checkPollInterval(value));
    case 'orgFeedUrl':
      return fromCheck(checkUrlOrNull('orgFeedUrl', value));
    case 'tenantName':
      return fromCheck(checkTenantName(value));
    case 'notifications':
      return checkGroup(key, value, current.notifications, { enabled: checkBoolean, onWorse: checkBoolean, onResolved: checkBoolean, onLocal: checkBoolean });
    case 'quietHours': {
      const checked = checkGroup(key, value, current.quietHours, { enabled: checkBoolean, start: checkClock, end: checkClock });
      if (!checked.ok) return checked;
      const hours = checked.value as Settings['quietHours'];
      if (hours.enabled && hours.start === hours.end) return { ok: false, problems: ['quietHours: start and end must differ'] };
      return checked;
    }
    case 'startAtLogin':
      return fromCheck(checkBoolean('startAtLogin', value));
    default: {
      const never: never = key;
      return { ok: false, problems: [`${String(never)}: not a setting`] };
    }
  }
}

// ---------------------------------------------------------------- using settings

/**
 * The engine's configuration from the settings. Custom sources are Statuspage pages, each
 * watched on its own as a service of the same id and name.
 */
export function settingsToAppConfig(settings: Settings): AppConfig {
  return {
    version: 1,
    watch: [...settings.watch],
    sources: settings.customSources.map((s) => ({ id: s.id, type: 'statuspage' as const, name: s.name, url: s.url })),
    ...(settings.orgFeedUrl !== null ? { orgFeedUrl: settings.orgFeedUrl } : {}),
    ...(settings.tenantName !== null ? { tenantName: settings.tenantName } : {}),
    pollIntervalSeconds: settings.pollIntervalSeconds,
  };
}

/** Microsoft 365 services are the ones that read Microsoft's public business status. */
export function catalogEntries(): CatalogEntry[] {
  return CATALOG_SERVICES.map((s) => ({
    id: s.id,
    name: s.name,
    group: s.sources.some((r) => r.source === MICROSOFT_PUBLIC_SOURCE_ID) ? 'Microsoft 365' : 'Other services',
  }));
}

/** What the settings page shows: values, locks, the catalog grouped, notices and bounds. */
export function settingsView(settings: Settings, locked: readonly SettingKey[], notices: readonly string[]): SettingsView {
  const entries = catalogEntries();
  return {
    values: settings,
    locked: [...locked],
    catalog: [...entries.filter((e) => e.group === 'Microsoft 365'), ...entries.filter((e) => e.group === 'Other services')],
    notices: [...notices],
    bounds: { pollIntervalSeconds: { min: POLL_INTERVAL_BOUNDS.min, max: POLL_INTERVAL_BOUNDS.max } },
  };
}

function minutesOf(clock: string): number | null {
  const match = CLOCK_TIME.exec(clock);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/**
 * Whether `now` (local time) falls in the quiet hours. The start is included and the end is not;
 * a start after the end spans midnight (22:00-07:00). Equal or broken times mean never quiet.
 */
export function inQuietHours(settings: Settings, now: Date): boolean {
  const { enabled, start, end } = settings.quietHours;
  if (!enabled) return false;
  const from = minutesOf(start);
  const to = minutesOf(end);
  if (from === null || to === null || from === to) return false;
  const t = now.getHours() * 60 + now.getMinutes();
  return from < to ? t >= from && t < to : t >= from || t < to;
}

/** The hour "until tomorrow" ends: the start of a working day. */
export const MUTE_TOMORROW_HOUR = 8;

/** When a mute preset ends; 'tomorrow' is the next local 08:00; 'off' is null (not muted). */
export function muteUntil(preset: MutePreset, now: Date): Date | null {
  switch (preset) {
    case '1h':
      return new Date(now.getTime() + 60 * 60_000);
    case '4h':
      return new Date(now.getTime() + 4 * 60 * 60_000);
    case 'tomorrow': {
      const at = new Date(now.getTime());
      at.setHours(MUTE_TOMORROW_HOUR, 0, 0, 0);
      // setDate + setHours rather than adding 24 h, so a DST change overnight still ends at 08:00.
      if (at.getTime() <= now.getTime()) {
        at.setDate(at.getDate() + 1);
        at.setHours(MUTE_TOMORROW_HOUR, 0, 0, 0);
      }
      return at;
    }
    case 'off':
      return null;
    default:
      return assertNever(preset, 'mute preset');
  }
}
