/**
 * "Report a problem": from the picked service, the typed text and the current check to the next
 * step: deflect, a local fix first, the ticket form, or copy + contact.
 */
import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../../../main/core/check.js';
import { bestMatch, decideProblem, type HelpdeskSettings, type ProblemInput } from '../../../main/core/helpdesk/problem-flow.js';
import { exchangeIncidentReport, HELPDESK_NOW, M365, microsoftPost, reportFrom } from '../../helpers/helpdesk-scenarios.js';
import { captiveState } from '../../renderer/scenarios.js';

const TICKET: HelpdeskSettings = { ticketUrl: 'https://helpdesk.contoso.com/new?s={summary}&r={report}', contact: null };
const CONTACT: HelpdeskSettings = { ticketUrl: null, contact: 'Call 555-0100 (Mon–Fri 8–18) or write to helpdesk@contoso.com' };
const quiet = (): CheckReport => reportFrom({ watch: M365 }, { 'microsoft-public': { body: microsoftPost() } });

const input = (over: Partial<ProblemInput>): ProblemInput => ({
  serviceId: 'outlook',
  typed: '',
  report: quiet(),
  helpdesk: TICKET,
  shownIncidents: [],
  pastLocalFix: false,
  now: HELPDESK_NOW,
  ...over,
});

describe('decideProblem', () => {
  it('deflects with the helpdesk message when an open incident is known for the service', () => {
    const decision = decideProblem(input({ typed: 'mail is not arriving', report: exchangeIncidentReport() }));
    expect(decision.kind).toBe('deflect');
    if (decision.kind !== 'deflect') return;
    expect(decision.deflection).toMatchObject({ incidentId: 'EX1224375', from: 'helpdesk' });
    expect(decision.deflection.text).toMatch(/^We know about the Outlook email problem/);
    expect(decision.match?.id).toBe('symptom-mail-not-arriving');
  });

  it("deflects for the service the typed code belongs to, even when another service was picked", () => {
    const decision = decideProblem(input({ serviceId: 'teams', typed: 'Remote server returned 451 4.3.2', report: exchangeIncidentReport() }));
    expect(decision).toMatchObject({ kind: 'deflect', deflection: { serviceId: 'outlook', incidentId: 'EX1224375' }, match: { id: 'exo-451-4.3.2' } });
  });

  it('"something else is wrong" after a deflection goes on to the ticket form, or to contact without one', () => {
    const report = exchangeIncidentReport();
    expect(decideProblem(input({ report, shownIncidents: ['EX1224375'] })).kind).toBe('ticket');
    expect(decideProblem(input({ report, shownIncidents: ['EX1224375'], helpdesk: CONTACT }))).toMatchObject({ kind: 'contact', contact: CONTACT.contact });
  });

  it('a local verdict shows its fix first (the Wi-Fi needs a sign-in)', () => {
    const report = captiveState().report;
    const decision = decideProblem(input({ report, typed: 'Outlook says disconnected' }));
    expect(decision).toMatchObject({ kind: 'local-fix', because: 'verdict' });
    if (decision.kind !== 'local-fix') return;
    expect(decision.title).toBe(report?.verdict.title);
    expect(decision.title).toMatch(/sign/i);
    expect(decision.steps).toEqual([report?.verdict.advice]);
  });

  it('a knowledge-base entry on the local side shows its steps first', () => {
    const decision = decideProblem(input({ typed: 'Outlook is stuck working offline' }));
    expect(decision).toMatchObject({ kind: 'local-fix', because: 'knowledge', match: { id: 'outlook-working-offline' } });
  });

  it('a local entry tied to a verdict is no local fix while the checks disagree (clock error, clock fine)', () => {
    expect(decideProblem(input({ serviceId: 'teams', typed: '0xCAA20003' }))).toMatchObject({ kind: 'ticket', match: { id: 'teams-0xcaa20003-clock' } });
  });

  it('after "It did not help" the local fix is not shown again', () => {
    expect(decideProblem(input({ report: captiveState().report, pastLocalFix: true })).kind).toBe('ticket');
  });

  it('nothing known: the ticket form when the organization has a usable one, else contact', () => {
    expect(decideProblem(input({ typed: 'the ribbon is purple' }))).toEqual({ kind: 'ticket', match: null });
    expect(decideProblem(input({ helpdesk: CONTACT }))).toEqual({ kind: 'contact', contact: CONTACT.contact, match: null });
    expect(decideProblem(input({ helpdesk: { ticketUrl: 'http://helpdesk.contoso.com/new', contact: null } }))).toEqual({ kind: 'contact', contact: null, match: null });
    expect(decideProblem(input({ helpdesk: { ticketUrl: 'mailto:helpdesk@contoso.com', contact: null } })).kind).toBe('ticket');
  });

  it('before the first check there is nothing to deflect or fix', () => {
    expect(decideProblem(input({ report: null, typed: 'mail is not arriving' })).kind).toBe('ticket');
  });
});

describe('bestMatch (as the person types)', () => {
  it('gives the best entry with its meaning, or null', () => {
    expect(bestMatch('451 4.3.2')).toMatchObject({ id: 'exo-451-4.3.2', service: 'outlook', side: 'provider' });
    expect(bestMatch('451 4.3.2')?.meaning).toMatch(/temporary/i);
    expect(bestMatch('   ')).toBeNull();
    expect(bestMatch('the ribbon is purple')).toBeNull();
  });
});
