/**
 * Policy in the desktop app's settings: the recommended values under the config file, the
 * mandatory ones over the window's, the poll interval inside `pollIntervalLimits`, and a window
 * layer that never stores what policy forced (policy is an overlay, recomputed when it changes).
 */
import { isRecord } from '../sources/json-safe.js';
import type { Settings, SettingKey } from '../contract.js';
import type { ConfigDocument } from '../generated/config-document.js';
import { ALWAYS_STORED, effectiveSettings, mergeLayers } from '../settings/settings-layers.js';
import { clampPollInterval, pollIntervalBounds, type PolicyOutcome } from './policy-effective.js';

/** The two documents policy adds to the settings' layers. */
export type PolicyLayers = Pick<PolicyOutcome, 'recommended' | 'mandatory'>;

/** No policy. */
export const NO_POLICY_LAYERS: PolicyLayers = { recommended: {}, mandatory: {} };

/** Every layer, weakest first: recommended, config file, window, mandatory. */
export function allLayers(policy: PolicyLayers, configFile: ConfigDocument, windowLayer: ConfigDocument): ConfigDocument[] {
  return [policy.recommended, configFile, windowLayer, policy.mandatory];
}

/** The document the engine and the shell read (sources, connectivity, app.allowQuit, ...): every layer but the window's. */
export function documentWithPolicy(policy: PolicyLayers, configFile: ConfigDocument): ConfigDocument {
  return mergeLayers([policy.recommended, configFile, policy.mandatory]);
}

/** The poll interval's bounds in force (the schema's, narrowed by `pollIntervalLimits` from any layer). */
export function boundsWithPolicy(policy: PolicyLayers, configFile: ConfigDocument): { readonly min: number; readonly max: number } {
  return pollIntervalBounds(documentWithPolicy(policy, configFile));
}

/** The window's settings in force with policy; the poll interval brought inside its bounds. */
export function settingsWithPolicy(policy: PolicyLayers, configFile: ConfigDocument, windowLayer: ConfigDocument): Settings {
  const settings = effectiveSettings(allLayers(policy, configFile, windowLayer));
  const bounds = boundsWithPolicy(policy, configFile);
  return { ...settings, pollIntervalSeconds: clampPollInterval(settings.pollIntervalSeconds, bounds) };
}

/** Whether the tray may offer Quit: `app.allowQuit` from policy or the config file, true by default. */
export function quitAllowed(policy: PolicyLayers, configFile: ConfigDocument): boolean {
  return documentWithPolicy(policy, configFile).app?.allowQuit !== false;
}

/** A change from the window that leaves the poll interval's bounds is refused with the bounds in words. */
export function pollBoundsProblems(patch: unknown, bounds: { readonly min: number; readonly max: number }): string[] {
  if (typeof patch !== 'object' || patch === null) return [];
  const seconds = (patch as Record<string, unknown>)['pollIntervalSeconds'];
  if (typeof seconds !== 'number' || (seconds >= bounds.min && seconds <= bounds.max)) return [];
  return [`pollIntervalSeconds: your organization allows ${bounds.min}-${bounds.max} seconds`];
}


/**
 * The window's layer to store after a change: where a mandatory policy forced a value, the
 * person's own value stays (or, for the settings always stored, the value in force without the
 * policy), so lifting the policy gives back what the person had.
 */
export function storedLayerUnderPolicy(next: ConfigDocument, previous: ConfigDocument, mandatory: ConfigDocument, unforced: Settings): ConfigDocument {
  const out: Record<string, unknown> = { ...next };
  const before = previous as Record<string, unknown>;
  const always = new Set<string>(ALWAYS_STORED);
  for (const [key, forced] of Object.entries(mandatory as Record<string, unknown>)) {
    if (!Object.hasOwn(out, key)) continue;
    const own = before[key];
    const fallback = always.has(key) ? (unforced as Record<string, unknown>)[key as SettingKey] : undefined;
    if (isRecord(forced) && isRecord(out[key])) {
      const group: Record<string, unknown> = { ...(out[key] as Record<string, unknown>) };
      for (const field of Object.keys(forced)) {
        const kept = isRecord(own) && Object.hasOwn(own, field) ? own[field] : isRecord(fallback) ? fallback[field] : undefined;
        if (kept === undefined) delete group[field];
        else group[field] = kept;
      }
      out[key] = group;
    } else if (own !== undefined) out[key] = own;
    else if (fallback !== undefined) out[key] = fallback;
    else delete out[key];
  }
  return out as ConfigDocument;
}
