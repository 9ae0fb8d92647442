/**
 * Reading the settings store: versioned migrations of what electron-store holds, and repair.
 * The store holds the window's layer of the settings model: a document of the schema's shape
 * with only the keys the person set, plus `version`. It is checked key by key with the one
 * validator (`settings-schema.ts`, `config-meaning.ts`), and a bad value is repaired for that key
 * (or that list entry, or that field) alone, with a notice, so one broken key never discards the
 * rest. Start at login and notifications act on the person's machine by themselves, so a repair
 * turns them OFF, never to their default "on": a damaged file must not switch on what someone
 * turned off.
 */
import { isRecord, own } from '../sources/json-safe.js';
import type { MeaningContext } from './config-meaning.js';
import type { Settings } from '../contract.js';
import type { ConfigDocument } from '../generated/config-document.js';
import { checkSettingValue } from './settings-check.js';
import { ALWAYS_STORED, DEFAULT_SETTINGS, resolveSettings } from './settings-layers.js';
import { isSettingKey, SETTING_KEYS } from './settings-schema.js';
import { clauses, phrase, type Phrase } from '../i18n/phrase.js';

/**
 * Format version of the stored settings; bump it and add a step to MIGRATIONS together.
 * 0: the prototype's `{ services, interval, notify }`; 1: every setting, flat; 2: only the
 * settings the person set (so that the config file shows through the rest).
 */
export const SETTINGS_VERSION = 2;

const NOTIFICATIONS_OFF: Settings['notifications'] = { enabled: false, onWorse: false, onResolved: false, onLocal: false };

/**
 * What a repair as a whole stores: start at login and every kind of notification off. The store
 * cannot tell what the person last chose for a key it could not read (it keeps no history), so
 * the safe value is the only honest one: turning something off is visible and undone with one
 * click; turning it on behind someone's back is not.
 */
export const REPAIRED_LAYER: ConfigDocument = { notifications: NOTIFICATIONS_OFF, startAtLogin: false };

/** The settings after a repair as a whole, with nothing else set. */
export const REPAIRED_SETTINGS: Settings = resolveSettings(REPAIRED_LAYER);

const TURNED_OFF: Phrase = phrase('settings.repair.turnedOffIt');
const NOTIFICATIONS_TURNED_OFF: Phrase = phrase('settings.repair.notificationsOff');
const REPAIRED_NOTICE: Phrase = phrase('settings.repair.repaired');

/** `path: what`, as the schema's problems read. */
const at = (path: string, ...what: Phrase[]): Phrase => phrase('problem.at', { path, what: clauses(...what) });

/** A value as a problem quotes it: JSON, at most 60 characters, or "nothing". */
const quoted = (value: unknown): Phrase | string => JSON.stringify(value)?.slice(0, 60) ?? phrase('problem.value.nothing');

/** What is written to the store: the window's layer plus the format version. */
export function toStoredSettings(layer: ConfigDocument): Record<string, unknown> {
  return { version: SETTINGS_VERSION, ...layer };
}

type Raw = Record<string, unknown>;

