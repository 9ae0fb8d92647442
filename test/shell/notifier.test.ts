import { beforeEach, describe, expect, it } from 'vitest';
import type { Route } from '../../main/core/contract.js';
import { createNotifier, type NotificationSpecLike } from '../../main/shell/notifier.js';
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
