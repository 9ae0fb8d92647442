/**
 * What `outage-radar check` prints for a person, end to end: the built CLI against status pages
 * served on 127.0.0.1 with hostile and odd content. Text from a source must never drive the
 * terminal (escape sequences, bidi overrides), never crash the output (deeply nested HTML), and
 * every reason a source is unknown or partial must be printed, not only in --json.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, writeConfig } from '../helpers/cli.js';
import { startLoopback, type Loopback } from '../helpers/loopback.js';
import { currentExampleFeed } from '../helpers/org-feed.js';

const HOUR = 3_600_000;
const CLEAR_SCREEN = '\u001b[2J';
const RETITLE = '\u001b]0;x\u0007';
const RLO = '\u202e';

/** Code points no displayed text may contain (issue 9, item 3). */
const FORBIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/u;

function statuspageSummary(now: number, incidents: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    page: { id: 'p1', name: 'Acme', url: 'https://status.acme.example', updated_at: new Date(now).toISOString() },
    status: { indicator: 'major', description: 'Major outage' },
    components: [{ id: 'c1', name: 'API', status: 'major_outage', group: false, group_id: null }],
    incidents,
    scheduled_maintenances: [],
    ...extra,
  });
}

function incident(id: string, title: string, startedAt: number, body = 'We are investigating.'): Record<string, unknown> {
  const at = new Date(startedAt).toISOString();
  return {
    id,
    name: title,
    status: 'investigating',
    impact: 'major',
    created_at: at,
    started_at: at,
    updated_at: at,
    shortlink: 'https://stspg.io/x',
    components: [{ id: 'c1' }],
    incident_updates: [{ id: `${id}-u1`, status: 'investigating', body, created_at: at, display_at: at }],
  };
}

let server: Loopback;
const now = Date.now();

beforeAll(async () => {
  const nested = `${'<div>'.repeat(30_000)}Mail delivery is delayed. See <a href="https://status.example.com/ex1">details</a> and <a href="https://status.example.com/">https://status.example.com/</a>${'</div>'.repeat(30_000)}`;
  const json = (body: string) => (_req: unknown, res: import('node:http').ServerResponse) => res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  const many = Array.from({ length: 230 }, (_, i) => incident(`inc${String(i).padStart(3, '0')}`, `Incident number ${i}`, now - (230 - i) * 60_000));
  const upcomingAt = new Date(now + 2 * 24 * HOUR + 10 * 60_000).toISOString();
  server = await startLoopback({
    '/hostile/api/v2/summary.json': json(
      statuspageSummary(now, [incident('evil', `Login fails${CLEAR_SCREEN}${RETITLE} for ${RLO}gnp.exe users`, now - 2 * HOUR - 5 * 60_000, `Body${CLEAR_SCREEN} with${RETITLE} escapes ${RLO}here`)]),
    ),
    '/many/api/v2/summary.json': json(
      statuspageSummary(now, many, {
        scheduled_maintenances: [
          {
            id: 'm1',
            name: 'Database upgrade',
            status: 'scheduled',
            impact: 'maintenance',
            created_at: new Date(now - HOUR).toISOString(),
            updated_at: new Date(now - HOUR).toISOString(),
            scheduled_for: upcomingAt,
            scheduled_until: new Date(Date.parse(upcomingAt) + HOUR).toISOString(),
            shortlink: 'https://stspg.io/m',
            components: [],
            incident_updates: [],
          },
        ],
      }),
    ),
    // The example feed as it was three hours ago: it expired two hours ago.
    '/expired-feed.json': json(currentExampleFeed(now - 3 * HOUR)),
    '/ms-empty/api/posts': json('[]'),
    '/partial/api/v2/summary.json': json(JSON.stringify({ page: { id: 'p', name: 'Partial', url: 'https://partial.example', updated_at: new Date(now).toISOString() }, status: { indicator: 'none' }, components: 'oops' })),
    '/ms/api/posts': json(
      JSON.stringify([
        {
          Id: 'EX9999',
          Status: 'ServiceDegradation',
          Title: 'Email delays',
          Message: nested,
          AuthoredDateTime: new Date(now - 20 * 60_000).toISOString(),
          ServiceDisplayName: 'Exchange Online',
          ServiceWorkloadName: 'Exchange',
        },
      ]),
    ),
  });
});
afterAll(() => server.close());

