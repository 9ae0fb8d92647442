/**
 * The remaining fields: how often to check (asked in minutes, stored in seconds, bounded by the
 * schema's limits that main sends), start at sign-in, and the organization's feed and tenant.
 */
import { intervalMinuteBounds, secondsToMinutes } from '../../model/settings.js';
import { h } from '../dom.js';
import { checkbox, fieldGroup, isInvalid, textField, type SectionContext } from './fields.js';

export function intervalSection(ctx: SectionContext): HTMLElement {
  const draft = ctx.draft;
  const bounds = intervalMinuteBounds(ctx.view.bounds.pollIntervalSeconds);
  const hint = `Between ${bounds.min} and ${bounds.max} minutes. During an incident the app checks more often by itself.`;
  return fieldGroup(ctx, 'pollIntervalSeconds', 'How often to check', hint, (describedBy, disabled) => [
    h(
      'div',
      { class: 'inline-field' },
      textField(
        'poll-interval',
        'Check every (minutes)',
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
  return fieldGroup(ctx, 'startAtLogin', 'Start-up', null, (describedBy, disabled) => [
    checkbox('start-at-login', 'Start Outage Radar when I sign in to this computer', draft.startAtLogin, disabled, describedBy, (c) => {
      draft.startAtLogin = c;
    }, isInvalid(ctx, 'startAtLogin')),
  ]);
}

export function organizationSection(ctx: SectionContext): HTMLElement {
  const draft = ctx.draft;
  return h(
    'div',
    { class: 'organization' },
    fieldGroup(ctx, 'orgFeedUrl', "Your organization's status feed", 'Your IT department gives you this address if it publishes one. Leave empty if you do not have one.', (describedBy, disabled) => [
      textField('org-feed-url', 'Feed address', draft.orgFeedUrl ?? '', { type: 'url', disabled, describedBy, invalid: isInvalid(ctx, 'orgFeedUrl'), placeholder: 'https://', autocomplete: 'url' }, (v) => {
        draft.orgFeedUrl = v.trim() === '' ? null : v.trim();
      }),
    ]),
    fieldGroup(ctx, 'tenantName', 'Microsoft 365 organization name', 'The “contoso” in contoso.sharepoint.com. Used to check SharePoint. Leave empty if unsure.', (describedBy, disabled) => [
      textField('tenant-name', 'Organization name', draft.tenantName ?? '', { disabled, describedBy, invalid: isInvalid(ctx, 'tenantName') }, (v) => {
        draft.tenantName = v.trim() === '' ? null : v.trim();
      }),
    ]),
  );
}
