/**
 * "Report a problem" in main, through the app's real chain (preload bridge, IPC wrapper, argument
 * guards, handlers) over the in-memory pipe, with fakes of the OS only: `openExternal` records the
 * address main opened, the clipboard records what main copied. Reports come from real payloads.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppApi, ProblemRequest, ViewState } from '../../main/core/contract.js';
import type { CheckReport } from '../../main/core/check.js';
import { encodeField, REPORT_ON_CLIPBOARD, TICKET_URL_LIMITS } from '../../main/core/helpdesk/ticket-url.js';
import { GUARD_LIMITS, validateInvokeArgs } from '../../main/core/guards.js';
import { helpdeskSettingsFrom, reportTextFor } from '../../main/shell/report-problem.js';
import { REPORT_PROBLEM_ITEM, type TrayActions } from '../../main/shell/tray.js';
import { exchangeIncidentReport, HELPDESK_NOW, M365, microsoftPost, reportFrom } from '../helpers/helpdesk-scenarios.js';
import { viewOf } from '../helpers/reports.js';
import { createTestBridge, type BridgeControls } from '../helpers/test-bridge.js';
import { createScriptedEngine } from '../helpers/scripted-engine.js';
import { fakeTrayController } from '../fakes/electron.js';
import { settingsView } from '../renderer/scenarios.js';

const TEMPLATE = 'https://helpdesk.contoso.com/new?service={service}&summary={summary}&code={code}&incidents={incidents}&report={report}';
const CONTACT = 'Call 555-0100 (Mon–Fri 8–18) or write to helpdesk@contoso.com';
const TYPED = 'Outlook says "451 4.3.2" & #1 when I send to Zoë\nsecond line';

/** The view as main sends it: updated a minute before the scenarios' "now". */
const viewAtNow = (report: CheckReport): ViewState => viewOf(report, { updatedAt: new Date(HELPDESK_NOW - 60_000).toISOString() });

const quietReport = (): CheckReport => reportFrom({ watch: M365 }, { 'microsoft-public': { body: microsoftPost() } });

function bridge(report: CheckReport, helpdesk: { ticketUrl: string | null; contact: string | null }): { api: AppApi; controls: BridgeControls } {
  return createTestBridge({ state: viewAtNow(report), settings: settingsView(), helpdesk, platform: 'linux' });
}

// Main reads the clock for helpdesk messages that expire; the scenarios are "now" at HELPDESK_NOW.
beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(HELPDESK_NOW);
});
afterAll(() => void vi.useRealTimers());

const request = (over: Partial<ProblemRequest> = {}): ProblemRequest => ({ serviceId: 'outlook', typed: TYPED, shownIncidents: [], pastLocalFix: false, ...over });

