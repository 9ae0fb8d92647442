/**
 * When the app may speak up: which notifications it shows, pausing them (which acts at once, not
 * on Save) and quiet hours.
 */
import { MUTE_PRESETS, type MutePreset, type Settings, type ViewState } from '../../../main/core/contract.js';
import { mutePresetLabel } from '../../model/labels.js';
import { formatUntil, parseTime } from '../../model/time.js';
import { button, h, type Child } from '../dom.js';
import { checkbox, fieldGroup, isInvalid, textField, type SectionContext } from './fields.js';
import { t } from '../../i18n.js';

/** Pausing acts at once (it is not part of Save), so it says so and shows the current pause. */
export function pauseChildren(state: ViewState | null, mute: (preset: MutePreset) => void): Child[] {
  const until = state?.mutedUntil ?? null;
  const end = parseTime(until);
  const muted = until !== null && end !== null && end > Date.now();
  return [
    h('p', { class: 'mute-title' }, h('strong', {}, t('ui.settings.pause')), ` ${t('ui.settings.atOnce')}`),
    muted ? h('p', { class: 'mute-status' }, t('ui.settings.pausedUntil', { time: formatUntil(until, Date.now()) })) : null,
    h(
      'div',
      { class: 'mute-buttons' },
      ...MUTE_PRESETS.filter((p) => p !== 'off' || muted).map((preset) =>
        button(mutePresetLabel(preset), () => mute(preset), { class: preset === 'off' ? 'secondary' : 'chip', key: `mute:${preset}` }),
      ),
    ),
  ];
}

/** The pause block's element, so that a state push can refresh it without touching the draft. */
export function pauseBlock(children: readonly Child[]): HTMLElement {
  return h('div', { class: 'mute', attrs: { role: 'group', 'aria-label': t('ui.settings.pause') } }, ...children);
}

export function notificationsSection(ctx: SectionContext, pause: HTMLElement): HTMLElement {
  const draft = ctx.draft;
  return fieldGroup(ctx, 'notifications', t('ui.settings.notifications'), null, (describedBy, disabled) => {
    const n = draft.notifications;
    const set = (patch: Partial<Settings['notifications']>): void => {
      draft.notifications = { ...draft.notifications, ...patch };
    };
    const invalid = isInvalid(ctx, 'notifications');
    // The kinds of notification only matter while notifications are on.
    const subOff = disabled || !n.enabled;
    const sub = h(
      'div',
      { class: 'sub-options' },
      checkbox('notify-worse', t('ui.settings.onWorse'), n.onWorse, subOff, describedBy, (c) => set({ onWorse: c }), invalid),
      checkbox('notify-resolved', t('ui.settings.onResolved'), n.onResolved, subOff, describedBy, (c) => set({ onResolved: c }), invalid),
      checkbox('notify-local', t('ui.settings.onLocal'), n.onLocal, subOff, describedBy, (c) => set({ onLocal: c }), invalid),
    );
    return [
      checkbox('notify-enabled', t('ui.settings.show'), n.enabled, disabled, describedBy, (c) => {
        set({ enabled: c });
        for (const input of sub.querySelectorAll('input')) input.disabled = disabled || !c;
      }, invalid),
      sub,
      pause,
    ];
  });
}

export function quietHoursSection(ctx: SectionContext): HTMLElement {
  const draft = ctx.draft;
  return fieldGroup(ctx, 'quietHours', t('ui.settings.quiet'), t('ui.settings.quietHint'), (describedBy, disabled) => {
    const set = (patch: Partial<Settings['quietHours']>): void => {
      draft.quietHours = { ...draft.quietHours, ...patch };
    };
    const invalid = isInvalid(ctx, 'quietHours');
    return [
      checkbox('quiet-enabled', t('ui.settings.useQuiet'), draft.quietHours.enabled, disabled, describedBy, (c) => set({ enabled: c }), invalid),
      h(
        'div',
        { class: 'time-range' },
        textField('quiet-start', t('ui.settings.from'), draft.quietHours.start, { type: 'time', disabled, describedBy, invalid }, (v) => set({ start: v })),
        textField('quiet-end', t('ui.settings.to'), draft.quietHours.end, { type: 'time', disabled, describedBy, invalid }, (v) => set({ end: v })),
      ),
    ];
  });
}
