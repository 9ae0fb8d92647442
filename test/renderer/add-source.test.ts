/**
 * "Add a status page" in Settings, in a real Chromium: the window sends the pasted address to
 * main (the app's real handlers, guard and core detection, over the test bridge), main's status
 * Http answers from Twilio's recorded summary, and the person picks components from the live
 * list; the saved patch carries the page's type and components. A refused address says why.
 * Screenshots: test-results/renderer/settings-add-source-*.png.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumMissing, openAppPage, windowContext } from '../helpers/chromium.js';
import type { FakeApiInit } from '../helpers/fake-api.js';
import { readFixture } from '../helpers/fixtures.js';
import type { FakeStatusPage } from '../helpers/test-bridge.js';
import { callsOf, liveText, navigate, release, SHOTS_DIR, useHarness } from './harness.js';
import { NOW, okState, settingsView } from './scenarios.js';

const TWILIO_PAGE = '<!doctype html><html><head><title>Twilio Status</title></head><body><h1>Twilio Status</h1></body></html>';
const LOGIN_PAGE = '<!doctype html><html><head><title>Sign in</title></head><body><form method="post"><label>User <input name="user"></label><label>Password <input type="password" name="pw"></label></form></body></html>';

const STATUS_PAGES: Record<string, FakeStatusPage> = {
  'https://status.twilio.com/': { contentType: 'text/html; charset=utf-8', body: TWILIO_PAGE },
  'https://status.twilio.com/api/v2/summary.json': { body: readFixture('statuspage/twilio-summary-2020-06-16-degraded-2-incidents-groups.json') },
  'https://status.intranet.example/': { contentType: 'text/html; charset=utf-8', body: LOGIN_PAGE },
  'https://api.example.com/': { body: '{"hello":"world","links":["/v1/users"]}' },
};

const CLOUDAMQP = { id: 'custom-cloudamqp', name: 'CloudAMQP', url: 'https://status.cloudamqp.com' };
const PSTN = 'g2dt752kwqs0';
const SIP_INTERFACE = 'w7nxj548smhd';

/**
 * The "Your own status pages" group alone (the whole form is several screens tall). Main scrolls
 * inside the window, so the window is made as tall as the content for the shot and put back after.
 */
async function shootGroup(page: Page, name: string): Promise<void> {
  const viewport = page.viewportSize() ?? { width: 400, height: 560 };
  const height = await page.evaluate(() => Math.ceil((document.querySelector('main')?.getBoundingClientRect().top ?? 0) + (document.querySelector('main')?.scrollHeight ?? 0)));
  await page.setViewportSize({ width: viewport.width, height: Math.min(Math.max(height, viewport.height), 8000) });
  await page.locator('[data-setting="customSources"]').screenshot({ path: join(SHOTS_DIR, `${name}.png`) });
  await page.setViewportSize(viewport);
}

const init = (extra: Partial<FakeApiInit> = {}): FakeApiInit => ({ state: okState(), settings: settingsView(), statusPages: STATUS_PAGES, ...extra });

