import { describe, expect, it } from 'vitest';
import type { Settings } from '../../../main/core/contract.js';
import type { HelpdeskMessage } from '../../../main/core/model.js';
import { decideMessageNotifications, MAX_SEEN_MESSAGES, messagesInForce, messageUpdateKey, type SeenMessage } from '../../../main/core/notifications/helpdesk-messages.js';
import type { NotificationSpec } from '../../../main/core/notifications/notify.js';
import { EMPTY_ENGINE_MEMORY, MAX_VERDICT_HISTORY, readEngineMemory, recordVerdict } from '../../../main/core/engine/memory.js';
import { DEFAULT_SETTINGS } from '../../../main/core/settings/settings.js';
import { findLink } from '../../../main/core/engine/links.js';
import { makeReport, message } from '../../helpers/reports.js';

// Noon local time: outside the default quiet hours (22:00-07:00) wherever the tests run.
const T0 = new Date(2025, 2, 4, 12, 0, 0).getTime();
const MIN = 60_000;
const QUIET_NOW: Settings = { ...DEFAULT_SETTINGS, quietHours: { enabled: true, start: '11:00', end: '13:00' } };

/** Polls of the org feed, one every 2 min, carrying the messages given; remembers what it was told. */
class Feed {
  seen: SeenMessage[] = [];
  now = T0;
  settings: Settings = DEFAULT_SETTINGS;
  mutedUntil: string | null = null;
  pierces = false;

  poll(messages: readonly HelpdeskMessage[], extra: { error?: string | null } = {}): NotificationSpec[] {
    this.now += 2 * MIN;
    const report = makeReport(
      [
        { id: 'org-feed', health: 'operational', messages, checkedAt: this.now, ...(extra.error ? { error: extra.error, fetchedAt: this.now - 4 * MIN } : {}) },
        { id: 'microsoft-public', health: 'operational', checkedAt: this.now },
        { id: 'acme', health: 'operational', checkedAt: this.now },
      ],
      'all-good',
      this.now,
    );
    const decision = decideMessageNotifications(this.seen, { report, mutedUntil: this.mutedUntil, criticalPiercesQuietHours: this.pierces }, this.settings, this.now);
    this.seen = decision.seen;
    return decision.notifications;
  }
}

const warning = message('m-email', 'We know about the Outlook problem; no ticket needed.', null, { postedAt: '2025-03-04T10:00:00Z' });
const critical = message('m-phish', 'Do not open the "Invoice" e-mail: it is phishing.', null, { severity: 'critical', postedAt: '2025-03-04T10:30:00Z' });
const info = message('m-vpn', 'VPN maintenance on Saturday.', null, { severity: 'info' });

describe('helpdesk message notifications', () => {
  it('notifies a warning once, not on the next polls, and again when its text changes', () => {
    const feed = new Feed();
    const first = feed.poll([warning]);
    expect(first).toHaveLength(1);
    expect(first[0]?.body).toContain('We know about the Outlook problem');
    expect(first[0]?.urgency).toBe('normal');
    expect(feed.poll([warning])).toEqual([]);
    expect(feed.poll([warning])).toEqual([]);
    const updated = feed.poll([{ ...warning, text: 'Fixed for most people; restart Outlook.' }]);
    expect(updated.map((n) => n.body)).toEqual(['Fixed for most people; restart Outlook.']);
    expect(updated[0]?.key).not.toBe(first[0]?.key);
  });

  it('treats a new postedAt or severity as an update, and a new expiresAt or link as the same message', () => {
    const feed = new Feed();
    expect(feed.poll([warning])).toHaveLength(1);
    expect(feed.poll([{ ...warning, expiresAt: new Date(T0 + 9 * 60 * MIN).toISOString(), url: 'https://helpdesk.example/x' }])).toEqual([]);
    expect(feed.poll([{ ...warning, postedAt: '2025-03-04T11:00:00Z' }])).toHaveLength(1);
    const raised = feed.poll([{ ...warning, postedAt: '2025-03-04T11:00:00Z', severity: 'critical' }]);
    expect(raised.map((n) => n.urgency)).toEqual(['critical']);
    expect(messageUpdateKey(warning)).toBe(messageUpdateKey({ ...warning }));
  });

  it('never notifies info messages', () => {
    const feed = new Feed();
    expect(feed.poll([info])).toEqual([]);
    expect(feed.poll([info])).toEqual([]);
  });

  it('sends the critical one first, with critical urgency and a title that says so', () => {
    const feed = new Feed();
    const sent = feed.poll([warning, critical, info]);
    expect(sent.map((n) => n.urgency)).toEqual(['critical', 'normal']);
    expect(sent[0]?.title).toBe('Urgent message from your IT helpdesk');
  });

  it('does not notify a message past its expiresAt although the feed still lists it, and the banner list drops it too', () => {
    const feed = new Feed();
    const expired = { ...warning, expiresAt: new Date(T0 + MIN).toISOString() };
    expect(feed.poll([expired])).toEqual([]);
    expect(messagesInForce([expired, critical], feed.now).map((m) => m.id)).toEqual(['m-phish']);
    expect(messagesInForce([expired], T0).map((m) => m.id)).toEqual(['m-email']);
  });

  it('keeps quiet in quiet hours, and a critical message pierces them only with the setting', () => {
    const quiet = new Feed();
    quiet.settings = QUIET_NOW;
    expect(quiet.poll([warning, critical])).toEqual([]);
    // Counted as seen: no backlog when the quiet hours end.
    quiet.settings = DEFAULT_SETTINGS;
    expect(quiet.poll([warning, critical])).toEqual([]);

    const piercing = new Feed();
    piercing.settings = QUIET_NOW;
    piercing.pierces = true;
    expect(piercing.poll([warning, critical]).map((n) => n.key)).toEqual([expect.stringContaining('m-phish')]);
  });

  it('never pierces a mute or notifications turned off', () => {
    const muted = new Feed();
    muted.pierces = true;
    muted.mutedUntil = new Date(T0 + 60 * MIN).toISOString();
    expect(muted.poll([critical])).toEqual([]);

    const off = new Feed();
    off.pierces = true;
    off.settings = { ...QUIET_NOW, notifications: { ...DEFAULT_SETTINGS.notifications, enabled: false } };
    expect(off.poll([critical])).toEqual([]);
  });

  it('forgets a message that left a feed that answered, so its return is news again', () => {
    const feed = new Feed();
    expect(feed.poll([warning])).toHaveLength(1);
    expect(feed.poll([])).toEqual([]);
    expect(feed.seen).toEqual([]);
    expect(feed.poll([warning])).toHaveLength(1);
  });

  it('keeps the seen set while the feed fails, so nothing notifies again when it is back', () => {
    const feed = new Feed();
    expect(feed.poll([warning, critical])).toHaveLength(2);
    // The failing poll's report keeps the last snapshot's messages; a feed that says nothing must not prune either.
    expect(feed.poll([], { error: 'connection refused' })).toEqual([]);
    expect(feed.seen.map((s) => s.id).sort()).toEqual(['m-email', 'm-phish']);
    expect(feed.poll([warning, critical])).toEqual([]);
  });

  it('keeps at most MAX_SEEN_MESSAGES, the newest', () => {
    const old: SeenMessage[] = Array.from({ length: MAX_SEEN_MESSAGES }, (_, i) => ({ sourceId: 'gone-feed', id: `old-${i}`, update: 'x' }));
    const feed = new Feed();
    feed.seen = old;
    expect(feed.poll([warning])).toHaveLength(1);
    expect(feed.seen).toHaveLength(MAX_SEEN_MESSAGES);
    expect(feed.seen.at(-1)?.id).toBe('m-email');
    expect(feed.seen.some((s) => s.id === 'old-0')).toBe(false);
  });
});

