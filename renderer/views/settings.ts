/**
 * The settings form. It keeps a draft while the person edits and sends only the changed, unlocked
 * keys on Save. Keys set by policy are disabled, carry a lock and say "Managed by your
 * organization". Problems main reports are shown next to the field they are about.
 *
 * Unlike the other views this one is stateful (the draft must survive state pushes), so it is a
 * class whose element stays in place; `setState` only refreshes the pause-notifications block.
 */
import type { AppApi, MutePreset, SettingKey, Settings, SettingsView, ViewState } from '../../main/core/contract.js';
import { MUTE_PRESETS } from '../../main/core/contract.js';
import { mutePresetLabel } from '../model/labels.js';
import {
  customSourceId,
  customSourceProblem,
  groupCatalog,
  intervalMinuteBounds,
  problemsByKey,
  secondsToMinutes,
  settingsPatch,
} from '../model/settings.js';
import { formatUntil, parseTime } from '../model/time.js';
import { button, h, replaceChildren, uid, type Child } from './dom.js';
import { captureUi, restoreUi } from './focus.js';
import { decorativeSvg, type Shape } from './glyph.js';
import { viewTitle } from './parts.js';

export interface SettingsDeps {
  readonly api: AppApi;
  readonly announce: (text: string) => void;
  readonly mute: (preset: MutePreset) => void;
  /** The element that scrolls (main), for keeping the position across re-renders. */
  readonly scroller: () => HTMLElement;
}

const LOCK: readonly Shape[] = [
  ['rect', { x: '2.5', y: '7', width: '11', height: '8', rx: '1.5', fill: 'currentColor' }],
  ['path', { d: 'M5 7V5a3 3 0 0 1 6 0v2', fill: 'none', stroke: 'currentColor', 'stroke-width': '1.8' }],
];

function lockGlyph(): SVGSVGElement {
  return decorativeSvg(LOCK, 14, 'glyph lock');
}

function clone(settings: Settings): Settings {
  return JSON.parse(JSON.stringify(settings)) as Settings;
}

type Draft = { -readonly [K in keyof Settings]: Settings[K] };

export class SettingsForm {
  readonly element: HTMLElement;
  private view: SettingsView | null = null;
  private draft: Draft | null = null;
  private problems = new Map<SettingKey | null, string[]>();
  private status: { readonly ok: boolean; readonly text: string } | null = null;
  private addProblem: string | null = null;
  private saving = false;
  private loadError: string | null = null;
  private state: ViewState | null = null;
  private muteBlock: HTMLElement | null = null;
  private newSource = { name: '', url: '' };

  constructor(private readonly deps: SettingsDeps) {
    this.element = h('div', { class: 'view settings' });
    this.render();
  }

  /** Fetches the settings from main; the form shows "Loading…" until then. */
  async load(): Promise<void> {
    try {
      this.adopt(await this.deps.api.getSettings());
      this.loadError = null;
    } catch (error) {
      this.loadError = `Could not load your settings: ${(error as Error).message ?? error}`;
    }
    this.render();
  }

  setState(state: ViewState): void {
    this.state = state;
    if (this.muteBlock) replaceChildren(this.muteBlock, this.muteChildren());
  }

  private adopt(view: SettingsView): void {
    this.view = view;
    this.draft = clone(view.values) as Draft;
  }

  private isLocked(key: SettingKey): boolean {
    return this.view?.locked.includes(key) ?? false;
  }

  private render(): void {
    const snapshot = captureUi(this.element, this.deps.scroller());
    replaceChildren(this.element, this.children());
    restoreUi(this.element, this.deps.scroller(), snapshot);
  }

  private children(): Child[] {
    const title = viewTitle('Settings');
    if (this.loadError) return [title, h('p', { class: 'notice notice-error', attrs: { role: 'alert' } }, this.loadError)];
    const view = this.view;
    const draft = this.draft;
    if (!view || !draft) return [title, h('p', { class: 'quiet' }, 'Loading your settings…')];
    const general = this.problems.get(null) ?? [];
    return [
      title,
      ...view.notices.map((notice) => h('p', { class: 'notice' }, notice)),
      general.length > 0
        ? h('div', { class: 'notice notice-error', attrs: { role: 'alert' } }, h('p', {}, 'Some settings could not be saved:'), h('ul', {}, ...general.map((p) => h('li', {}, p))))
        : null,
      h(
        'form',
        {
          class: 'settings-form',
          attrs: { novalidate: true, 'aria-label': 'Settings' },
          on: {
            submit: (event) => {
              event.preventDefault();
              void this.save();
            },
          },
        },
        this.watchSection(view, draft),
        this.customSourcesSection(draft),
        this.intervalSection(view, draft),
        this.notificationsSection(draft),
        this.quietHoursSection(draft),
        this.startupSection(draft),
        this.organisationSection(draft),
        h(
          'div',
          { class: 'save-bar' },
          h('button', { class: 'primary', key: 'save', attrs: { type: 'submit', 'aria-disabled': this.saving ? 'true' : null } }, this.saving ? 'Saving…' : 'Save'),
          this.status ? h('p', { class: this.status.ok ? 'save-status ok' : 'save-status error' }, this.status.text) : null,
        ),
      ),
    ];
  }

