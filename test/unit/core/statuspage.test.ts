import { describe, expect, it } from 'vitest';
import type { Health } from '../../../main/core/health.js';
import type { SourceSnapshot } from '../../../main/core/model.js';
import { parseStatuspage } from '../../../main/core/sources/statuspage.js';
import { listFixtures, readFixture } from '../../helpers/fixtures.js';

type Row = Record<string, unknown>;
type Doc = Record<string, unknown> & { components?: Row[]; incidents?: Row[]; scheduled_maintenances?: Row[] };

const GITHUB_OUTAGE = 'statuspage/github-summary-2020-04-02-major-outage.json';
const CLOUDAMQP = 'statuspage/cloudamqp-summary-2020-07-16-under-maintenance.json';
const TWILIO = 'statuspage/twilio-summary-2020-06-16-degraded-2-incidents-groups.json';
const DOCS_EXAMPLE = 'statuspage/statuspage-docs-example-summary-as-github-2014.json';
const LASTPASS = 'statuspage/lastpass-components-2021-12-07-degraded.json';
const DROPBOX = 'statuspage/dropbox-components-2021-12-02-operational.json';
const GITHUB_COMPONENTS = 'statuspage/github-components-json-2024-09-17-truncated-by-source.json';
const GITHUB_INCIDENTS = 'statuspage/github-incidents-json-2024-09-17-two-incidents-with-updates.json';
const CLOUDFLARE_INCIDENTS = 'statuspage/cloudflare-incidents-payload-2019-01-10-two-resolved-with-updates.json';

/** A fresh, mutable copy of a fixture's JSON: tests change copies in memory, never files. */
function fixtureDoc(name: string): Doc {
  return JSON.parse(readFixture(name)) as Doc;
}

function snapshotOf(body: string): SourceSnapshot {
  const outcome = parseStatuspage(body);
  if (!outcome.ok) throw new Error(`expected a snapshot, got error: ${outcome.error}`);
  return outcome.snapshot;
}

function errorOf(body: string): string {
  const outcome = parseStatuspage(body);
  if (outcome.ok) throw new Error(`expected an error, got health ${outcome.snapshot.health}`);
  return outcome.error;
}

const parseFixture = (name: string): SourceSnapshot => snapshotOf(readFixture(name));
const parseDoc = (doc: unknown): SourceSnapshot => snapshotOf(JSON.stringify(doc));

function byId<T extends { id: string }>(items: readonly T[], id: string): T {
  const found = items.find((item) => item.id === id);
  if (found === undefined) throw new Error(`no item ${id}`);
  return found;
}

const nonGroupRows = (doc: Doc): Row[] => (doc.components ?? []).filter((row) => row['group'] !== true);
const openIncidentRows = (doc: Doc): Row[] =>
  (doc.incidents ?? []).filter((row) => row['status'] !== 'resolved' && row['status'] !== 'postmortem');

describe('parseStatuspage on every recorded Statuspage fixture', () => {
  const fixtures = listFixtures('statuspage').filter((name) => name.endsWith('.json'));

  it('covers the fixtures this test was written for', () => {
    expect(fixtures).toEqual(
      [CLOUDAMQP, CLOUDFLARE_INCIDENTS, DROPBOX, GITHUB_COMPONENTS, GITHUB_INCIDENTS, GITHUB_OUTAGE, LASTPASS, DOCS_EXAMPLE, TWILIO].sort(),
    );
  });

  it.each(fixtures)('%s: page, every non-group component and every open event come through', (name) => {
    const doc = fixtureDoc(name);
    const snapshot = parseFixture(name);
    const page = doc['page'] as Row;
    expect(snapshot.pageName).toBe(page['name']);
    expect(snapshot.pageUrl).toBe(new URL(page['url'] as string).href);
    expect(snapshot.components.map((c) => c.id)).toEqual(nonGroupRows(doc).map((row) => row['id']));
    expect(snapshot.components.map((c) => c.status)).toEqual(nonGroupRows(doc).map((row) => row['status']));
    const activeMaintenance = (doc.scheduled_maintenances ?? []).filter((row) => ['in_progress', 'verifying'].includes(row['status'] as string));
    const upcomingMaintenance = (doc.scheduled_maintenances ?? []).filter((row) => row['status'] === 'scheduled');
    expect(snapshot.incidents.map((i) => i.id)).toEqual([...openIncidentRows(doc), ...activeMaintenance].map((row) => row['id']));
    expect(snapshot.upcoming.map((i) => i.id)).toEqual(upcomingMaintenance.map((row) => row['id']));
    expect(snapshot.messages).toEqual([]);
    for (const incident of [...snapshot.incidents, ...snapshot.upcoming]) {
      expect(incident.updates.length).toBeGreaterThan(0);
      const times = incident.updates.map((u) => u.at ?? '');
      expect(times).toEqual([...times].sort().reverse());
      for (const update of incident.updates) expect(update.body.format).toBe('text');
    }
  });
});