describe('the ticket URL main opens', () => {
  it('contains the escaped summary and the escaped report (no incident open)', async () => {
    const { api, controls } = bridge(quietReport(), { ticketUrl: TEMPLATE, contact: null });
    expect(await api.decideProblem(request({ typed: 'the ribbon is purple' }))).toMatchObject({ kind: 'ticket' });
    const outcome = await api.sendProblemReport(request({ typed: 'He said "no" & #1 ü' }));
    expect(outcome).toMatchObject({ outcome: 'opened', text: 'The ticket form opened in your browser with the report filled in.' });
    expect(controls.opened).toHaveLength(1);
    const opened = controls.opened[0] ?? '';
    const params = new URL(opened).searchParams;
    const summary = params.get('summary') ?? '';
    expect(summary).toMatch(/^Outage Radar · service outlook · verdict /);
    expect(opened).toContain(`summary=${encodeField(summary)}&`);
    const report = params.get('report') ?? '';
    expect(opened).toContain(`report=${encodeField(report)}`);
    expect(report.split('\n')[0]).toBe(summary);
    expect(report).toContain('What the person typed:');
    expect(report).toContain('He said "no" & #1 ü');
    expect(params.get('service')).toBe('Outlook / Exchange');
    expect(controls.clipboard).toEqual([]);
  });

  it('with a long report: the form gets the summary only, the full report is on the clipboard, and the person is told', async () => {
    const { api, controls } = bridge(quietReport(), { ticketUrl: TEMPLATE, contact: null });
    const outcome = await api.sendProblemReport(request({ typed: `${TYPED}\n${'x '.repeat(3000)}` }));
    expect(outcome.outcome).toBe('opened-summary');
    expect(outcome.text).toMatch(/full report is on your clipboard/);
    const opened = controls.opened[0] ?? '';
    expect(opened.length).toBeLessThanOrEqual(TICKET_URL_LIMITS.url);
    expect(new URL(opened).searchParams.get('report')).toBe(REPORT_ON_CLIPBOARD);
    expect(controls.clipboard).toHaveLength(1);
    expect(controls.clipboard[0]).toContain('x x x x x x x x');
  });

  it('mailto: an e-mail with the summary as subject; a whole report is longer than mail programs take, so it goes to the clipboard', async () => {
    const { api, controls } = bridge(quietReport(), { ticketUrl: 'mailto:helpdesk@contoso.com', contact: null });
    const outcome = await api.sendProblemReport(request({ typed: 'mail stuck' }));
    expect(outcome).toMatchObject({ outcome: 'opened-summary', text: 'The e-mail opened with a summary. The full report is on your clipboard: paste it in.' });
    expect(controls.opened[0]).toMatch(/^mailto:helpdesk@contoso\.com\?subject=Outage%20Radar%20%C2%B7%20service%20outlook%20%C2%B7%20verdict%20[^&]+&body=/);
    expect(controls.opened[0]).toContain(`&body=${encodeField(REPORT_ON_CLIPBOARD)}`);
    expect(controls.clipboard[0]).toContain('What the person typed:');
  });

  it('without a ticket form: nothing is opened, the report is copied and the contact is shown', async () => {
    const { api, controls } = bridge(quietReport(), { ticketUrl: null, contact: CONTACT });
    expect(await api.decideProblem(request())).toMatchObject({ kind: 'contact', contact: CONTACT });
    const outcome = await api.sendProblemReport(request());
    expect(outcome).toEqual({ outcome: 'copied', text: 'Report copied. Send it to the helpdesk:', contact: CONTACT });
    expect(controls.opened).toEqual([]);
    expect(controls.clipboard[0]).toContain('second line');
  });

  it('a ticket URL that is not https or mailto is never opened: the report is copied instead', async () => {
    const { api, controls } = bridge(quietReport(), { ticketUrl: 'javascript:alert(1)', contact: null });
    expect((await api.sendProblemReport(request())).outcome).toBe('copied');
    expect(controls.opened).toEqual([]);
  });

  it('the window cannot hand main an address: a request with any extra field is refused', async () => {
    const { api, controls } = bridge(quietReport(), { ticketUrl: TEMPLATE, contact: null });
    await expect(api.sendProblemReport({ ...request(), ticketUrl: 'https://evil.example/' } as unknown as ProblemRequest)).rejects.toThrow(/request refused/);
    await expect(api.matchProblem('x'.repeat(20_001))).rejects.toThrow(/request refused/);
    expect(controls.opened).toEqual([]);
  });
});

describe('with an open Exchange incident and the helpdesk message acknowledging it', () => {
  it('the flow for Outlook deflects with that message; "something else is wrong" opens the form and the report says it was shown', async () => {
    const { api, controls } = bridge(exchangeIncidentReport(), { ticketUrl: TEMPLATE, contact: null });
    const first = await api.decideProblem(request());
    expect(first).toMatchObject({ kind: 'deflect', deflection: { incidentId: 'EX1224375', from: 'helpdesk' } });
    if (first.kind !== 'deflect') return;
    expect(first.deflection.text).toMatch(/^We know about the Outlook email problem/);
    expect(await api.getDeflections()).toEqual([first.deflection, expect.objectContaining({ serviceId: 'sharepoint' })]);

    const next = await api.decideProblem(request({ shownIncidents: ['EX1224375'] }));
    expect(next.kind).toBe('ticket');
    await api.sendProblemReport(request({ shownIncidents: ['EX1224375'] }));
    const inForm = new URL(controls.opened[0] ?? '').searchParams.get('report') ?? '';
    // The full report is in the form when it fits, else on the clipboard.
    const report = inForm === REPORT_ON_CLIPBOARD ? (controls.clipboard[0] ?? '') : inForm;
    expect(report).toContain('Was shown the incident and reported anyway: EX1224375 (org-feed)');
    expect(new URL(controls.opened[0] ?? '').searchParams.get('incidents')).toBe('EX1224375');
    expect(new URL(controls.opened[0] ?? '').searchParams.get('code')).toBe('451 4.3.2');
  });
});