  /** A titled group of fields with its lock note and its problems; returns ids for aria-describedby. */
  private group(key: SettingKey, title: string, hint: string | null, build: (describedBy: string, disabled: boolean) => Child[]): HTMLElement {
    const locked = this.isLocked(key);
    const problems = this.problems.get(key) ?? [];
    const hintId = uid('hint');
    const lockId = uid('lock');
    const errorId = uid('err');
    const describedBy = [hint ? hintId : null, locked ? lockId : null, problems.length > 0 ? errorId : null].filter(Boolean).join(' ');
    return h(
      'fieldset',
      { class: `field-group${locked ? ' locked' : ''}${problems.length > 0 ? ' invalid' : ''}`, attrs: { 'data-setting': key } },
      h('legend', {}, title),
      locked ? h('p', { class: 'lock-note', id: lockId }, lockGlyph(), 'Managed by your organization') : null,
      hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
      ...build(describedBy, locked),
      problems.length > 0 ? h('div', { class: 'field-error', id: errorId }, ...problems.map((p) => h('p', {}, p))) : null,
    );
  }

  private checkbox(key: string, label: string, checked: boolean, disabled: boolean, describedBy: string, onChange: (checked: boolean) => void, invalid = false): HTMLElement {
    const id = uid('cb');
    return h(
      'div',
      { class: 'check' },
      h('input', {
        id,
        key,
        attrs: { type: 'checkbox', checked, disabled, 'aria-describedby': describedBy || null, 'aria-invalid': invalid ? 'true' : null },
        on: { change: (event) => onChange((event.target as HTMLInputElement).checked) },
      }),
      h('label', { attrs: { for: id } }, label),
    );
  }

  private textField(
    key: string,
    label: string,
    value: string,
    options: { type?: string; disabled: boolean; describedBy: string; invalid: boolean; placeholder?: string; autocomplete?: string; extra?: Record<string, string | number> },
    onInput: (value: string) => void,
  ): HTMLElement {
    const id = uid('in');
    return h(
      'div',
      { class: 'field' },
      h('label', { attrs: { for: id } }, label),
      h('input', {
        id,
        key,
        attrs: {
          type: options.type ?? 'text',
          value,
          disabled: options.disabled,
          placeholder: options.placeholder ?? null,
          autocomplete: options.autocomplete ?? 'off',
          spellcheck: 'false',
          'aria-describedby': options.describedBy || null,
          'aria-invalid': options.invalid ? 'true' : null,
          ...options.extra,
        },
        on: { input: (event) => onInput((event.target as HTMLInputElement).value) },
      }),
    );
  }

  private invalid(key: SettingKey): boolean {
    return (this.problems.get(key)?.length ?? 0) > 0;
  }

  private watchSection(view: SettingsView, draft: Draft): HTMLElement {
    return this.group('watch', 'Services to watch', null, (describedBy, disabled) =>
      groupCatalog(view.catalog).map(({ group, entries }) =>
        h(
          'fieldset',
          { class: 'catalog-group' },
          h('legend', {}, group),
          h(
            'div',
            // Short names fit two to a row, which halves a long list in a small window.
            { class: entries.every((e) => e.name.length <= 18) ? 'checks two-columns' : 'checks' },
            ...entries.map((entry) =>
              this.checkbox(`watch:${entry.id}`, entry.name, draft.watch.includes(entry.id), disabled, describedBy, (checked) => {
                const rest = draft.watch.filter((id) => id !== entry.id);
                draft.watch = checked ? [...rest, entry.id] : rest;
              }, this.invalid('watch')),
            ),
          ),
        ),
      ),
    );
  }

