/**
 * Every verdict kind, produced end to end by the built CLI (`diagnose --json` and `check --json`)
 * under real conditions on this machine: loopback servers that answer, fail, redirect or stall; a
 * closed port; TLS servers with throwaway certificates; a loopback proxy that wants a password;
 * and network namespaces where nothing but loopback exists. No socket is mocked.
 */
import { createServer as createNetServer } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ROOT, runCli, writeConfig } from '../helpers/cli.js';
import { serveFixture, serveText, startLoopback, type Loopback } from '../helpers/loopback.js';
import { netnsSupport, runNodeInNetns } from '../helpers/netns.js';
import { startLoopbackProxy, type LoopbackProxy } from '../helpers/proxy.js';
import { makeCa, makeServerCert, startHttpsLoopback, type CertificateAuthority, type HttpsLoopback } from '../helpers/tls.js';

interface VerdictJson {
  kind: string;
  title: string;
  summary: string;
  advice: string;
  evidence: Array<{ code: string; text: string }>;
  flags: string[];
}
interface DiagnoseJson {
  tray: string;
  exitCode: number;
  verdict: VerdictJson;
  probes: { timedOut: boolean; targets: Array<{ target: { id: string }; reachable: boolean; failedAt: string | null }> };
}
interface CheckJson extends DiagnoseJson {
  overall: string;
  sources: Array<{ id: string; health: string; error: string | null }>;
}

let web: Loopback;
let closedPort: number;
let proxy: LoopbackProxy;
let ca: CertificateAuthority;
const tlsServers: HttpsLoopback[] = [];

const NCSI_BODY = 'Microsoft Connect Test';

beforeAll(async () => {
  web = await startLoopback({
    '/ok': serveText('{"ok":true}'),
    '/connecttest.txt': serveText(NCSI_BODY, 'text/plain'),
    '/portal': (_req, res) => res.writeHead(302, { location: '/login?return=msftconnecttest' }).end(),
    '/fail': serveText('<h1>Service Unavailable</h1>', 'text/html', 503),
    '/slow': (_req, res) => void setTimeout(() => res.writeHead(200, { 'content-type': 'text/plain' }).end('late'), 1700),
    '/dropbox/components.json': serveFixture('statuspage/dropbox-components-2021-12-02-operational.json'),
    '/github/api/v2/summary.json': serveFixture('statuspage/github-summary-2020-04-02-major-outage.json'),
    '/html': serveText('<!doctype html><title>Sign in</title>', 'text/html'),
  });
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = (probe.address() as { port: number }).port;
  await new Promise((resolve) => probe.close(resolve));
  proxy = await startLoopbackProxy({ requireAuthorization: 'Basic c2VjcmV0' });
  ca = await makeCa({ commonName: 'Outage Radar Test Root', organization: 'Outage Radar Tests' });
});

afterAll(async () => {
  await web.close();
  await proxy.close();
  for (const server of tlsServers) await server.close();
  await ca?.dispose();
});

/** A config whose every probe points at this machine; `operational` adds a healthy status page. */
function probeConfig(connectivity: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  return writeConfig({
    // A catalog id overrides where that source is read; the watch list keeps everything on loopback.
    watch: ['dropbox'],
    sources: [{ id: 'dropbox', url: `${web.url}/dropbox/components.json` }],
    ...extra,
    connectivity: {
      baseline: [`${web.url}/ok`],
      captive: [{ id: 'ncsi', url: `${web.url}/connecttest.txt`, expectStatus: 200, expectBody: NCSI_BODY }],
      ...connectivity,
    },
  });
}

const serviceTargets = (url: string, ids = ['outlook-a', 'outlook-b']): object[] =>
  ids.map((id) => ({ id, url, role: 'service', serviceId: 'outlook' }));

async function diagnose(config: string): Promise<DiagnoseJson & { code: number | null; stderr: string }> {
  const run = await runCli(['diagnose', '--json', '--config', config]);
  expect(run.stderr).toBe('');
  return { ...(JSON.parse(run.stdout) as DiagnoseJson), code: run.code, stderr: run.stderr };
}

async function check(config: string, extraArgs: string[] = []): Promise<CheckJson & { code: number | null }> {
  const run = await runCli(['check', '--json', '--config', config, ...extraArgs]);
  expect(run.stderr).toBe('');
  return { ...(JSON.parse(run.stdout) as CheckJson), code: run.code };
}

