import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaptiveCheck, LadderResult, ProbeTarget, StepResult, TargetResult } from '../../main/core/verdict/connectivity-model.js';
import { runLadder } from '../../main/node/probes/ladder.js';
import { runLadderInNetns } from '../helpers/ladder-in-ns.js';
import { closedPort, startLoopback, serveText, type Loopback } from '../helpers/loopback.js';
import { netnsSupport } from '../helpers/netns.js';
import { startLoopbackProxy } from '../helpers/proxy.js';
import { makeCa, makeServerCert, startHttpsLoopback, type CertificateAuthority, type HttpsLoopback } from '../helpers/tls.js';

const NO_ENV = {};

const target = (id: string, url: string, extra: Partial<ProbeTarget> = {}): ProbeTarget => ({
  id,
  url,
  role: 'service',
  serviceId: id,
  expectedIssuers: [],
  ...extra,
});

function stepOf(result: TargetResult, step: StepResult['step']): StepResult {
  const found = result.steps.find((s) => s.step === step);
  if (!found) throw new Error(`no ${step} step in ${JSON.stringify(result.steps)}`);
  return found;
}

function byId(result: LadderResult, id: string): TargetResult {
  const found = result.targets.find((t) => t.target.id === id);
  if (!found) throw new Error(`no target ${id}`);
  return found;
}

