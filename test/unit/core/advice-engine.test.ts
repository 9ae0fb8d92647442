import { describe, expect, it } from 'vitest';
import { adviseNow, type AdviceInput, type AdviceItem, type AdviceService, type RunningClient } from '../../../main/core/advice/engine.js';
import { defaultChannels } from '../../../main/core/advice/channels.js';
import { incidentPhase, type AdvicePhase } from '../../../main/core/advice/phases.js';
import { CATALOG_SERVICES } from '../../../main/core/sources/catalog.js';
import type { Health } from '../../../main/core/health.js';
import type { VerdictKind } from '../../../main/core/verdict/connectivity-model.js';

const NOW = Date.parse('2026-01-22T18:00:00Z');
const FIX = '2026-01-22T16:14:00Z';
const catalog = CATALOG_SERVICES.filter((s) => s.id === 'outlook' || s.id === 'teams');

/** A phase made concrete: the status word and end time an incident in that phase has. */
function incidentIn(phase: AdvicePhase): AdviceService['incidents'] {
  switch (phase) {
    case 'active':
      return [{ id: 'MO1221364', title: 'Mail not sending', status: 'investigating', endedAt: null }];
    case 'restoring':
      return [{ id: 'MO1221364', title: 'Mail not sending', status: 'restoringService', endedAt: null }];
    case 'recently-resolved':
      return [{ id: 'MO1221364', title: 'Mail not sending', status: 'resolved', endedAt: FIX }];
    case 'none':
      return [];
  }
}

function service(id: string, health: Health, phase: AdvicePhase = 'none'): AdviceService {
  return { id, name: id === 'outlook' ? 'Outlook / Exchange' : 'Microsoft Teams', health, incidents: incidentIn(phase) };
}

function advise(over: Partial<AdviceInput> & { kind?: VerdictKind }): AdviceItem[] {
  const kind = over.kind ?? 'all-good';
  return adviseNow({
    now: NOW,
    verdict: { kind, advice: `verdict advice for ${kind}`, serviceIds: kind.startsWith('provider') ? ['outlook'] : [] },
    providerOf: () => 'Microsoft',
    services: [service('outlook', 'operational'), service('teams', 'operational')],
    channels: defaultChannels(catalog),
    clients: [],
    ...over,
  });
}

const ids = (items: readonly AdviceItem[]): string[] => items.map((i) => i.id);
const suggested = (items: readonly AdviceItem[]): string[] => items.find((i) => i.id === 'switch-channel')?.channels?.map((c) => c.name) ?? [];

const teamsClient = (startedAt: string): RunningClient => ({ name: 'Teams', service: 'teams', pid: 4242, startedAt });

describe('incident phases', () => {
  it.each([
    ['investigating', null, null, 'active'],
    ['identified', null, null, 'active'],
    ['monitoring', null, null, 'restoring'],
    ['verifying', null, null, 'restoring'],
    ['restoringService', null, null, 'restoring'],
    ['extendedRecovery', null, null, 'restoring'],
    ['mitigated', null, null, 'restoring'],
    ['identified', null, 'We restored the affected infrastructure to a healthy state; further load balancing is required.', 'restoring'],
    ['investigating', null, 'We are still investigating the cause.', 'active'],
    ['resolved', '2026-01-22T10:00:00Z', null, 'recently-resolved'],
    ['postmortem', '2026-01-21T18:00:00Z', null, 'recently-resolved'],
    ['resolved', '2026-01-21T17:59:59Z', null, 'none'],
    ['resolved', null, null, 'none'],
    ['something-new', null, null, 'active'],
  ] as const)('%s (ended %s, post %s) is %s', (status, endedAt, latestPost, phase) => {
    expect(incidentPhase({ status, endedAt, latestPost }, NOW)).toBe(phase);
  });
});

