/**
 * The buttons of advice items that open something ("Open Outlook on the web", "Open the time
 * settings") in a real Chromium, through the app's own handlers (test bridge): the window names
 * the item only, main opens what its own advice says (the browser is scripted), and the outcome
 * shows under the item and is announced.
 */
import { describe, expect, it } from 'vitest';
import { adviseNow } from '../../main/core/advice/engine.js';
import type { ViewState } from '../../main/core/contract.js';
import type { VerdictKind } from '../../main/core/verdict/connectivity-model.js';
import { chromiumMissing } from '../helpers/chromium.js';
import type { FakeApiInit } from '../helpers/fake-api.js';
import { callsOf, liveText, useHarness } from './harness.js';
import { okState, settingsView } from './scenarios.js';

/** A good-day view whose advice is what the engine says for this verdict, with Outlook on the web answering. */
function stateWith(kind: VerdictKind): ViewState {
  const state = okState();
  const report = state.report;
  if (report === null) throw new Error('no report');
  const incident = kind === 'provider-incident';
  const advice = adviseNow({
    now: Date.now(),
    verdict: { kind, advice: report.verdict.advice, serviceIds: incident ? ['outlook'] : [] },
    services: [
      {
        id: 'outlook',
        name: 'Exchange Online',
        health: incident ? 'outage' : 'operational',
        incidents: incident ? [{ id: 'MO1221364', title: 'Mail delays', status: 'investigating', endedAt: null }] : [],
      },
    ],
    channels: [],
    clients: [],
    webAnswers: ['outlook'],
  });
  return { ...state, report: { ...report, advice } };
}

const init = (kind: VerdictKind, platform?: NodeJS.Platform): FakeApiInit => ({ state: stateWith(kind), settings: settingsView(), ...(platform ? { platform } : {}) });

describe.skipIf(chromiumMissing !== null)('advice actions in Chromium', () => {
  const harness = useHarness();
  const openedOf = (page: typeof harness.light.page): Promise<string[]> =>
    page.evaluate(() => [...(window as unknown as { __fakeApi: { opened: string[] } }).__fakeApi.opened]);

  it('"Open Outlook on the web" reaches main, which opens the web version its advice names, and the window says so', async () => {
    const { page } = harness.light;
    await harness.light.load(init('provider-incident'));
    const item = page.getByRole('region', { name: 'What to do now' }).locator('[data-advice-id="use-web-version"]');
    await item.getByRole('button', { name: 'Open Outlook on the web' }).click();
    await expect(liveText(page, /on the web was opened/)).resolves.toContain('Outlook on the web was opened in your browser.');
    expect(await item.locator('[data-action-outcome="opened"]').textContent()).toBe('Outlook on the web was opened in your browser.');
    expect(await callsOf(page, 'runAdviceAction')).toEqual([[{ id: 'use-web-version', service: 'outlook' }]]);
    expect(await openedOf(page)).toEqual(['https://outlook.office.com/']);
  });

  it('a wrong clock: the first item keeps its button in the list, and main opens the time settings', async () => {
    const { page } = harness.light;
    await harness.light.load(init('clock-skew', 'darwin'));
    const item = page.getByRole('region', { name: 'What to do now' }).locator('[data-advice-id="fix-clock"]');
    await item.getByRole('button', { name: 'Open the time settings' }).click();
    await expect(liveText(page, /settings were opened/)).resolves.toContain('The date and time settings were opened.');
    expect(await callsOf(page, 'runAdviceAction')).toEqual([[{ id: 'fix-clock', service: null }]]);
    expect(await openedOf(page)).toEqual(['x-apple.systempreferences:com.apple.preference.datetime']);
  });

  it('on Linux the same button says how to fix the clock by hand and opens nothing', async () => {
    const { page } = harness.light;
    await harness.light.load(init('clock-skew', 'linux'));
    const item = page.locator('[data-advice-id="fix-clock"]');
    await item.getByRole('button', { name: 'Open the time settings' }).click();
    await expect(liveText(page, /Date & Time/)).resolves.toContain('timedatectl set-ntp true');
    expect(await item.locator('[data-action-outcome="manual"]').textContent()).toContain('Set time automatically');
    expect(await openedOf(page)).toEqual([]);
  });
});