describe('ladder on loopback', () => {
  let ca: CertificateAuthority;
  let https: HttpsLoopback;
  let plain: Loopback;

  beforeAll(async () => {
    ca = await makeCa({ organization: 'Contoso Test Root' });
    const cert = await makeServerCert(ca, { hosts: ['127.0.0.1'] });
    https = await startHttpsLoopback(cert, (req, res) => {
      if (req.url === '/busy') res.writeHead(503, { 'retry-after': '30' }).end('busy');
      else res.writeHead(302, { location: '/owa/' }).end();
    });
    plain = await startLoopback({
      '/': serveText('hello', 'text/plain'),
      '/connecttest.txt': serveText('Microsoft Connect Test', 'text/plain'),
      '/login-redirect.txt': serveText('', 'text/html', 302, { location: 'http://portal.example/login' }),
    });
  });
  afterAll(async () => {
    await https?.close();
    await plain?.close();
    await ca?.dispose();
  });

  it('walks proxy, dns, tcp, tls and http in order and calls a verified answer reachable', async () => {
    const result = await runLadder(
      { targets: [target('outlook', `${https.url}/`, { expectedIssuers: ['Contoso'] })], captive: [] },
      { extraCaPem: ca.certPem, env: NO_ENV },
    );
    expect(result.timedOut).toBe(false);
    expect(result.proxy).toEqual({ mode: 'DIRECT', source: 'none' });
    const outlook = byId(result, 'outlook');
    expect(outlook.steps.map((s) => [s.step, s.outcome])).toEqual([
      ['proxy', 'ok'],
      ['dns', 'ok'],
      ['tcp', 'ok'],
      ['tls', 'ok'],
      ['http', 'ok'],
    ]);
    expect(outlook).toMatchObject({ path: 'DIRECT', failedAt: null, reachable: true, httpStatus: 302 });
    expect(stepOf(outlook, 'tls').tls).toMatchObject({ authorized: true, issuerOrg: 'Contoso Test Root' });
    for (const step of outlook.steps) {
      expect(step.durationMs).toBeGreaterThanOrEqual(0);
      expect(Date.parse(step.startedAt)).toBeGreaterThanOrEqual(Date.parse(result.startedAt));
    }
  });

  it('reports a 503 from a correctly certified host as reachable with its status (a service-side signal)', async () => {
    const result = await runLadder({ targets: [target('teams', `${https.url}/busy`)], captive: [] }, { extraCaPem: ca.certPem, env: NO_ENV });
    expect(byId(result, 'teams')).toMatchObject({ reachable: true, httpStatus: 503, failedAt: null });
  });

  it('stops at tls for an untrusted certificate and skips http', async () => {
    const result = await runLadder({ targets: [target('outlook', `${https.url}/`)], captive: [] }, { env: NO_ENV });
    const outlook = byId(result, 'outlook');
    expect(outlook).toMatchObject({ failedAt: 'tls', reachable: false, httpStatus: null });
    expect(stepOf(outlook, 'tls')).toMatchObject({ outcome: 'fail', errorCode: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
    expect(stepOf(outlook, 'http').outcome).toBe('skipped');
  });

  it('stops at tcp for a closed port and skips the rest', async () => {
    const result = await runLadder({ targets: [target('outlook', `https://127.0.0.1:${await closedPort()}/`)], captive: [] }, { env: NO_ENV });
    const outlook = byId(result, 'outlook');
    expect(outlook).toMatchObject({ failedAt: 'tcp', reachable: false });
    expect(stepOf(outlook, 'tcp').errorCode).toBe('ECONNREFUSED');
    expect([stepOf(outlook, 'tls').outcome, stepOf(outlook, 'http').outcome]).toEqual(['skipped', 'skipped']);
  });

  it('skips tls for a plain http target and still reaches it', async () => {
    const result = await runLadder({ targets: [target('intranet', `${plain.url}/`, { role: 'baseline', serviceId: null })], captive: [] }, { env: NO_ENV });
    const intranet = byId(result, 'intranet');
    expect(stepOf(intranet, 'tls')).toMatchObject({ outcome: 'skipped', detail: expect.stringContaining('plain http') });
    expect(intranet).toMatchObject({ reachable: true, httpStatus: 200, failedAt: null });
  });

  it('runs the captive checks beside the targets', async () => {
    const checks: CaptiveCheck[] = [
      { id: 'ncsi', url: `${plain.url}/connecttest.txt`, expectStatus: 200, expectBody: 'Microsoft Connect Test' },
      { id: 'portal', url: `${plain.url}/login-redirect.txt`, expectStatus: 200, expectBody: 'Microsoft Connect Test' },
    ];
    const result = await runLadder({ targets: [], captive: checks }, { env: NO_ENV });
    expect(result.captive.map((c) => [c.check.id, c.outcome, c.location])).toEqual([
      ['ncsi', 'ok', null],
      ['portal', 'portal', 'http://portal.example/login'],
    ]);
  });

  it('reports a bad target URL as a failed step instead of throwing', async () => {
    const result = await runLadder({ targets: [target('broken', 'not a url')], captive: [] }, { env: NO_ENV });
    expect(byId(result, 'broken')).toMatchObject({ failedAt: 'proxy', reachable: false });
    expect(byId(result, 'broken').steps[0]?.errorCode).toBe('ERR_INVALID_URL');
  });

  describe('through a proxy', () => {
    it('tunnels through a working CONNECT proxy: path PROXY, DNS skipped, TCP to the proxy', async () => {
      const proxy = await startLoopbackProxy();
      try {
        const result = await runLadder(
          { targets: [target('outlook', `${https.url}/`)], captive: [] },
          { extraCaPem: ca.certPem, proxy: `http://127.0.0.1:${proxy.port}` },
        );
        const outlook = byId(result, 'outlook');
        expect(outlook).toMatchObject({ path: `PROXY 127.0.0.1:${proxy.port}`, reachable: true, httpStatus: 302 });
        expect(stepOf(outlook, 'dns')).toMatchObject({ outcome: 'skipped', detail: expect.stringContaining('proxy') });
        expect(stepOf(outlook, 'tcp').detail).toContain(`127.0.0.1:${proxy.port}`);
        expect(proxy.tunnels).toEqual([`127.0.0.1:${https.port}`]);
        expect(result.proxy).toEqual({ mode: `http://127.0.0.1:${proxy.port}`, source: 'config' });
      } finally {
        await proxy.close();
      }
    });

    it('asks the proxy, not local DNS, for a foreign host name', async () => {
      // The test proxy only reaches loopback and answers 403 for anything else: nothing leaves the machine.
      const proxy = await startLoopbackProxy();
      try {
        const result = await runLadder({ targets: [target('outlook', 'https://outlook.office365.com/')], captive: [] }, { proxy: `PROXY 127.0.0.1:${proxy.port}` });
        const outlook = byId(result, 'outlook');
        expect(stepOf(outlook, 'dns').outcome).toBe('skipped');
        expect(stepOf(outlook, 'tls')).toMatchObject({ outcome: 'fail', errorCode: 'PROXY_CONNECT_403', httpStatus: 403 });
        expect(proxy.tunnels).toEqual(['outlook.office365.com:443']);
      } finally {
        await proxy.close();
      }
    });

    it('reports PROXY_AUTH_REQUIRED when the proxy answers CONNECT with 407', async () => {
      const proxy = await startLoopbackProxy({ requireAuthorization: 'Basic secret' });
      try {
        const result = await runLadder({ targets: [target('outlook', `${https.url}/`)], captive: [] }, { extraCaPem: ca.certPem, env: { HTTPS_PROXY: proxy.url } });
        const outlook = byId(result, 'outlook');
        expect(outlook).toMatchObject({ failedAt: 'tls', reachable: false, httpStatus: 407 });
        expect(stepOf(outlook, 'tls')).toMatchObject({ errorCode: 'PROXY_AUTH_REQUIRED', httpStatus: 407 });
        expect(result.proxy).toEqual({ mode: `PROXY 127.0.0.1:${proxy.port}`, source: 'env' });
      } finally {
        await proxy.close();
      }
    });

    it('sends proxy credentials from the proxy URL and reports PROXY_AUTH_REQUIRED for plain http without them', async () => {
      const token = `Basic ${Buffer.from('alice:pw').toString('base64')}`;
      const proxy = await startLoopbackProxy({ requireAuthorization: token });
      try {
        const withCredentials = await runLadder(
          { targets: [target('secure', `${https.url}/`), target('plain', `${plain.url}/`)], captive: [] },
          { extraCaPem: ca.certPem, proxy: `http://alice:pw@127.0.0.1:${proxy.port}` },
        );
        expect(byId(withCredentials, 'secure').reachable).toBe(true);
        expect(byId(withCredentials, 'plain')).toMatchObject({ reachable: true, httpStatus: 200 });
        expect(JSON.stringify(withCredentials)).not.toContain('pw@');

        const without = await runLadder({ targets: [target('plain', `${plain.url}/`)], captive: [] }, { proxy: `PROXY 127.0.0.1:${proxy.port}` });
        expect(byId(without, 'plain')).toMatchObject({ failedAt: 'http', reachable: false, httpStatus: 407 });
        expect(stepOf(byId(without, 'plain'), 'http').errorCode).toBe('PROXY_AUTH_REQUIRED');
      } finally {
        await proxy.close();
      }
    });

    it('asks an injected resolver (Electron session.resolveProxy) per target', async () => {
      const proxy = await startLoopbackProxy();
      const asked: string[] = [];
      try {
        const result = await runLadder(
          { targets: [target('outlook', `${https.url}/`), target('intranet', `${plain.url}/`)], captive: [] },
          {
            extraCaPem: ca.certPem,
            resolveProxy: async (url) => {
              asked.push(url);
              return url.startsWith('https:') ? `PROXY 127.0.0.1:${proxy.port}; DIRECT` : 'DIRECT';
            },
          },
        );
        expect(byId(result, 'outlook')).toMatchObject({ path: `PROXY 127.0.0.1:${proxy.port}`, reachable: true });
        expect(byId(result, 'intranet')).toMatchObject({ path: 'DIRECT', reachable: true });
        expect(asked.sort()).toEqual([`${https.url}/`, `${plain.url}/`].sort());
        expect(result.proxy.source).toBe('system');
      } finally {
        await proxy.close();
      }
    });

    it('falls back to DIRECT when the proxy resolver fails, and says so', async () => {
      const result = await runLadder(
        { targets: [target('intranet', `${plain.url}/`)], captive: [] },
        {
          resolveProxy: async () => {
            throw new Error('PAC script unreachable');
          },
        },
      );
      const intranet = byId(result, 'intranet');
      expect(stepOf(intranet, 'proxy')).toMatchObject({ outcome: 'fail', errorCode: 'PROXY_RESOLVE_FAILED' });
      expect(intranet).toMatchObject({ path: 'DIRECT', reachable: true, failedAt: 'proxy' });
    });
  });
});

describe('ladder time bound', () => {
  it('returns within the total bound with every hung step reported as timeout, and never blocks the event loop', async () => {
    const sockets = new Set<Socket>();
    const servers = await Promise.all(
      Array.from({ length: 10 }, async () => {
        // Accepts TCP and never says a word: the TLS handshake (and so the run) hangs.
        const server = createTcpServer((socket) => {
          sockets.add(socket);
          socket.on('error', () => undefined);
        });
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        return server;
      }),
    );
    const targets = servers.map((server, i) => target(`hung-${i}`, `https://127.0.0.1:${(server.address() as AddressInfo).port}/`));
    let last = performance.now();
    let worstGap = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      worstGap = Math.max(worstGap, now - last);
      last = now;
    }, 20);
    try {
      const started = performance.now();
      const result = await runLadder({ targets, captive: [] }, { timeoutsMs: { total: 1500 }, env: NO_ENV });
      const elapsed = performance.now() - started;
      expect(result.timedOut).toBe(true);
      expect(elapsed).toBeLessThan(2500);
      expect(result.durationMs).toBeGreaterThanOrEqual(1400);
      for (const hung of result.targets) {
        expect(hung.failedAt).toBe('tls');
        expect(stepOf(hung, 'tls')).toMatchObject({ outcome: 'timeout', errorCode: 'RUN_TIMEOUT' });
        expect(stepOf(hung, 'http').outcome).toBe('skipped');
      }
      // A blocked loop would show one gap of about the whole run (1.5 s); allow for a busy shared machine.
      expect(worstGap).toBeLessThan(500);
    } finally {
      clearInterval(ticker);
      for (const socket of sockets) socket.destroy();
      await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
    }
  });

  it('stops when the caller cancels', async () => {
    const sockets = new Set<Socket>();
    const server = createTcpServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    try {
      const started = performance.now();
      const result = await runLadder(
        { targets: [target('hung', `https://127.0.0.1:${(server.address() as AddressInfo).port}/`)], captive: [] },
        { signal: controller.signal, env: NO_ENV },
      );
      expect(performance.now() - started).toBeLessThan(1500);
      expect(result.timedOut).toBe(true);
      expect(stepOf(byId(result, 'hung'), 'tls')).toMatchObject({ outcome: 'timeout', detail: expect.stringContaining('cancelled') });
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

const support = netnsSupport();
if (!support.ok) console.warn(`[ladder.test] skipping network-namespace tests: ${support.reason}`);

describe.skipIf(!support.ok)('ladder in a network namespace with no network', () => {
  it('sees no link, failing DNS, an unroutable address, and still reaches a name from the hosts file', async () => {
    const { result, port } = await runLadderInNetns({
      httpServer: true,
      hosts: '127.0.0.1 localhost\n127.0.0.1 intranet.test\n',
      plan: {
        targets: [
          target('outlook', 'https://outlook.invalid/'),
          // TEST-NET-1: never routed, and this namespace has no route at all.
          target('unroutable', 'https://192.0.2.1/'),
          target('intranet', 'http://intranet.test:{{PORT}}/', { role: 'baseline', serviceId: null }),
        ],
        captive: [{ id: 'ncsi', url: 'http://ncsi.invalid/connecttest.txt', expectStatus: 200, expectBody: 'Microsoft Connect Test' }],
      },
      options: { env: {}, timeoutsMs: { total: 8000 } },
    });
    expect(result.timedOut).toBe(false);
    expect(result.link.online).toBe(false);

    const outlook = byId(result, 'outlook');
    expect(outlook.failedAt).toBe('dns');
    expect(['ENOTFOUND', 'EAI_AGAIN']).toContain(stepOf(outlook, 'dns').errorCode);
    expect(stepOf(outlook, 'tcp').outcome).toBe('skipped');

    const unroutable = byId(result, 'unroutable');
    expect(unroutable.failedAt).toBe('tcp');
    expect(stepOf(unroutable, 'tcp')).toMatchObject({ outcome: 'fail', errorCode: 'ENETUNREACH' });
    expect(stepOf(unroutable, 'tcp').durationMs).toBeLessThan(1000);

    const intranet = byId(result, 'intranet');
    expect(stepOf(intranet, 'dns').addresses).toEqual(['127.0.0.1']);
    expect(intranet).toMatchObject({ reachable: true, httpStatus: 200 });
    expect(port).not.toBeNull();

    expect(result.captive[0]).toMatchObject({ outcome: 'unreachable' });
    expect(['ENOTFOUND', 'EAI_AGAIN']).toContain(result.captive[0]?.errorCode);
  });

  it('keeps its bounds when DNS never answers, even with the lookup threadpool saturated', async () => {
    // Eight hung lookups (plus the captive check's) against libuv's four threads: later lookups
    // queue behind stuck ones. Each step still ends on its own timer and the run on time.
    const names = Array.from({ length: 8 }, (_, i) => target(`slow-${i}`, `https://slow-${i}.invalid/`));
    const { result } = await runLadderInNetns({
      dnsBlackhole: true,
      resolverOptions: 'options timeout:10 attempts:2',
      plan: { targets: names, captive: [{ id: 'ncsi', url: 'http://ncsi.invalid/connecttest.txt', expectStatus: 200, expectBody: 'Microsoft Connect Test' }] },
      options: { env: {}, timeoutsMs: { dns: 400, captive: 600, total: 3000 } },
    });
    expect(result.timedOut).toBe(false);
    expect(result.durationMs).toBeLessThan(1500);
    for (const slow of result.targets) {
      expect(stepOf(slow, 'dns')).toMatchObject({ outcome: 'timeout', errorCode: 'ETIMEDOUT' });
      expect(stepOf(slow, 'dns').durationMs).toBeLessThan(1000);
    }
    expect(result.captive[0]).toMatchObject({ outcome: 'timeout', errorCode: 'ETIMEDOUT' });
  });
});
