/**
 * Picking from a catalog of more than a hundred services in a real Chromium: the list is grouped
 * by category, a search box narrows it by name or category while keeping focus, and a watched
 * service that the search hides stays watched on Save.
 */
import { describe, expect, it } from 'vitest';
import { chromiumMissing } from '../helpers/chromium.js';
import type { FakeApiInit } from '../helpers/fake-api.js';
import { callsOf, navigate, shoot, useHarness } from './harness.js';
import { okState, settingsView } from './scenarios.js';

const init = (): FakeApiInit => ({ state: okState(), settings: settingsView() });

describe.skipIf(chromiumMissing !== null)('settings: searching the catalog in Chromium', () => {
  const harness = useHarness();

  it('groups 100+ services by category and narrows them by name or category as one types', async () => {
    const { page } = harness.light;
    await harness.light.load(init());
    await navigate(page, { view: 'settings' });
    await page.waitForSelector('form');
    const legends = await page.locator('.catalog-list .catalog-group legend').allTextContents();
    expect(legends).toEqual(['Communication', 'Meetings', 'Identity and SSO', 'Mail', 'Storage and files', 'Office suites and collaboration', 'Development', 'CRM and support', 'HR and payroll', 'Security', 'VPN and zero trust', 'Cloud platforms']);
    expect(await page.locator('.catalog-list input[type="checkbox"]').count()).toBeGreaterThanOrEqual(100);
    expect(await page.locator('#catalog-count').textContent()).toMatch(/^\d{3} services$/);

    const search = page.getByLabel('Find a service');
    await search.fill('zoom');
    expect(await page.locator('.catalog-list label').allTextContents()).toEqual(['Zoom']);
    expect(await page.locator('.catalog-list .catalog-group legend').allTextContents()).toEqual(['Meetings']);
    expect(await page.locator('#catalog-count').textContent()).toMatch(/^1 of \d+ services match$/);
    // Typing redraws only the list: the box keeps focus and the text.
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset['key'])).toBe('catalog-search');

    // A category word finds every service filed under it, Microsoft's too.
    await search.fill('security');
    const security = await page.locator('.catalog-list label').allTextContents();
    expect(security).toEqual(expect.arrayContaining(['Microsoft Defender', 'Microsoft Purview', '1Password']));
    // …and a name that says it: Duo Security stays under its own category.
    expect(await page.locator('.catalog-list .catalog-group legend').allTextContents()).toEqual(['Identity and SSO', 'Security']);
    expect(await page.locator('.catalog-group', { hasText: 'Identity and SSO' }).locator('label').allTextContents()).toEqual(['Duo Security']);

    // Every word must match, in any case: "microsoft security" is Defender, Purview and Intune only.
    await search.fill('MICROSOFT security');
    expect((await page.locator('.catalog-list label').allTextContents()).sort()).toEqual(['Microsoft Defender', 'Microsoft Intune', 'Microsoft Purview']);
    await shoot(page, 'settings-catalog-search-light');

    await search.fill('no such service');
    expect(await page.locator('.catalog-list label').count()).toBe(0);
    expect(await page.locator('#catalog-count').textContent()).toBe('No service matches “no such service”.');
  });

  it('keeps a watched service that the search hides, and adds the one picked from the results', async () => {
    const { page } = harness.dark;
    await harness.dark.load(init());
    await navigate(page, { view: 'settings' });
    await page.waitForSelector('form');
    await page.getByLabel('Find a service').fill('purview');
    await page.getByLabel('Microsoft Purview').check();
    await shoot(page, 'settings-catalog-search-dark', { full: false });
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForSelector('.save-status.ok');
    const [[patch]] = (await callsOf(page, 'updateSettings')) as [[Record<string, unknown>]];
    expect(patch).toEqual({ watch: ['outlook', 'teams', 'sharepoint', 'm365', 'github', 'purview'] });
  });
});
