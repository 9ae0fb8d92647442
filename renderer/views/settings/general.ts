/**
 * The remaining fields: how often to check (asked in minutes, stored in seconds, bounded by the
 * schema's limits that main sends), start at sign-in, and the organization's feed and tenant.
 */
import { intervalMinuteBounds, secondsToMinutes } from '../../model/settings.js';
import { h } from '../dom.js';
import { checkbox, fieldGroup, isInvalid, selectField, textField, type SectionContext } from './fields.js';
import { t } from '../../i18n.js';

export function intervalSection(ctx: SectionContext): HTMLElement {
  const draft = ctx.draft;
  const bounds = intervalMinuteBounds(ctx.view.bounds.pollIntervalSeconds);
  const hint = t('ui.settings.intervalHint', { min: bounds.min, max: bounds.max });
  return fieldGroup(ctx, 'pollIntervalSeconds', t('ui.settings.interval'), hint, (describedBy, disabled) => [
    h(
      'div',
      { class: 'inline-field' },
      textField(
        'poll-interval',
        t('ui.settings.intervalField'),
        String(secondsToMinutes(draft.pollIntervalSeconds)),
        { type: 'number', disabled, describedBy, invalid: isInvalid(ctx, 'pollIntervalSeconds'), extra: { min: bounds.min, max: bounds.max, step: 1, inputmode: 'numeric' } },
        (v) => {
          const minutes = Number(v);
          // Not a number stays NaN: the form says so before sending (JSON would turn it into null).
          draft.pollIntervalSeconds = v.trim() === '' || !Number.isFinite(minutes) ? Number.NaN : Math.round(minutes * 60);
        },
      ),
    ),
  ]);
}

export function startupSection(ctx: SectionContext): HTMLElement {
  const draft = ctx.draft;
  return fieldGroup(ctx, 'startAtLogin', t('ui.settings.startup'), null, (describedBy, disabled) => [
    checkbox('start-at-login', t('ui.settings.startAtLogin'), draft.startAtLogin, disabled, describedBy, (c) => {
      draft.startAtLogin = c;
    }, isInvalid(ctx, 'startAtLogin')),
  ]);
}

export function organizationSection(ctx: SectionContext): HTMLElement {
  const draft = ctx.draft;
  return h(
    'div',
    { class: 'organization' },
    fieldGroup(ctx, 'orgFeedUrl', t('ui.settings.orgFeed'), t('ui.settings.orgFeedHint'), (describedBy, disabled) => [
      textField('org-feed-url', t('ui.settings.orgFeedField'), draft.orgFeedUrl ?? '', { type: 'url', disabled, describedBy, invalid: isInvalid(ctx, 'orgFeedUrl'), placeholder: 'https://', autocomplete: 'url' }, (v) => {
        draft.orgFeedUrl = v.trim() === '' ? null : v.trim();
      }),
    ]),
    fieldGroup(ctx, 'tenantName', t('ui.settings.tenant'), t('ui.settings.tenantHint'), (describedBy, disabled) => [
      textField('tenant-name', t('ui.settings.tenantField'), draft.tenantName ?? '', { disabled, describedBy, invalid: isInvalid(ctx, 'tenantName') }, (v) => {
        draft.tenantName = v.trim() === '' ? null : v.trim();
      }),
    ]),
  );
}

/** The app's language: the system's (`auto`), English or German; policy may lock it. */
export function languageSection(ctx: SectionContext): HTMLElement {
  const draft = ctx.draft;
  return fieldGroup(ctx, 'language', t('ui.settings.language'), t('ui.settings.languageHint'), (describedBy, disabled) => [
    selectField(
      'language',
      t('ui.settings.languageField'),
      draft.language,
      [
        { value: 'auto', label: t('ui.settings.languageAuto') },
        // Each language is named in itself, so a person who cannot read the current one finds theirs.
        { value: 'en', label: 'English' },
        { value: 'de', label: 'Deutsch' },
      ],
      { disabled, describedBy, invalid: isInvalid(ctx, 'language') },
      (value) => {
        draft.language = value === 'en' || value === 'de' ? value : 'auto';
      },
    ),
  ]);
}
