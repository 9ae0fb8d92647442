import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../../../main/core/check.js';
import type { VerdictKind } from '../../../main/core/verdict/connectivity-model.js';
import type { Settings } from '../../../main/core/contract.js';
import type { Health } from '../../../main/core/health.js';
import type { Incident } from '../../../main/core/model.js';
import { decideNotifications, INITIAL_NOTIFY_MEMORY, type NotificationSpec, type NotifyMemory } from '../../../main/core/notifications/notify.js';
import { DEFAULT_SETTINGS } from '../../../main/core/settings/settings.js';
import { incident, makeReport, message, type SourceState } from '../../helpers/reports.js';

// Noon local time: outside the default quiet hours (22:00-07:00) wherever the tests run.
const T0 = new Date(2025, 2, 4, 12, 0, 0).getTime();
const MIN = 60_000;

/** Feeds reports one poll at a time, like the engine does, and keeps what came out. */
class Notifier {
  memory: NotifyMemory = INITIAL_NOTIFY_MEMORY;
  now = T0;
  polls = 0;
  mutedUntil: string | null = null;
  settings: Settings = DEFAULT_SETTINGS;

  /** One poll of every source 2 min after the previous one. */
  poll(acme: Health, acmeIncidents: readonly Incident[] = [], kind: VerdictKind = 'provider-incident', extra: Partial<SourceState> = {}): NotificationSpec[] {
    this.polls += 1;
    this.now += 2 * MIN;
    return this.feed(
      makeReport(
        [
          { id: 'acme', health: acme, incidents: acmeIncidents, checkedAt: this.now, ...extra },
          { id: 'microsoft-public', health: 'operational', checkedAt: this.now },
          { id: 'org-feed', health: 'operational', checkedAt: this.now },
        ],
        kind,
        this.now,
      ),
    );
  }

  feed(report: CheckReport): NotificationSpec[] {
    const decision = decideNotifications(this.memory, { report, mutedUntil: this.mutedUntil }, this.settings, this.now);
    this.memory = decision.memory;
    return decision.notifications;
  }
}

const outage = incident('p8q9r0s1t2u3', 'outage', { title: 'Logins failing for all customers', updates: [{ id: 'u1', status: 'investigating', at: null, body: { format: 'text', content: '' } }] });