describe('verdicts from loopback conditions, through the CLI', () => {
  it('all-good: every host answers, the Wi-Fi check passes, the status page is green', async () => {
    const config = probeConfig({ targets: serviceTargets(`${web.url}/ok`) });
    const diag = await diagnose(config);
    expect(diag.verdict.kind).toBe('all-good');
    expect(diag.code).toBe(0);
    const full = await check(config);
    expect(full.verdict.kind).toBe('all-good');
    expect(full.tray).toBe('ok');
    expect(full.code).toBe(0);
  });

  it('provider-incident: the network is fine and the status page confirms an outage', async () => {
    const config = probeConfig(
      { targets: serviceTargets(`${web.url}/ok`) },
      { watch: ['github'], sources: [{ id: 'github', url: `${web.url}/github` }] },
    );
    const full = await check(config);
    expect(full.verdict.kind).toBe('provider-incident');
    expect(full.verdict.summary).toMatch(/GitHub/);
    expect(full.tray).toBe('outage');
    expect(full.code).toBe(2);
  });

  it('provider-unconfirmed: two hosts of a service fail with 503 while the rest of the internet works', async () => {
    const diag = await diagnose(probeConfig({ targets: serviceTargets(`${web.url}/fail`) }));
    expect(diag.verdict.kind).toBe('provider-unconfirmed');
    expect(diag.verdict.summary).toMatch(/2 of 2/);
    // Nothing is posted yet, so the tray says "degraded" (amber), not a confirmed outage.
    expect(diag.tray).toBe('degraded');
    expect(diag.code).toBe(1);
  });

  it('captive-portal: the Wi-Fi check is redirected to a sign-in page', async () => {
    const config = probeConfig({
      targets: serviceTargets(`${web.url}/ok`),
      captive: [{ id: 'ncsi', url: `${web.url}/portal`, expectStatus: 200, expectBody: NCSI_BODY }],
    });
    const diag = await diagnose(config);
    expect(diag.verdict.kind).toBe('captive-portal');
    expect(diag.verdict.title).toBe('Your network needs a sign-in');
    expect(diag.tray).toBe('local');
    expect(diag.code).toBe(2);
    // The same through `check`: a local problem outranks everything the status pages say.
    const full = await check(config);
    expect(full.verdict.kind).toBe('captive-portal');
    expect(full.tray).toBe('local');
  });

  it('proxy-auth-required: the configured proxy answers 407, and nothing goes past it', async () => {
    const config = writeConfig({
      watch: ['dropbox'],
      sources: [{ id: 'dropbox', url: `${web.url}/dropbox/components.json` }],
      network: { proxy: proxy.url },
      connectivity: {
        targets: [
          { id: 'outlook', url: 'https://outlook.office365.com/', role: 'service', serviceId: 'outlook' },
          { id: 'teams', url: 'https://teams.microsoft.com/', role: 'service', serviceId: 'teams' },
        ],
        baseline: ['https://www.wikipedia.org/'],
        captive: [],
      },
    });
    const diag = await diagnose(config);
    expect(diag.verdict.kind).toBe('proxy-auth-required');
    expect(diag.verdict.summary).toMatch(/407/);
    expect(diag.tray).toBe('local');
    expect(proxy.tunnels).toContain('outlook.office365.com:443');
  });

  it('blocked: the rest of the internet answers but the service hosts refuse connections', async () => {
    const diag = await diagnose(probeConfig({ targets: serviceTargets(`http://127.0.0.1:${closedPort}/`) }));
    expect(diag.verdict.kind).toBe('blocked');
    expect(diag.probes.targets.filter((t) => t.target.id.startsWith('outlook')).every((t) => t.failedAt === 'tcp')).toBe(true);
    expect(diag.tray).toBe('local');
    expect(diag.code).toBe(2);
  });

  it('clock-skew: certificates of two unrelated hosts are not yet valid', async () => {
    const future = new Date(Date.now() + 400 * 24 * 3600 * 1000);
    for (const host of ['localhost', '127.0.0.1']) {
      const cert = await makeServerCert(ca, { hosts: [host], notBefore: future, notAfter: new Date(future.getTime() + 30 * 24 * 3600 * 1000) });
      tlsServers.push(await startHttpsLoopback(cert, (_req, res) => res.writeHead(200).end('ok')));
    }
    const [first, second] = tlsServers.slice(-2);
    const caFile = join(ca.dir, 'trusted-root.pem');
    writeFileSync(caFile, ca.rootPem);
    const config = probeConfig(
      {
        targets: [
          { id: 'outlook', url: `https://localhost:${first!.port}/`, role: 'service', serviceId: 'outlook' },
          { id: 'teams', url: `https://127.0.0.1:${second!.port}/`, role: 'service', serviceId: 'teams' },
        ],
      },
      { network: { caFile } },
    );
    const diag = await diagnose(config);
    expect(diag.verdict.kind).toBe('clock-skew');
    expect(diag.verdict.advice).toMatch(/date|time/i);
    expect(diag.tray).toBe('local');
  });

  it('slow-network: every host answers, but slowly, in two runs in a row', async () => {
    const diag = await diagnose(
      probeConfig({ targets: serviceTargets(`${web.url}/slow`), baseline: [`${web.url}/slow`] }),
    );
    expect(diag.verdict.kind).toBe('slow-network');
    expect(diag.verdict.summary).toMatch(/two checks in a row/);
  });

  it('unknown: a status page answers with a sign-in page and probes were skipped', async () => {
    const config = writeConfig({ sources: [{ id: 'acme', type: 'statuspage', url: `${web.url}/html` }] });
    const full = await check(config, ['--no-probes']);
    expect(full.verdict.kind).toBe('unknown');
    expect(full.tray).toBe('unknown');
    expect(full.code).toBe(3);
  });
});

