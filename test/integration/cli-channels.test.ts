/**
 * The organization's own channels (config key `channels`) reach `check --json`: during an open
 * Exchange incident a configured channel that depends on nothing is suggested, one that depends on
 * Outlook is not, and the built-in defaults give way to the configured list. Real CLI, the real
 * recorded Microsoft payload and the documented org feed, on loopback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, writeConfig } from '../helpers/cli.js';
import { serveFixture, startLoopback, type Loopback } from '../helpers/loopback.js';
import { currentExampleFeed } from '../helpers/org-feed.js';

const MS_POST = 'microsoft-public-status/status-cloud-microsoft-api-posts-mac-2026-09-18.json';

interface JsonReport {
  services: Array<{ id: string; health: string }>;
  advice: Array<{ id: string; channels?: Array<{ name: string; kind: string; service: string | null }> }>;
}

let server: Loopback;
beforeAll(async () => {
  server = await startLoopback({
    '/ms/api/posts/mac': serveFixture(MS_POST),
    '/feed.json': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(currentExampleFeed(Date.now())),
  });
});
afterAll(() => server.close());

async function check(channels: unknown): Promise<{ report: JsonReport; stderr: string; code: number | null }> {
  const config = writeConfig({ orgFeedUrl: `${server.url}/feed.json`, sources: [{ id: 'microsoft-public', url: `${server.url}/ms/api/posts/mac` }], channels });
  const run = await runCli(['check', '--config', config, '--no-probes', '--json']);
  return { report: (run.stdout ? JSON.parse(run.stdout) : null) as JsonReport, stderr: run.stderr, code: run.code };
}

const suggested = (report: JsonReport): Array<{ name: string; kind: string; service: string | null }> =>
  report.advice.find((a) => a.id === 'switch-channel')?.channels ?? [];

describe('configured channels during an open Exchange incident', () => {
  it('suggests Slack (depends on nothing), never a channel that depends on Outlook, and not the built-in defaults', async () => {
    const { report } = await check([
      { name: 'Slack', kind: 'chat', how: 'Post in #it-status on Slack.', url: 'https://example.slack.com/', service: null },
      { name: 'Shared mailbox', kind: 'email', how: 'Write to the team mailbox.', service: 'outlook', replaces: ['teams'] },
      { name: 'Mail via webmail', kind: 'web', how: 'Open webmail.', service: 'outlook' },
    ]);
    expect(report.services.find((s) => s.id === 'outlook')?.health).toBe('outage');
    const channels = suggested(report);
    expect(channels).toContainEqual({ name: 'Slack', kind: 'chat', service: null });
    expect(channels.map((c) => c.name)).not.toContain('Mail via webmail');
    expect(channels.map((c) => c.name)).not.toContain('Shared mailbox');
    expect(channels.map((c) => c.service)).not.toContain('outlook');
    expect(channels.map((c) => c.name)).not.toContain('A phone call');
  });

  it('a channel naming a service that does not exist is a config error with its key path', async () => {
    const { code, stderr } = await check([{ name: 'Slack', kind: 'chat', how: 'Post in Slack.', service: 'slack-enterprise' }]);
    expect(code).toBe(64);
    expect(stderr).toMatch(/channels\[0\]\.service: unknown service "slack-enterprise"/);
  });
});
