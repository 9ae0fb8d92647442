import { describe, expect, it } from 'vitest';
import type { SourceSnapshot } from '../../../main/core/model.js';
import { parseIncidentio } from '../../../main/core/sources/incidentio.js';
import { listFixtures, readFixture } from '../../helpers/fixtures.js';
import { hostileJsonTests, hugeBody, NOW } from './format-hostile.js';

const WIDGET = 'incidentio/incidentio-widget-api-v1-summary-docs-example-via-fitnudge.json';

function snapshotOf(body: string): SourceSnapshot {
  const outcome = parseIncidentio(body, NOW);
  if (!outcome.ok) throw new Error(`expected a snapshot, got error: ${outcome.error}`);
  return outcome.snapshot;
}

const widget = (over: Record<string, unknown> = {}) =>
  JSON.stringify({ page_title: 'Acme', page_url: 'https://status.acme.example/', ongoing_incidents: [], in_progress_maintenances: [], scheduled_maintenances: [], ...over });
const incident = (over: Record<string, unknown> = {}) => ({
  id: '01H0QJ89CRW5BKTY9N89MSDT5S',
  name: 'Login failing',
  status: 'investigating',
  url: 'https://status.acme.example/incidents/01H0QJ89CRW5BKTY9N89MSDT5S',
  last_update_at: '2026-09-18T11:00:00Z',
  last_update_message: 'Looking into it',
  current_worst_impact: 'degraded_performance',
  affected_components: [{ id: 'c1', name: 'Login', group_name: 'Auth', current_status: 'degraded_performance' }],
  ...over,
});

describe('incident.io widget API: the documented example', () => {
  it('parses every incident.io fixture', () => {
    for (const name of listFixtures('incidentio')) expect(parseIncidentio(readFixture(name), NOW).ok, name).toBe(true);
  });

  it('reads the ongoing partial outage, the maintenance in progress and the scheduled one', () => {
    const snapshot = snapshotOf(readFixture(WIDGET));
    expect(snapshot.health).toBe('outage');
    expect(snapshot.pageName).toBe('FitNudge System');
    expect(snapshot.pageUrl).toBe('https://status.fitnudge.app/');
    expect(snapshot.incidents.map((i) => [i.id, i.kind, i.health, i.status])).toEqual([
      ['01H0QJ89CRW5BKTY9N89MSDT5S', 'incident', 'outage', 'identified'],
      ['01FDAG4SAP5TYPT98WGR2N7W91', 'maintenance', 'maintenance', 'in-progress'],
    ]);
    expect(snapshot.incidents[0]?.affects).toEqual(['01H0QJ1BXP0E76RGBYRDHKA2KQ']);
    expect(snapshot.incidents[0]?.url).toBe('https://status.fitnudge.app/incidents/01H0QJ89CRW5BKTY9N89MSDT5S');
    expect(snapshot.components).toEqual([{ id: '01H0QJ1BXP0E76RGBYRDHKA2KQ', name: 'Authentication / Login', health: 'outage', status: 'partial_outage' }]);
    expect(snapshot.upcoming.map((m) => [m.id, m.status])).toEqual([['01FCNDV6P870EA6S7TK1DSYD5H', 'scheduled']]);
    expect(snapshot.warnings).toEqual([]);
  });
});

describe('incident.io words', () => {
  it('three empty lists: the page reports no problem', () => {
    expect(snapshotOf(widget()).health).toBe('operational');
  });

  it('impacts: degraded_performance is degraded, partial and full outage are outages; unknown is at least degraded', () => {
    expect(snapshotOf(widget({ ongoing_incidents: [incident()] })).health).toBe('degraded');
    expect(snapshotOf(widget({ ongoing_incidents: [incident({ current_worst_impact: 'full_outage' })] })).health).toBe('outage');
    const odd = snapshotOf(widget({ ongoing_incidents: [incident({ current_worst_impact: 'cosmic_ray', status: 'pondering' })] }));
    expect(odd.health).toBe('degraded');
    expect(odd.warnings.join(' ')).toMatch(/unknown incident\.io impact "cosmic_ray"/);
    expect(odd.warnings.join(' ')).toMatch(/unknown incident\.io status "pondering"/);
  });

  it('a missing or broken ongoing list, or a skipped row, is unknown', () => {
    expect(snapshotOf(JSON.stringify({ in_progress_maintenances: [], scheduled_maintenances: [] })).health).toBe('unknown');
    expect(snapshotOf(widget({ ongoing_incidents: 'none' })).health).toBe('unknown');
    expect(snapshotOf(widget({ ongoing_incidents: [42] })).health).toBe('unknown');
    expect(snapshotOf(widget({ ongoing_incidents: [{ name: 'no id' }] })).health).toBe('unknown');
  });

  it('scheduled maintenance does not colour the components it names', () => {
    const snapshot = snapshotOf(widget({ scheduled_maintenances: [incident({ id: 'm', status: 'maintenance_scheduled', affected_components: [{ id: 'c1', name: 'Login', current_status: 'under_maintenance' }] })] }));
    expect(snapshot.health).toBe('operational');
    expect(snapshot.components).toEqual([]);
  });

  it('the Statuspage-compatible summary.json incident.io pages also serve is read as Statuspage', () => {
    const snapshot = snapshotOf(readFixture('statuspage/github-summary-2020-04-02-major-outage.json'));
    expect(snapshot.health).toBe('outage');
    expect(snapshot.pageName).toBe('GitHub');
  });

  it('JSON that is neither is refused clearly', () => {
    expect(parseIncidentio('{"hello":"world"}', NOW)).toMatchObject({ ok: false, error: expect.stringMatching(/not an incident\.io status response/) as unknown });
  });
});

describe('incident.io: hostile input', () => {
  hostileJsonTests('incidentio', parseIncidentio, readFixture(WIDGET));

  it('a huge list is capped and reported', () => {
    const body = hugeBody(1_500_000, (n) => ({ ongoing_incidents: [], in_progress_maintenances: [], scheduled_maintenances: Array.from({ length: n }, (_, i) => incident({ id: `m${i}`, status: 'maintenance_scheduled' })) }));
    const snapshot = snapshotOf(body);
    expect(snapshot.upcoming).toHaveLength(500);
    expect(snapshot.health).toBe('unknown');
  });
});