describe('summary.json', () => {
  it('GitHub 2020-04-02: outage, incident 80d0cs6kpsps investigating', () => {
    const snapshot = parseFixture(GITHUB_OUTAGE);
    expect(snapshot.health).toBe('outage');
    expect(snapshot.pageName).toBe('GitHub');
    expect(snapshot.pageUrl).toBe('https://www.githubstatus.com/');
    expect(snapshot.warnings).toEqual([]);
    expect(snapshot.incidents).toHaveLength(1);
    const incident = byId(snapshot.incidents, '80d0cs6kpsps');
    expect(incident).toMatchObject({
      title: 'Incident on 2020-04-02 20:20 UTC',
      kind: 'incident',
      status: 'investigating',
      impact: 'major',
      health: 'outage',
      startedAt: '2020-04-02T20:20:54.005Z',
      updatedAt: '2020-04-02T20:26:36.356Z',
      endsAt: null,
      url: 'http://stspg.io/n0wskg2n6bvy',
      affects: ['0l2p9nhqnxpd'],
    });
    expect(incident.updates.map((u) => u.id)).toEqual(['yqsdhyw44qzj', 'bd69p75gd9y8']);
    expect(incident.updates[0]).toEqual({
      id: 'yqsdhyw44qzj',
      status: 'investigating',
      at: '2020-04-02T20:26:36.354Z',
      body: { format: 'text', content: 'We are investigating reports of service unavailability.' },
    });
  });

  it('GitHub 2020-04-02: partial and major outages are both outage, the rest stays operational', () => {
    const snapshot = parseFixture(GITHUB_OUTAGE);
    expect(byId(snapshot.components, '8l4ygp009s5s')).toEqual({
      id: '8l4ygp009s5s',
      name: 'Git Operations',
      health: 'outage',
      status: 'major_outage',
    });
    expect(byId(snapshot.components, 'br0l2tvcx85d')).toMatchObject({ name: 'GitHub Actions', health: 'outage', status: 'partial_outage' });
    expect(byId(snapshot.components, 'vg70hn9s2tyj')).toMatchObject({ name: 'GitHub Pages', health: 'operational' });
    const healthCounts = countBy(snapshot.components.map((c) => c.health));
    expect(healthCounts).toEqual({ outage: 6, operational: 3 });
  });

  it('CloudAMQP 2020-07-16: maintenance, with maintenance qy6n39trpl7l in progress', () => {
    const snapshot = parseFixture(CLOUDAMQP);
    expect(snapshot.health).toBe('maintenance');
    expect(snapshot.warnings).toEqual([]);
    expect(snapshot.upcoming).toEqual([]);
    expect(snapshot.incidents).toHaveLength(1);
    expect(snapshot.incidents[0]).toMatchObject({
      id: 'qy6n39trpl7l',
      kind: 'maintenance',
      status: 'in-progress',
      health: 'maintenance',
      impact: 'maintenance',
      startedAt: '2020-07-16T21:00:00.000Z', // scheduled_for; its started_at is the announcement time
      endsAt: '2020-07-16T23:00:00.000Z',
      affects: ['m9jl6sdbs4vb'],
    });
    expect(snapshot.incidents[0]?.title).toMatch(/^Upgrade of shared servers/);
    expect(byId(snapshot.components, 'm9jl6sdbs4vb')).toMatchObject({ name: 'Shared servers', health: 'maintenance' });
    expect(snapshot.components.filter((c) => c.health !== 'operational').map((c) => c.id)).toEqual(['m9jl6sdbs4vb']);
  });

  it('Twilio 2020-06-16: degraded, 2 incidents, 9 upcoming maintenances, group rows skipped', () => {
    const doc = fixtureDoc(TWILIO);
    const snapshot = parseFixture(TWILIO);
    expect(snapshot.health).toBe('degraded');
    expect(snapshot.warnings).toEqual([]);

    const groupIds = (doc.components ?? []).filter((row) => row['group'] === true).map((row) => row['id']);
    expect(groupIds).toContain('s2k3h0mkqnth'); // PROGRAMMABLE MESSAGING, degraded like its worst child
    expect(snapshot.components).toHaveLength((doc.components ?? []).length - groupIds.length);
    for (const id of groupIds) expect(snapshot.components.some((c) => c.id === id)).toBe(false);
    const degraded = snapshot.components.filter((c) => c.health === 'degraded').map((c) => c.name);
    expect(degraded.sort()).toEqual(
      ['SMS Short Code, North America', 'MMS Short Code, North America', 'SMS, Middle East & Africa', 'MMS'].sort(),
    );

    expect(snapshot.incidents.map((i) => [i.id, i.status, i.health, i.impact])).toEqual([
      ['4dtnnnnxnhn9', 'investigating', 'degraded', 'minor'],
      ['r0f0vdz8vrgm', 'monitoring', 'degraded', 'minor'],
    ]);
    expect(byId(snapshot.incidents, '4dtnnnnxnhn9')).toMatchObject({
      title: 'SMS Delivery Delays to Mozambique Movitel',
      startedAt: '2020-06-16T20:27:41.521Z', // -07:00 in the payload, normalised to UTC
      affects: ['kqr83rygcwwf'],
    });
    expect(byId(snapshot.incidents, 'r0f0vdz8vrgm').affects).toEqual(['yvvy3vlp4djf', 'd1j2nx64rpq3', 'h0fl7prwfhvm', '39mb8cmw8y2v']);

    expect(snapshot.upcoming).toHaveLength(9);
    for (const maintenance of snapshot.upcoming) {
      expect(maintenance).toMatchObject({ kind: 'maintenance', status: 'scheduled', health: 'maintenance' });
      expect(maintenance.startedAt).not.toBeNull();
      expect(maintenance.endsAt).not.toBeNull();
    }
    expect(snapshot.upcoming[0]).toMatchObject({ id: '9szb6ydlg10w', startedAt: '2020-06-16T23:00:00.000Z', endsAt: '2020-06-17T03:00:00.000Z' });
  });

  it('the docs example: a critical incident makes it an outage; maintenance splits into active and upcoming', () => {
    const snapshot = parseFixture(DOCS_EXAMPLE);
    expect(snapshot.health).toBe('outage');
    expect(byId(snapshot.incidents, 'cp306tmzcl0y')).toMatchObject({
      title: 'Unplanned Database Outage',
      kind: 'incident',
      status: 'identified',
      impact: 'critical',
      health: 'outage',
      startedAt: '2014-05-14T20:22:39.441Z', // no started_at: created_at stands in
      url: 'http://stspg.co:5000/Q0E',
    });
    expect(byId(snapshot.incidents, 'k7mf5z1gz05c')).toMatchObject({
      kind: 'maintenance',
      status: 'in-progress',
      health: 'maintenance',
      startedAt: '2014-05-14T20:30:00.000Z',
      endsAt: '2014-05-14T22:30:00.000Z',
    });
    expect(byId(snapshot.incidents, 'k7mf5z1gz05c').updates.map((u) => [u.id, u.status])).toEqual([
      ['drs62w8df6fs', 'in-progress'],
      ['z40y7398jqxc', 'scheduled'],
    ]);
    expect(snapshot.upcoming.map((m) => [m.id, m.status, m.title])).toEqual([
      ['w1zdr745wmfy', 'scheduled', 'Network Maintenance (No Interruption Expected)'],
    ]);
  });

  it('the critical incident alone decides: with the indicator and components calmed down it is still an outage', () => {
    const doc = fixtureDoc(DOCS_EXAMPLE);
    doc['status'] = { indicator: 'none', description: 'All Systems Operational' };
    for (const row of doc.components ?? []) row['status'] = 'operational';
    expect(parseDoc(doc).health).toBe('outage');
  });

  it('maintenance in progress does not hide a worse component', () => {
    const doc = fixtureDoc(CLOUDAMQP);
    (doc.components ?? [])[1]!['status'] = 'degraded_performance';
    expect(parseDoc(doc).health).toBe('degraded');
  });

  it('resolved incidents, completed maintenance and group rows do not affect health', () => {
    const doc = fixtureDoc(DROPBOX);
    doc['status'] = { indicator: 'none' };
    doc.incidents = [{ id: 'old', name: 'Old', status: 'postmortem', impact: 'critical' }];
    doc.scheduled_maintenances = [{ id: 'done', name: 'Done', status: 'completed', impact: 'maintenance' }];
    doc.components = [...(doc.components ?? []), { id: 'grp', name: 'Group', status: 'major_outage', group: true, components: [] }];
    const snapshot = parseDoc(doc);
    expect(snapshot.health).toBe('operational');
    expect(snapshot.incidents).toEqual([]);
    expect(snapshot.upcoming).toEqual([]);
    expect(snapshot.warnings).toEqual([]);
  });
});

