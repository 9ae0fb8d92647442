import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { RefreshReason } from '../../main/shell/handlers.js';
import { watchRefreshTriggers } from '../../main/shell/refresh-triggers.js';
import { ManualTimers } from '../fakes/timers.js';

function setup(online: () => boolean) {
  const power = new EventEmitter();
  const timers = new ManualTimers();
  const reasons: RefreshReason[] = [];
  const stop = watchRefreshTriggers({ power, isOnline: online, refresh: (reason) => void reasons.push(reason), sampleMs: 5_000, timers });
  return { power, timers, reasons, stop };
}

describe('refresh triggers', () => {
  it('refreshes on resume and on unlock', () => {
    const { power, reasons } = setup(() => true);
    power.emit('resume');
    power.emit('unlock-screen');
    expect(reasons).toEqual(['resume', 'unlock']);
  });

  it('refreshes when the link goes down or comes back, not while it stays the same', () => {
    let online = true;
    const { timers, reasons } = setup(() => online);
    timers.advance(15_000);
    expect(reasons).toEqual([]);
    online = false;
    timers.advance(5_000);
    online = true;
    timers.advance(5_000);
    timers.advance(20_000);
    expect(reasons).toEqual(['network-change', 'network-change']);
  });

  it('ignores a link state that cannot be read', () => {
    let answer: () => boolean = () => true;
    const { timers, reasons } = setup(() => answer());
    answer = () => {
      throw new Error('no network service');
    };
    timers.advance(10_000);
    answer = () => true;
    timers.advance(5_000);
    expect(reasons).toEqual([]);
  });

  it('stops listening and sampling when stopped', () => {
    let online = true;
    const { power, timers, reasons, stop } = setup(() => online);
    stop();
    power.emit('resume');
    online = false;
    timers.advance(30_000);
    expect(reasons).toEqual([]);
    expect(timers.size).toBe(0);
    expect(power.listenerCount('resume') + power.listenerCount('unlock-screen')).toBe(0);
  });
});
