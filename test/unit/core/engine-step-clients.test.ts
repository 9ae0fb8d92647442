/**
 * Restart-needed detection in the engine as tables: `step` asks for the process list only while a
 * watched service's incident ended in the last 24 h, and the clients it gets back reach the advice.
 * The org feed's bodies go through the real parser; the process lists are handed in as events.
 */
import { describe, expect, it } from 'vitest';
import type { ProcessInfo } from '../../../main/core/advice/clients.js';
import type { AppConfig } from '../../../main/core/settings/config.js';
import { DEFAULT_SETTINGS } from '../../../main/core/settings/settings.js';
import { CLIENT_LIST_INTERVAL_MS } from '../../../main/core/engine/clients-job.js';
import { initialEngineState, step } from '../../../main/core/engine/step.js';
import type { Effect, EngineEvent, EngineState, FetchResult } from '../../../main/core/engine/types.js';
import { ageResult, parseSourceBody, type SourceMemory } from '../../../main/core/sources/source-fetch.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const NOW = Date.parse('2021-04-27T17:14:00Z');
const FIX = '2021-04-27T16:14:00.000Z';

type Input = EngineEvent extends infer E ? (E extends unknown ? Omit<E, 'now' | 'random'> : never) : never;
type FeedIncident = Record<string, unknown>;

const resolved = (id: string, service: string, endedAt: string): FeedIncident => ({
  id,
  title: `${service} incident`,
  service,
  classification: 'incident',
  health: 'outage',
  status: 'resolved',
  startedAt: new Date(Date.parse(endedAt) - 4 * HOUR).toISOString(),
  endedAt,
});

const feed = (now: number, incidents: readonly FeedIncident[]): string =>
  JSON.stringify({
    format: 'outage-radar/org-feed',
    version: 1,
    generatedAt: new Date(now).toISOString(),
    services: [
      { name: 'Exchange Online', health: 'operational' },
      { name: 'Microsoft Teams', health: 'operational' },
    ],
    incidents,
  });

/** The engine watching Outlook and Teams through an org feed only; no probes, so no ladder to answer. */
class World {
  now = NOW;
  state: EngineState;
  effects: Effect[] = [];
  incidents: readonly FeedIncident[] = [];

  constructor(clientPlatform: 'win32' | null = 'win32') {
    const config: AppConfig = { watch: ['outlook', 'teams'], orgFeedUrl: 'https://status.contoso.example/feed.json', connectivity: { enabled: false } };
    this.state = initialEngineState({ ...DEFAULT_SETTINGS, watch: [] }, config);
    // Only the org feed: the catalog's other sources of these services are left out of this table.
    const plan = { ...this.state.plan, sources: this.state.plan.sources.filter((s) => s.id === 'org-feed') };
    this.state = { ...this.state, plan, sources: new Map([...this.state.sources].filter(([id]) => id === 'org-feed')) };
    this.send({ kind: 'start', cached: null, clientPlatform });
    this.answerFeed();
  }

  send(input: Input): Effect[] {
    const result = step(this.state, { ...input, now: this.now, random: 1 } as EngineEvent);
    this.state = result.state;
    this.effects.push(...result.effects);
    return [...result.effects];
  }

  /** Answers the feed's fetch in flight with the current incidents. */
  answerFeed(): Effect[] {
    const fetch = this.effects.filter((e): e is Effect & { kind: 'fetch' } => e.kind === 'fetch').at(-1);
    if (!fetch) throw new Error('no fetch asked for');
    const parsed = parseSourceBody('org-feed', feed(this.now, this.incidents), this.now);
    if (!parsed.ok) throw new Error(parsed.error);
    const memory: SourceMemory = { snapshot: parsed.snapshot, fetchedAt: this.now, validators: null };
    const outcome = { result: ageResult(fetch.def, memory, null, this.now, fetch.intervalMs), memory, reachedServer: true, failure: null, notModified: false, bytes: 100 };
    const result: FetchResult = { ok: true, outcome, digest: null };
    return this.send({ kind: 'fetched', sourceId: fetch.sourceId, run: fetch.run, result });
  }

  /** The next poll of the feed, `afterMs` later. */
  poll(afterMs: number): Effect[] {
    this.now += afterMs;
    this.send({ kind: 'refresh', reason: 'user', waiter: 1 });
    return this.answerFeed();
  }

  listings(): number {
    return this.effects.filter((e) => e.kind === 'list-clients').length;
  }

  restartClients(): unknown[] {
    return (this.state.report?.advice ?? []).filter((a) => a.id === 'restart-client').map((a) => a.client);
  }
}

const OUTLOOK_BEFORE: ProcessInfo = { pid: 4100, name: 'olk.exe', startedAt: '2021-04-27T13:02:00.000Z' };