/** Repairs one key; returns undefined when the key is best left out (its lower layers apply). */
function repairKey(key: string, start: unknown, notices: Phrase[], context: MeaningContext): unknown {
  let value: unknown = structuredClone(start);
  // Each round fixes the first problem; a value has at most a few hundred entries to drop.
  for (let round = 0; round < 500; round++) {
    const problem = checkSettingValue(key, value, context)[0];
    if (problem === undefined) return value;
    const [, second, third] = problem.at;
    if (key === 'startAtLogin' || (key === 'notifications' && !isRecord(value))) {
      notices.push(clauses(problem.words, key === 'startAtLogin' ? TURNED_OFF : NOTIFICATIONS_TURNED_OFF));
      return key === 'startAtLogin' ? false : NOTIFICATIONS_OFF;
    }
    if (key === 'pollIntervalSeconds' && problem.limit !== undefined) {
      // A number out of bounds is brought inside them rather than reset: the person meant "often" or "rarely".
      notices.push(clauses(problem.words, phrase('settings.repair.using', { value: String(problem.limit) })));
      return problem.limit;
    }
    if (Array.isArray(value) && typeof second === 'number' && problem.at.length >= 2) {
      notices.push(clauses(problem.words, phrase('settings.repair.leftOut')));
      value = value.filter((_, i) => i !== second);
      continue;
    }
    if (isRecord(value) && typeof second === 'string' && third === undefined) {
      const copy: Raw = { ...value };
      if (key === 'notifications') {
        notices.push(clauses(problem.words, TURNED_OFF));
        copy[second] = false;
      } else {
        notices.push(clauses(problem.words, phrase('settings.repair.default')));
        delete copy[second];
      }
      value = copy;
      continue;
    }
    notices.push(clauses(problem.words, phrase('settings.repair.default')));
    return undefined;
  }
  return undefined;
}

/** Checks each key of a stored layer on its own; keys that are not window settings are dropped. */
function repairLayer(raw: Raw, notices: Phrase[], context: MeaningContext, quietAboutUnknown: boolean): ConfigDocument {
  const out: Raw = {};
  for (const key of Object.keys(raw)) {
    if (key === 'version') continue;
    if (!isSettingKey(key)) {
      if (!quietAboutUnknown) notices.push(at(JSON.stringify(key.slice(0, 60)), phrase('settings.repair.notASetting')));
      continue;
    }
    const value = repairKey(key, own(raw, key), notices, context);
    if (value !== undefined) out[key] = value;
  }
  return out as ConfigDocument;
}

/** Version 0, the first prototype: `{ services: string[], interval: number (seconds), notify: boolean }`. */
function migrateV0(raw: Raw, notices: Phrase[]): Raw {
  const next: Raw = {};
  const services = own(raw, 'services');
  if (services !== undefined) next['watch'] = services;
  const interval = own(raw, 'interval');
  if (interval !== undefined) next['pollIntervalSeconds'] = interval;
  const notify = own(raw, 'notify');
  if (typeof notify === 'boolean') next['notifications'] = { enabled: notify, onWorse: notify, onResolved: notify, onLocal: notify };
  else if (notify !== undefined) notices.push(at('notify', phrase('problem.schema.expected', { expected: phrase('problem.type.boolean'), got: quoted(notify) }), NOTIFICATIONS_TURNED_OFF));
  // The prototype could not start at login, so nobody with a v0 file ever chose to.
  if (own(raw, 'startAtLogin') === undefined) next['startAtLogin'] = false;
  // Keys the prototype never had but a hand edit may have added are read as current keys.
  for (const key of SETTING_KEYS) if (!(key in next) && own(raw, key) !== undefined) next[key] = own(raw, key);
  return next;
}

/**
 * Version 1 stored every setting; a value equal to the built-in default is dropped, because
 * version 1 could not tell "chosen" from "never touched" and an untouched key must let the config
 * file show through. Start at login and notifications are always kept (ALWAYS_STORED).
 */
function migrateV1(raw: Raw): Raw {
  const next: Raw = {};
  for (const key of Object.keys(raw)) {
    const value = own(raw, key);
    const pinned = (ALWAYS_STORED as readonly string[]).includes(key);
    if (key !== 'version' && (pinned || JSON.stringify(value) !== JSON.stringify((DEFAULT_SETTINGS as unknown as Raw)[key]))) next[key] = value;
  }
  return next;
}

