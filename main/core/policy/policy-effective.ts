/**
 * Which value is in force for each setting, and why. Strongest first:
 *
 *   machine policy > user policy > user setting (window) > config file > recommended policy > default
 *
 * A value set by a mandatory policy (machine or user) is `locked`. The outcome gives the rows of
 * `outage-radar policy` and the layers the app merges (`settings-layers.ts`), so both agree.
 */
import type { SettingKey } from '../contract.js';
import type { ConfigDocument } from '../generated/config-document.js';
import { mergeLayers } from '../settings/settings-layers.js';
import { isSettingKey } from '../settings/settings-schema.js';
import { POLICY_KEYS, policyByName } from './policy-names.js';
import type { PolicyError, PolicyLevel, PolicySet, SettingSource } from './policy-types.js';
import { nestedDocument, validatePolicySet, type ValidatedPolicies } from './policy-validate.js';

/** One row of the policy page. */
export interface EffectiveSetting {
  /** The setting's key path: `helpdesk.ticketUrl`. */
  readonly key: string;
  /** The value in force; null when nothing sets it and it has no default. */
  readonly value: unknown;
  readonly source: SettingSource;
  readonly locked: boolean;
}

export interface PolicyInputs {
  /** Every set read, any level, in the reader's order (earlier wins within a level). */
  readonly sets: readonly PolicySet[];
  /** The config file's document (`--config FILE`, or the per-OS default). */
  readonly configFile?: ConfigDocument;
  /** The settings a person changed in the window. */
  readonly user?: ConfigDocument;
}

export interface PolicyOutcome {
  readonly settings: readonly EffectiveSetting[];
  readonly errors: readonly PolicyError[];
  /** Machine policy over user policy: the layer over everything. */
  readonly mandatory: ConfigDocument;
  /** The recommended values: the layer under the config file. */
  readonly recommended: ConfigDocument;
  /** The setting keys a mandatory policy set (`helpdesk.ticketUrl`). */
  readonly lockedKeys: readonly string[];
}

function valueAt(doc: ConfigDocument, path: readonly string[]): unknown {
  let node: unknown = doc;
  for (const segment of path) {
    if (typeof node !== 'object' || node === null || Array.isArray(node) || !Object.hasOwn(node, segment)) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

/** One level's document from its validated sets; an earlier set wins a key. */
function levelDocument(validated: readonly ValidatedPolicies[], level: PolicyLevel): ConfigDocument {
  const layers = validated.filter((v) => v.level === level).flatMap((v) => [...v.values.values()].map(({ policy, value }) => nestedDocument(policy.path, value)));
  return mergeLayers(layers.reverse());
}

function pollLimits(doc: ConfigDocument): { min: number; max: number } {
  return { min: doc.pollIntervalLimits?.minSeconds ?? 60, max: doc.pollIntervalLimits?.maxSeconds ?? 3600 };
}

/** Validates every set and works out each setting's value, source and lock. */
export function resolvePolicy(inputs: PolicyInputs): PolicyOutcome {
  const configFile = inputs.configFile ?? {};
  const user = inputs.user ?? {};
  const validated = inputs.sets.map((set) => validatePolicySet(set, { below: configFile, meaning: { serviceIds: (configFile.services ?? []).map((s) => s.id) } }));
  const machine = levelDocument(validated, 'machine-policy');
  const userPolicy = levelDocument(validated, 'user-policy');
  const recommended = levelDocument(validated, 'recommended');
  const ordered: readonly [SettingSource, ConfigDocument][] = [
    ['machine-policy', machine],
    ['user-policy', userPolicy],
    ['user', user],
    ['config-file', configFile],
    ['recommended', recommended],
  ];
  const rows = POLICY_KEYS.map((policy): EffectiveSetting => {
    for (const [source, doc] of ordered) {
      const value = valueAt(doc, policy.path);
      if (value !== undefined) return { key: policy.key, value, source, locked: source === 'machine-policy' || source === 'user-policy' };
    }
    return { key: policy.key, value: policy.default ?? null, source: 'default', locked: false };
  });
  const settings = boundPollInterval(rows);
  // A value brought inside the limits is bounded, not locked: the person may still pick within them.
  const lockedKeys = rows.filter((s) => s.locked).map((s) => s.key);
  return { settings, errors: validated.flatMap((v) => v.errors), mandatory: mergeLayers([userPolicy, machine]), recommended, lockedKeys };
}

/**
 * One setting's value in force, by the same precedence as `resolvePolicy`, checking only that
 * setting's policies: what the CLI needs to pick its language without validating every policy.
 * A bad value for it is rejected as `resolvePolicy` rejects it, so the next layer's value applies.
 */
export function settingInForce(key: string, sets: readonly PolicySet[], configFile: ConfigDocument = {}): unknown {
  const own = sets.map((set) => ({ ...set, entries: set.entries.filter((entry) => policyByName(entry.name)?.key === key), problems: [] }));
  return resolvePolicy({ sets: own, configFile }).settings.find((s) => s.key === key)?.value;
}

/** A poll interval outside `pollIntervalLimits` is brought inside; the limit that did it is then its source. */
function boundPollInterval(rows: readonly EffectiveSetting[]): EffectiveSetting[] {
  const row = (key: string): EffectiveSetting | undefined => rows.find((r) => r.key === key);
  const interval = row('pollIntervalSeconds');
  const min = row('pollIntervalLimits.minSeconds');
  const max = row('pollIntervalLimits.maxSeconds');
  if (interval === undefined || typeof interval.value !== 'number') return [...rows];
  const bound = (limit: EffectiveSetting | undefined, value: number): EffectiveSetting => ({ ...interval, value, source: limit?.source ?? interval.source, locked: limit?.locked ?? interval.locked });
  let next = interval;
  if (typeof min?.value === 'number' && interval.value < min.value) next = bound(min, min.value);
  else if (typeof max?.value === 'number' && interval.value > max.value) next = bound(max, max.value);
  return rows.map((r) => (r === interval ? next : r));
}

/** The poll interval's bounds for the window: the schema's range narrowed by `pollIntervalLimits`. */
export function pollIntervalBounds(doc: ConfigDocument): { readonly min: number; readonly max: number } {
  const { min, max } = pollLimits(doc);
  // Limits the wrong way round bound nothing rather than everything.
  return min <= max ? { min, max } : { min: 60, max: 3600 };
}

/** The poll interval brought inside the bounds. */
export function clampPollInterval(seconds: number, bounds: { readonly min: number; readonly max: number }): number {
  return Math.min(bounds.max, Math.max(bounds.min, seconds));
}

/** The window's keys a mandatory policy sets, whole or in part: a group with one forced field is locked in the window. */
export function lockedWindowKeys(lockedKeys: readonly string[]): SettingKey[] {
  const top = new Set(lockedKeys.map((key) => key.split('.')[0] as string));
  return [...top].filter(isSettingKey);
}