describe('step: listing running clients', () => {
  it.each<[string, readonly FeedIncident[]]>([
    ['no incident at all', []],
    ['an incident resolved 30 h ago', [resolved('OLD', 'Microsoft Teams', new Date(NOW - 30 * HOUR).toISOString())]],
    ['a resolved incident of a service not watched', [resolved('SP1', 'SharePoint Online', FIX)]],
  ])('a normal day (%s): never asked for, over a day of polls', (_what, incidents) => {
    const w = new World();
    w.incidents = incidents;
    for (let i = 0; i < 24 * 12; i++) w.poll(5 * MINUTE);
    expect(w.listings()).toBe(0);
    expect(w.restartClients()).toEqual([]);
  });

  it('an Exchange incident resolved 1 h ago appears: asked for once; new Outlook started before the fix reaches the advice', () => {
    const w = new World();
    w.incidents = [resolved('MO1221364', 'Exchange Online', FIX)];
    const effects = w.poll(MINUTE);
    expect(effects.filter((e) => e.kind === 'list-clients')).toHaveLength(1);
    expect(w.restartClients()).toEqual([]);
    const after = w.send({ kind: 'clients-listed', processes: [OUTLOOK_BEFORE, { pid: 9, name: 'notepad.exe', startedAt: '2021-04-27T10:00:00.000Z' }] });
    expect(w.restartClients()).toEqual([{ name: 'new Outlook', service: 'outlook', pid: 4100, startedAt: OUTLOOK_BEFORE.startedAt }]);
    // The view listeners hear carries it.
    const published = after.filter((e): e is Effect & { kind: 'publish' } => e.kind === 'publish').at(-1);
    expect(published?.view.report?.advice?.some((a) => a.id === 'restart-client')).toBe(true);
    expect(w.listings()).toBe(1);
  });

  it('a client started after the fix gets no restart advice', () => {
    const w = new World();
    w.incidents = [resolved('MO1221364', 'Exchange Online', FIX)];
    w.poll(MINUTE);
    w.send({ kind: 'clients-listed', processes: [{ pid: 4100, name: 'olk.exe', startedAt: '2021-04-27T16:20:00.000Z' }] });
    expect(w.state.clients.running).toHaveLength(1);
    expect(w.restartClients()).toEqual([]);
  });

  it('at most once per 5 min while the same incidents stay, at once when they change, and a failed listing gives no advice', () => {
    const w = new World();
    w.incidents = [resolved('MO1221364', 'Exchange Online', FIX)];
    w.poll(MINUTE);
    w.send({ kind: 'clients-listed', processes: [OUTLOOK_BEFORE] });
    w.poll(2 * MINUTE);
    w.poll(2 * MINUTE);
    expect(w.listings()).toBe(1);
    w.poll(CLIENT_LIST_INTERVAL_MS);
    expect(w.listings()).toBe(2);
    // Outlook was restarted meanwhile: the advice goes.
    w.send({ kind: 'clients-listed', processes: [] });
    expect(w.restartClients()).toEqual([]);
    // A Teams incident ends as well: a new set, listed at once.
    w.incidents = [...w.incidents, resolved('TM252802', 'Microsoft Teams', '2021-04-27T17:00:00.000Z')];
    w.poll(MINUTE);
    expect(w.listings()).toBe(3);
    w.send({ kind: 'clients-listed', processes: [{ pid: 7, name: 'ms-teams.exe', startedAt: '2021-04-27T13:00:00.000Z' }] });
    expect(w.restartClients()).toEqual([{ name: 'Teams', service: 'teams', pid: 7, startedAt: '2021-04-27T13:00:00.000Z' }]);
  });

  it('while a listing runs no second one is asked for; the incident gone, the clients are forgotten', () => {
    const w = new World();
    w.incidents = [resolved('MO1221364', 'Exchange Online', FIX)];
    w.poll(MINUTE);
    w.poll(CLIENT_LIST_INTERVAL_MS);
    expect(w.listings()).toBe(1);
    w.send({ kind: 'clients-listed', processes: [OUTLOOK_BEFORE] });
    expect(w.restartClients()).toHaveLength(1);
    w.incidents = [];
    w.poll(MINUTE);
    expect(w.state.clients.running).toEqual([]);
    expect(w.restartClients()).toEqual([]);
  });

  it('without a process lister (no client platform) nothing is asked for, even after a fix', () => {
    const w = new World(null);
    w.incidents = [resolved('MO1221364', 'Exchange Online', FIX)];
    w.poll(MINUTE);
    w.poll(CLIENT_LIST_INTERVAL_MS);
    expect(w.listings()).toBe(0);
  });

  it('a listing that ends after stop is dropped', () => {
    const w = new World();
    w.incidents = [resolved('MO1221364', 'Exchange Online', FIX)];
    w.poll(MINUTE);
    w.send({ kind: 'stop' });
    expect(w.send({ kind: 'clients-listed', processes: [OUTLOOK_BEFORE] })).toEqual([]);
    expect(w.state.clients.running).toEqual([]);
  });
});
