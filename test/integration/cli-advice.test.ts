/**
 * `check --json` carries the advice engine's list: during an open mail incident it advises against
 * reinstalling and suggests only channels that work right now, never one that depends on the
 * failing service. Real CLI, real recorded Microsoft payload and the documented org feed, on loopback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, writeConfig } from '../helpers/cli.js';
import { serveFixture, startLoopback, type Loopback } from '../helpers/loopback.js';
import { currentExampleFeed } from '../helpers/org-feed.js';

const MS_POST = 'microsoft-public-status/status-cloud-microsoft-api-posts-mac-2026-09-18.json';

interface JsonAdvice {
  id: string;
  service: string | null;
  title: string;
  text: string;
  action: { kind: string } | null;
  channels?: Array<{ name: string; kind: string; service: string | null }>;
}
interface JsonReport {
  verdict: { kind: string; advice: string };
  services: Array<{ id: string; health: string }>;
  advice: JsonAdvice[];
}

let server: Loopback;
beforeAll(async () => {
  server = await startLoopback({
    '/ms/api/posts/mac': serveFixture(MS_POST),
    '/feed.json': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(currentExampleFeed(Date.now())),
  });
});
afterAll(() => server.close());

async function check(args: readonly string[]): Promise<{ stdout: string; code: number | null }> {
  const config = writeConfig({ orgFeedUrl: `${server.url}/feed.json`, sources: [{ id: 'microsoft-public', url: `${server.url}/ms/api/posts/mac` }] });
  const run = await runCli(['check', '--config', config, '--no-probes', ...args]);
  return { stdout: run.stdout, code: run.code };
}

describe('check advice during an open Exchange incident', () => {
  it('--json: do not reinstall, mail is not lost, and a channel that works, never a failing one', async () => {
    const { stdout } = await check(['--json']);
    const report = JSON.parse(stdout) as JsonReport;
    const health = new Map(report.services.map((s) => [s.id, s.health]));
    expect(health.get('outlook')).toBe('outage');
    const ids = report.advice.map((a) => a.id);
    expect(ids[0]).toBe('wait-for-fix');
    expect(ids).toContain('do-not-reinstall');
    expect(ids).toContain('mail-delayed-not-lost');
    expect(report.verdict.advice).toBe(report.advice[0]?.text);
    const channels = report.advice.find((a) => a.id === 'switch-channel')?.channels ?? [];
    expect(channels.length).toBeGreaterThan(0);
    for (const channel of channels) {
      if (channel.service !== null) expect(health.get(channel.service)).toBe('operational');
    }
    expect(channels.map((c) => c.service)).not.toContain('outlook');
    expect(channels.map((c) => c.service)).not.toContain('sharepoint');
  });

  it('the human output lists the rest of the advice under "What to do"', async () => {
    const { stdout } = await check([]);
    expect(stdout).toMatch(/^What to do: .*wait for Microsoft to fix it/m);
    expect(stdout).toMatch(/^ {2}- Do not reinstall or reset anything: /m);
    expect(stdout).toMatch(/^ {2}- Mail is delayed, not lost: /m);
  });
});
