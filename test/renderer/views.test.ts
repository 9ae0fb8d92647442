/**
 * The window in a real Chromium, fed real recorded payloads through the FakeApi: every view and
 * state renders what a person needs, and every control calls the right api verb.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ViewState } from '../../main/core/contract.js';
import { chromiumMissing, RENDERER_DIR, type AppPage } from '../helpers/chromium.js';
import type { FakeApiInit } from '../helpers/fake-api.js';
import { calls, callsOf, liveText, navigate, pushState, release, shoot, useHarness, type Shot } from './harness.js';
import {
  captiveState,
  degradedState,
  dnsFailureState,
  firstRunState,
  HELPDESK_INCIDENT,
  helpdeskState,
  lockedSettingsView,
  maintenanceState,
  NOW,
  okState,
  outageState,
  settingsView,
  staleState,
  TWILIO_LONG_INCIDENT,
} from './scenarios.js';

const init = (state: ViewState, extra: Partial<FakeApiInit> = {}): FakeApiInit => ({ state, settings: settingsView(), ...extra });
const inAnHour = new Date(NOW + 60 * 60_000).toISOString();

const SHOTS: readonly Shot[] = [
  { name: 'overview-ok', init: () => init(okState()), reload: true },
  { name: 'overview-maintenance', init: () => init(maintenanceState()) },
  { name: 'overview-degraded', init: () => init(degradedState()) },
  { name: 'overview-outage', init: () => init(outageState()) },
  { name: 'overview-helpdesk', init: () => init(helpdeskState()) },
  { name: 'overview-local-captive', init: () => init(captiveState()) },
  { name: 'overview-local-dns', init: () => init(dnsFailureState()) },
  { name: 'overview-stale', init: () => init(staleState()) },
  { name: 'overview-cache', init: () => init({ ...outageState(), fromCache: true }) },
  { name: 'overview-refreshing', init: () => init(outageState({ refreshing: true })) },
  { name: 'overview-muted', init: () => init(outageState({ mutedUntil: inAnHour })) },
  { name: 'overview-first-run', init: () => init(firstRunState()), reload: true },
  { name: 'service-github', init: () => init(outageState()), route: { view: 'service', serviceId: 'github' } },
  { name: 'service-twilio', init: () => init(degradedState()), route: { view: 'service', serviceId: 'twilio' } },
  { name: 'incident-long-timeline', init: () => init(degradedState()), route: { view: 'incident', ...TWILIO_LONG_INCIDENT } },
  { name: 'incident-helpdesk', init: () => init(helpdeskState()), route: { view: 'incident', ...HELPDESK_INCIDENT } },
  { name: 'incident-maintenance', init: () => init(maintenanceState()), route: { view: 'incident', sourceId: 'cloudamqp', incidentId: 'qy6n39trpl7l' } },
  { name: 'diagnostics', init: () => init(okState()), route: { view: 'diagnostics' } },
  { name: 'diagnostics-captive', init: () => init(captiveState()), route: { view: 'diagnostics' } },
  { name: 'settings', init: () => init(okState()), route: { view: 'settings' }, waitFor: 'form' },
  { name: 'settings-locked', init: () => ({ ...init(okState()), settings: lockedSettingsView() }), route: { view: 'settings' }, waitFor: 'form', reload: true },
];

/** Shows a scenario: booted fresh, or pushed into the running window as main would (faster). */
async function show(app: AppPage, shot: Shot): Promise<void> {
  const scenario = shot.init();
  if (shot.reload) await app.load(scenario);
  else await pushState(app.page, scenario.state);
  await navigate(app.page, shot.route ?? { view: 'overview' });
  await app.page.waitForSelector(shot.waitFor ?? 'main h1');
}

