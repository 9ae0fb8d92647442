/**
 * `outage-radar explain` through the built CLI: what an error means and what to do, tied to the
 * present by one check of the matched service against status servers on 127.0.0.1 (the documented
 * example org feed with its open Exchange incident). Probes are off in every config here, so
 * nothing but loopback is ever contacted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, writeConfig } from '../helpers/cli.js';
import { serveFixture, startLoopback, type Loopback } from '../helpers/loopback.js';
import { currentExampleFeed } from '../helpers/org-feed.js';

interface ExplainJson {
  query: string;
  matches: Array<{ id: string; service: string; side: string; title: string; meaning: string; steps: string[]; codes: string[] }>;
  context: { incidents: Array<{ sourceId: string; id: string; title: string }>; verdict: string | null };
  suggestions: Array<{ id: string; title: string }>;
}

const MS_POST = 'microsoft-public-status/status-cloud-microsoft-api-posts-mac-2026-09-18.json';

/** The example feed with no incident and every service operational. */
function quietFeed(now: number): string {
  const feed = JSON.parse(currentExampleFeed(now)) as { services: Array<{ health: string }>; incidents: unknown[]; messages: unknown[] };
  for (const service of feed.services) service.health = 'operational';
  feed.incidents = [];
  feed.messages = [];
  return JSON.stringify(feed);
}

let server: Loopback;
beforeAll(async () => {
  server = await startLoopback({
    '/ms/api/posts/mac': serveFixture(MS_POST),
    '/feed.json': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(currentExampleFeed(Date.now())),
    '/quiet-feed.json': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(quietFeed(Date.now())),
  });
});
afterAll(() => server.close());

const configWithFeed = (feed: string): string =>
  writeConfig({
    orgFeedUrl: `${server.url}${feed}`,
    sources: [{ id: 'microsoft-public', url: `${server.url}/ms/api/posts/mac` }],
    connectivity: { enabled: false },
  });

async function explainJson(args: readonly string[]): Promise<{ answer: ExplainJson; code: number | null; stderr: string }> {
  const run = await runCli(['explain', ...args, '--json']);
  if (run.stdout.trim() === '') throw new Error(`no JSON on stdout (exit ${String(run.code)}): ${run.stderr}`);
  return { answer: JSON.parse(run.stdout) as ExplainJson, code: run.code, stderr: run.stderr };
}

describe('explain --offline', () => {
  it('says 451 4.3.2 is a temporary problem on Microsoft’s side and what to do', async () => {
    const run = await runCli(['explain', '451 4.3.2 Temporary server error', '--offline']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^1\. Temporary server error in Exchange Online \[451 4\.3\.2, 4\.3\.2\]$/m);
    expect(run.stdout).toContain("Whose problem: the provider's side (Microsoft's side): not you");
    expect(run.stdout).toMatch(/What to do:\n {5}1\) Wait: .*retries it automatically/);
    expect(run.stdout).toContain('Now: not checked (--offline).');
  });

  it('answers in the documented JSON shape, the words unquoted or quoted alike', async () => {
    const { answer, code } = await explainJson(['0xcaa70004', '--offline']);
    expect(code).toBe(0);
    expect(answer.query).toBe('0xcaa70004');
    expect(answer.matches[0]).toEqual(
      expect.objectContaining({ id: 'teams-0xcaa70004-proxy', service: 'teams', side: 'local', codes: ['0xCAA70004'] }),
    );
    expect(Object.keys(answer.matches[0] ?? {}).sort()).toEqual(['codes', 'id', 'meaning', 'service', 'side', 'steps', 'title']);
    expect(answer.context).toEqual({ incidents: [], verdict: null });
    expect(answer.suggestions).toEqual([]);
    const unquoted = await explainJson(['Trying', 'to', 'connect…', '--offline']);
    expect(unquoted.answer.matches[0]?.id).toBe('outlook-trying-to-connect');
  });

  it('exits 3 when nothing matched, with suggestions and how to describe the problem', async () => {
    const run = await runCli(['explain', 'the printer on floor 3 is jammed', '--offline']);
    expect(run.code).toBe(3);
    expect(run.stdout).toContain('Nothing in the knowledge base matches this text.');
    expect(run.stdout).toContain('the exact error code');
    expect(run.stdout).toMatch(/Closest entries:\n {2}- /);
    const { answer, code } = await explainJson(['the printer on floor 3 is jammed', '--offline']);
    expect(code).toBe(3);
    expect(answer.matches).toEqual([]);
    expect(answer.suggestions.length).toBeGreaterThan(0);
    expect(answer.suggestions[0]).toEqual({ id: expect.any(String) as string, title: expect.any(String) as string });
  });
});

describe('explain ties the match to one check of its service', () => {
  it('names the open Exchange incident of the org feed: it is not you', async () => {
    const config = configWithFeed('/feed.json');
    const run = await runCli(['explain', '451 4.3.2 Temporary server error', '--config', config]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Now: This matches the open incident EX1224375 on Exchange Online \(".+"\): it is not you\.$/m);
    const { answer } = await explainJson(['451-4.3.2', '--config', config]);
    expect(answer.context.incidents).toContainEqual({ sourceId: 'org-feed', id: 'EX1224375', title: 'Users may be unable to send or receive email' });
    expect(answer.context.verdict).toBe('provider-incident');
  });

  it('does not blame the incident for an error that has another cause', async () => {
    const run = await runCli(['explain', '550 5.1.10 Recipient not found', '--config', configWithFeed('/feed.json')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Now: There is the open incident EX1224375 .*but this error usually has another cause: your account\./m);
  });

  it('says when the service reports no incident', async () => {
    const { answer, code } = await explainJson(['emails stuck in the outbox', '--config', configWithFeed('/quiet-feed.json')]);
    expect(code).toBe(0);
    expect(answer.context.incidents.filter((i) => i.sourceId === 'org-feed')).toEqual([]);
    const run = await runCli(['explain', 'emails stuck in the outbox', '--config', configWithFeed('/quiet-feed.json')]);
    expect(run.stdout).toContain("Now: Exchange Online reports no incident (your connection was not tested): this is likely your account or the recipient's side.");
  });
});

describe('explain usage errors', () => {
  it('exits 64 without text, and with --json prints the one error object', async () => {
    const run = await runCli(['explain']);
    expect(run.code).toBe(64);
    expect(run.stderr).toContain('explain needs the error text');
    const json = await runCli(['explain', '--json']);
    expect(json.code).toBe(64);
    expect(JSON.parse(json.stdout)).toEqual({
      error: { kind: 'bad-usage', message: expect.stringContaining('explain needs the error text') as string, file: null, line: null, column: null, key: null },
    });
  });

  it('refuses --no-probes with explain and --offline with other commands', async () => {
    expect((await runCli(['explain', '4.3.2', '--no-probes'])).code).toBe(64);
    expect((await runCli(['check', '--offline'])).code).toBe(64);
    expect((await runCli(['explain', '4.3.2', '--bogus', '--json'])).code).toBe(64);
  });

  it('reports a bad config file named with explain', async () => {
    const run = await runCli(['explain', '4.3.2', '--config', writeConfig('{ "connectivity": { "enabled": "maybe" } }'), '--json']);
    expect(run.code).toBe(64);
    expect((JSON.parse(run.stdout) as { error: { kind: string } }).error.kind).toBe('bad-config');
  });
});
