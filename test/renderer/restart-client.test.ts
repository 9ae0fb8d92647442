/**
 * "Restart Teams" in a real Chromium, through the app's own handlers (test bridge): after Teams'
 * incident was fixed, Teams has been running since before the fix; the advice offers to restart it,
 * main asks first (scripted answer), and the outcome shows under the advice and is announced.
 */
import { describe, expect, it } from 'vitest';
import { adviseNow } from '../../main/core/advice/engine.js';
import type { ViewState } from '../../main/core/contract.js';
import { chromiumMissing } from '../helpers/chromium.js';
import type { FakeApiInit } from '../helpers/fake-api.js';
import { callsOf, liveText, useHarness } from './harness.js';
import { okState, settingsView } from './scenarios.js';

const HOUR = 3600_000;

/** A good day two hours after Teams' fix, with Teams running since five hours before now. */
function afterTeamsFix(): ViewState {
  const state = okState();
  const report = state.report;
  if (report === null) throw new Error('no report');
  const now = Date.now();
  const advice = adviseNow({
    now,
    verdict: { kind: report.verdict.kind, advice: report.verdict.advice, serviceIds: [] },
    services: [
      {
        id: 'teams',
        name: 'Microsoft Teams',
        health: 'operational',
        incidents: [{ id: 'TM252802', title: 'Users may be unable to access Microsoft Teams', status: 'resolved', endedAt: new Date(now - 2 * HOUR).toISOString() }],
      },
    ],
    channels: [],
    clients: [{ name: 'Teams', service: 'teams', pid: 4242, startedAt: new Date(now - 5 * HOUR).toISOString() }],
  });
  return { ...state, report: { ...report, advice } };
}

const init = (restart?: FakeApiInit['restart']): FakeApiInit => ({ state: afterTeamsFix(), settings: settingsView(), ...(restart ? { restart } : {}) });

describe.skipIf(chromiumMissing !== null)('"Restart Teams" in Chromium', () => {
  const harness = useHarness();
  const restartsOf = (page: typeof harness.light.page): Promise<string[]> =>
    page.evaluate(() => [...(window as unknown as { __fakeApi: { restarts: string[] } }).__fakeApi.restarts]);

  it('offers the restart for a client running since before the fix; main asks, restarts, and the window says so', async () => {
    const state = afterTeamsFix();
    expect(state.report?.advice?.map((a) => a.id)).toContain('restart-client');
    const { page } = harness.light;
    await harness.light.load(init());
    const section = page.getByRole('region', { name: 'What to do now' });
    const item = section.locator('[data-advice-id="restart-client"]');
    await item.getByRole('button', { name: 'Restart Teams' }).click();
    await expect(liveText(page, /Teams was restarted/)).resolves.toContain('Teams was restarted.');
    expect(await item.locator('[data-restart-outcome]').textContent()).toBe('Teams was restarted.');
    expect(await callsOf(page, 'restartClient')).toEqual([[4242]]);
    expect(await restartsOf(page)).toEqual(['confirm Teams', 'quit 4242', 'wait 4242', 'start Teams']);
  });

  it('a client that does not close by itself is left running, and the window says how to restart it by hand', async () => {
    const { page } = harness.light;
    await harness.light.load(init({ exits: false }));
    const item = page.locator('[data-advice-id="restart-client"]');
    await item.getByRole('button', { name: 'Restart Teams' }).click();
    await expect(liveText(page, /tray icon/)).resolves.toContain('Quit Teams from its menu or tray icon, then start it again.');
    expect(await item.locator('[data-restart-outcome="manual"]').textContent()).toContain('still running after 10 s');
    expect(await restartsOf(page)).toEqual(['confirm Teams', 'quit 4242', 'wait 4242']);
  });

  it('Cancel in main\'s question does nothing but say so', async () => {
    const { page } = harness.light;
    await harness.light.load(init({ confirm: false }));
    const item = page.locator('[data-advice-id="restart-client"]');
    await item.getByRole('button', { name: 'Restart Teams' }).click();
    await expect(liveText(page, /not restarted/)).resolves.toContain('Teams was not restarted.');
    expect(await restartsOf(page)).toEqual(['confirm Teams']);
  });
});