  private customSourcesSection(draft: Draft): HTMLElement {
    return this.group('customSources', 'Your own status pages', 'Add the status page of another service you use, for example https://status.example.com.', (describedBy, disabled) => [
      draft.customSources.length === 0
        ? h('p', { class: 'quiet' }, 'None added.')
        : h(
            'ul',
            { class: 'custom-sources' },
            ...draft.customSources.map((source) =>
              h(
                'li',
                {},
                h('span', { class: 'custom-name' }, source.name),
                h('span', { class: 'custom-url' }, source.url),
                disabled
                  ? null
                  : button('Remove', () => {
                      draft.customSources = draft.customSources.filter((s) => s.id !== source.id);
                      this.render();
                      this.deps.announce(`Removed ${source.name}. Save to keep the change.`);
                    }, { class: 'link-button', key: `remove:${source.id}`, attrs: { 'aria-label': `Remove ${source.name}` } }),
              ),
            ),
          ),
      disabled
        ? null
        : h(
            'div',
            { class: 'add-source' },
            this.textField('new-source-name', 'Name', this.newSource.name, { disabled, describedBy, invalid: this.addProblem !== null, placeholder: 'Example Corp' }, (v) => {
              this.newSource.name = v;
            }),
            this.textField('new-source-url', 'Address', this.newSource.url, { type: 'url', disabled, describedBy, invalid: this.addProblem !== null, placeholder: 'https://status.example.com', autocomplete: 'url' }, (v) => {
              this.newSource.url = v;
            }),
            this.addProblem ? h('p', { class: 'field-error', attrs: { role: 'alert' } }, this.addProblem) : null,
            button('Add status page', () => this.addSource(draft), { class: 'secondary', key: 'add-source' }),
          ),
    ]);
  }

  private addSource(draft: Draft): void {
    const problem = customSourceProblem(this.newSource.name, this.newSource.url);
    this.addProblem = problem;
    if (problem === null) {
      const name = this.newSource.name.trim();
      const id = customSourceId(name, draft.customSources.map((s) => s.id));
      draft.customSources = [...draft.customSources, { id, name, url: this.newSource.url.trim() }];
      this.newSource = { name: '', url: '' };
      this.deps.announce(`Added ${name}. Save to keep the change.`);
    }
    this.render();
  }

  private intervalSection(view: SettingsView, draft: Draft): HTMLElement {
    const bounds = intervalMinuteBounds(view.bounds.pollIntervalSeconds);
    return this.group('pollIntervalSeconds', 'How often to check', `Between ${bounds.min} and ${bounds.max} minutes. During an incident the app checks more often by itself.`, (describedBy, disabled) => [
      h(
        'div',
        { class: 'inline-field' },
        this.textField(
          'poll-interval',
          'Check every (minutes)',
          String(secondsToMinutes(draft.pollIntervalSeconds)),
          { type: 'number', disabled, describedBy, invalid: this.invalid('pollIntervalSeconds'), extra: { min: bounds.min, max: bounds.max, step: 1, inputmode: 'numeric' } },
          (v) => {
            const minutes = Number(v);
            draft.pollIntervalSeconds = v.trim() === '' || !Number.isFinite(minutes) ? Number.NaN : Math.round(minutes * 60);
          },
        ),
      ),
    ]);
  }

  private notificationsSection(draft: Draft): HTMLElement {
    return this.group('notifications', 'Notifications', null, (describedBy, disabled) => {
      const n = draft.notifications;
      const set = (patch: Partial<Settings['notifications']>): void => {
        draft.notifications = { ...draft.notifications, ...patch };
      };
      const invalid = this.invalid('notifications');
      this.muteBlock = h('div', { class: 'mute', attrs: { role: 'group', 'aria-label': 'Pause notifications' } }, ...this.muteChildren());
      // The kinds of notification only matter while notifications are on.
      const subOff = disabled || !n.enabled;
      const sub = h(
        'div',
        { class: 'sub-options' },
        this.checkbox('notify-worse', 'When a service gets worse', n.onWorse, subOff, describedBy, (c) => set({ onWorse: c }), invalid),
        this.checkbox('notify-resolved', 'When a problem I was told about is fixed', n.onResolved, subOff, describedBy, (c) => set({ onResolved: c }), invalid),
        this.checkbox('notify-local', 'When my own connection has a problem', n.onLocal, subOff, describedBy, (c) => set({ onLocal: c }), invalid),
      );
      return [
        this.checkbox('notify-enabled', 'Show notifications', n.enabled, disabled, describedBy, (c) => {
          set({ enabled: c });
          for (const input of sub.querySelectorAll('input')) input.disabled = disabled || !c;
        }, invalid),
        sub,
        this.muteBlock,
      ];
    });
  }