describe('advice over phase × verdict × channels × running clients', () => {
  it('active mail incident: wait, do not reinstall, mail is not lost, chat in Teams; never email or Outlook on the web', () => {
    const items = advise({ kind: 'provider-incident', services: [service('outlook', 'outage', 'active'), service('teams', 'operational')] });
    expect(ids(items)).toEqual(['wait-for-fix', 'do-not-reinstall', 'mail-delayed-not-lost', 'switch-channel', 'call-helpdesk']);
    expect(items[0]?.text).toBe('verdict advice for provider-incident');
    expect(suggested(items)).toEqual(['Chat in Teams', 'A phone call']);
    const channels = items.find((i) => i.id === 'switch-channel')?.channels ?? [];
    expect(channels).toContainEqual({ name: 'A phone call', kind: 'phone', service: null });
    expect(channels.every((c) => c.service !== 'outlook')).toBe(true);
  });

  it('Teams down, mail healthy: email or a phone call, never Teams', () => {
    const items = advise({ kind: 'provider-incident', verdict: { kind: 'provider-incident', advice: 'x', serviceIds: ['teams'] }, services: [service('outlook', 'operational'), service('teams', 'outage', 'active')] });
    // Teams' fallback "email or a phone call" only repeats the default email and phone: each once.
    expect(suggested(items)).toEqual(['Email', 'A phone call']);
    expect(ids(items)).not.toContain('mail-delayed-not-lost');
  });

  it('both down: only the phone', () => {
    const items = advise({ kind: 'provider-incident', services: [service('outlook', 'outage', 'active'), service('teams', 'degraded', 'active')] });
    expect(suggested(items)).toEqual(['A phone call']);
    // Channel names read as words inside the sentence.
    expect(items.find((i) => i.id === 'switch-channel')?.title).toBe('Meanwhile, use a phone call');
  });

  it('a channel whose own service is unknown is never suggested', () => {
    const items = advise({ kind: 'provider-incident', services: [service('outlook', 'outage', 'active'), service('teams', 'unknown')] });
    expect(suggested(items)).toEqual(['A phone call']);
    const unwatched = advise({ kind: 'provider-incident', services: [service('outlook', 'outage', 'active')] });
    expect(suggested(unwatched)).toEqual(['A phone call']);
  });

  it('without any usable channel there is no switch-channel item', () => {
    const items = advise({ kind: 'provider-incident', channels: defaultChannels([]).filter((c) => c.service !== null), services: [service('outlook', 'outage', 'active'), service('teams', 'outage', 'active')] });
    expect(ids(items)).not.toContain('switch-channel');
  });

  it('restoring: still intermittent, mail still delayed, no reinstall warning needed first', () => {
    const items = advise({ kind: 'all-good', services: [service('outlook', 'operational', 'restoring'), service('teams', 'operational')] });
    expect(ids(items)[0]).toBe('still-intermittent');
    expect(items[0]?.text).toMatch(/Do not open a ticket for a single failure/);
    expect(ids(items)).toContain('mail-delayed-not-lost');
    expect(ids(items)).not.toContain('wait-for-fix');
  });

  it('recently resolved: a client running since before the fix is restarted, named with its start', () => {
    const client = teamsClient('2026-01-22T13:02:00Z');
    const items = advise({ services: [service('outlook', 'operational'), service('teams', 'operational', 'recently-resolved')], clients: [client] });
    expect(ids(items)).toEqual(['restart-client', 'call-helpdesk']);
    expect(items[0]?.client).toEqual(client);
    expect(items[0]?.text).toBe('Teams has been running since 13:02 UTC, before the fix at 16:14 UTC: restart it so it reconnects properly.');
    expect(items[0]?.action).toEqual({ kind: 'restart-client', label: 'Restart Teams', pid: 4242, name: 'Teams' });
  });

  it.each([
    ['2026-01-22T16:13:59Z', true],
    ['2026-01-22T16:14:00Z', false],
    ['2026-01-22T16:14:00.900Z', false],
    ['2026-01-22T16:20:00Z', false],
  ])('a Teams client started at %s gets restart-client: %s (compared to the second, no grace)', (startedAt, restart) => {
    const items = advise({ services: [service('outlook', 'operational'), service('teams', 'operational', 'recently-resolved')], clients: [teamsClient(startedAt)] });
    expect(ids(items).includes('restart-client')).toBe(restart);
  });

  it('a client of another service, or a fix older than 24 h, gets no restart', () => {
    const outlookClient: RunningClient = { name: 'Outlook', service: 'outlook', pid: 7, startedAt: '2026-01-22T08:00:00Z' };
    expect(ids(advise({ services: [service('outlook', 'operational'), service('teams', 'operational', 'recently-resolved')], clients: [outlookClient] }))).toEqual(['call-helpdesk']);
    const old: AdviceService = { ...service('teams', 'operational'), incidents: [{ id: 'TM252802', title: 'Teams', status: 'resolved', endedAt: '2026-01-20T16:14:00Z' }] };
    expect(ids(advise({ services: [old], clients: [teamsClient('2026-01-19T08:00:00Z')] }))).toEqual(['call-helpdesk']);
  });

  it.each([
    ['captive-portal', 'sign-in-wifi'],
    ['proxy-auth-required', 'proxy-sign-in'],
    ['clock-skew', 'fix-clock'],
    ['proxy-unreachable', 'check-vpn'],
    ['blocked', 'check-vpn'],
    ['no-network', 'reconnect-network'],
  ] as const)('local verdict %s advises %s first, with the verdict text', (kind, id) => {
    const items = advise({ kind, services: [service('outlook', 'operational'), service('teams', 'operational')] });
    expect(items[0]?.id).toBe(id);
    expect(items[0]?.service).toBeNull();
    expect(items[0]?.text).toBe(`verdict advice for ${kind}`);
  });

  it('a local problem during a mail incident: the local fix first, then the incident advice', () => {
    const items = advise({ kind: 'captive-portal', services: [service('outlook', 'outage', 'active'), service('teams', 'operational')] });
    expect(ids(items).slice(0, 3)).toEqual(['sign-in-wifi', 'wait-for-fix', 'do-not-reinstall']);
  });

  it('nothing wrong: call the helpdesk only if something still fails, with the verdict text', () => {
    const items = advise({});
    expect(ids(items)).toEqual(['call-helpdesk']);
    expect(items[0]?.text).toBe('verdict advice for all-good');
  });

  it('the desktop client fails while the web endpoint answers: use the web version', () => {
    const items = advise({ kind: 'provider-unconfirmed', webAnswers: ['outlook'], services: [service('outlook', 'degraded'), service('teams', 'operational')] });
    const web = items.find((i) => i.id === 'use-web-version');
    expect(web?.action).toEqual({ kind: 'open-url', label: 'Open Outlook on the web', url: 'https://outlook.office.com/' });
    expect(ids(advise({ kind: 'provider-unconfirmed', services: [service('outlook', 'degraded')] }))).not.toContain('use-web-version');
  });

  it('planned maintenance: wait, but no reinstall warning and no lost-mail note', () => {
    const maintenance: AdviceService = { ...service('outlook', 'maintenance'), incidents: [{ id: 'M1', title: 'Upgrade', kind: 'maintenance', status: 'in-progress', endedAt: null }] };
    const items = advise({ kind: 'provider-incident', services: [maintenance, service('teams', 'operational')] });
    expect(ids(items)).toContain('wait-for-fix');
    expect(ids(items)).not.toContain('do-not-reinstall');
    expect(ids(items)).not.toContain('mail-delayed-not-lost');
  });
});