describe.skipIf(chromiumMissing !== null)('the window in Chromium', () => {
  const harness = useHarness();

  it('renders every view and state in light and dark without page errors (screenshots)', async () => {
    const run = async (scheme: 'light' | 'dark', app: AppPage): Promise<void> => {
      for (const shot of SHOTS) {
        await show(app, shot);
        await shoot(app.page, `${shot.name}-${scheme}`);
      }
    };
    await Promise.all([run('light', harness.light), run('dark', harness.dark)]);
    for (const app of [harness.light, harness.dark]) {
      expect(app.log.errors).toEqual([]);
      expect(app.log.dialogs).toEqual([]);
    }
  });

  it('boots from one getState call; settings are fetched only when opened', async () => {
    const { page } = harness.light;
    await harness.light.load(init(outageState()));
    const verbs = (await calls(page)).map((c) => c.verb);
    expect(verbs.filter((v) => v === 'getState')).toHaveLength(1);
    expect(verbs).toContain('onStateChanged');
    expect(verbs).toContain('onNavigate');
    expect(verbs).not.toContain('getSettings');
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.waitForSelector('form');
    expect(await callsOf(page, 'getSettings')).toHaveLength(1);
    await page.getByLabel('Show notifications').uncheck();
    expect(await page.getByLabel('When a service gets worse').isDisabled()).toBe(true);
    await page.getByLabel('Show notifications').check();
    expect(await page.getByLabel('When a service gets worse').isDisabled()).toBe(false);
  });

  it('overview: the verdict title is the headline, advice is visible, evidence is on demand', async () => {
    const state = outageState();
    const { page } = harness.light;
    await harness.light.load(init(state));
    expect(await page.locator('h1').allTextContents()).toEqual([state.report?.verdict.title]);
    expect(await page.locator('.verdict').textContent()).toContain('What to do');
    expect(await page.locator('.advice').textContent()).toContain(state.report?.verdict.advice);
    const evidence = page.locator('.evidence li').first();
    expect(await evidence.isVisible()).toBe(false);
    await page.getByText('How we know').click();
    expect(await evidence.isVisible()).toBe(true);
  });

  it('overview: services worst-first, health as a word, incidents and data age', async () => {
    const { page } = harness.light;
    await harness.light.load(init(outageState()));
    const names = await page.locator('.service-name').allTextContents();
    expect(names).toEqual(['GitHub', 'Outlook / Exchange', 'Microsoft Teams']);
    const github = page.locator('.service-card').first();
    expect(await github.locator('.badge-word').textContent()).toBe('Outage');
    expect(await github.locator('.incident-title').textContent()).toBe('Incident on 2020-04-02 20:20 UTC');
    expect(await github.locator('.incident-meta').textContent()).toMatch(/^Outage · Investigating · started \d+ (min|h) ago · updated \d+ min ago$/);
    expect(await github.locator('.age').textContent()).toBe('Updated 2 min ago');
    expect(await page.locator('.service-card').nth(1).locator('.badge-word').textContent()).toBe('Operational');
  });

  it('overview: maintenance, degraded and ok say so in words', async () => {
    const { page } = harness.light;
    for (const [state, word, title] of [
      [maintenanceState(), 'Maintenance', 'CloudAMQP is doing planned maintenance'],
      [degradedState(), 'Degraded', 'Twilio has an incident: it is not you'],
      [okState(), 'All good', 'Nothing is wrong that we can see'],
    ] as const) {
      await harness.light.load(init(state));
      expect(await page.locator('.verdict-badge').textContent()).toBe(word);
      expect(await page.locator('h1').textContent()).toBe(title);
    }
  });

  it('overview: a local problem (captive portal, DNS) says it is your connection', async () => {
    const { page } = harness.light;
    await harness.light.load(init(captiveState()));
    expect(await page.locator('.verdict-badge').textContent()).toBe('Your connection');
    expect(await page.locator('h1').textContent()).toBe('Your network needs a sign-in');
    expect(await page.locator('.verdict').getAttribute('class')).toContain('tone-local');
    await harness.light.load(init(dnsFailureState()));
    expect(await page.locator('h1').textContent()).toBe('Your network cannot look up internet addresses');
    expect(await page.locator('.verdict-badge').textContent()).toBe('Your connection');
  });

  it('overview: stale data is unknown, never green, and says how old it is', async () => {
    const { page } = harness.light;
    await harness.light.load(init(staleState()));
    expect(await page.locator('.verdict-badge').textContent()).toBe('Unknown');
    expect(await page.locator('.tone-ok').count()).toBe(0);
    const ages = await page.locator('.service-card .age').allTextContents();
    expect(ages.every((a) => a.startsWith('Stale: last data 3 h ago'))).toBe(true);
    expect(ages[0]).toContain('Last check failed: the request timed out after 10 s');
  });

  it('overview: saved status at start-up says so on every service', async () => {
    const { page } = harness.light;
    await harness.light.load(init({ ...outageState(), fromCache: true }));
    const ages = await page.locator('.service-card .age').allTextContents();
    expect(ages).toEqual(['Showing saved status, refreshing…', 'Showing saved status, refreshing…', 'Showing saved status, refreshing…']);
  });

  it('Refresh: calls api.refresh, reads "Refreshing…" and is disabled until the answer', async () => {
    const { page } = harness.light;
    await harness.light.load(init(outageState(), { hold: ['refresh'] }));
    const refresh = page.locator('[data-key="refresh"]');
    await refresh.click();
    await page.waitForFunction(() => document.querySelector('[data-key="refresh"]')?.textContent === 'Refreshing…');
    expect(await refresh.getAttribute('aria-disabled')).toBe('true');
    expect(await liveText(page, /Refreshing/)).toBe('Refreshing…');
    await refresh.click({ force: true });
    expect(await callsOf(page, 'refresh')).toHaveLength(1);
    await release(page, 'refresh');
    await page.waitForFunction(() => document.querySelector('[data-key="refresh"]')?.textContent === 'Refresh');
    expect(await refresh.getAttribute('aria-disabled')).toBeNull();
    expect(await page.locator('.refresh-row .age').textContent()).toBe('Updated just now');
  });

  it('overview: a refresh running in main disables the button too', async () => {
    const { page } = harness.light;
    await harness.light.load(init(outageState({ refreshing: true })));
    const refresh = page.locator('[data-key="refresh"]');
    expect(await refresh.textContent()).toBe('Refreshing…');
    await refresh.click({ force: true });
    expect(await callsOf(page, 'refresh')).toHaveLength(0);
  });

  it('muted: the overview says until when, and "Turn notifications back on" calls mute("off")', async () => {
    const { page } = harness.light;
    await harness.light.load(init(outageState({ mutedUntil: inAnHour })));
    expect(await page.locator('.notice-muted').textContent()).toContain('Notifications are paused until 10:30.');
    await page.getByRole('button', { name: 'Turn notifications back on' }).click();
    await page.waitForSelector('.notice-muted', { state: 'detached' });
    expect(await callsOf(page, 'mute')).toEqual([['off']]);
  });

  it('helpdesk: "IT knows about this, no ticket needed" and the message link opens by name', async () => {
    const { page } = harness.light;
    await harness.light.load(init(helpdeskState()));
    const message = page.locator('.helpdesk .message').first();
    expect(await message.textContent()).toContain('IT knows about this, no ticket needed.');
    expect(await message.textContent()).toContain('We know about the Outlook email problem');
    await message.getByRole('button', { name: /Open the helpdesk page/ }).click();
    expect(await callsOf(page, 'openLink')).toEqual([[{ kind: 'message', sourceId: 'org-feed', messageId: 'helpdesk-2025-03-04-email' }]]);
  });

  it('service view: opens from the overview, names its sources, opens the status page by name, Back restores focus', async () => {
    const { page } = harness.light;
    await harness.light.load(init(outageState()));
    await page.locator('[data-key="service:github"]').click();
    await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'GitHub');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    expect(await page.locator('.sources').textContent()).toContain('GitHub');
    expect(await page.locator('.components summary').textContent()).toMatch(/^Parts of the service \(\d+, \d+ with problems\)$/);
    await page.getByRole('button', { name: /Open the status page/ }).click();
    expect(await callsOf(page, 'openLink')).toEqual([[{ kind: 'source', sourceId: 'github' }]]);
    await page.getByRole('button', { name: 'Back' }).click();
    await page.waitForSelector('.verdict');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset['key'])).toBe('service:github');
  });

  it('incident view: facts, timeline newest first, provider link by name, scrolls inside the window', async () => {
    const { page } = harness.light;
    await harness.light.load(init(degradedState()));
    await navigate(page, { view: 'incident', ...TWILIO_LONG_INCIDENT });
    await page.waitForSelector('.timeline');
    expect(await page.locator('h1').textContent()).toBe('SMS Delivery Delays from Subset of Twilio Short Codes to US Sprint');
    const facts = await page.locator('.facts').textContent();
    expect(facts).toContain('Degraded');
    expect(facts).toContain('Fix applied, being watched');
    const times = await page.locator('.post time').evaluateAll((els) => els.map((el) => Date.parse(el.getAttribute('datetime') ?? '')));
    expect(times).toHaveLength(5);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    // The page does not grow past the window: the main region scrolls.
    const layout = await page.evaluate(() => {
      const main = document.querySelector('main') as HTMLElement;
      return { docHeight: document.documentElement.scrollHeight, viewport: innerHeight, mainScroll: main.scrollHeight, mainClient: main.clientHeight };
    });
    expect(layout.docHeight).toBeLessThanOrEqual(layout.viewport);
    expect(layout.mainScroll).toBeGreaterThan(layout.mainClient);
    await page.getByRole('button', { name: /Open the provider's page/ }).click();
    expect(await callsOf(page, 'openLink')).toEqual([[{ kind: 'incident', ...TWILIO_LONG_INCIDENT }]]);
  });

  it('incident view: HTML posts keep their emphasis, and IT acknowledgement shows', async () => {
    const { page } = harness.light;
    await harness.light.load(init(helpdeskState()));
    await navigate(page, { view: 'incident', ...HELPDESK_INCIDENT });
    await page.waitForSelector('.timeline');
    expect(await page.locator('.ack-box').textContent()).toContain('IT knows about this, no ticket needed.');
    expect(await page.locator('.post-html b').first().textContent()).toBe('Current status:');
    expect(await page.locator('.post-text').first().textContent()).toContain('The revert has reached about 60%');
    expect(await page.locator('.facts').textContent()).toContain('Who is affected');
  });

  it('incident view: an incident that is gone says so and Back leads to the overview', async () => {
    const { page } = harness.light;
    await harness.light.load(init(outageState()));
    await navigate(page, { view: 'incident', sourceId: 'github', incidentId: 'gone' });
    await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'This incident is no longer listed');
    await page.getByRole('button', { name: 'Back' }).click();
    await page.waitForSelector('.verdict');
  });

  it('diagnostics: the probe ladder step by step; run again and copy report call the api', async () => {
    const { page } = harness.light;
    await harness.light.load(init(captiveState(), { afterDiagnostics: okState(), reportText: 'report text' }));
    await page.getByRole('button', { name: 'Network' }).click();
    await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Network check');
    const captive = await page.locator('.captive-section').textContent();
    expect(captive).toContain('A sign-in page is in the way');
    expect(captive).toContain('Sign-in page: http://login.hotel-wifi.example/portal');
    const firstTarget = page.locator('.target').first();
    expect(await firstTarget.textContent()).toContain('Failed at: Secure connection (TLS)');
    expect(await firstTarget.textContent()).toContain('code ERR_TLS_CERT_ALTNAME_INVALID');
    expect(await firstTarget.locator('.step').count()).toBe(4);
    expect(await page.locator('.connection').textContent()).toContain('None, direct connection');
    await page.getByRole('button', { name: 'Copy report for the helpdesk' }).click();
    await page.waitForSelector('.notice-ok');
    expect(await callsOf(page, 'copyReport')).toHaveLength(1);
    expect(await liveText(page, /Report copied/)).toContain('Paste it into your ticket');
    await page.getByRole('button', { name: 'Run checks again' }).click();
    await page.waitForFunction(() => document.querySelector('.verdict-mini strong')?.textContent === 'Nothing is wrong that we can see');
    expect(await callsOf(page, 'runDiagnostics')).toHaveLength(1);
  });

  it('settings: catalog grouped, Save sends only what changed', async () => {
    const { page } = harness.light;
    await harness.light.load(init(okState()));
    await navigate(page, { view: 'settings' });
    await page.waitForSelector('form');
    expect((await page.locator('.catalog-group legend').allTextContents()).slice(0, 3)).toEqual(['Communication', 'Meetings', 'Identity and SSO']);
    await page.getByLabel('Zoom').check();
    await page.getByLabel('Microsoft Teams').uncheck();
    await page.getByLabel('Check every (minutes)').fill('10');
    await page.getByLabel('When my own connection has a problem').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForSelector('.save-status.ok');
    const [[patch]] = (await callsOf(page, 'updateSettings')) as [[Record<string, unknown>]];
    expect(patch).toEqual({
      watch: ['outlook', 'sharepoint', 'm365', 'github', 'zoom'],
      pollIntervalSeconds: 600,
      notifications: { enabled: true, onWorse: true, onResolved: true, onLocal: true },
    });
    expect(await liveText(page, /Saved/)).toBe('Saved.');
  });

  it('settings: problems show next to their field, the draft is kept and focus goes to the field', async () => {
    const { page } = harness.light;
    await harness.light.load(init(okState()));
    await navigate(page, { view: 'settings' });
    await page.waitForSelector('form');
    await page.getByLabel('Check every (minutes)').fill('600');
    await page.getByLabel('Feed address').fill('http://status.contoso.com/feed.json');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForSelector('.save-status.error');
    expect(await page.locator('[data-setting="pollIntervalSeconds"] .field-error').textContent()).toBe('Choose between 1 and 60 minutes');
    expect(await page.locator('[data-setting="orgFeedUrl"] .field-error').textContent()).toBe('The address must start with https://');
    expect(await page.getByLabel('Feed address').inputValue()).toBe('http://status.contoso.com/feed.json');
    expect(await page.getByLabel('Check every (minutes)').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset['key'])).toBe('poll-interval');
    const describedBy = (await page.getByLabel('Check every (minutes)').getAttribute('aria-describedby')) ?? '';
    const description = await page.evaluate((ids) => ids.split(' ').map((id) => document.getElementById(id)?.textContent).join(' '), describedBy);
    expect(description).toContain('Choose between 1 and 60 minutes');
    await shoot(page, 'settings-errors-light');
  });

  it('settings: locked keys are disabled with "Managed by your organization"; notices show', async () => {
    const { page } = harness.light;
    await harness.light.load({ ...init(okState()), settings: lockedSettingsView() });
    await navigate(page, { view: 'settings' });
    await page.waitForSelector('form');
    expect(await page.locator('.notice').first().textContent()).toBe('Your settings file could not be read and was reset to the defaults.');
    const locked = page.locator('fieldset.locked');
    expect(await locked.evaluateAll((els) => els.map((el) => el.getAttribute('data-setting')))).toEqual(['watch', 'customSources', 'pollIntervalSeconds', 'orgFeedUrl', 'tenantName']);
    for (const note of await locked.locator('.lock-note').allTextContents()) expect(note).toBe('Managed by your organization');
    expect(await page.getByLabel('Outlook / Exchange').isDisabled()).toBe(true);
    expect(await page.getByLabel('Feed address').isDisabled()).toBe(true);
    expect(await page.getByLabel('Show notifications').isDisabled()).toBe(false);
    await page.getByLabel('Start Outage Radar when I sign in to this computer').uncheck();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForSelector('.save-status.ok');
    expect(await callsOf(page, 'updateSettings')).toEqual([[{ startAtLogin: false }]]);
  });

  it('settings: pause presets call api.mute at once and show the pause', async () => {
    const { page } = harness.light;
    await harness.light.load(init(okState()));
    await navigate(page, { view: 'settings' });
    await page.waitForSelector('form');
    await page.getByRole('button', { name: 'For 4 hours' }).click();
    await page.waitForSelector('.mute-status');
    expect(await page.locator('.mute-status').textContent()).toBe('Paused until 13:30.');
    await page.getByRole('button', { name: 'Until tomorrow' }).click();
    await page.waitForFunction(() => document.querySelector('.mute-status')?.textContent === 'Paused until tomorrow 08:00.');
    await page.getByRole('button', { name: 'Turn notifications back on' }).click();
    await page.waitForSelector('.mute-status', { state: 'detached' });
    expect(await callsOf(page, 'mute')).toEqual([['4h'], ['tomorrow'], ['off']]);
  });

  it('main can navigate the window and push state; focus and scroll survive a push', async () => {
    const { page } = harness.light;
    await harness.light.load(init(degradedState()));
    await navigate(page, { view: 'incident', ...TWILIO_LONG_INCIDENT });
    await page.waitForSelector('.timeline');
    await page.locator('main').evaluate((main) => (main.scrollTop = 200));
    await page.locator('[data-key="open-incident"]').focus();
    await pushState(page, { ...degradedState(), updatedAt: new Date(NOW).toISOString() });
    const after = await page.evaluate(() => ({ key: (document.activeElement as HTMLElement | null)?.dataset['key'], scroll: document.querySelector('main')?.scrollTop }));
    expect(after).toEqual({ key: 'open-incident', scroll: 200 });
    await pushState(page, outageState());
    expect(await liveText(page, /Status changed/)).toBe('Status changed: GitHub has an incident: it is not you');
    await navigate(page, { view: 'overview' });
    await page.waitForSelector('.verdict');
    expect(await page.locator('h1').textContent()).toBe('GitHub has an incident: it is not you');
  });

  it('first run: before the first check it says a check is running', async () => {
    const { page } = harness.light;
    await harness.light.load(init(firstRunState()));
    expect(await page.locator('h1').textContent()).toBe('Checking your services…');
    expect(await page.locator('[data-key="refresh"]').textContent()).toBe('Refreshing…');
    await pushState(page, okState());
    await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Nothing is wrong that we can see');
  });

  it('the page loads only its own three files, the bundle stays small, and it cannot fetch', async () => {
    const { page } = harness.light;
    const requests: string[] = [];
    const record = (request: { url(): string }): void => void requests.push(new URL(request.url()).pathname);
    page.on('request', record);
    await harness.light.load(init(okState()));
    page.off('request', record);
    expect(requests.filter((p) => p !== '/index.html').sort()).toEqual(['/app.js', '/styles.css']);
    expect(statSync(join(RENDERER_DIR, 'app.js')).size).toBeLessThan(300 * 1024);
    // connect-src 'none': the window has no way to talk to the network itself.
    const fetched = await page.evaluate(() => fetch('/app.js').then(() => 'fetched', () => 'blocked'));
    expect(fetched).toBe('blocked');
  });
});