  /** Pausing acts at once (it is not part of Save), so it says so and shows the current pause. */
  private muteChildren(): Child[] {
    const until = this.state?.mutedUntil ?? null;
    const end = parseTime(until);
    const muted = until !== null && end !== null && end > Date.now();
    return [
      h('p', { class: 'mute-title' }, h('strong', {}, 'Pause notifications'), ' (takes effect at once)'),
      muted ? h('p', { class: 'mute-status' }, `Paused until ${formatUntil(until, Date.now())}.`) : null,
      h(
        'div',
        { class: 'mute-buttons' },
        ...MUTE_PRESETS.filter((p) => p !== 'off' || muted).map((preset) =>
          button(mutePresetLabel(preset), () => this.deps.mute(preset), { class: preset === 'off' ? 'secondary' : 'chip', key: `mute:${preset}` }),
        ),
      ),
    ];
  }

  private quietHoursSection(draft: Draft): HTMLElement {
    return this.group('quietHours', 'Quiet hours', 'No notifications during these hours. The tray icon still shows the status.', (describedBy, disabled) => {
      const set = (patch: Partial<Settings['quietHours']>): void => {
        draft.quietHours = { ...draft.quietHours, ...patch };
      };
      const invalid = this.invalid('quietHours');
      return [
        this.checkbox('quiet-enabled', 'Use quiet hours', draft.quietHours.enabled, disabled, describedBy, (c) => set({ enabled: c }), invalid),
        h(
          'div',
          { class: 'time-range' },
          this.textField('quiet-start', 'From', draft.quietHours.start, { type: 'time', disabled, describedBy, invalid }, (v) => set({ start: v })),
          this.textField('quiet-end', 'To', draft.quietHours.end, { type: 'time', disabled, describedBy, invalid }, (v) => set({ end: v })),
        ),
      ];
    });
  }

  private startupSection(draft: Draft): HTMLElement {
    return this.group('startAtLogin', 'Start-up', null, (describedBy, disabled) => [
      this.checkbox('start-at-login', 'Start Outage Radar when I sign in to this computer', draft.startAtLogin, disabled, describedBy, (c) => {
        draft.startAtLogin = c;
      }, this.invalid('startAtLogin')),
    ]);
  }

  private organisationSection(draft: Draft): HTMLElement {
    return h(
      'div',
      { class: 'organisation' },
      this.group('orgFeedUrl', "Your organization's status feed", 'Your IT department gives you this address if it publishes one. Leave empty if you do not have one.', (describedBy, disabled) => [
        this.textField('org-feed-url', 'Feed address', draft.orgFeedUrl ?? '', { type: 'url', disabled, describedBy, invalid: this.invalid('orgFeedUrl'), placeholder: 'https://', autocomplete: 'url' }, (v) => {
          draft.orgFeedUrl = v.trim() === '' ? null : v.trim();
        }),
      ]),
      this.group('tenantName', 'Microsoft 365 organization name', 'The “contoso” in contoso.sharepoint.com. Used to check SharePoint. Leave empty if unsure.', (describedBy, disabled) => [
        this.textField('tenant-name', 'Organization name', draft.tenantName ?? '', { disabled, describedBy, invalid: this.invalid('tenantName') }, (v) => {
          draft.tenantName = v.trim() === '' ? null : v.trim();
        }),
      ]),
    );
  }

  private async save(): Promise<void> {
    const view = this.view;
    const draft = this.draft;
    if (!view || !draft || this.saving) return;
    const patch = settingsPatch(view.values, draft, view.locked);
    if (Object.keys(patch).length === 0) {
      this.problems = new Map();
      this.status = { ok: true, text: 'Nothing to save: no changes.' };
      this.render();
      this.deps.announce(this.status.text);
      return;
    }
    if (Number.isNaN(draft.pollIntervalSeconds)) {
      this.problems = problemsByKey(['pollIntervalSeconds: enter a number of minutes']);
      this.status = { ok: false, text: 'Not saved: please fix the marked field.' };
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
        this.status = { ok: true, text: 'Saved.' };
      } else {
        // Keep the person's draft: only the facts (locks, catalog, notices) come from main.
        this.view = result.view;
        this.problems = problemsByKey(result.problems);
        const count = result.problems.length;
        this.status = { ok: false, text: `Not saved: ${count === 1 ? 'one problem' : `${count} problems`} to fix.` };
      }
    } catch (error) {
      this.status = { ok: false, text: `Not saved: ${(error as Error).message ?? 'the app did not answer'}` };
    }
    this.saving = false;
    this.render();
    if (this.problems.size > 0) this.focusFirstProblem();
    this.deps.announce(this.status?.text ?? '');
  }

  private focusFirstProblem(): void {
    const field = this.element.querySelector<HTMLElement>('[aria-invalid="true"]:not([disabled])') ?? this.element.querySelector<HTMLElement>('.notice-error');
    if (field) {
      if (!field.matches('input, button, select, textarea')) field.setAttribute('tabindex', '-1');
      field.focus();
    }
  }
}
