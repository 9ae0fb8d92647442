/**
 * "What to do now" in a real Chromium: during the documented org feed's Exchange outage the window
 * lists the advice after the verdict's own line, with the channels that work and the report action.
 */
import { describe, expect, it } from 'vitest';
import type { ViewState } from '../../main/core/contract.js';
import { chromiumMissing } from '../helpers/chromium.js';
import type { FakeApiInit } from '../helpers/fake-api.js';
import { callsOf, useHarness } from './harness.js';
import { helpdeskState, okState, settingsView } from './scenarios.js';

const init = (state: ViewState): FakeApiInit => ({ state, settings: settingsView() });

describe.skipIf(chromiumMissing !== null)('"What to do now" in Chromium', () => {
  const harness = useHarness();

  it('lists the advice with its channels and actions during a mail outage, and nothing extra on a good day', async () => {
    const state = helpdeskState();
    const advice = state.report?.advice ?? [];
    const { page } = harness.light;
    await harness.light.load(init(state));
    const section = page.getByRole('region', { name: 'What to do now' });
    expect(await section.isVisible()).toBe(true);
    const ids = await section.locator('[data-advice-id]').evaluateAll((items) => items.map((i) => i.getAttribute('data-advice-id')));
    expect(ids).toEqual(advice.slice(1).map((a) => a.id));
    expect(ids).toContain('do-not-reinstall');
    expect(ids).toContain('mail-delayed-not-lost');
    const channels = advice.find((a) => a.id === 'switch-channel')?.channels ?? [];
    expect(channels.map((c) => c.service)).not.toContain('outlook');
    expect(await section.getByRole('list', { name: 'Channels that work now' }).locator('li').allTextContents()).toEqual(channels.map((c) => c.name));
    await section.getByRole('button', { name: 'Copy the report for the helpdesk' }).click();
    expect(await callsOf(page, 'copyReport')).toHaveLength(1);

    await harness.light.load(init(okState()));
    expect(await page.getByRole('region', { name: 'What to do now' }).count()).toBe(0);
  });
});