describe('the other v2 documents', () => {
  it('LastPass components.json: degraded from components alone, with a warning about the missing parts', () => {
    const snapshot = parseFixture(LASTPASS);
    expect(snapshot.health).toBe('degraded');
    expect(snapshot.components.map((c) => c.health)).toEqual(['degraded', 'degraded', 'degraded']);
    expect(snapshot.components[0]).toMatchObject({ name: 'LastPass - United States', status: 'degraded_performance' });
    expect(snapshot.warnings).toEqual([expect.stringMatching(/no status, incidents, scheduled_maintenances/)]);
  });

  it('Dropbox and GitHub components.json: every component operational means operational', () => {
    const dropbox = parseFixture(DROPBOX);
    expect(dropbox.health).toBe('operational');
    expect(dropbox.components).toHaveLength(fixtureDoc(DROPBOX).components?.length ?? -1);
    expect(dropbox.pageUrl).toBe('http://status.dropbox.com/');
    const github = parseFixture(GITHUB_COMPONENTS);
    expect(github.health).toBe('operational');
    expect(github.components.map((c) => c.name)).toEqual(['Git Operations', 'Webhooks']);
  });

  it('incidents.json with only resolved incidents confirms nothing: unknown, no open incidents', () => {
    for (const name of [GITHUB_INCIDENTS, CLOUDFLARE_INCIDENTS]) {
      const snapshot = parseFixture(name);
      expect(snapshot.health, name).toBe('unknown');
      expect(snapshot.incidents, name).toEqual([]);
      expect(snapshot.components, name).toEqual([]);
      expect(snapshot.warnings, name).toEqual([expect.stringMatching(/no status, components, scheduled_maintenances/)]);
    }
    expect(parseFixture(CLOUDFLARE_INCIDENTS).pageName).toBe('Cloudflare');
  });

  it('incidents.json with an open incident confirms the problem', () => {
    const doc = fixtureDoc(GITHUB_INCIDENTS);
    doc.incidents![0]!['status'] = 'identified';
    const snapshot = parseDoc(doc);
    expect(snapshot.health).toBe('outage'); // impact major
    expect(snapshot.incidents).toHaveLength(1);
    expect(snapshot.incidents[0]).toMatchObject({
      id: '69sb0f8lydp4',
      title: 'Incident with Pages and Actions',
      status: 'identified',
      url: 'https://stspg.io/mc6sr407p78b',
      affects: ['br0l2tvcx85d', 'vg70hn9s2tyj'],
    });
    expect(snapshot.incidents[0]?.updates).toHaveLength(6);
    expect(snapshot.incidents[0]?.updates[0]?.status).toBe('resolved');
  });

  it('status.json alone: the indicator decides', () => {
    expect(parseDoc({ page: { name: 'X' }, status: { indicator: 'none' } }).health).toBe('operational');
    expect(parseDoc({ page: { name: 'X' }, status: { indicator: 'critical' } }).health).toBe('outage');
  });

  it('scheduled-maintenances/active.json alone: maintenance is not enough to vouch for the page', () => {
    const doc = fixtureDoc(CLOUDAMQP);
    const snapshot = parseDoc({ page: doc['page'], scheduled_maintenances: doc.scheduled_maintenances });
    expect(snapshot.health).toBe('unknown');
    expect(snapshot.incidents.map((i) => i.id)).toEqual(['qy6n39trpl7l']);
  });

  it('an empty components list confirms nothing', () => {
    expect(parseDoc({ page: { name: 'X' }, components: [] }).health).toBe('unknown');
  });
});