describe('reportTextFor', () => {
  it('builds the one diagnostics report with what the person typed, secrets masked, and says when they were shown a fix first', () => {
    const engine = createScriptedEngine({ state: viewAtNow(quietReport()) });
    const typed = 'proxy said: Authorization: Bearer abcdefghijklmnop1234567890';
    const { text } = reportTextFor(viewAtNow(quietReport()), request({ typed, pastLocalFix: true }), null, HELPDESK_NOW, (r) => engine.helpdeskReport(r));
    expect(text).not.toContain('abcdefghijklmnop1234567890');
    expect(text).toContain('What the person typed:');
    expect(text).toContain('Shown a fix on their side first; they report anyway.');
  });
});

describe('the tray menu', () => {
  function tray(actions: TrayActions) {
    const { controller, trays } = fakeTrayController({
      platform: 'linux',
      onClick: () => undefined,
      actions,
    });
    controller.render({ icon: 'ok', tooltip: 'All good', menu: [{ id: 'open', label: 'Open Outage Radar', enabled: true }, { id: 'separator' }, { id: 'quit', label: 'Quit', enabled: true }] });
    return trays[0]?.menus.at(-1)?.template ?? [];
  }
  const base = { open: () => undefined, refresh: () => undefined, 'mute-1h': () => undefined, 'mute-4h': () => undefined, 'mute-tomorrow': () => undefined, unmute: () => undefined, settings: () => undefined, quit: () => undefined };

  it('has "Report a problem…" after "Open" when the app gives it an action, and clicking it runs that action', () => {
    const routes: string[] = [];
    const template = tray({ ...base, report: () => void routes.push('report') });
    expect(template.map((i) => i.label ?? i.type)).toEqual(['Open Outage Radar', REPORT_PROBLEM_ITEM.label, 'separator', 'Quit']);
    template[1]?.click?.();
    expect(routes).toEqual(['report']);
  });

  it('has no such item without the action', () => {
    expect(tray(base).map((i) => i.label ?? i.type)).toEqual(['Open Outage Radar', 'separator', 'Quit']);
  });
});

describe('the guards of the flow\'s verbs', () => {
  const good = { serviceId: 'outlook', typed: 'x', shownIncidents: ['EX1224375'], pastLocalFix: false };
  it('take exactly a request of the four fields, each of its type and size', () => {
    expect(validateInvokeArgs('problem:send', [good])).toEqual({ ok: true, args: [good] });
    const bads: unknown[] = [
      null,
      'outlook',
      { ...good, url: 'https://evil.example/' },
      { ...good, serviceId: '' },
      { ...good, typed: 'x'.repeat(GUARD_LIMITS.problemTextLength + 1) },
      { ...good, typed: 42 },
      { ...good, shownIncidents: 'EX1224375' },
      { ...good, shownIncidents: Array.from({ length: GUARD_LIMITS.shownIncidents + 1 }, (_, i) => `X${i}`) },
      { ...good, shownIncidents: [''] },
      { ...good, pastLocalFix: 'yes' },
      JSON.parse('{"serviceId":"outlook","typed":"","shownIncidents":[],"pastLocalFix":false,"__proto__":{}}'),
    ];
    for (const bad of bads) {
      for (const channel of ['problem:decide', 'problem:send'] as const) {
        const result = validateInvokeArgs(channel, [bad]);
        expect(result.ok ? 'accepted' : result.reason, JSON.stringify(bad)?.slice(0, 80)).toMatch(/problem (report|text)/);
      }
    }
    expect(validateInvokeArgs('problem:match', [42]).ok).toBe(false);
    expect(validateInvokeArgs('deflections:get', ['x']).ok).toBe(false);
  });
});

it('reads helpdesk.ticketUrl and helpdesk.contact from a config document, unset as null', () => {
  expect(helpdeskSettingsFrom({})).toEqual({ ticketUrl: null, contact: null });
  expect(helpdeskSettingsFrom({ helpdesk: { ticketUrl: 'mailto:helpdesk@contoso.com', contact: 'Call 555-0100' } })).toEqual({ ticketUrl: 'mailto:helpdesk@contoso.com', contact: 'Call 555-0100' });
});
