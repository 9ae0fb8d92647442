/**
 * A change from the window: checked with the one validator and applied only if all of it is
 * good, so the window can show every problem next to its field. Groups (`notifications`,
 * `quietHours`) may be given in part. A key set by policy (`locked`) cannot be changed ("Managed
 * by your organization"); sending its current value is fine.
 */
import { checkConfigMeaning, type MeaningContext } from './config-meaning.js';
import type { SettingKey, Settings } from '../contract.js';
import { resolveSettings, mergeLayers } from './settings-layers.js';
import { checkSettingValue } from './settings-check.js';
import { isSettingKey, schemaProblems } from './settings-schema.js';

export type PatchResult = { readonly ok: true; readonly settings: Settings } | { readonly ok: false; readonly problems: string[] };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Checks a change against every rule of the schema and applies it only if all of it is good. */
export function applySettingsPatch(current: Settings, patch: unknown, locked: readonly SettingKey[], context: MeaningContext = {}): PatchResult {
  if (!isRecord(patch)) return { ok: false, problems: schemaProblems(patch).map((p) => p.message) };
  const problems: string[] = [];
  let next: Settings = current;
  for (const key of Object.keys(patch)) {
    if (!isSettingKey(key)) {
      problems.push(`${key.slice(0, 60)}: not a setting the window can change`);
      continue;
    }
    const value = patch[key];
    const found = checkSettingValue(key, value, context);
    if (found.length > 0) {
      problems.push(...found.map((p) => p.message));
      continue;
    }
    const changed = resolveSettings(mergeLayers([next, { [key]: value }]));
    if (locked.includes(key) && !sameValue(changed[key], current[key])) {
      problems.push(`${key}: Managed by your organization`);
      continue;
    }
    next = changed;
  }
  // Rules across a group's fields hold for the group as it will be, not as the patch gave it in part.
  if (problems.length === 0) problems.push(...checkConfigMeaning({ quietHours: next.quietHours }).map((p) => p.message));
  return problems.length > 0 ? { ok: false, problems } : { ok: true, settings: next };
}
