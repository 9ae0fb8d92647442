/**
 * The settings form. It keeps a draft while the person edits and sends only the changed, unlocked
 * keys on Save. Keys set by policy are disabled, carry a lock and say "Managed by your
 * organization". Main alone decides whether a value is good; its problems are shown next to the
 * field they are about, in that field's words (renderer/model/settings.ts `fieldProblems`).
 *
 * Unlike the other views this one is stateful (the draft must survive state pushes), so it is a
 * class whose element stays in place; `setState` only refreshes the pause-notifications block.
 * The sections live in ./settings/: fields (the building blocks), services (what to watch),
 * notifications (notifications, pause, quiet hours) and general (interval, start-up, organization).
 */
import type { AppApi, MutePreset, SettingKey, Settings, SettingsView, ViewState } from '../../main/core/contract.js';
import { fieldProblems, intervalProblem, settingsPatch } from '../model/settings.js';
import { h, replaceChildren, type Child } from './dom.js';
import { captureUi, restoreUi } from './focus.js';
import { viewTitle } from './parts.js';
import { t } from '../i18n.js';
import type { Draft, SectionContext } from './settings/fields.js';
import { intervalSection, languageSection, organizationSection, startupSection } from './settings/general.js';
import { notificationsSection, pauseBlock, pauseChildren, quietHoursSection } from './settings/notifications.js';
import { SourceFinder } from './settings/add-source.js';
import { CatalogFilter, customSourcesSection, watchSection } from './settings/services.js';

export interface SettingsDeps {
  readonly api: AppApi;
  readonly announce: (text: string) => void;
  readonly mute: (preset: MutePreset) => void;
  /** The element that scrolls (main), for keeping the position across re-renders. */
  readonly scroller: () => HTMLElement;
}

function clone(settings: Settings): Settings {
  return JSON.parse(JSON.stringify(settings)) as Settings;
}

export class SettingsForm {
  readonly element: HTMLElement;
  private view: SettingsView | null = null;
  private draft: Draft | null = null;
  private problems = new Map<SettingKey | null, string[]>();
  private status: { readonly ok: boolean; readonly text: string } | null = null;
  private saving = false;
  private loadError: string | null = null;
  private state: ViewState | null = null;
  private muteBlock: HTMLElement | null = null;
  private readonly catalogFilter = new CatalogFilter();

  private readonly sourceFinder: SourceFinder;

  constructor(private readonly deps: SettingsDeps) {
    // Main reads the address ("Add a status page"); the window never fetches.
    this.sourceFinder = new SourceFinder((url) => deps.api.detectSource(url));
    this.element = h('div', { class: 'view settings' });
    this.render();
  }

  /** Fetches the settings from main; the form shows "Loading…" until then. */
  async load(): Promise<void> {
    try {
      this.adopt(await this.deps.api.getSettings());
      this.loadError = null;
    } catch (error) {
      this.loadError = t('ui.settings.loadError', { error: String((error as Error).message ?? error) });
    }
    this.render();
  }

  setState(state: ViewState): void {
    this.state = state;
    if (this.muteBlock) replaceChildren(this.muteBlock, pauseChildren(this.state, this.deps.mute));
  }

  private adopt(view: SettingsView): void {
    this.view = view;
    this.draft = clone(view.values) as Draft;
  }

  private render(): void {
    const snapshot = captureUi(this.element, this.deps.scroller());
    replaceChildren(this.element, this.children());
    restoreUi(this.element, this.deps.scroller(), snapshot);
  }

