/**
 * A machine policy as the window shows it, in real Chromium: the view is computed by the real
 * policy core from a policy file's text (the same path the app takes), so the locks, the values
 * and the poll interval's bounds on screen are the policy's, not a hand-made view.
 */
import { describe, expect, it } from 'vitest';
import type { SettingsView } from '../../main/core/contract.js';
import { jsonPolicySet } from '../../main/core/policy/policy-documents.js';
import { lockedWindowKeys, resolvePolicy } from '../../main/core/policy/policy-effective.js';
import { boundsWithPolicy, settingsWithPolicy } from '../../main/core/policy/policy-settings.js';
import { settingsView as viewOf } from '../../main/core/settings/settings-view.js';
import { chromiumMissing } from '../helpers/chromium.js';
import { callsOf, navigate, shoot, useHarness } from './harness.js';
import { okState } from './scenarios.js';

const POLICY_JSON = JSON.stringify({
  OrgFeedUrl: 'https://status.contoso.example/outage-radar/feed.json',
  TenantName: 'contoso',
  Watch: ['outlook', 'teams'],
  PollIntervalLimitsMinSeconds: 600,
  PollIntervalLimitsMaxSeconds: 1800,
  QuietHoursEnabled: true,
  // Rejected for this key alone: the window never sees it.
  StartAtLogin: 'yes',
});

function policyView(): SettingsView {
  const outcome = resolvePolicy({ sets: [jsonPolicySet(POLICY_JSON, 'machine-policy', '/etc/outage-radar/policy.json')] });
  const values = settingsWithPolicy(outcome, {}, {});
  return { ...viewOf(values, lockedWindowKeys(outcome.lockedKeys), []), bounds: { pollIntervalSeconds: boundsWithPolicy(outcome, {}) } };
}

describe.skipIf(chromiumMissing !== null)('settings locked by a machine policy, in Chromium', () => {
  const harness = useHarness();

  it('shows the policy values, locks their fields with "Managed by your organization", and bounds the interval (screenshot)', async () => {
    const view = policyView();
    expect(view.locked).toEqual(['watch', 'orgFeedUrl', 'tenantName', 'quietHours']);
    const { page } = harness.light;
    await harness.light.load({ state: okState(), settings: view });
    await navigate(page, { view: 'settings' });
    await page.waitForSelector('form');
    const locked = page.locator('fieldset.locked');
    expect((await locked.evaluateAll((els) => els.map((el) => el.getAttribute('data-setting')))).sort()).toEqual(['orgFeedUrl', 'quietHours', 'tenantName', 'watch']);
    for (const note of await locked.locator('.lock-note').allTextContents()) expect(note).toBe('Managed by your organization');
    expect(await page.getByLabel('Feed address').inputValue()).toBe('https://status.contoso.example/outage-radar/feed.json');
    expect(await page.getByLabel('Feed address').isDisabled()).toBe(true);
    expect(await page.getByLabel('Microsoft Teams').isChecked()).toBe(true);
    expect(await page.getByLabel('Microsoft Teams').isDisabled()).toBe(true);
    // pollIntervalLimits narrows the range to 600-1800 s; the default 5 minutes was brought up to 10.
    // (The test bridge shows the schema's bounds, not the view's, so the range is checked on the view.)
    expect(view.bounds.pollIntervalSeconds).toEqual({ min: 600, max: 1800 });
    const interval = page.getByLabel('Check every (minutes)');
    expect(await interval.isDisabled()).toBe(false);
    expect(await interval.inputValue()).toBe('10');
    // The rejected StartAtLogin value left the person's own setting alone and changeable.
    expect(await page.getByLabel('Start Outage Radar when I sign in to this computer').isDisabled()).toBe(false);
    await shoot(page, 'settings-policy-locked-light');

    await page.getByLabel('Start Outage Radar when I sign in to this computer').uncheck();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForSelector('.save-status.ok');
    // Only the unlocked change is sent; main would refuse a locked one anyway.
    expect(await callsOf(page, 'updateSettings')).toEqual([[{ startAtLogin: false }]]);
  });
});
