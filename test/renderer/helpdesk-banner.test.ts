/**
 * The helpdesk's messages as a banner at the top of the window, in a real Chromium: most severe
 * first, each with its time, the link offered only for https, and a message past its
 * `expiresAt` gone at the window's time even while the report still lists it. Screenshots of a
 * critical message in light and dark go to test-results/renderer/.
 */
import { describe, expect, it } from 'vitest';
import type { ViewState } from '../../main/core/contract.js';
import type { HelpdeskMessage } from '../../main/core/model.js';
import { chromiumMissing } from '../helpers/chromium.js';
import { callsOf, pushState, shoot, useHarness } from './harness.js';
import { helpdeskState, NOW, settingsView } from './scenarios.js';

const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

const CRITICAL: HelpdeskMessage = {
  id: 'phishing-2026-03-10',
  severity: 'critical',
  text: 'Do not open the e-mail "Invoice overdue" sent this morning: it is phishing. Delete it. If you clicked its link, call the helpdesk now on 555-0100.',
  postedAt: iso(NOW - 12 * MINUTE),
  expiresAt: iso(NOW + 6 * 60 * MINUTE),
  incidentId: null,
  url: 'https://helpdesk.contoso.com/security/phishing',
};
const INFO: HelpdeskMessage = {
  id: 'vpn-saturday',
  severity: 'info',
  text: 'The VPN will be unavailable on Saturday from 22:00 to 23:00 for planned maintenance.',
  postedAt: iso(NOW - 26 * 60 * MINUTE),
  expiresAt: null,
  incidentId: null,
  url: 'http://127.0.0.1:8080/vpn',
};
const EXPIRED: HelpdeskMessage = { ...INFO, id: 'printer', severity: 'warning', text: 'The 3rd floor printer is out of toner.', expiresAt: iso(NOW - MINUTE), url: null };

/** The helpdesk scenario (an open Exchange incident the feed's warning acknowledges) plus `extra` messages. */
function withMessages(extra: readonly HelpdeskMessage[]): ViewState {
  const state = helpdeskState();
  const report = state.report;
  if (report === null) throw new Error('the helpdesk scenario has no report');
  return {
    ...state,
    report: {
      ...report,
      messages: [...extra, ...report.messages],
      sources: report.sources.map((s) => (s.id === 'org-feed' ? { ...s, messages: [...extra, ...s.messages] } : s)),
    },
  };
}

describe.skipIf(chromiumMissing !== null)('the helpdesk banner in Chromium', () => {
  const harness = useHarness();

  it('sits at the top of the overview, critical first, each with its time; expired messages are not shown (screenshots)', async () => {
    for (const app of [harness.light, harness.dark]) {
      await app.load({ state: withMessages([INFO, EXPIRED, CRITICAL]), settings: settingsView() });
      const { page } = app;
      const first = await page.evaluate(() => document.querySelector('.view.overview')?.firstElementChild?.className ?? '');
      expect(first).toContain('helpdesk-banner');
      const items = page.locator('.helpdesk-banner .message');
      expect(await items.evaluateAll((els) => els.map((el) => el.className))).toEqual(['message severity-critical', 'message severity-warning', 'message severity-info']);
      const critical = items.first();
      expect(await critical.textContent()).toContain('Urgent');
      expect(await critical.textContent()).toContain('it is phishing');
      expect(await critical.locator('.message-meta').textContent()).toMatch(/posted today \d\d:\d\d \(12 min ago\)/);
      expect(await page.locator('.helpdesk-banner').textContent()).not.toContain('toner');
      // The acknowledging warning keeps its "no ticket needed".
      expect(await items.nth(1).textContent()).toContain('IT knows about this, no ticket needed.');
      expect(app.log.errors).toEqual([]);
      await shoot(page, `helpdesk-banner-critical-${app === harness.light ? 'light' : 'dark'}`, { full: false });
    }
  });

  it('offers the link only for https, and opens it by name', async () => {
    const { page } = harness.light;
    await harness.light.load({ state: withMessages([INFO, CRITICAL]), settings: settingsView() });
    const info = page.locator('.helpdesk-banner .message.severity-info');
    expect(await info.getByRole('button').count()).toBe(0);
    await page.locator('.helpdesk-banner .message.severity-critical').getByRole('button', { name: /Open the helpdesk page/ }).click();
    expect(await callsOf(page, 'openLink')).toEqual([[{ kind: 'message', sourceId: 'org-feed', messageId: CRITICAL.id }]]);
  });

  it('drops a message once the window’s clock passes its expiresAt, though the report still lists it', async () => {
    const { page } = harness.light;
    const soon = { ...CRITICAL, expiresAt: iso(NOW + 2 * MINUTE) };
    await harness.light.load({ state: withMessages([soon]), settings: settingsView() });
    expect(await page.locator('.helpdesk-banner .severity-critical').count()).toBe(1);
    try {
      await page.clock.setFixedTime(NOW + 3 * MINUTE);
      // The same state again, as main re-sends it on the next poll: the window re-renders at its own time.
      await pushState(page, { ...withMessages([soon]), refreshing: true });
      await pushState(page, withMessages([soon]));
      await page.waitForSelector('.helpdesk-banner .severity-critical', { state: 'detached' });
      expect(await page.locator('.helpdesk-banner .message').count()).toBe(1);
    } finally {
      await page.clock.setFixedTime(NOW);
    }
  });

  it('is absent when no message is in force', async () => {
    const { page } = harness.light;
    const state = helpdeskState();
    const report = state.report;
    if (report === null) throw new Error('no report');
    await harness.light.load({ state: { ...state, report: { ...report, messages: [EXPIRED], sources: report.sources.map((s) => ({ ...s, messages: s.id === 'org-feed' ? [EXPIRED] : s.messages })) } }, settings: settingsView() });
    expect(await page.locator('.helpdesk-banner').count()).toBe(0);
  });
});
