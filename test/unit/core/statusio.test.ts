import { describe, expect, it } from 'vitest';
import type { SourceSnapshot } from '../../../main/core/model.js';
import { parseStatusio } from '../../../main/core/sources/statusio.js';
import { listFixtures, readFixture } from '../../helpers/fixtures.js';
import { hostileJsonTests, hugeBody, NOW } from './format-hostile.js';

const DOCKER = 'statusio/docker-statusio-v1-status-2020-07-16-partial-disruption.json';

function snapshotOf(body: string): SourceSnapshot {
  const outcome = parseStatusio(body, NOW);
  if (!outcome.ok) throw new Error(`expected a snapshot, got error: ${outcome.error}`);
  return outcome.snapshot;
}

const component = (id: string, code: unknown, containers: unknown[] = []) => ({ id, name: `Component ${id}`, status: 'x', status_code: code, containers });
const page = (overall: unknown, status: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ result: { status_overall: { status_code: overall }, status, incidents: [], maintenance: { active: [], upcoming: [] }, ...extra } });

describe('status.io: the recorded Docker payload', () => {
  it('parses every recorded status.io payload', () => {
    for (const name of listFixtures('statusio')) expect(parseStatusio(readFixture(name), NOW).ok, name).toBe(true);
  });

  it('reads the partial disruption (400) as an outage of Automated Builds, with its open incident', () => {
    const snapshot = snapshotOf(readFixture(DOCKER));
    expect(snapshot.health).toBe('outage');
    expect(snapshot.components).toHaveLength(8);
    expect(snapshot.components.find((c) => c.name === 'Docker Hub Automated Builds')).toEqual({
      id: '5342bc9420974b775d000008',
      name: 'Docker Hub Automated Builds',
      health: 'outage',
      status: 'Partial Service Disruption',
    });
    expect(snapshot.components.filter((c) => c.health === 'operational')).toHaveLength(7);
    expect(snapshot.incidents).toHaveLength(1);
    const incident = snapshot.incidents[0];
    expect(incident).toMatchObject({
      id: '5f108cc06e9c9104c0553a46',
      title: 'Docker Hub automated builds issue',
      kind: 'incident',
      health: 'outage',
      status: 'investigating',
      startedAt: '2020-07-16T17:22:08.325Z',
      affects: ['5342bc9420974b775d000008'],
    });
    expect(incident?.updates[0]?.body.content).toMatch(/automated builds getting stuck/);
    expect(snapshot.upcoming).toEqual([]);
    expect(snapshot.warnings).toEqual([]);
  });
});

describe('status.io status codes', () => {
  it('maps 100..600; only 100 everywhere is operational', () => {
    const cases: Array<[number, string]> = [
      [100, 'operational'],
      [200, 'maintenance'],
      [300, 'degraded'],
      [400, 'outage'],
      [500, 'outage'],
      [600, 'degraded'],
    ];
    for (const [code, health] of cases) expect(snapshotOf(page(code, [component('a', code)])).health, String(code)).toBe(health);
  });

  it('an unknown code is unknown with a warning that quotes it; a known problem still wins', () => {
    const odd = snapshotOf(page(100, [component('a', 700)]));
    expect(odd.health).toBe('unknown');
    expect(odd.components[0]?.health).toBe('unknown');
    expect(odd.warnings.join(' ')).toMatch(/unknown component status_code 700/);
    expect(snapshotOf(page(100, [component('a', 'broken'), component('b', 500)])).health).toBe('outage');
  });

  it('a container worse than its component counts', () => {
    const snapshot = snapshotOf(page(100, [component('a', 100, [{ id: 'eu', name: 'EU', status_code: 300 }])]));
    expect(snapshot.components[0]?.health).toBe('degraded');
    expect(snapshot.health).toBe('degraded');
  });

  it('active maintenance is maintenance; upcoming is information only', () => {
    const maintenance = { _id: 'm1', name: 'DB upgrade', datetime_planned_start: '2026-09-18T10:00:00Z', datetime_planned_end: '2026-09-18T14:00:00Z', messages: [] };
    const active = snapshotOf(page(100, [component('a', 100)], { maintenance: { active: [maintenance], upcoming: [] } }));
    expect(active.health).toBe('maintenance');
    expect(active.incidents[0]).toMatchObject({ kind: 'maintenance', status: 'in-progress', endsAt: '2026-09-18T14:00:00.000Z' });
    const upcoming = snapshotOf(page(100, [component('a', 100)], { maintenance: { active: [], upcoming: [maintenance] } }));
    expect(upcoming.health).toBe('operational');
    expect(upcoming.upcoming.map((m) => m.status)).toEqual(['scheduled']);
  });

  it('an open incident is a confirmed problem even when its message says 100', () => {
    const incident = { _id: 'i1', name: 'Hmm', datetime_open: '2026-09-18T10:00:00Z', messages: [{ details: 'x', state: 300, status: 100, datetime: '2026-09-18T10:00:00Z' }], components_affected: [] };
    const snapshot = snapshotOf(page(100, [component('a', 100)], { incidents: [incident] }));
    expect(snapshot.health).toBe('degraded');
    expect(snapshot.incidents[0]?.status).toBe('monitoring');
  });

  it('skipped rows, lists of the wrong type and a missing overall status make it unknown', () => {
    expect(snapshotOf(page(100, [component('a', 100), 'junk'])).health).toBe('unknown');
    expect(snapshotOf(page(100, [component('a', 100), { name: 'no id', status_code: 100 }])).health).toBe('unknown');
    expect(snapshotOf(page(100, [component('a', 100)], { incidents: 'none' })).health).toBe('unknown');
    expect(snapshotOf(JSON.stringify({ result: { status: [component('a', 100)] } })).health).toBe('unknown');
  });

  it('a JSON that is not status.io is refused with a clear error', () => {
    const outcome = parseStatusio(JSON.stringify({ page: { name: 'x' }, status: { indicator: 'none' } }), NOW);
    expect(outcome).toMatchObject({ ok: false, error: expect.stringMatching(/not a status\.io response/) as unknown });
  });
});

describe('status.io: hostile input', () => {
  hostileJsonTests('statusio', parseStatusio, readFixture(DOCKER));

  it('a huge component list is capped, reported and unknown', () => {
    const body = hugeBody(1_500_000, (n) => ({ result: { status_overall: { status_code: 100 }, status: Array.from({ length: n }, (_, i) => component(`c${i}`, 100)) } }));
    const started = performance.now();
    const snapshot = snapshotOf(body);
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(snapshot.components).toHaveLength(500);
    expect(snapshot.health).toBe('unknown');
    expect(snapshot.warnings.join(' ')).toMatch(/read only the first 500/);
  });
});