describe('a watched service got worse', () => {
  it('notifies on the first poll that shows a posted incident, and not again for the same incident update', () => {
    const n = new Notifier();
    expect(n.poll('operational')).toEqual([]);
    const first = n.poll('outage', [outage]);
    expect(first).toEqual([
      {
        key: 'worse/acme/p8q9r0s1t2u3/u1',
        title: 'ACME is down',
        // The notification carries the first thing to do from the advice.
        body: 'Logins failing for all customers. Reported by ACME. Now: Wait for ACME to fix it.',
        route: { view: 'incident', sourceId: 'acme', incidentId: 'p8q9r0s1t2u3' },
        urgency: 'critical',
      },
    ]);
    expect(n.poll('outage', [outage])).toEqual([]);
    expect(n.poll('outage', [outage])).toEqual([]);
  });

  it('a level without a posted incident waits for a second agreeing poll', () => {
    const n = new Notifier();
    n.poll('operational');
    expect(n.poll('outage')).toEqual([]);
    expect(n.poll('outage').map((x) => x.key)).toEqual(['worse/service/acme/outage']);
    // A maintenance incident does not prove an outage.
    const m = new Notifier();
    m.poll('operational');
    expect(m.poll('outage', [incident('m1', 'maintenance', { kind: 'maintenance', status: 'in-progress' })])).toEqual([]);
  });

  it('counts the same poll only once, however often the report is rebuilt', () => {
    const n = new Notifier();
    n.poll('operational');
    n.poll('outage');
    // Rebuilt from the same poll (e.g. after a settings change): no second agreeing poll.
    const same = makeReport(
      [
        { id: 'acme', health: 'outage', incidents: [outage], checkedAt: n.now },
        { id: 'microsoft-public', health: 'operational', checkedAt: n.now },
        { id: 'org-feed', health: 'operational', checkedAt: n.now },
      ],
      'provider-incident',
      n.now + 5000,
    );
    expect(n.feed({ ...same, sources: same.sources.map((x) => ({ ...x, incidents: [] })), services: same.services.map((x) => ({ ...x, incidents: [] })) })).toEqual([]);
    expect(n.poll('outage')).toHaveLength(1);
  });

  it('never notifies for a source flapping between a level and unknown, or for a one-poll glitch', () => {
    const n = new Notifier();
    for (let i = 0; i < 4; i++) {
      expect(n.poll('operational')).toEqual([]);
      expect(n.poll('unknown')).toEqual([]);
    }
    for (let i = 0; i < 3; i++) {
      expect(n.poll('degraded')).toEqual([]);
      expect(n.poll('operational')).toEqual([]);
    }
  });

  it('treats maintenance as worse than operational, with normal urgency', () => {
    const n = new Notifier();
    n.poll('operational');
    const work = incident('m1', 'maintenance', { kind: 'maintenance', status: 'in-progress', title: 'Database upgrade' });
    const [note] = n.poll('maintenance', [work]);
    expect(note).toMatchObject({ title: 'ACME: planned maintenance', urgency: 'normal' });
  });

  it('getting worse again under the same incident notifies only for a new update', () => {
    const n = new Notifier();
    n.poll('operational');
    const degraded = { ...outage, health: 'degraded' as const };
    expect(n.poll('degraded', [degraded])).toHaveLength(1);
    // Same incident, same update: already told.
    expect(n.poll('outage', [outage])).toEqual([]);
    const updated = { ...outage, updates: [{ id: 'u2', status: 'identified' as const, at: null, body: { format: 'text' as const, content: '' } }, ...outage.updates] };
    n.poll('degraded', [updated]);
    n.poll('degraded', [updated]);
    expect(n.poll('outage', [updated]).map((x) => x.key)).toEqual(['worse/acme/p8q9r0s1t2u3/u2']);
  });

  it('a service with a problem but no incident names who reports it and opens the service', () => {
    const n = new Notifier();
    n.poll('operational');
    n.poll('degraded');
    expect(n.poll('degraded')).toEqual([
      { key: 'worse/service/acme/degraded', title: 'ACME has problems', body: 'Reported by ACME. Nothing to fix on your side.', route: { view: 'service', serviceId: 'acme' }, urgency: 'normal' },
    ]);
  });

  it('one incident hitting two services is one notification naming both; a helpdesk note says IT knows', () => {
    let memory = INITIAL_NOTIFY_MEMORY;
    const banner = incident('EX1224375', 'outage', { title: 'Users may be unable to send or receive email', updatedAt: '2025-03-04T09:35:00Z' });
    const run = (health: Health, at: number): NotificationSpec[] => {
      const report = makeReport(
        [
          { id: 'microsoft-public', health, incidents: health === 'outage' ? [banner] : [], checkedAt: at },
          {
            id: 'org-feed',
            health: 'operational',
            checkedAt: at,
            messages: [message('help-1', 'We know about the Outlook problem; no ticket needed.', 'EX1224375')],
          },
          { id: 'acme', health: 'operational', checkedAt: at },
        ],
        'provider-incident',
        at,
      );
      const decision = decideNotifications(memory, { report, mutedUntil: null }, DEFAULT_SETTINGS, at);
      memory = decision.memory;
      return decision.notifications;
    };
    run('operational', T0);
    expect(run('outage', T0 + MIN)).toEqual([
      {
        key: 'worse/microsoft-public/EX1224375/2025-03-04T09:35:00Z',
        title: 'Outlook / Exchange and Microsoft Teams are down',
        body: 'Microsoft incident EX1224375: Users may be unable to send or receive email. Your IT team knows about it: no ticket needed. Now: Wait for Microsoft to fix it.',
        route: { view: 'incident', sourceId: 'microsoft-public', incidentId: 'EX1224375' },
        urgency: 'critical',
      },
    ]);
  });
});

describe('an incident you were told about is resolved', () => {
  it('notifies when it is gone for two polls, and tells to restart the app if it still misbehaves', () => {
    const n = new Notifier();
    n.poll('operational');
    n.poll('outage', [outage]);
    expect(n.poll('operational')).toEqual([]);
    const [resolved] = n.poll('operational');
    expect(resolved).toEqual({
      key: 'resolved/acme/p8q9r0s1t2u3',
      title: 'Resolved: ACME',
      body: 'Logins failing for all customers is resolved. If it still misbehaves, close and reopen the app once.',
      route: { view: 'service', serviceId: 'acme' },
      urgency: 'normal',
    });
    expect(n.poll('operational')).toEqual([]);
    expect(n.memory.told).toEqual([]);
  });

  it('an incident missing from one poll only is not resolved; a "resolved" status is', () => {
    const n = new Notifier();
    n.poll('operational');
    n.poll('outage', [outage]);
    expect(n.poll('outage')).toEqual([]);
    expect(n.poll('outage', [outage])).toEqual([]);
    expect(n.poll('outage')).toEqual([]);
    expect(n.poll('outage', [outage])).toEqual([]);
    const done = n.poll('operational', [{ ...outage, status: 'resolved', health: 'operational' }]);
    expect(done.map((x) => x.key)).toEqual(['resolved/acme/p8q9r0s1t2u3']);
  });

  it('says nothing about incidents it never told you about', () => {
    const n = new Notifier();
    n.settings = { ...DEFAULT_SETTINGS, notifications: { ...DEFAULT_SETTINGS.notifications, onWorse: false } };
    n.poll('operational');
    n.poll('outage', [outage]);
    expect(n.poll('outage', [outage])).toEqual([]);
    n.settings = DEFAULT_SETTINGS;
    n.poll('operational');
    expect(n.poll('operational')).toEqual([]);
  });

  it('forgets the incident without a word when its source is no longer watched', () => {
    const n = new Notifier();
    n.poll('operational');
    n.poll('outage', [outage]);
    expect(n.memory.told).toHaveLength(1);
    n.now += 2 * MIN;
    const withoutAcme = makeReport(
      [
        { id: 'microsoft-public', health: 'operational', checkedAt: n.now },
        { id: 'org-feed', health: 'operational', checkedAt: n.now },
      ],
      'all-good',
      n.now,
    );
    expect(n.feed(withoutAcme)).toEqual([]);
    expect(n.memory.told).toEqual([]);
  });
});

