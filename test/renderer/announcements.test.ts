/**
 * When the window speaks, in a real Chromium over the test bridge (the app's own handlers and
 * preload, see test/helpers/test-bridge.ts): a refresh is announced when its result is on
 * screen, not when main accepted it. Main's check is held, so "the check finishes later" is
 * under the test's control.
 */
import { describe, expect, it } from 'vitest';
import type { ViewState } from '../../main/core/contract.js';
import { chromiumMissing } from '../helpers/chromium.js';
import type { FakeApiInit } from '../helpers/fake-api.js';
import { liveText, recordLive, release, spoken, useHarness } from './harness.js';
import { captiveState, NOW, okState, outageState, settingsView } from './scenarios.js';

const init = (state: ViewState, extra: Partial<FakeApiInit> = {}): FakeApiInit => ({ state, settings: settingsView(), ...extra });

/** Longer than the live region's 50 ms settle delay, so a sentence on its way would have landed. */
const SETTLE_MS = 300;

describe.skipIf(chromiumMissing !== null)('announcements in Chromium', () => {
  const harness = useHarness();

  it('Refresh: silent (but for "Refreshing…") while the check runs; the new result is announced once it is on screen', async () => {
    const { page } = harness.light;
    const before = outageState();
    const after = okState();
    await harness.light.load(init(before, { afterRefresh: after, hold: ['refresh'] }));
    await recordLive(page);
    await page.locator('[data-key="refresh"]').click();
    await page.waitForFunction(() => document.querySelector('[data-key="refresh"]')?.textContent === 'Refreshing…');
    await page.waitForTimeout(SETTLE_MS);
    // Main has published `refreshing: true` and accepted the request, but has no result yet.
    expect((await spoken(page)).map((s) => s.text)).toEqual(['Refreshing…']);
    expect(await page.locator('main h1').textContent()).toBe(before.report?.verdict.title);

    await release(page, 'refresh');
    const newTitle = after.report?.verdict.title ?? '';
    expect(await liveText(page, /Status changed/)).toBe(`Status changed: ${newTitle}`);
    const said = await spoken(page);
    expect(said.map((s) => s.text)).toEqual(['Refreshing…', `Status changed: ${newTitle}`]);
    // When the result was spoken, the window already showed it, and the check as finished.
    expect(said[1]).toEqual({ text: `Status changed: ${newTitle}`, title: newTitle, refreshButton: 'Refresh' });
  });

  it('Refresh with nothing new: "Status is up to date." only once the refreshed view is drawn', async () => {
    const { page } = harness.light;
    await harness.light.load(init(outageState({ updatedAt: new Date(NOW - 20 * 60_000).toISOString() }), { hold: ['refresh'] }));
    await recordLive(page);
    await page.locator('[data-key="refresh"]').click();
    await page.waitForFunction(() => document.querySelector('[data-key="refresh"]')?.textContent === 'Refreshing…');
    await page.waitForTimeout(SETTLE_MS);
    expect((await spoken(page)).map((s) => s.text)).toEqual(['Refreshing…']);
    await release(page, 'refresh');
    expect(await liveText(page, /up to date/)).toBe('Status is up to date.');
    expect(await page.locator('.refresh-row .age').textContent()).toBe('Updated just now');
    const said = await spoken(page);
    expect(said.map((s) => s.text)).toEqual(['Refreshing…', 'Status is up to date.']);
    expect(said[1]?.refreshButton).toBe('Refresh');
  });

  it('Run checks again: "Network check finished" only once the new verdict is on screen', async () => {
    const { page } = harness.light;
    const after = okState();
    await harness.light.load(init(captiveState(), { afterDiagnostics: after, hold: ['runDiagnostics'] }));
    await page.locator('[data-key="tab:diagnostics"]').click();
    await page.getByRole('button', { name: 'Run checks again' }).waitFor();
    await recordLive(page);
    await page.getByRole('button', { name: 'Run checks again' }).click();
    await page.waitForTimeout(SETTLE_MS);
    expect((await spoken(page)).map((s) => s.text)).toEqual(['Checking your connection…']);
    await release(page, 'runDiagnostics');
    const sentence = `Network check finished: ${after.report?.verdict.title ?? ''}`;
    expect(await liveText(page, /Network check finished/)).toBe(sentence);
    expect((await spoken(page)).map((s) => s.text)).toEqual(['Checking your connection…', sentence]);
    expect(await page.locator('.verdict-mini strong').textContent()).toBe(after.report?.verdict.title);
  });

  it('a refresh that fails in main says so in words a person can act on, without internals', async () => {
    const { page } = harness.light;
    await harness.light.load(init(outageState(), { fail: ['refresh'] }));
    await page.locator('[data-key="refresh"]').click();
    const alert = page.locator('main [role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toBe('Could not refresh: the check did not finish. Try again in a moment.');
    expect(await page.locator('[data-key="refresh"]').textContent()).toBe('Refresh');
  });
});
