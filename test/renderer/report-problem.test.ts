/**
 * The deflection banner and "Report a problem" in a real Chromium, through the app's own handlers
 * (test bridge; only the engine, the browser and the clipboard are scripted). One screenshot per
 * branch of the flow lands in test-results/renderer/.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ViewState } from '../../main/core/contract.js';
import { REPORT_ON_CLIPBOARD } from '../../main/core/helpdesk/ticket-url.js';
import { chromiumMissing } from '../helpers/chromium.js';
import type { FakeApiInit } from '../helpers/fake-api.js';
import { callsOf, liveText, navigate, shoot, useHarness } from './harness.js';
import { captiveState, helpdeskState, okState, settingsView } from './scenarios.js';

const TICKET_URL = 'https://helpdesk.contoso.com/new?service={service}&summary={summary}&code={code}&incidents={incidents}&report={report}';
const CONTACT = 'Call 555-0100 (Mon–Fri 8:00–18:00) or write to helpdesk@contoso.com';

const init = (state: ViewState, helpdesk: FakeApiInit['helpdesk'] = { ticketUrl: TICKET_URL, contact: null }): FakeApiInit => ({ state, settings: settingsView(), helpdesk });

type Controls = { opened: string[]; clipboard: string[] };
const bridgeOf = (page: Page): Promise<Controls> =>
  page.evaluate(() => {
    const api = (window as unknown as { __fakeApi: Controls }).__fakeApi;
    return { opened: [...api.opened], clipboard: [...api.clipboard] };
  });

/** Opens the flow for a service and types into the box; waits until the box has shown its match. */
async function startFlow(page: Page, serviceId: string, typed: string, expectMatch: RegExp | null): Promise<void> {
  await navigate(page, { view: 'report', serviceId });
  await page.waitForSelector('main h1:text("Report a problem")');
  await page.getByLabel('What do you see?').fill(typed);
  if (expectMatch) await page.locator('.report-match').filter({ hasText: expectMatch }).waitFor();
  else await page.locator('.report-match').filter({ hasText: 'Nothing we know matches' }).waitFor();
}