describe('enum values', () => {
  it('are compared case-insensitively', () => {
    const doc = fixtureDoc(DROPBOX);
    doc['status'] = { indicator: ' None ' };
    doc.components![0]!['status'] = 'MAJOR_OUTAGE';
    doc.incidents = [{ id: 'i1', name: 'Slow', status: 'Investigating', impact: 'Minor' }];
    const snapshot = parseDoc(doc);
    expect(snapshot.health).toBe('outage');
    expect(snapshot.components[0]?.health).toBe('outage');
    expect(snapshot.incidents[0]).toMatchObject({ status: 'investigating', health: 'degraded' });
    expect(snapshot.warnings.filter((w) => !/^the document has no/.test(w))).toEqual([]);
  });

  it('an unknown page indicator on an otherwise healthy page is unknown, and the warning names it', () => {
    const doc = fixtureDoc(DROPBOX);
    doc['status'] = { indicator: 'catastrophic', description: 'x' };
    const snapshot = parseDoc(doc);
    expect(snapshot.health).toBe('unknown');
    expect(snapshot.warnings).toContainEqual(expect.stringContaining('"catastrophic"'));
  });

  it('an unknown indicator does not hide a confirmed outage', () => {
    const doc = fixtureDoc(GITHUB_OUTAGE);
    (doc['status'] as Row)['indicator'] = 'catastrophic';
    expect(parseDoc(doc).health).toBe('outage');
  });

  it('an unknown component status makes that component and the page unknown', () => {
    const doc = fixtureDoc(DROPBOX);
    doc.components![2]!['status'] = 'melted';
    const snapshot = parseDoc(doc);
    expect(snapshot.health).toBe('unknown');
    expect(snapshot.components[2]).toMatchObject({ health: 'unknown', status: 'melted' });
    expect(snapshot.warnings).toContainEqual('unknown component status "melted"');
  });

  it('an open incident with an unknown impact still counts as degraded', () => {
    const doc = fixtureDoc(CLOUDAMQP);
    doc.incidents = [{ id: 'x1', name: 'Something', status: 'investigating', impact: 'apocalyptic' }];
    const snapshot = parseDoc(doc);
    expect(snapshot.health).toBe('degraded');
    expect(byId(snapshot.incidents, 'x1')).toMatchObject({ health: 'degraded', impact: 'apocalyptic' });
    expect(snapshot.warnings).toContainEqual(expect.stringContaining('"apocalyptic"'));
  });

  it('an incident with an unknown status is kept as open rather than silently dropped', () => {
    const doc = fixtureDoc(DROPBOX);
    doc.incidents = [{ id: 'x2', name: 'Odd', status: 'pondering', impact: 'major' }];
    const snapshot = parseDoc(doc);
    expect(snapshot.incidents[0]).toMatchObject({ id: 'x2', status: 'unknown', health: 'outage' });
    expect(snapshot.health).toBe('outage');
    expect(snapshot.warnings).toContainEqual(expect.stringContaining('"pondering"'));
  });

  it('a maintenance with an unknown status is shown as upcoming, not counted', () => {
    const doc = fixtureDoc(DROPBOX);
    doc['status'] = { indicator: 'none' };
    doc.scheduled_maintenances = [{ id: 'm1', name: 'Odd', status: 'postponed', impact: 'maintenance' }];
    const snapshot = parseDoc(doc);
    expect(snapshot.health).toBe('operational');
    expect(snapshot.upcoming).toMatchObject([{ id: 'm1', status: 'unknown' }]);
    expect(snapshot.warnings).toContainEqual(expect.stringContaining('"postponed"'));
  });

  it('a verifying maintenance is still maintenance', () => {
    const doc = fixtureDoc(CLOUDAMQP);
    doc.scheduled_maintenances![0]!['status'] = 'verifying';
    const snapshot = parseDoc(doc);
    expect(snapshot.health).toBe('maintenance');
    expect(snapshot.incidents[0]).toMatchObject({ status: 'verifying', kind: 'maintenance' });
  });
});