describe('the verdict turned to a local problem', () => {
  it('notifies once per transition and opens the diagnostics', () => {
    const n = new Notifier();
    expect(n.poll('operational', [], 'all-good')).toEqual([]);
    const [local] = n.poll('operational', [], 'captive-portal');
    expect(local).toMatchObject({ key: 'local/captive-portal', title: 'Your network needs a sign-in', route: { view: 'diagnostics' }, urgency: 'normal' });
    expect(local?.body).toMatch(/Open a web browser/);
    expect(n.poll('operational', [], 'captive-portal')).toEqual([]);
    expect(n.poll('operational', [], 'dns-failure').map((x) => x.key)).toEqual(['local/dns-failure']);
    expect(n.poll('operational', [], 'all-good')).toEqual([]);
    expect(n.poll('operational', [], 'dns-failure').map((x) => x.key)).toEqual(['local/dns-failure']);
  });

  it('a slow network or a provider problem is not a local problem', () => {
    const n = new Notifier();
    expect(n.poll('operational', [], 'slow-network')).toEqual([]);
    expect(n.poll('operational', [], 'provider-unconfirmed')).toEqual([]);
  });
});

describe('quiet times', () => {
  it('mute suppresses, and the backlog does not burst out when the mute ends', () => {
    const n = new Notifier();
    n.mutedUntil = new Date(T0 + 60 * MIN).toISOString();
    n.poll('operational');
    n.poll('outage', [outage]);
    expect(n.poll('outage', [outage])).toEqual([]);
    expect(n.poll('operational', [], 'captive-portal')).toEqual([]);
    n.now = T0 + 61 * MIN;
    expect(n.poll('outage', [outage], 'captive-portal')).toEqual([]);
    expect(n.poll('outage', [outage], 'captive-portal')).toEqual([]);
  });

  it('quiet hours suppress everything; resolutions in quiet hours are dropped', () => {
    const n = new Notifier();
    n.poll('operational');
    expect(n.poll('outage', [outage])).toHaveLength(1);
    // The clock is noon: quiet hours around it.
    n.settings = { ...DEFAULT_SETTINGS, quietHours: { enabled: true, start: '11:00', end: '14:00' } };
    n.poll('operational');
    expect(n.poll('operational')).toEqual([]);
    expect(n.poll('operational', [], 'no-network')).toEqual([]);
    n.settings = DEFAULT_SETTINGS;
    expect(n.poll('operational')).toEqual([]);
    expect(n.memory.told).toEqual([]);
  });

  it('nothing when notifications are off, or when the category is off', () => {
    const off = new Notifier();
    off.settings = { ...DEFAULT_SETTINGS, notifications: { ...DEFAULT_SETTINGS.notifications, enabled: false } };
    off.poll('operational');
    off.poll('outage', [outage]);
    expect(off.poll('outage', [outage], 'dns-failure')).toEqual([]);
    const noLocal = new Notifier();
    noLocal.settings = { ...DEFAULT_SETTINGS, notifications: { ...DEFAULT_SETTINGS.notifications, onLocal: false } };
    expect(noLocal.poll('operational', [], 'dns-failure')).toEqual([]);
  });
});

describe('memory', () => {
  it('stays bounded by the watched services and the incidents told about', () => {
    const n = new Notifier();
    for (let i = 0; i < 200; i++) {
      const id = `inc${i}`;
      n.poll(i % 4 < 2 ? 'outage' : 'operational', i % 4 < 2 ? [incident(id, 'outage')] : []);
    }
    expect(n.memory.services.map((s) => s.id).sort()).toEqual(['acme', 'outlook', 'teams']);
    expect(n.memory.told.length).toBeLessThanOrEqual(1);
    expect(JSON.stringify(n.memory).length).toBeLessThan(2000);
  });
});