describe.skipIf(chromiumMissing !== null)('deflection and "Report a problem" in Chromium', () => {
  const harness = useHarness();

  it("the service page says IT knows, in the helpdesk's words with their time (screenshot)", async () => {
    const { page } = harness.light;
    await harness.light.load(init(helpdeskState()));
    await navigate(page, { view: 'service', serviceId: 'outlook' });
    const banner = page.locator('section.deflection');
    await banner.waitFor();
    expect(await banner.getByRole('heading').textContent()).toBe('IT knows about this');
    expect(await banner.textContent()).toMatch(/From your IT helpdesk · posted today \d\d:\d\d \(1 h ago\)/);
    expect(await banner.locator('.deflection-text').textContent()).toMatch(/^We know about the Outlook email problem/);
    expect(await banner.getAttribute('data-incident')).toBe('EX1224375');
    await shoot(page, 'deflection-banner');
    // Teams has no incident: no banner.
    await navigate(page, { view: 'service', serviceId: 'teams' });
    await page.waitForSelector('main h1:text("Microsoft Teams")');
    expect(await page.locator('section.deflection').count()).toBe(0);
    // The overview's card says it in a line.
    await navigate(page, { view: 'overview' });
    await page.locator('.deflection-line').first().waitFor();
    expect(await page.locator('.deflection-line').allTextContents()).toEqual(expect.arrayContaining(['IT knows about EX1224375; you do not need to open a ticket.']));
  });

  it('deflect: a known incident answers the report, with the reason; "Something else is wrong" goes on to the form (screenshots)', async () => {
    const { page } = harness.light;
    await harness.light.load(init(helpdeskState()));
    await startFlow(page, 'outlook', 'mail is not arriving', /This looks like: Mail is not arriving/);
    await shoot(page, 'report-flow-typing');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'No ticket needed' }).waitFor();
    expect(await page.locator('.report-next .deflection-text').textContent()).toMatch(/^We know about the Outlook email problem/);
    await expect(liveText(page, /We know about/)).resolves.toMatch(/no need to open a ticket/);
    await shoot(page, 'report-flow-deflect');

    await page.getByRole('button', { name: 'Something else is wrong' }).click();
    await page.getByRole('button', { name: 'Open the ticket form' }).waitFor();
    expect(await page.locator('.report-next').textContent()).toContain('The report says that you were shown EX1224375 and that something else is wrong.');
    await shoot(page, 'report-flow-deflect-something-else');
    await page.getByRole('button', { name: 'Open the ticket form' }).click();
    await page.locator('.report-outcome').waitFor();
    const { opened, clipboard } = await bridgeOf(page);
    expect(opened).toHaveLength(1);
    const params = new URL(opened[0] ?? '').searchParams;
    expect(params.get('incidents')).toBe('EX1224375');
    const report = params.get('report') === REPORT_ON_CLIPBOARD ? (clipboard[0] ?? '') : (params.get('report') ?? '');
    expect(report).toContain('Was shown the incident and reported anyway: EX1224375 (org-feed)');
    expect(await callsOf(page, 'decideProblem')).toEqual([
      [{ serviceId: 'outlook', typed: 'mail is not arriving', shownIncidents: [], pastLocalFix: false }],
      [{ serviceId: 'outlook', typed: 'mail is not arriving', shownIncidents: ['EX1224375'], pastLocalFix: false }],
    ]);
  });

  it('local fix first: the Wi-Fi needs a sign-in (screenshot)', async () => {
    const { page } = harness.light;
    await harness.light.load(init(captiveState()));
    await startFlow(page, 'outlook', 'Outlook says disconnected', /This looks like: Outlook says "Disconnected"/);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Try this first' }).waitFor();
    expect(await page.locator('.report-fix').textContent()).toMatch(/sign/i);
    await shoot(page, 'report-flow-local-fix');
    await page.getByRole('button', { name: 'It did not help' }).click();
    await page.getByRole('button', { name: 'Open the ticket form' }).waitFor();
    expect((await callsOf(page, 'decideProblem')).at(-1)).toEqual([{ serviceId: 'outlook', typed: 'Outlook says disconnected', shownIncidents: [], pastLocalFix: true }]);
  });

  it('ticket form: main opens it with the escaped summary and report, and the window says what happened (screenshot)', async () => {
    const { page } = harness.light;
    await harness.light.load(init(okState()));
    const typed = 'Calendar shows "error" & #42 for Zoë';
    await startFlow(page, 'outlook', typed, null);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Open the ticket form' }).click();
    const outcome = page.locator('.report-outcome');
    await outcome.waitFor();
    const { opened, clipboard } = await bridgeOf(page);
    const params = new URL(opened[0] ?? '').searchParams;
    // The summary a ticket system groups by: service, verdict, incident, knowledge-base entry.
    expect(params.get('summary')).toBe('Outage Radar · service outlook · verdict all-good · incident none · kb none');
    expect(opened[0]).toContain(`summary=${encodeURIComponent(params.get('summary') ?? '').replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}&`);
    const full = params.get('report') === REPORT_ON_CLIPBOARD ? (clipboard[0] ?? '') : (params.get('report') ?? '');
    expect(full).toContain(typed);
    expect(await outcome.textContent()).toMatch(/^The ticket form opened/);
    await shoot(page, 'report-flow-ticket-opened');
  });

  it('no ticket form: the report is copied and the helpdesk contact is shown (screenshot)', async () => {
    const { page } = harness.light;
    await harness.light.load(init(okState(), { ticketUrl: null, contact: CONTACT }));
    await startFlow(page, 'teams', 'cannot join meeting', /This looks like/);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Copy the report' }).waitFor();
    expect(await page.locator('.report-contact-text').first().textContent()).toBe(CONTACT);
    await page.getByRole('button', { name: 'Copy the report' }).click();
    await page.locator('.report-outcome').waitFor();
    expect(await page.locator('.report-outcome').textContent()).toBe(`Report copied. Send it to the helpdesk:${CONTACT}`);
    const { opened, clipboard } = await bridgeOf(page);
    expect(opened).toEqual([]);
    expect(clipboard[0]).toContain('cannot join meeting');
    await shoot(page, 'report-flow-contact-copied');
  });

  it('the overview and a service page lead into the flow', async () => {
    const { page } = harness.light;
    await harness.light.load(init(okState()));
    await page.getByRole('button', { name: 'Report a problem' }).click();
    await page.waitForSelector('main h1:text("Report a problem")');
    expect(await page.title()).toBe('Report a problem – Outage Radar');
    await navigate(page, { view: 'service', serviceId: 'teams' });
    await page.getByRole('button', { name: 'Report a problem with Microsoft Teams' }).click();
    await page.waitForSelector('main h1:text("Report a problem")');
    expect(await page.getByLabel('Which service?').inputValue()).toBe('teams');
  });
});