describe('hostile and broken input', () => {
  it('an HTML page is an error, not a health', () => {
    expect(errorOf('<!DOCTYPE html><html><head><title>Status</title></head><body></body></html>')).toMatch(/web page/);
  });

  it('truncated JSON is an error that says so', () => {
    const full = readFixture(TWILIO);
    for (const fraction of [0.05, 0.5, 0.95]) {
      expect(errorOf(full.slice(0, Math.floor(full.length * fraction)))).toMatch(/truncated/);
    }
  });

  it('an empty body is an error', () => {
    expect(errorOf('')).toMatch(/empty/);
  });

  it('JSON that is not an object is an error', () => {
    expect(errorOf('[]')).toMatch(/expected a JSON object, got an array/);
    expect(errorOf('null')).toMatch(/got null/);
    expect(errorOf('"summary"')).toMatch(/got a string/);
    expect(errorOf('42')).toMatch(/got a number/);
  });

  it('other status APIs are recognized as not Statuspage', () => {
    for (const name of [
      'slack/slack-current-v2-2020-07-30-two-active-incidents.json',
      'statusio/docker-statusio-v1-status-2020-07-16-partial-disruption.json',
      'microsoft-public-status/status-cloud-microsoft-api-posts-mac-2026-09-18.json',
    ]) {
      expect(errorOf(readFixture(name)), name).toMatch(/none of page, status, components, incidents/);
    }
    expect(errorOf('{"status":"ok","page":3}')).toMatch(/none of page/);
  });

  it('__proto__ and constructor keys neither pollute nor leak into the result', () => {
    const body = `{
      "__proto__": { "polluted": "yes", "status": { "indicator": "none" } },
      "constructor": { "prototype": { "polluted": "yes" } },
      "page": { "name": "Evil", "__proto__": { "url": "https://evil.example" } },
      "components": [
        { "id": "a", "name": "A", "__proto__": { "status": "operational" } },
        { "id": "b", "name": "B", "status": "operational", "__proto__": { "group": true } }
      ]
    }`;
    const snapshot = snapshotOf(body);
    expect(({} as Row)['polluted']).toBeUndefined();
    expect((Object.prototype as Row)['polluted']).toBeUndefined();
    expect(snapshot.pageName).toBe('Evil');
    expect(snapshot.pageUrl).toBeNull();
    // "a" has no status of its own: it must not inherit "operational" from the injected prototype.
    expect(snapshot.components).toEqual([
      { id: 'a', name: 'A', health: 'unknown', status: '' },
      { id: 'b', name: 'B', health: 'operational', status: 'operational' },
    ]);
    expect(snapshot.health).toBe('unknown');
  });

  it('a component literally named __proto__ is just data', () => {
    const snapshot = parseDoc({ page: { name: 'X' }, status: { indicator: 'none' }, components: [{ id: '__proto__', name: '__proto__', status: 'operational' }] });
    expect(snapshot.components).toEqual([{ id: '__proto__', name: '__proto__', health: 'operational', status: 'operational' }]);
    expect(snapshot.health).toBe('operational');
  });

  it('rows of the wrong type are skipped with warnings, good rows survive, a numeric id is read as text', () => {
    const doc = {
      page: 'not an object',
      status: 3,
      components: ['API', 42, null, [], { name: 'no id', status: 'operational' }, { id: 7, status: 'operational' }, { id: 'bad', name: 'Bad', status: 3 }, { id: 'ok', name: 'OK', status: 'operational' }],
      incidents: [
        'down!',
        { name: 'no id', status: 'investigating', impact: 'major' },
        { id: 'i1', name: 7, status: 'investigating', impact: 'minor', shortlink: 'javascript:alert(1)', incident_updates: 'none', components: 'api', started_at: 'yesterday' },
      ],
      scheduled_maintenances: { not: 'an array' },
    };
    const snapshot = parseDoc(doc);
    expect(snapshot.pageName).toBeNull();
    expect(snapshot.components).toEqual([
      { id: '7', name: '7', health: 'operational', status: 'operational' },
      { id: 'bad', name: 'Bad', health: 'unknown', status: '' },
      { id: 'ok', name: 'OK', health: 'operational', status: 'operational' },
    ]);
    expect(snapshot.incidents).toHaveLength(1);
    expect(snapshot.incidents[0]).toMatchObject({ id: 'i1', title: 'Untitled incident', url: null, updates: [], affects: [], startedAt: null });
    // Component "bad" is unknown, but the open incident is a confirmed problem.
    expect(snapshot.health).toBe('degraded');
    const warnings = snapshot.warnings.join('\n');
    expect(warnings).toMatch(/ignored "status": expected an object, got a number/);
    expect(warnings).toMatch(/ignored "scheduled_maintenances": expected an array, got an object/);
    expect(warnings).toMatch(/skipped a component that is a string/);
    expect(warnings).toMatch(/skipped a component that is null/);
    expect(warnings).toMatch(/skipped a component whose id is nothing, not a string or number/);
    expect(warnings).toMatch(/component status is a number/);
    expect(warnings).toMatch(/skipped an incident that is a string/);
    expect(warnings).toMatch(/skipped an open incident whose id is nothing, not a string or number/);
  });

  it('with only wrong-typed parts it is not a Statuspage document', () => {
    expect(errorOf('{"status":3,"components":"all good"}')).toMatch(/none of page, status/);
  });

  it('10,000 components: the one broken component at the end is found, quickly', () => {
    const components = Array.from({ length: 10_000 }, (_, i) => ({ id: `c${i}`, name: `Component ${i}`, status: 'operational', group: false }));
    const healthy = { page: { name: 'Big' }, status: { indicator: 'none' }, components, incidents: [], scheduled_maintenances: [] };
    const started = performance.now();
    expect(parseDoc(healthy).health).toBe('operational');
    components[9_999]!.status = 'partial_outage';
    const broken = parseDoc(healthy);
    expect(broken.health).toBe('outage');
    expect(broken.components).toHaveLength(10_000);
    // Generous bound: proves linear work, not a benchmark (quadratic would take seconds).
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('10,000 distinct unknown statuses do not flood the warnings', () => {
    const components = Array.from({ length: 10_000 }, (_, i) => ({ id: `c${i}`, name: `C${i}`, status: `weird_${i}` }));
    const snapshot = parseDoc({ page: { name: 'Big' }, status: { indicator: 'none' }, components });
    expect(snapshot.health).toBe('unknown');
    expect(snapshot.warnings.length).toBeLessThanOrEqual(21);
  });

  it('repeated component ids are kept once', () => {
    const snapshot = parseDoc({
      page: { name: 'X' },
      components: [
        { id: 'a', name: 'A', status: 'operational' },
        { id: 'a', name: 'A again', status: 'major_outage' },
      ],
    });
    expect(snapshot.components.map((c) => c.name)).toEqual(['A']);
    expect(snapshot.warnings).toContainEqual(expect.stringContaining('repeated component id "a"'));
  });
});

function countBy(values: readonly Health[]): Partial<Record<Health, number>> {
  const counts: Partial<Record<Health, number>> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