describe.skipIf(chromiumMissing !== null)('settings: add a status page by its address', () => {
  const harness = useHarness();

  it('checks the address in main, lists the live components, and adds the page with its type and the two picked', async () => {
    const { page } = harness.light;
    await harness.light.load(init({ hold: ['detectSource'] }));
    await navigate(page, { view: 'settings' });
    await page.waitForSelector('form');
    const address = page.getByLabel('Status page address');
    await address.fill('https://status.twilio.com');
    await page.getByRole('button', { name: 'Check address' }).click();
    // Held in main: the window says it is checking, and the button keeps focus.
    await page.waitForSelector('.detect-checking');
    expect(await page.locator('.detect-checking').textContent()).toBe('Checking https://status.twilio.com…');
    expect(await page.locator('[data-key="detect-check"]').textContent()).toBe('Checking…');
    expect(await page.locator('[data-key="detect-check"]').getAttribute('aria-disabled')).toBe('true');
    expect(await liveText(page, /^Checking/)).toBe('Checking https://status.twilio.com…');
    await release(page, 'detectSource');

    await page.waitForSelector('.detect-found');
    expect(await page.locator('.detect-found h3').textContent()).toBe('Found: Twilio');
    expect(await page.locator('.detect-found p').allTextContents()).toEqual(expect.arrayContaining(['Format: Atlassian Statuspage', 'Address: https://status.twilio.com']));
    const live = await liveText(page, /^Found/);
    expect(live).toMatch(/^Found Twilio, Atlassian Statuspage, with \d+ components\.$/);
    expect(await page.getByLabel('Watch the whole page').isChecked()).toBe(true);
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Twilio');

    await page.getByLabel(/^Only some components/).check();
    await page.getByLabel('PSTN', { exact: true }).check();
    await page.getByLabel('SIP Interface', { exact: true }).check();
    expect(await page.locator('.detect-components legend').textContent()).toMatch(/^Components of Twilio \(2 of \d+ picked\)$/);
    await shootGroup(page, 'settings-add-source-found-light');

    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.waitForSelector('.detect-found', { state: 'detached' });
    expect(await page.locator('.custom-name').allTextContents()).toEqual(['CloudAMQP', 'Twilio']);
    expect(await page.locator('.custom-watch').allTextContents()).toEqual(['Atlassian Statuspage · whole page', 'Atlassian Statuspage · 2 components']);
    expect(await liveText(page, /^Added/)).toBe('Added Twilio, watching 2 components. Save to keep the change.');
    expect(await callsOf(page, 'updateSettings')).toEqual([]);

    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForSelector('.save-status.ok');
    const twilio = { id: 'custom-twilio', name: 'Twilio', url: 'https://status.twilio.com', type: 'statuspage', components: [PSTN, SIP_INTERFACE] };
    expect(await callsOf(page, 'updateSettings')).toEqual([[{ customSources: [CLOUDAMQP, twilio] }]]);
    // Main did the reading, and only of the address given.
    expect(await callsOf(page, 'detectSource')).toEqual([['https://status.twilio.com']]);
    const requested = await page.evaluate(() => [...(window as unknown as { __fakeApi: { requested: string[] } }).__fakeApi.requested]);
    expect(requested.length).toBeGreaterThan(0);
    expect(requested.every((url) => url.startsWith('https://status.twilio.com/'))).toBe(true);
  });

  it('changes the components of a watched page from its live list, read again', async () => {
    const { page } = harness.light;
    const twilio = { id: 'custom-twilio', name: 'Twilio', url: 'https://status.twilio.com', type: 'statuspage' as const, components: [PSTN, 'SIP Interface'] };
    const base = settingsView();
    await harness.light.load(init({ settings: { ...base, values: { ...base.values, customSources: [CLOUDAMQP, twilio] } } }));
    await navigate(page, { view: 'settings' });
    await page.waitForSelector('form');
    await page.getByRole('button', { name: 'Change components of Twilio' }).click();
    await page.waitForSelector('.custom-sources .detect-found');
    expect(await page.locator('.detect-found h3').textContent()).toBe('Components of Twilio');
    // What is watched now is picked, whether it was saved by id or by name.
    expect(await page.getByLabel(/^Only some components/).isChecked()).toBe(true);
    expect(await page.getByLabel('PSTN', { exact: true }).isChecked()).toBe(true);
    expect(await page.getByLabel('SIP Interface', { exact: true }).isChecked()).toBe(true);
    await page.getByLabel('SIP Interface', { exact: true }).uncheck();
    await page.getByRole('button', { name: 'Use these components' }).click();
    expect(await liveText(page, /^Changed/)).toBe('Changed Twilio, watching 1 component. Save to keep the change.');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForSelector('.save-status.ok');
    expect(await callsOf(page, 'updateSettings')).toEqual([[{ customSources: [CLOUDAMQP, { ...twilio, components: [PSTN] }] }]]);
  });

  it('removes a watched page; saving sends the list without it', async () => {
    const { page } = harness.light;
    const twilio = { id: 'custom-twilio', name: 'Twilio', url: 'https://status.twilio.com', type: 'statuspage' as const };
    const base = settingsView();
    await harness.light.load(init({ settings: { ...base, values: { ...base.values, customSources: [CLOUDAMQP, twilio] } } }));
    await navigate(page, { view: 'settings' });
    await page.waitForSelector('form');
    await page.getByRole('button', { name: 'Remove CloudAMQP' }).click();
    expect(await liveText(page, /^Removed/)).toBe('Removed CloudAMQP. Save to keep the change.');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForSelector('.save-status.ok');
    expect(await callsOf(page, 'updateSettings')).toEqual([[{ customSources: [twilio] }]]);
  });

  it('says why an address cannot be added: a login page, not a status page, unreachable; nothing is saved', async () => {
    const { page } = harness.dark;
    await harness.dark.load(init());
    await navigate(page, { view: 'settings' });
    await page.waitForSelector('form');
    const address = page.getByLabel('Status page address');

    await address.fill('https://status.intranet.example/');
    // Enter in the address checks it; it does not save the form.
    await address.press('Enter');
    await page.waitForSelector('.detect-refused');
    expect(await page.locator('.detect-reason').textContent()).toBe('This address is a login page: Outage Radar can only read public status pages.');
    expect(await liveText(page, /login page/)).toMatch(/^This address is a login page: Outage Radar can only read public status pages\. /);
    expect(await address.getAttribute('aria-invalid')).toBe('true');
    await shootGroup(page, 'settings-add-source-refused-dark');

    await address.fill('https://api.example.com/');
    await page.getByRole('button', { name: 'Check address' }).click();
    await page.waitForFunction(() => document.querySelector('.detect-reason')?.textContent?.startsWith('Not a status page: '));

    await address.fill('https://status.nowhere.example');
    await page.getByRole('button', { name: 'Check address' }).click();
    await page.waitForFunction(() => document.querySelector('.detect-reason')?.textContent?.startsWith('Could not reach status.nowhere.example: '));

    expect(await page.locator('.custom-name').allTextContents()).toEqual(['CloudAMQP']);
    expect(await callsOf(page, 'updateSettings')).toEqual([]);
    expect(await callsOf(page, 'detectSource')).toEqual([['https://status.intranet.example/'], ['https://api.example.com/'], ['https://status.nowhere.example']]);
  });

  it('200 % zoom: the found page and a refusal fit the width, nothing scrolls sideways', async () => {
    const context = await windowContext(harness.browser, { now: NOW, width: 200, height: 280, deviceScaleFactor: 2 });
    try {
      const app = await openAppPage(context, harness.server, NOW);
      await app.load(init());
      await navigate(app.page, { view: 'settings' });
      await app.page.waitForSelector('form');
      const overflow = () =>
        app.page.evaluate(() => {
          const width = document.documentElement.clientWidth;
          const offenders = [...document.querySelectorAll('[data-setting="customSources"] *')]
            .filter((el) => !el.closest('.sr-only') && el.getClientRects().length > 0)
            .filter((el) => el.getBoundingClientRect().right > width + 1)
            .map((el) => `${el.tagName}.${el.className}`);
          return { offenders: offenders.slice(0, 5), sideways: document.documentElement.scrollWidth > width };
        });
      await app.page.getByLabel('Status page address').fill('https://status.twilio.com');
      await app.page.getByRole('button', { name: 'Check address' }).click();
      await app.page.waitForSelector('.detect-found');
      await app.page.getByLabel(/^Only some components/).check();
      expect(await overflow()).toEqual({ offenders: [], sideways: false });
      await app.page.getByRole('button', { name: 'Cancel' }).click();
      await app.page.getByLabel('Status page address').fill('https://status.intranet.example/');
      await app.page.getByRole('button', { name: 'Check address' }).click();
      await app.page.waitForSelector('.detect-refused');
      expect(await overflow()).toEqual({ offenders: [], sideways: false });
      await app.page.locator('.detect-refused').scrollIntoViewIfNeeded();
      await app.page.screenshot({ path: join(SHOTS_DIR, 'settings-add-source-refused-zoom-200.png') });
      expect(app.log.errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('is not offered when an organization manages the custom pages', async () => {
    const { page } = harness.light;
    await harness.light.load(init({ settings: settingsView({ locked: ['customSources'] }) }));
    await navigate(page, { view: 'settings' });
    await page.waitForSelector('form');
    expect(await page.getByLabel('Status page address').count()).toBe(0);
    expect(await page.getByRole('button', { name: /Change components/ }).count()).toBe(0);
  });
});