/** In a saved file, a missing start-at-login or notification key is damage: it becomes OFF. */
function offWhenMissing(raw: Raw, notices: Phrase[]): Raw {
  const next: Raw = { ...raw };
  if (own(raw, 'startAtLogin') === undefined) {
    notices.push(at('startAtLogin', phrase('settings.repair.missing'), TURNED_OFF));
    next['startAtLogin'] = false;
  }
  const notifications = own(raw, 'notifications');
  if (notifications === undefined) {
    notices.push(at('notifications', phrase('settings.repair.missing'), NOTIFICATIONS_TURNED_OFF));
    next['notifications'] = NOTIFICATIONS_OFF;
  } else if (isRecord(notifications)) {
    const fields = { ...notifications };
    for (const field of Object.keys(NOTIFICATIONS_OFF)) {
      if (own(fields, field) !== undefined) continue;
      notices.push(at(`notifications.${field}`, phrase('settings.repair.missing'), TURNED_OFF));
      fields[field] = false;
    }
    next['notifications'] = fields;
  }
  return next;
}

/** MIGRATIONS[n] turns version n into version n + 1. */
const MIGRATIONS: readonly ((raw: Raw, notices: Phrase[]) => Raw)[] = [migrateV0, migrateV1];

export interface MigrationResult {
  /** The window's layer as it should now be stored. */
  readonly layer: ConfigDocument;
  /** That layer over the defaults alone (the shell layers the config file in between). */
  readonly settings: Settings;
  /** Sentences for the settings page ("... using the default"), in no language yet (`renderPhrase`). */
  readonly notices: Phrase[];
  /** The stored data differs from `toStoredSettings(layer)`: write it back. */
  readonly migrated: boolean;
}

export interface MigrationContext {
  /** The file was damaged or could not be read, so `raw` is not what the person saved. */
  readonly damaged?: boolean;
  /** Services the config file defines, which the window's watch list may name. */
  readonly meaning?: MeaningContext;
}

function result(layer: ConfigDocument, notices: Phrase[], migrated: boolean): MigrationResult {
  return { layer, settings: resolveSettings(layer), notices, migrated };
}

/**
 * Reads whatever the store held: an older version is migrated step by step, every key is checked
 * on its own and anything unusable is repaired with a notice. Never throws. `undefined` or an
 * empty object is a fresh install (nothing set, no notice) unless `context.damaged` says the file
 * was lost, which stores REPAIRED_LAYER.
 */
export function migrateSettings(raw: unknown, context: MigrationContext = {}): MigrationResult {
  const notices: Phrase[] = [];
  const meaning = context.meaning ?? {};
  if (context.damaged === true) return result(REPAIRED_LAYER, [REPAIRED_NOTICE], true);
  if (raw === undefined || raw === null || (isRecord(raw) && Object.keys(raw).length === 0)) return result({}, notices, false);
  if (!isRecord(raw)) return result(REPAIRED_LAYER, [phrase('settings.repair.unreadable')], true);
  const stored = own(raw, 'version') === undefined ? 0 : own(raw, 'version');
  let version = SETTINGS_VERSION;
  if (typeof stored === 'number' && Number.isInteger(stored) && stored >= 0) version = stored;
  else {
    notices.push(at('version', phrase('problem.schema.expected', { expected: phrase('problem.type.integer'), got: quoted(own(raw, 'version')) }), phrase('settings.repair.readAsCurrent')));
    version = SETTINGS_VERSION;
  }
  if (version > SETTINGS_VERSION) {
    // Written by a newer app (the person went back a version): keep what we understand, touch nothing else.
    notices.push(phrase('settings.repair.newer', { version: String(version) }));
    return result(repairLayer(offWhenMissing(raw, notices), notices, meaning, true), notices, false);
  }
  let data: Raw = raw;
  for (let v = version; v < SETTINGS_VERSION; v++) data = MIGRATIONS[v]?.(data, notices) ?? data;
  const layer = repairLayer(offWhenMissing(data, notices), notices, meaning, false);
  const migrated = version !== SETTINGS_VERSION || JSON.stringify(toStoredSettings(layer)) !== JSON.stringify(raw);
  return result(layer, notices, migrated);
}
