/**
 * The window's display boundary in a real Chromium: a hostile title or post (terminal escapes,
 * bidi overrides) reaches the screen without its control characters and with the override named,
 * every reason a source is partial is shown, each incident says when it started, and the network
 * page neither calls a wired check "Wi-Fi" nor contradicts its own proxy line.
 */
import { describe, expect, it } from 'vitest';
import type { ViewState } from '../../main/core/contract.js';
import { chromiumMissing } from '../helpers/chromium.js';
import { navigate, useHarness } from './harness.js';
import { GITHUB_INCIDENT, outageState, settingsView } from './scenarios.js';

const FORBIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/u;
const HOSTILE = 'Login fails\u001b[2J\u001b]0;x\u0007 for \u202egnp.exe users\u200b';
const WARNING = 'ignored "components": expected an array, got a string';

/** The recorded GitHub outage with a hostile title and post, a warning, and a proxy used for one host. */
function hostileState(): ViewState {
  const state = structuredClone(outageState()) as ViewState & { report: NonNullable<ViewState['report']> };
  const report = state.report as unknown as {
    sources: Array<{ id: string; warnings: string[]; incidents: Array<{ id: string; title: string; updates: Array<{ body: { format: string; content: string } }> }> }>;
    services: Array<{ incidents: Array<{ id: string; title: string }> }>;
    probes: { proxy: { mode: string; source: string }; targets: Array<{ path: string }> };
  };
  const github = report.sources.find((s) => s.id === 'github');
  const first = github?.incidents[0];
  if (!github || !first) throw new Error('scenario changed: no GitHub incident');
  first.title = HOSTILE;
  const update = first.updates[0];
  if (update) update.body = { format: 'html', content: '<p>Post\u001b[2J with <a href="https://status.example.com/x">details</a> \u202eevil\u2066</p>' };
  github.warnings = [WARNING];
  for (const service of report.services) for (const incident of service.incidents) if (incident.id === first.id) incident.title = HOSTILE;
  report.probes.proxy = { mode: 'DIRECT', source: 'system' };
  const proxied = report.probes.targets[0];
  if (proxied) proxied.path = 'PROXY proxy.corp.example:8080';
  return state;
}

describe.skipIf(chromiumMissing !== null)('what the window displays', () => {
  const harness = useHarness();

  it('overview: a hostile title loses its escapes, names its bidi override, and the incident says when it started', async () => {
    const { page } = harness.light;
    await harness.light.load({ state: hostileState(), settings: settingsView() });
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).not.toMatch(FORBIDDEN);
    const title = await page.locator('.service-card').first().locator('.incident-title').textContent();
    expect(title).toBe('Login fails[2J]0;x for <U+202E>gnp.exe users');
    expect(await page.locator('.service-card').first().locator('.incident-meta').textContent()).toMatch(/ · started \d+ (min|h) ago · /);
  });

  it('overview and service: a source’s warnings are shown, not only kept in the data', async () => {
    const { page } = harness.light;
    await harness.light.load({ state: hostileState(), settings: settingsView() });
    expect(await page.locator('.service-card').first().locator('.source-warnings').textContent()).toContain(`GitHub: ${WARNING}`);
    await navigate(page, { view: 'service', serviceId: 'github' });
    await page.waitForSelector('.source-list');
    expect(await page.locator('.source-list .source-warnings').first().textContent()).toContain(WARNING);
  });

  it('incident: title and post go through the boundary; links read as text with their address', async () => {
    const { page } = harness.light;
    await harness.light.load({ state: hostileState(), settings: settingsView() });
    await navigate(page, { view: 'incident', ...GITHUB_INCIDENT });
    await page.waitForSelector('.timeline');
    expect(await page.locator('h1').textContent()).toBe('Login fails[2J]0;x for <U+202E>gnp.exe users');
    const post = (await page.locator('.post-body').first().textContent()) ?? '';
    expect(post).not.toMatch(FORBIDDEN);
    expect(post).toBe('Post[2J with details (https://status.example.com/x) <U+202E>evil<U+2066>');
  });

  it('network: "network sign-in" for a link of unknown type, and a proxy line that matches the hosts', async () => {
    const { page } = harness.light;
    await harness.light.load({ state: hostileState(), settings: settingsView() });
    await navigate(page, { view: 'diagnostics' });
    await page.waitForSelector('.connection');
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('Network sign-in check');
    expect(text).not.toContain('Wi-Fi sign-in');
    const proxy = (await page.locator('.connection').textContent()) ?? '';
    expect(proxy).toContain('Depends on the address (from the system settings): ');
    expect(proxy).toContain('via proxy proxy.corp.example:8080 for 1 host');
    expect(proxy).toMatch(/direct for \d+ hosts/);
    expect(proxy).not.toContain('None, direct connection');
  });
});