  private children(): Child[] {
    const title = viewTitle(t('ui.section.settings'));
    if (this.loadError) return [title, h('p', { class: 'notice notice-error', attrs: { role: 'alert' } }, this.loadError)];
    const view = this.view;
    const draft = this.draft;
    if (!view || !draft) return [title, h('p', { class: 'quiet' }, t('ui.settings.loading'))];
    const general = this.problems.get(null) ?? [];
    const ctx: SectionContext = {
      view,
      draft,
      problems: (key) => this.problems.get(key) ?? [],
      rerender: () => this.render(),
      announce: (text) => this.deps.announce(text),
    };
    this.muteBlock = pauseBlock(pauseChildren(this.state, this.deps.mute));
    return [
      title,
      ...view.notices.map((notice) => h('p', { class: 'notice' }, notice)),
      general.length > 0
        ? h('div', { class: 'notice notice-error', attrs: { role: 'alert' } }, h('p', {}, t('ui.settings.someNotSaved')), h('ul', {}, ...general.map((p) => h('li', {}, p))))
        : null,
      h(
        'form',
        {
          class: 'settings-form',
          attrs: { novalidate: true, 'aria-label': t('ui.section.settings') },
          on: {
            submit: (event) => {
              event.preventDefault();
              void this.save();
            },
          },
        },
        watchSection(ctx, this.catalogFilter),
        customSourcesSection(ctx, this.sourceFinder),
        intervalSection(ctx),
        notificationsSection(ctx, this.muteBlock),
        quietHoursSection(ctx),
        startupSection(ctx),
        languageSection(ctx),
        organizationSection(ctx),
        h(
          'div',
          { class: 'save-bar' },
          h('button', { class: 'primary', key: 'save', attrs: { type: 'submit', 'aria-disabled': this.saving ? 'true' : null } }, this.saving ? t('ui.settings.saving') : t('ui.settings.save')),
          this.status ? h('p', { class: this.status.ok ? 'save-status ok' : 'save-status error' }, this.status.text) : null,
        ),
      ),
    ];
  }

  private async save(): Promise<void> {
    const view = this.view;
    const draft = this.draft;
    if (!view || !draft || this.saving) return;
    const patch = settingsPatch(view.values, draft, view.locked);
    if (Object.keys(patch).length === 0) {
      this.problems = new Map();
      this.status = { ok: true, text: t('ui.settings.nothing') };
      this.render();
      this.deps.announce(this.status.text);
      return;
    }
    // An empty or unreadable number cannot be sent at all (JSON has no NaN), so this one is said here.
    if (Number.isNaN(draft.pollIntervalSeconds)) {
      this.problems = new Map([['pollIntervalSeconds', [intervalProblem(view.bounds.pollIntervalSeconds)]]]);
      this.status = { ok: false, text: t('ui.settings.fixField') };
      this.render();
      this.focusFirstProblem();
      this.deps.announce(this.status.text);
      return;
    }
    this.saving = true;
    this.status = null;
    this.render();
    try {
      const result = await this.deps.api.updateSettings(patch);
      if (result.ok) {
        this.adopt(result.view);
        this.problems = new Map();
        this.status = { ok: true, text: t('ui.settings.saved') };
      } else {
        // Keep the person's draft: only the facts (locks, catalog, notices, bounds) come from main.
        this.view = result.view;
        this.problems = fieldProblems(result.problems, { pollIntervalSeconds: result.view.bounds.pollIntervalSeconds, customSources: draft.customSources });
        const count = result.problems.length;
        this.status = { ok: false, text: t('ui.settings.problems', { count }) };
      }
    } catch (error) {
      this.status = { ok: false, text: t('ui.settings.notSaved', { reason: (error as Error).message ?? t('ui.settings.noAnswer') }) };
    }
    this.saving = false;
    this.render();
    if (this.problems.size > 0) this.focusFirstProblem();
    this.deps.announce(this.status?.text ?? '');
  }

  /** The first field marked invalid; a group without an input of its own (own status pages) gets its problem text focused. */
  private focusFirstProblem(): void {
    const field =
      this.element.querySelector<HTMLElement>('[aria-invalid="true"]:not([disabled]), fieldset.invalid > .field-error') ?? this.element.querySelector<HTMLElement>('.notice-error');
    if (field) {
      if (!field.matches('input, button, select, textarea')) field.setAttribute('tabindex', '-1');
      field.focus();
    }
  }
}