describe('outage-radar check, plain output', () => {
  it('prints hostile titles and bodies without escape sequences or bidi overrides, and shows the override as <U+202E>', async () => {
    const config = writeConfig({ sources: [{ id: 'hostile', type: 'statuspage', url: `${server.url}/hostile` }] });
    const run = await runCli(['check', '--config', config, '--no-probes']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(2);
    expect(run.stdout).not.toMatch(FORBIDDEN);
    expect(run.stdout).toContain('<U+202E>gnp.exe');
    expect(run.stdout).toMatch(/Login fails\[2J\]0;x for <U\+202E>gnp\.exe users/);
    expect(run.stdout).toMatch(/latest: Body\[2J with\]0;x escapes <U\+202E>here/);
    // The data keeps everything: --json carries the title as the source sent it.
    const json = await runCli(['check', '--config', config, '--no-probes', '--json']);
    expect(json.stdout).toContain('\\u001b[2J');
  });

  it('says how long ago each incident started', async () => {
    const config = writeConfig({ sources: [{ id: 'hostile', type: 'statuspage', url: `${server.url}/hostile` }] });
    const run = await runCli(['check', '--config', config, '--no-probes']);
    expect(run.stdout).toMatch(/incident evil: .* \[investigating, started 2 h ago\]/);
  });

  it('survives 30,000 nested <div> in one update and prints the post as readable text with its links', async () => {
    const config = writeConfig({ sources: [{ id: 'microsoft-public', type: 'microsoft-public', url: `${server.url}/ms/api/posts` }], watch: ['outlook'] });
    const run = await runCli(['check', '--config', config, '--no-probes']);
    expect(run.stderr).toBe('');
    expect([1, 2]).toContain(run.code);
    expect(run.stdout).toContain('latest: Mail delivery is delayed. See details (https://status.example.com/ex1) and https://status.example.com/');
    expect(run.stdout).not.toContain('[https');
  });

  it('lists at most 200 incidents per source, newest first, with "and N more", and upcoming maintenance in local time', async () => {
    const config = writeConfig({ sources: [{ id: 'many', type: 'statuspage', url: `${server.url}/many` }] });
    const run = await runCli(['check', '--config', config, '--no-probes']);
    const listed = [...run.stdout.matchAll(/incident (inc\d{3}):/g)].map((m) => m[1]);
    expect(listed).toHaveLength(200);
    expect(listed[0]).toBe('inc229');
    expect(listed[199]).toBe('inc030');
    expect(run.stdout).toContain('and 30 more incidents');
    expect(run.stdout).toMatch(/upcoming maintenance: Database upgrade - starts \d{4}-\d{2}-\d{2} \d{2}:\d{2} \(in 2 days\), local time/);
    const json = JSON.parse((await runCli(['check', '--config', config, '--no-probes', '--json'])).stdout) as { sources: Array<{ incidents: unknown[] }> };
    expect(json.sources[0]?.incidents).toHaveLength(230);
  });

  it('prints every reason a source is partial: its warnings, not only in --json', async () => {
    const config = writeConfig({ sources: [{ id: 'partial', type: 'statuspage', url: `${server.url}/partial` }] });
    const json = JSON.parse((await runCli(['check', '--config', config, '--no-probes', '--json'])).stdout) as { sources: Array<{ warnings: string[] }> };
    const warnings = json.sources[0]?.warnings ?? [];
    expect(warnings.length).toBeGreaterThan(0);
    const run = await runCli(['check', '--config', config, '--no-probes']);
    for (const warning of warnings) expect(run.stdout).toContain(`warning: ${warning}`);
  });

  it('marks an expired org feed’s incidents "last known, as of <time>" and says why', async () => {
    const config = writeConfig({
      orgFeedUrl: `${server.url}/expired-feed.json`,
      sources: [{ id: 'microsoft-public', type: 'microsoft-public', url: `${server.url}/ms-empty/api/posts` }],
      watch: ['outlook'],
    });
    const run = await runCli(['check', '--config', config, '--no-probes']);
    expect(run.stdout).toMatch(/last known, as of [^(\n]+ \(3 h ago\): the feed expired at /);
    expect(run.stdout).toMatch(/last known, as of [^(\n]+ \(3 h ago\): incident EX1224375: Users may be unable to send or receive email/);
    expect(run.stdout).toMatch(/warning: the feed expired at .*health is unknown/);
  });

  it('prints no color codes when stdout is not a terminal', async () => {
    const config = writeConfig({ sources: [{ id: 'hostile', type: 'statuspage', url: `${server.url}/hostile` }] });
    const run = await runCli(['check', '--config', config, '--no-probes']);
    expect(run.stdout).not.toContain('\u001b');
  });
});