const ns = netnsSupport();
if (!ns.ok) console.warn(`skipping network-namespace verdict tests: ${ns.reason}`);

describe.skipIf(!ns.ok)('verdicts that need a machine with no network at all (network namespaces)', () => {
  const runner = join(ROOT, 'test', 'fixtures', 'netns', 'run-cli.mjs');
  async function inNamespace(scenario: object): Promise<{ code: number; stdout: string; stderr: string }> {
    const file = writeConfig({ cli: CLI, ...scenario }, 'scenario.json');
    return JSON.parse(await runNodeInNetns(runner, { args: [file], timeoutMs: 30_000 })) as { code: number; stdout: string; stderr: string };
  }

  it('no-network: no interface but loopback; the unreachable status page does not make it the provider’s outage', async () => {
    const run = await inNamespace({
      args: ['check', '--json'],
      config: {
        watch: ['github'],
        sources: [{ id: 'github', url: 'https://status.github.invalid' }],
        connectivity: {
          targets: [{ id: 'outlook', url: 'https://outlook.office365.invalid/', role: 'service', serviceId: 'outlook' }],
          baseline: ['https://baseline.invalid/', 'https://192.0.2.1/'],
          captive: [{ id: 'ncsi', url: 'http://captive.invalid/connecttest.txt', expectStatus: 200, expectBody: NCSI_BODY }],
        },
      },
    });
    const report = JSON.parse(run.stdout) as CheckJson;
    expect(report.verdict.kind).toBe('no-network');
    expect(report.sources[0]?.health).toBe('unknown');
    expect(report.tray).toBe('local');
    expect(run.code).toBe(2);
  });

  it('dns-failure: names do not resolve, yet a numeric address connects', async () => {
    const run = await inNamespace({
      args: ['diagnose', '--json'],
      routes: { '/ok': { body: '{"ok":true}' } },
      config: {
        watch: ['dropbox'],
        sources: [{ id: 'dropbox', url: '{{ORIGIN}}/dropbox' }],
        connectivity: {
          targets: [
            { id: 'outlook', url: 'https://outlook.office365.invalid/', role: 'service', serviceId: 'outlook' },
            { id: 'teams', url: 'https://teams.microsoft.invalid/', role: 'service', serviceId: 'teams' },
            { id: 'literal', url: '{{ORIGIN}}/ok', role: 'baseline' },
          ],
          baseline: ['https://www.wikipedia.invalid/'],
          captive: [],
        },
      },
    });
    const report = JSON.parse(run.stdout) as DiagnoseJson;
    expect(report.verdict.kind).toBe('dns-failure');
    expect(report.tray).toBe('local');
    expect(run.code).toBe(2);
  });
});

describe('a failing status page during a local problem', () => {
  it('is the user’s network, not the provider’s outage (captive portal + a status page that cannot be reached)', async () => {
    const config = probeConfig(
      {
        targets: serviceTargets(`${web.url}/ok`),
        captive: [{ id: 'ncsi', url: `${web.url}/portal`, expectStatus: 200, expectBody: NCSI_BODY }],
      },
      { watch: ['github'], sources: [{ id: 'github', url: `http://127.0.0.1:${closedPort}/` }] },
    );
    const full = await check(config);
    expect(full.sources.find((s) => s.id === 'github')?.error).toMatch(/ECONNREFUSED/);
    expect(full.tray).toBe('local');
    expect(full.tray).not.toBe('outage');
  });
});

