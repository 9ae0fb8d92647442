/**
 * How the layers of the one settings model become what is in force. Weakest first: the
 * schema's defaults, the config file (`--config FILE` or the per-OS default location), the
 * settings a person changed in the window; policy will sit on top. Each layer is a document of
 * the schema's shape with every key optional, so a layer says only what it sets.
 *
 * Merging is per key: a group (`notifications`, `quietHours`, `network`, `connectivity`) merges
 * field by field; a list or a plain value is replaced whole (a window's watch list replaces the
 * file's, it is not appended to it); `null` (no org feed, no tenant) is a value and wins too.
 */
import { CATALOG_SOURCES, ORG_FEED_SOURCE_ID } from '../sources/catalog.js';
import type { Settings } from '../contract.js';
import type { ConfigDocument } from '../generated/config-document.js';
import { SCHEMA_DEFAULTS, SETTING_KEYS } from './settings-schema.js';

/** The built-in defaults of every window setting: the schema's `default`s. */
export const DEFAULT_SETTINGS: Settings = SCHEMA_DEFAULTS as Settings;

const POISONED = new Set(['__proto__', 'constructor', 'prototype']);

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mergeTwo(below: Record<string, unknown>, above: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...below };
  for (const key of Object.keys(above)) {
    if (POISONED.has(key)) continue;
    const value = above[key];
    if (value === undefined) continue;
    const under = Object.hasOwn(out, key) ? out[key] : undefined;
    out[key] = isPlainRecord(value) && isPlainRecord(under) ? mergeTwo(under, value) : value;
  }
  return out;
}

/** The layers merged, weakest first: a later layer wins key by key (groups field by field). */
export function mergeLayers(layers: readonly ConfigDocument[]): ConfigDocument {
  return layers.reduce<Record<string, unknown>>((out, layer) => mergeTwo(out, layer as Record<string, unknown>), {}) as ConfigDocument;
}

/** Whether the document defines sources or services of its own, which replaces the default watch list. */
function definesOwnServices(doc: ConfigDocument): boolean {
  const catalogIds = new Set([ORG_FEED_SOURCE_ID, ...CATALOG_SOURCES.map((s) => s.id)]);
  return (doc.services?.length ?? 0) > 0 || (doc.sources ?? []).some((s) => !catalogIds.has(s.id));
}

/**
 * The window's settings in force for a merged document: each key the document sets, else the
 * schema's default. The watch list follows the config file's rule: a file that defines its own
 * sources or services watches only those unless it lists `watch`.
 */
export function resolveSettings(doc: ConfigDocument): Settings {
  const merged = mergeLayers([DEFAULT_SETTINGS, doc]) as Record<string, unknown>;
  const out = Object.fromEntries(SETTING_KEYS.map((key) => [key, merged[key]])) as { -readonly [K in keyof Settings]: Settings[K] };
  if (doc.watch === undefined && definesOwnServices(doc)) out.watch = [];
  // Tenant names are DNS labels: one spelling, so that a changed case is not a changed setting.
  if (out.tenantName !== null) out.tenantName = out.tenantName.toLowerCase();
  return out;
}

/** The settings in force from the layers, weakest first (the config file, then the window's). */
export function effectiveSettings(layers: readonly ConfigDocument[]): Settings {
  return resolveSettings(mergeLayers(layers));
}

/**
 * The engine's configuration: the config file's keys the window does not show (sources,
 * services, network, connectivity) under the settings in force. The watch list is always
 * explicit here, so the window's custom pages add to it instead of replacing the default.
 */
export function settingsToAppConfig(settings: Settings, file: ConfigDocument = {}): ConfigDocument {
  return mergeLayers([file, settings]);
}

/**
 * Settings that act on the person's machine by themselves are always written to the store, so that
 * a stored file without them is damage (repaired OFF), never read as "not set" (default ON).
 */
export const ALWAYS_STORED = ['notifications', 'startAtLogin'] as const satisfies readonly (keyof Settings)[];

/**
 * The window's layer after a change from `before` to `after` (both as in force): each key the
 * change touched is now the person's own, the keys it did not touch stay as they were, so the
 * config file keeps showing through everything the person never changed.
 */
export function layerAfterChange(layer: ConfigDocument, before: Settings, after: Settings): ConfigDocument {
  const out: Record<string, unknown> = { ...layer };
  for (const key of SETTING_KEYS) if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) out[key] = after[key];
  for (const key of ALWAYS_STORED) out[key] = after[key];
  return out as ConfigDocument;
}
