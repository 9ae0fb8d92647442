import { beforeEach, describe, expect, it } from 'vitest';
import type { Route } from '../../main/core/contract.js';
import { createNotifier, NOTIFIER_MAX_AGE_MS, NOTIFIER_MAX_HELD, type NotificationSpecLike } from '../../main/shell/notifier.js';
import { FakeNotification } from '../fakes/electron.js';
import { MemoryLog } from '../fakes/log.js';

const spec = (overrides: Partial<NotificationSpecLike> = {}): NotificationSpecLike => ({
  key: 'worse/github/abc/1',
  title: 'GitHub: Outage',
  body: 'Git operations are failing.',
  route: { view: 'incident', sourceId: 'github', incidentId: 'abc' },
  urgency: 'critical',
  ...overrides,
});

function setup(supported = true) {
  const routes: Route[] = [];
  const log = new MemoryLog();
  const notifier = createNotifier({
    isSupported: () => supported,
    create: (options) => new FakeNotification(options),
    navigate: (route) => void routes.push(route),
    log,
  });
  return { notifier, routes, log };
}

beforeEach(() => {
  FakeNotification.instances = [];
});

describe('notifier', () => {
  it('shows the notification, and a click opens the window on its route', () => {
    const { notifier, routes } = setup();
    expect(notifier.notify(spec())).toBe(true);
    const [shown] = FakeNotification.instances;
    expect(shown?.shown).toBe(true);
    expect(shown?.options).toEqual({ title: 'GitHub: Outage', body: 'Git operations are failing.', silent: false, urgency: 'critical' });
    expect(routes).toEqual([]);
    shown?.click();
    expect(routes).toEqual([{ view: 'incident', sourceId: 'github', incidentId: 'abc' }]);
  });

  it('does nothing where the platform has no notifications', () => {
    const { notifier } = setup(false);
    expect(notifier.notify(spec())).toBe(false);
    expect(FakeNotification.instances).toHaveLength(0);
  });

  it('replaces an earlier notification with the same key instead of stacking them', () => {
    const { notifier } = setup();
    notifier.notify(spec());
    notifier.notify(spec({ body: 'Still failing.' }));
    notifier.notify(spec({ key: 'local/no-network', route: { view: 'diagnostics' } }));
    const [first, second, third] = FakeNotification.instances;
    expect(first?.closed).toBe(true);
    expect(second?.closed).toBe(false);
    expect(third?.closed).toBe(false);
    notifier.closeAll();
    expect(FakeNotification.instances.every((n) => n.closed)).toBe(true);
  });

  it('keeps hostile titles short and on one line', () => {
    const { notifier } = setup();
    notifier.notify(spec({ title: `Line one\n\nline two ${'x'.repeat(500)}`, body: 'y'.repeat(5000), urgency: 'weird' }));
    const options = FakeNotification.instances[0]?.options;
    expect(options?.title.startsWith('Line one line two')).toBe(true);
    expect(options?.title.length).toBeLessThanOrEqual(120);
    expect(options?.body.length).toBeLessThanOrEqual(400);
    expect(options?.urgency).toBe('normal');
  });

  it('reports a notification the OS refused instead of throwing', () => {
    const log = new MemoryLog();
    const notifier = createNotifier({
      isSupported: () => true,
      create: () => {
        throw new Error('toast service unavailable');
      },
      navigate: () => undefined,
      log,
    });
    expect(notifier.notify(spec())).toBe(false);
    expect(log.has('could not show a notification')).toBe(true);
  });
});

/** A Notification as on platforms that never emit `close` (the toast times out into a notification center). */
class NeverClosingNotification extends FakeNotification {
  override close(): void {
    this.closed = true;
  }
}

describe('notifier memory when close never fires', () => {
  function neverClosing(start = 0) {
    let clock = start;
    const routes: Route[] = [];
    const notifier = createNotifier({
      isSupported: () => true,
      create: (options) => new NeverClosingNotification(options),
      navigate: (route) => void routes.push(route),
      log: new MemoryLog(),
      now: () => clock,
    });
    return { notifier, routes, advance: (ms: number) => void (clock += ms) };
  }
  const incidentSpec = (i: number): NotificationSpecLike => spec({ key: `worse/github/inc-${i}/1`, route: { view: 'incident', sourceId: 'github', incidentId: `inc-${i}` } });

  it(`keeps at most ${NOTIFIER_MAX_HELD}, closing and forgetting the oldest first`, () => {
    const { notifier, routes } = neverClosing();
    for (let i = 0; i < 100; i++) notifier.notify(incidentSpec(i));
    expect(notifier.held()).toBe(NOTIFIER_MAX_HELD);
    const all = FakeNotification.instances;
    expect(all).toHaveLength(100);
    expect(all.slice(0, 100 - NOTIFIER_MAX_HELD).every((n) => n.closed)).toBe(true);
    expect(all.slice(100 - NOTIFIER_MAX_HELD).every((n) => !n.closed)).toBe(true);
    // The ones still held still open the window on their route.
    all[99]?.click();
    expect(routes).toEqual([{ view: 'incident', sourceId: 'github', incidentId: 'inc-99' }]);
  });

  it('a replaced key counts once and becomes the newest', () => {
    const { notifier } = neverClosing();
    for (let i = 0; i < NOTIFIER_MAX_HELD; i++) notifier.notify(incidentSpec(i));
    notifier.notify(incidentSpec(0));
    expect(notifier.held()).toBe(NOTIFIER_MAX_HELD);
    notifier.notify(incidentSpec(1000));
    // inc-1 was the oldest after inc-0 was shown again.
    const [first, second] = FakeNotification.instances;
    expect(first?.closed).toBe(true);
    expect(second?.closed).toBe(true);
    expect(FakeNotification.instances[NOTIFIER_MAX_HELD]?.closed).toBe(false);
    expect(notifier.held()).toBe(NOTIFIER_MAX_HELD);
  });

  it('forgets and closes notifications older than the age limit', () => {
    const { notifier, advance } = neverClosing(Date.UTC(2025, 2, 4));
    notifier.notify(incidentSpec(1));
    notifier.notify(incidentSpec(2));
    advance(NOTIFIER_MAX_AGE_MS);
    notifier.notify(incidentSpec(3));
    expect(notifier.held()).toBe(3);
    advance(1);
    notifier.notify(incidentSpec(4));
    const [one, two, three, four] = FakeNotification.instances;
    expect([one?.closed, two?.closed, three?.closed, four?.closed]).toEqual([true, true, false, false]);
    expect(notifier.held()).toBe(2);
  });

  it('closeAll still closes what is held and forgets it', () => {
    const { notifier } = neverClosing();
    for (let i = 0; i < 5; i++) notifier.notify(incidentSpec(i));
    notifier.closeAll();
    expect(notifier.held()).toBe(0);
    expect(FakeNotification.instances.every((n) => n.closed)).toBe(true);
  });
});