describe('the engine memory saved with the report', () => {
  it('records a verdict only when the shown kind changes, the last 20', () => {
    let history = recordVerdict([], 'all-good', T0);
    history = recordVerdict(history, 'all-good', T0 + MIN);
    expect(history).toEqual([{ at: new Date(T0).toISOString(), kind: 'all-good' }]);
    for (let i = 0; i < 30; i++) history = recordVerdict(history, i % 2 === 0 ? 'no-network' : 'all-good', T0 + (i + 2) * MIN);
    expect(history).toHaveLength(MAX_VERDICT_HISTORY);
    expect(history.at(-1)).toEqual({ at: new Date(T0 + 31 * MIN).toISOString(), kind: 'all-good' });
  });

  it('reads back what is valid and drops the rest, never throwing', () => {
    expect(readEngineMemory(undefined)).toEqual(EMPTY_ENGINE_MEMORY);
    expect(readEngineMemory('nonsense')).toEqual(EMPTY_ENGINE_MEMORY);
    const hostile = JSON.parse(
      '{"__proto__":{"seenMessages":[{"sourceId":"a","id":"b","update":"c"}]},"seenMessages":[{"sourceId":"org-feed","id":"m1","update":"warning|-|1"},{"id":5},null,"x"],' +
        '"verdictHistory":[{"at":"2025-03-04T12:00:00Z","kind":"all-good"},{"at":"yesterday","kind":"all-good"},{"at":"2025-03-04T12:00:00Z","kind":"everything-on-fire"}]}',
    ) as unknown;
    expect(readEngineMemory(hostile)).toEqual({
      seenMessages: [{ sourceId: 'org-feed', id: 'm1', update: 'warning|-|1' }],
      verdictHistory: [{ at: '2025-03-04T12:00:00.000Z', kind: 'all-good' }],
    });
    const huge = { seenMessages: Array.from({ length: 5000 }, (_, i) => ({ sourceId: 's', id: `m${i}`, update: 'u' })), verdictHistory: [] };
    expect(readEngineMemory(huge).seenMessages).toHaveLength(MAX_SEEN_MESSAGES);
  });
});

describe('a helpdesk message link', () => {
  const withLinks = (url: string, extra: Partial<HelpdeskMessage> = {}) =>
    makeReport([{ id: 'org-feed', health: 'operational', messages: [message('m1', 'See the portal.', null, { url, ...extra })], checkedAt: T0 }], 'all-good', T0);
  const linkOf = (url: string, extra: Partial<HelpdeskMessage> = {}, now?: number) =>
    findLink(withLinks(url, extra), { kind: 'message', sourceId: 'org-feed', messageId: 'm1' }, () => null, now);

  it('opens only https, not plain http even to this machine, nor any other scheme', () => {
    expect(linkOf('https://helpdesk.example/ticket?id=1')).toBe('https://helpdesk.example/ticket?id=1');
    expect(linkOf('http://127.0.0.1:8080/portal')).toBeNull();
    expect(linkOf('http://helpdesk.example/portal')).toBeNull();
    expect(linkOf('javascript:alert(1)')).toBeNull();
    expect(linkOf('file:///etc/passwd')).toBeNull();
    expect(findLink(withLinks('https://helpdesk.example/'), { kind: 'message', sourceId: 'org-feed', messageId: 'other' }, () => null)).toBeNull();
  });

  it('is refused once the message has expired', () => {
    const expiresAt = new Date(T0 + MIN).toISOString();
    expect(linkOf('https://helpdesk.example/', { expiresAt }, T0)).toBe('https://helpdesk.example/');
    expect(linkOf('https://helpdesk.example/', { expiresAt }, T0 + 2 * MIN)).toBeNull();
  });
});
