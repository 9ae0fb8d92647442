/**
 * What `settings:get` and `settings:update` do: validate a change with the core rules, save it,
 * then let the rest of the app follow (engine, start at login). The window always gets the full
 * settings view back, so it never has to guess what was kept. Problems and notices stay words as
 * data until the answer is built, and are then said in the person's language (`words`), which can
 * change while the app runs.
 */
import type { SettingKey, Settings, SettingsUpdateResult, SettingsView } from '../core/contract.js';
import { phrase, type Phrase } from '../core/i18n/phrase.js';
import { ENGLISH, type Translator } from '../core/i18n/translate.js';
import { sayProblem } from '../core/settings/settings-patch.js';
import type { SettingProblem } from '../core/settings/settings-schema.js';

export type PatchOutcome = { readonly ok: true; readonly settings: Settings } | { readonly ok: false; readonly problems: readonly SettingProblem[] };

export interface SettingsControllerDeps {
  readonly store: {
    current(): Settings;
    save(settings: Settings): boolean;
    notices(): readonly Phrase[];
  };
  /** `core/settings/settings-patch.ts` applySettingsPatch. */
  readonly applyPatch: (current: Settings, patch: unknown, locked: readonly SettingKey[]) => PatchOutcome;
  /** `core/settings/settings-view.ts` settingsView, in the translator's language. */
  readonly view: (settings: Settings, locked: readonly SettingKey[], notices: readonly Phrase[], t: Translator) => SettingsView;
  /** Keys set by policy. */
  readonly locked: () => readonly SettingKey[];
  /** Called after a change was accepted; a throw becomes a notice, the change stays. */
  readonly onChanged: (next: Settings, previous: Settings) => Promise<void> | void;
  /** The person's language as main decides it now (main.ts: `appTranslator`); default English. */
  readonly words?: () => Translator;
  readonly log?: { warn(message: string, ...details: unknown[]): void };
}

export interface SettingsController {
  current(): Settings;
  view(): SettingsView;
  update(patch: unknown): Promise<SettingsUpdateResult>;
}

export function createSettingsController(deps: SettingsControllerDeps): SettingsController {
  const log = deps.log ?? console;
  const words = deps.words ?? (() => ENGLISH);
  const runtimeNotices: Phrase[] = [];
  const view = (t: Translator = words()): SettingsView => deps.view(deps.store.current(), deps.locked(), [...deps.store.notices(), ...runtimeNotices], t);

  return {
    current: () => deps.store.current(),
    view: () => view(),
    async update(patch) {
      const previous = deps.store.current();
      const outcome = deps.applyPatch(previous, patch, deps.locked());
      if (!outcome.ok) {
        const t = words();
        return { ok: false, problems: outcome.problems.map((problem) => sayProblem(problem, t)), view: view(t) };
      }
      runtimeNotices.length = 0;
      if (!deps.store.save(outcome.settings)) runtimeNotices.push(phrase('settings.file.notSaved'));
      try {
        await deps.onChanged(outcome.settings, previous);
      } catch (error) {
        log.warn('settings: applying the change failed', error);
        runtimeNotices.push(phrase('settings.file.notApplied', { error: error instanceof Error ? error.message : String(error) }));
      }
      // Said after the change: a new `language` is the one the answer is in.
      return { ok: true, view: view() };
    },
  };
}
