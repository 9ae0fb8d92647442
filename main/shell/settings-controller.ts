/**
 * What `settings:get` and `settings:update` do: validate a change with the core rules, save it,
 * then let the rest of the app follow (engine, start at login). The window always gets the full
 * settings view back, so it never has to guess what was kept.
 */
import type { SettingKey, Settings, SettingsUpdateResult, SettingsView } from '../core/contract.js';

export type PatchOutcome = { readonly ok: true; readonly settings: Settings } | { readonly ok: false; readonly problems: readonly string[] };

export interface SettingsControllerDeps {
  readonly store: {
    current(): Settings;
    save(settings: Settings): boolean;
    notices(): readonly string[];
  };
  /** `core/settings/settings-patch.ts` applySettingsPatch. */
  readonly applyPatch: (current: Settings, patch: unknown, locked: readonly SettingKey[]) => PatchOutcome;
  /** `core/settings/settings-view.ts` settingsView. */
  readonly view: (settings: Settings, locked: readonly SettingKey[], notices: readonly string[]) => SettingsView;
  /** Keys set by policy. */
  readonly locked: () => readonly SettingKey[];
  /** Called after a change was accepted; a throw becomes a notice, the change stays. */
  readonly onChanged: (next: Settings, previous: Settings) => Promise<void> | void;
  readonly log?: { warn(message: string, ...details: unknown[]): void };
}

export interface SettingsController {
  current(): Settings;
  view(): SettingsView;
  update(patch: unknown): Promise<SettingsUpdateResult>;
}

export function createSettingsController(deps: SettingsControllerDeps): SettingsController {
  const log = deps.log ?? console;
  const runtimeNotices: string[] = [];
  const view = (): SettingsView => deps.view(deps.store.current(), deps.locked(), [...deps.store.notices(), ...runtimeNotices]);

  return {
    current: () => deps.store.current(),
    view,
    async update(patch) {
      const previous = deps.store.current();
      const outcome = deps.applyPatch(previous, patch, deps.locked());
      if (!outcome.ok) return { ok: false, problems: outcome.problems, view: view() };
      runtimeNotices.length = 0;
      if (!deps.store.save(outcome.settings)) {
        runtimeNotices.push('Your settings could not be saved; they apply until Outage Radar is closed.');
      }
      try {
        await deps.onChanged(outcome.settings, previous);
      } catch (error) {
        log.warn('settings: applying the change failed', error);
        runtimeNotices.push(`Part of the change could not be applied: ${error instanceof Error ? error.message : String(error)}`);
      }
      return { ok: true, view: view() };
    },
  };
}
