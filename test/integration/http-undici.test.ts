import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_LIMITS, type HttpResult } from '../../main/core/ports.js';
import { createUndiciHttp, type UndiciHttp, type UndiciHttpOptions } from '../../main/node/http-undici.js';
import { readFixture } from '../helpers/fixtures.js';
import { serveText, startLoopback, type Loopback } from '../helpers/loopback.js';
import { startLoopbackProxy, type LoopbackProxy } from '../helpers/proxy.js';
import { makeCa, makeServerCert, startHttpsLoopback, type CertificateAuthority, type HttpsLoopback } from '../helpers/tls.js';

const USER_AGENT = 'OutageRadar/0.0.0-test';
const SUMMARY = 'statuspage/github-summary-2020-04-02-major-outage.json';

// Every resource a test opens is closed after it, whatever the outcome.
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

/**
 * An adapter that ignores the environment's proxy variables (`proxy: {}`), so these tests talk
 * straight to their loopback servers on any machine.
 */
function adapter(options: Partial<UndiciHttpOptions> = {}): UndiciHttp {
  const http = createUndiciHttp({ userAgent: USER_AGENT, proxy: {}, ...options });
  cleanups.push(() => http.close());
  return http;
}

async function loopback(routes: Parameters<typeof startLoopback>[0] = {}): Promise<Loopback> {
  const server = await startLoopback(routes);
  cleanups.push(() => server.close());
  return server;
}

async function proxyServer(options: Parameters<typeof startLoopbackProxy>[0] = {}): Promise<LoopbackProxy> {
  const proxy = await startLoopbackProxy(options);
  cleanups.push(() => proxy.close());
  return proxy;
}

function failureOf(result: HttpResult) {
  if (result.ok) throw new Error(`expected a failure, got HTTP ${result.status}`);
  return result.failure;
}

function success(result: HttpResult) {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.failure)}`);
  if (result.notModified) throw new Error('expected a body, got 304');
  return result;
}

async function timed<T>(work: Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work;
  return { value, ms: performance.now() - started };
}

describe('createUndiciHttp: answers and conditional requests', () => {
  it('returns the recorded JSON with its validators, then sends If-None-Match and reports 304', async () => {
    const body = readFixture(SUMMARY);
    const server = await loopback({
      '/summary.json': (req, res) => {
        if (req.headers['if-none-match'] === '"v1"') {
          res.writeHead(304, { etag: '"v1"' }).end();
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', etag: '"v1"' }).end(body);
      },
    });
    const http = adapter();

    const first = success(await http.get({ url: `${server.url}/summary.json` }));
    expect(first.status).toBe(200);
    expect(first.contentType).toBe('application/json');
    expect(first.body).toBe(body);
    expect(first.bytes).toBe(Buffer.byteLength(body));
    expect(first.validators).toEqual({ etag: '"v1"', lastModified: null });
    expect(first.finalUrl).toBe(`${server.url}/summary.json`);

    const second = await http.get({ url: `${server.url}/summary.json`, validators: first.validators });
    expect(second).toMatchObject({ ok: true, notModified: true, status: 304, validators: { etag: '"v1"' } });
    expect(server.requests[1]?.headers['if-none-match']).toBe('"v1"');
  });

  it('sends If-Modified-Since from a Last-Modified validator', async () => {
    const lastModified = 'Wed, 21 Oct 2015 07:28:00 GMT';
    const server = await loopback({
      '/feed.json': (req, res) => {
        if (req.headers['if-modified-since'] === lastModified) res.writeHead(304).end();
        else res.writeHead(200, { 'content-type': 'application/json', 'last-modified': lastModified }).end('{}');
      },
    });
    const http = adapter();

    const first = success(await http.get({ url: `${server.url}/feed.json` }));
    expect(first.validators).toEqual({ etag: null, lastModified });
    const second = await http.get({ url: `${server.url}/feed.json`, validators: first.validators });
    // The server sent no validators with its 304, so the ones we had are kept for next time.
    expect(second).toMatchObject({ ok: true, notModified: true, validators: { etag: null, lastModified } });
    expect(server.requests[1]?.headers['if-modified-since']).toBe(lastModified);
  });

  it('sends the User-Agent, the default Accept header and Accept-Encoding: gzip, br', async () => {
    const server = await loopback({ '/x': serveText('{}') });
    success(await adapter().get({ url: `${server.url}/x` }));
    expect(server.requests[0]?.headers['user-agent']).toBe(USER_AGENT);
    expect(server.requests[0]?.headers.accept).toBe('application/json, application/xml;q=0.9, */*;q=0.1');
    expect(server.requests[0]?.headers['accept-encoding']).toBe('gzip, br');
  });

  it('reports an HTML page served with 200 as text/html, so the caller can refuse it', async () => {
    const server = await loopback({ '/status': serveText('<html><body>Sign in</body></html>', 'text/html; charset=UTF-8') });
    const result = success(await adapter().get({ url: `${server.url}/status` }));
    expect(result.status).toBe(200);
    expect(result.contentType).toBe('text/html');
  });

  it('strips a UTF-8 BOM and decodes UTF-16 announced by a BOM or by the charset', async () => {
    const text = '{"name":"Zürich — 東京"}';
    const utf16be = Buffer.from(text, 'utf16le').swap16();
    const serveBytes = (bytes: Buffer, contentType = 'application/json') => (_req: unknown, res: ServerResponse) =>
      void res.writeHead(200, { 'content-type': contentType }).end(bytes);
    const server = await loopback({
      '/bom8': serveBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])),
      '/bom16': serveBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])),
      '/charset16': serveBytes(utf16be, 'application/json; charset="UTF-16BE"'),
    });
    const http = adapter();
    for (const path of ['/bom8', '/bom16', '/charset16']) {
      const result = success(await http.get({ url: `${server.url}${path}` }));
      expect(JSON.parse(result.body), path).toEqual({ name: 'Zürich — 東京' });
    }
  });
});

describe('createUndiciHttp: failures as data', () => {
  it('reports 429 and 503 with the Retry-After wait, in seconds or as an HTTP date', async () => {
    const server = await loopback({
      '/busy': serveText('slow down', 'text/plain', 429, { 'retry-after': '120' }),
      '/down': (_req, res) => {
        res.writeHead(503, { 'retry-after': new Date(Date.now() + 90_000).toUTCString() }).end();
      },
      '/garbage': serveText('', 'text/plain', 503, { 'retry-after': 'whenever' }),
    });
    const http = adapter();
    expect(failureOf(await http.get({ url: `${server.url}/busy` }))).toEqual({ kind: 'status', status: 429, retryAfterMs: 120_000 });
    const down = failureOf(await http.get({ url: `${server.url}/down` }));
    expect(down).toMatchObject({ kind: 'status', status: 503 });
    // An HTTP date has whole seconds, so the wait is a little under 90 s.
    expect(down.kind === 'status' && down.retryAfterMs).toBeGreaterThan(85_000);
    expect(down.kind === 'status' && down.retryAfterMs).toBeLessThanOrEqual(90_000);
    expect(failureOf(await http.get({ url: `${server.url}/garbage` }))).toEqual({ kind: 'status', status: 503, retryAfterMs: null });
  });

  it('reports a 500 as a status failure', async () => {
    const server = await loopback({ '/boom': serveText('oops', 'text/plain', 500, { 'retry-after': '5' }) });
    expect(failureOf(await adapter().get({ url: `${server.url}/boom` }))).toEqual({ kind: 'status', status: 500, retryAfterMs: null });
  });

  it('reports a closed port as ECONNREFUSED', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    expect(failureOf(await adapter().get({ url: `http://127.0.0.1:${port}/` }))).toMatchObject({ kind: 'network', code: 'ECONNREFUSED' });
  });

  it('refuses plain http to another machine without connecting anywhere', async () => {
    // Any connection attempt would land at this tripwire proxy instead of leaving the machine.
    const tripwire = await proxyServer();
    const http = adapter({ proxy: { httpProxy: tripwire.url, httpsProxy: tripwire.url } });
    const { value, ms } = await timed(http.get({ url: 'http://192.0.2.1/status.json' }));
    expect(failureOf(value)).toEqual({ kind: 'insecure-url', url: 'http://192.0.2.1/status.json' });
    expect(ms).toBeLessThan(500);
    expect(tripwire.forwarded).toEqual([]);
    expect(tripwire.tunnels).toEqual([]);
  });

  it('ends requests in flight when closed, and refuses new ones', async () => {
    const server = await loopback({ '/hang': () => undefined });
    const http = createUndiciHttp({ userAgent: USER_AGENT, proxy: {}, timeoutMs: 5_000 });
    const pending = timed(http.get({ url: `${server.url}/hang` }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await http.close();
    const { value, ms } = await pending;
    expect(failureOf(value)).toMatchObject({ kind: 'network', code: 'CLOSED' });
    expect(ms).toBeLessThan(2_000);
    expect(failureOf(await http.get({ url: `${server.url}/hang` }))).toMatchObject({ kind: 'network', code: 'CLOSED' });
  });

  it('refuses other schemes and malformed URLs', async () => {
    const http = adapter();
    expect(failureOf(await http.get({ url: 'file:///etc/passwd' })).kind).toBe('bad-url');
    expect(failureOf(await http.get({ url: 'not a url' })).kind).toBe('bad-url');
  });

  it('reports a request cancelled by the caller without waiting for the server', async () => {
    const server = await loopback({ '/hang': () => undefined });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const { value, ms } = await timed(adapter({ timeoutMs: 5_000 }).get({ url: `${server.url}/hang`, signal: controller.signal }));
    expect(failureOf(value)).toMatchObject({ kind: 'network', code: 'ABORTED' });
    expect(ms).toBeLessThan(2_000);
  });
});

describe('createUndiciHttp: redirects', () => {
  function redirect(to: string, status = 302) {
    return (_req: unknown, res: ServerResponse) => void res.writeHead(status, { location: to }).end();
  }

  it('follows three redirects (absolute and relative, any redirect status) and reports the final URL', async () => {
    const server = await loopback({ '/final': serveText('{"ok":true}') });
    server.route('/r1', redirect(`${server.url}/r2`, 301));
    server.route('/r2', redirect('/r3', 307));
    server.route('/r3', redirect('final', 308));
    const result = success(await adapter().get({ url: `${server.url}/r1` }));
    expect(result.body).toBe('{"ok":true}');
    expect(result.finalUrl).toBe(`${server.url}/final`);
  });

  it('gives up on the fourth redirect', async () => {
    const server = await loopback({ '/final': serveText('{}') });
    for (const [from, to] of [['/r1', '/r2'], ['/r2', '/r3'], ['/r3', '/r4'], ['/r4', '/final']] as const) server.route(from, redirect(to, 303));
    expect(failureOf(await adapter().get({ url: `${server.url}/r1` }))).toEqual({ kind: 'redirects', limit: 3 });
    expect(server.requests.map((r) => r.path)).toEqual(['/r1', '/r2', '/r3', '/r4']);
  });

  it('ends a redirect loop the same way', async () => {
    const server = await loopback({ '/a': redirect('/b'), '/b': redirect('/a') });
    expect(failureOf(await adapter().get({ url: `${server.url}/a` }))).toEqual({ kind: 'redirects', limit: 3 });
  });

  it('refuses a redirect to plain http on another machine without following it', async () => {
    const tripwire = await proxyServer();
    const server = await loopback({ '/moved': redirect('http://192.0.2.1/status.json', 301) });
    const http = adapter({ proxy: { httpProxy: tripwire.url, httpsProxy: tripwire.url, noProxy: '127.0.0.1' } });
    expect(failureOf(await http.get({ url: `${server.url}/moved` }))).toEqual({ kind: 'insecure-url', url: 'http://192.0.2.1/status.json' });
    expect(tripwire.forwarded).toEqual([]);
    expect(tripwire.tunnels).toEqual([]);
  });
});

describe('createUndiciHttp: limits', () => {
  const CAP = 64 * 1024;

  it('stops reading a streamed body as soon as it passes the cap', async () => {
    const chunk = Buffer.alloc(16 * 1024, 0x61);
    let chunksWritten = 0;
    let serverSawClose = false;
    const server = await loopback({
      '/huge': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.on('close', () => void (serverSawClose = true));
        // 64 MiB at most, written only as fast as the client reads.
        const pump = (): void => {
          while (chunksWritten < 4096 && !res.destroyed) {
            chunksWritten++;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        pump();
      },
    });
    expect(failureOf(await adapter({ maxBodyBytes: CAP }).get({ url: `${server.url}/huge` }))).toEqual({ kind: 'too-large', limitBytes: CAP });
    await waitUntil(() => serverSawClose);
    // Socket buffers hold a few MiB at most; the server was cut off long before 64 MiB.
    expect(chunksWritten).toBeLessThan(1024);
  });

  it('refuses a body whose Content-Length announces more than the cap without reading it', async () => {
    const server = await loopback({
      '/announced': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(10 * 1024 * 1024) });
        res.write('{"');
        // ...and then nothing: only an early refusal can answer before the deadline.
      },
    });
    const { value, ms } = await timed(adapter({ maxBodyBytes: CAP, timeoutMs: 5_000 }).get({ url: `${server.url}/announced` }));
    expect(failureOf(value)).toEqual({ kind: 'too-large', limitBytes: CAP });
    expect(ms).toBeLessThan(2_000);
  });

  it('accepts a body of exactly the cap', async () => {
    const body = 'x'.repeat(CAP);
    const server = await loopback({ '/exact': serveText(body, 'text/plain') });
    expect(success(await adapter({ maxBodyBytes: CAP }).get({ url: `${server.url}/exact` })).bytes).toBe(CAP);
  });

  it('times out a server that sends headers and then drips the body', async () => {
    const server = await loopback({
      '/drip': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        const timer = setInterval(() => res.write(' '), 200);
        res.on('close', () => clearInterval(timer));
      },
    });
    const { value, ms } = await timed(adapter({ timeoutMs: 800 }).get({ url: `${server.url}/drip` }));
    expect(failureOf(value)).toEqual({ kind: 'timeout', afterMs: 800 });
    expect(ms).toBeLessThan(800 + 1_000);
  });

  it('times out a server that never sends headers', async () => {
    const server = await loopback({ '/silent': () => undefined });
    const { value, ms } = await timed(adapter({ timeoutMs: 800 }).get({ url: `${server.url}/silent` }));
    expect(failureOf(value)).toEqual({ kind: 'timeout', afterMs: 800 });
    expect(ms).toBeLessThan(800 + 1_000);
  });

  it('counts redirects against the same deadline', async () => {
    const server = await loopback({
      '/slow-redirect': (_req, res) => void setTimeout(() => res.writeHead(302, { location: '/slow-final' }).end(), 500),
      '/slow-final': (_req, res) => void setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'), 500),
    });
    const { value, ms } = await timed(adapter({ timeoutMs: 800 }).get({ url: `${server.url}/slow-redirect` }));
    expect(failureOf(value)).toEqual({ kind: 'timeout', afterMs: 800 });
    expect(ms).toBeLessThan(800 + 1_000);
  });

  it('does not let a hanging source delay another one on the same adapter', async () => {
    const server = await loopback({ '/hang': () => undefined, '/fast': serveText('{"fast":true}') });
    const http = adapter({ timeoutMs: 1_500 });
    const hanging = http.get({ url: `${server.url}/hang` });
    const { value, ms } = await timed(http.get({ url: `${server.url}/fast` }));
    expect(success(value).body).toBe('{"fast":true}');
    expect(ms).toBeLessThan(1_000);
    expect(failureOf(await hanging).kind).toBe('timeout');
  });
});

describe('createUndiciHttp: TLS', () => {
  let ca: CertificateAuthority;
  let https: HttpsLoopback;

  beforeAll(async () => {
    ca = await makeCa({ commonName: 'Corporate Inspection CA', organization: 'Example Corp' });
    const cert = await makeServerCert(ca, { hosts: ['127.0.0.1', 'localhost'] });
    https = await startHttpsLoopback(cert, (_req, res) => void res.writeHead(200, { 'content-type': 'application/json' }).end('{"tls":true}'));
  });
  afterAll(async () => {
    await https?.close();
    await ca?.dispose();
  });

  it('rejects a certificate from an unknown CA with a certificate error code', async () => {
    const failure = failureOf(await adapter().get({ url: `${https.url}/` }));
    expect(failure).toMatchObject({ kind: 'network', code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
  });

  it('trusts that CA when it is given as an extra CA bundle', async () => {
    const result = success(await adapter({ extraCaPem: ca.certPem }).get({ url: `${https.url}/` }));
    expect(result.body).toBe('{"tls":true}');
  });

  it('reports certificates that are not yet valid or expired with their own codes (clock skew)', async () => {
    const day = 24 * 60 * 60 * 1000;
    const future = await makeServerCert(ca, { hosts: ['127.0.0.1'], notBefore: new Date(Date.now() + 30 * day), notAfter: new Date(Date.now() + 60 * day) });
    const past = await makeServerCert(ca, { hosts: ['127.0.0.1'], notBefore: new Date(Date.now() - 60 * day), notAfter: new Date(Date.now() - 30 * day) });
    const http = adapter({ extraCaPem: ca.certPem });
    for (const [cert, code] of [[future, 'CERT_NOT_YET_VALID'], [past, 'CERT_HAS_EXPIRED']] as const) {
      const server = await startHttpsLoopback(cert, (_req, res) => void res.end('{}'));
      cleanups.push(() => server.close());
      expect(failureOf(await http.get({ url: `${server.url}/` }))).toMatchObject({ kind: 'network', code });
    }
  });

  it('tunnels https through a configured proxy with CONNECT', async () => {
    const proxy = await proxyServer();
    const result = success(await adapter({ extraCaPem: ca.certPem, proxy: { httpsProxy: proxy.url } }).get({ url: `${https.url}/via-proxy` }));
    expect(result.body).toBe('{"tls":true}');
    expect(proxy.tunnels).toEqual([`127.0.0.1:${https.port}`]);
  });

  it('reports a proxy that refuses the tunnel as a network error a person can look up', async () => {
    const proxy = await proxyServer({ refuseTunnels: true });
    const failure = failureOf(await adapter({ extraCaPem: ca.certPem, proxy: { httpsProxy: proxy.url } }).get({ url: `${https.url}/` }));
    expect(failure).toMatchObject({ kind: 'network', code: 'ERR_TUNNEL_CONNECTION_FAILED' });
    expect(failure.kind === 'network' && failure.message).toContain('403');
  });

  it('reports a proxy that wants authentication for an https target as proxy-auth', async () => {
    const proxy = await proxyServer({ requireAuthorization: 'Basic dGVzdDp0ZXN0' });
    const failure = failureOf(await adapter({ extraCaPem: ca.certPem, proxy: { httpsProxy: proxy.url } }).get({ url: `${https.url}/` }));
    expect(failure).toEqual({ kind: 'proxy-auth', status: 407 });
  });
});

describe('createUndiciHttp: proxies for plain http', () => {
  it('forwards a plain http request through the configured proxy', async () => {
    const server = await loopback({ '/feed.json': serveText('{"via":"proxy"}') });
    const proxy = await proxyServer();
    const result = success(await adapter({ proxy: { httpProxy: proxy.url } }).get({ url: `${server.url}/feed.json` }));
    expect(result.body).toBe('{"via":"proxy"}');
    expect(proxy.forwarded).toEqual([`${server.url}/feed.json`]);
    expect(server.requests[0]?.headers['user-agent']).toBe(USER_AGENT);
  });

  it('reports a proxy answering 407 as proxy-auth', async () => {
    const server = await loopback({ '/feed.json': serveText('{}') });
    const proxy = await proxyServer({ requireAuthorization: 'Basic dGVzdDp0ZXN0' });
    expect(failureOf(await adapter({ proxy: { httpProxy: proxy.url } }).get({ url: `${server.url}/feed.json` }))).toEqual({ kind: 'proxy-auth', status: 407 });
    expect(server.requests).toEqual([]);
  });

  it('goes direct for hosts listed in noProxy', async () => {
    const server = await loopback({ '/feed.json': serveText('{}') });
    const proxy = await proxyServer();
    success(await adapter({ proxy: { httpProxy: proxy.url, noProxy: 'localhost,127.0.0.1' } }).get({ url: `${server.url}/feed.json` }));
    expect(proxy.forwarded).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  describe('with proxy settings from the environment', () => {
    const names = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy'] as const;
    const saved = new Map<string, string | undefined>();
    beforeAll(() => names.forEach((name) => saved.set(name, process.env[name])));
    afterEach(() => {
      for (const name of names) {
        const value = saved.get(name);
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    });
    function setProxyEnv(values: Partial<Record<(typeof names)[number], string>>): void {
      for (const name of names) delete process.env[name];
      Object.assign(process.env, values);
    }
    function envAdapter(): UndiciHttp {
      const http = createUndiciHttp({ userAgent: USER_AGENT });
      cleanups.push(() => http.close());
      return http;
    }

    it('honours http_proxy (lower case) by default', async () => {
      const server = await loopback({ '/feed.json': serveText('{}') });
      const proxy = await proxyServer();
      setProxyEnv({ http_proxy: proxy.url });
      success(await envAdapter().get({ url: `${server.url}/feed.json` }));
      expect(proxy.forwarded).toEqual([`${server.url}/feed.json`]);
    });

    it('honours HTTP_PROXY with NO_PROXY (upper case), bypassing listed hosts', async () => {
      const server = await loopback({ '/feed.json': serveText('{}') });
      const proxy = await proxyServer();
      setProxyEnv({ HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' });
      success(await envAdapter().get({ url: `${server.url}/feed.json` }));
      expect(proxy.forwarded).toEqual([]);
      expect(server.requests).toHaveLength(1);
    });

    it('reports a malformed proxy variable on every request instead of crashing', async () => {
      setProxyEnv({ HTTPS_PROXY: 'ftp://proxy.example:21' });
      expect(failureOf(await envAdapter().get({ url: 'https://127.0.0.1:1/' })).kind).toBe('bad-url');
    });
  });
});

describe('createUndiciHttp: compressed answers', () => {
  const serveBytes = (bytes: Buffer, encoding: string) => (_req: unknown, res: ServerResponse) =>
    void res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': encoding }).end(bytes);

  it('decodes gzip and br bodies and reports the bytes that crossed the network', async () => {
    const body = readFixture(SUMMARY);
    const gzipped = gzipSync(body);
    const server = await loopback({ '/gzip': serveBytes(gzipped, 'gzip'), '/br': serveBytes(brotliCompressSync(body), 'br') });
    const http = adapter();
    const viaGzip = success(await http.get({ url: `${server.url}/gzip` }));
    expect(viaGzip.body).toBe(body);
    expect(viaGzip.bytes).toBe(gzipped.length);
    expect(success(await http.get({ url: `${server.url}/br` })).body).toBe(body);
  });

  it('refuses a compression bomb (50 MB of zeros in 50 KB of gzip) by its decoded size, with the same cap', async () => {
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(HTTP_LIMITS.maxBodyBytes);
    const server = await loopback({ '/bomb': serveBytes(bomb, 'gzip') });
    const { value, ms } = await timed(adapter().get({ url: `${server.url}/bomb` }));
    expect(failureOf(value)).toEqual({ kind: 'too-large', limitBytes: HTTP_LIMITS.maxBodyBytes });
    expect(ms).toBeLessThan(2_000);
  });

  it('stops inflating and reading as soon as the decoded body passes the cap', async () => {
    // 400 gzip members of 50 MB of zeros each: 20 MB on the wire, 20 GB once inflated.
    const member = gzipSync(Buffer.alloc(50 * 1024 * 1024));
    let membersWritten = 0;
    let serverSawClose = false;
    const server = await loopback({
      '/bombs': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        res.on('close', () => void (serverSawClose = true));
        const pump = (): void => {
          while (membersWritten < 400 && !res.destroyed) {
            membersWritten++;
            if (!res.write(member)) return void res.once('drain', pump);
          }
          res.end();
        };
        pump();
      },
    });
    const { value, ms } = await timed(adapter().get({ url: `${server.url}/bombs` }));
    expect(failureOf(value)).toEqual({ kind: 'too-large', limitBytes: HTTP_LIMITS.maxBodyBytes });
    expect(ms).toBeLessThan(3_000);
    await waitUntil(() => serverSawClose);
    expect(membersWritten).toBeLessThan(400);
  });

  it('reports corrupt or truncated compressed data as a decoding failure that names the coding', async () => {
    const whole = gzipSync(readFixture(SUMMARY));
    const server = await loopback({
      '/corrupt': serveBytes(Buffer.from('{"this is":"not gzip"}'), 'gzip'),
      '/truncated': serveBytes(whole.subarray(0, whole.length >> 1), 'gzip'),
      '/corrupt-br': serveBytes(Buffer.from('definitely not brotli, no, not at all'), 'br'),
    });
    const http = adapter();
    for (const [path, coding] of [['/corrupt', 'gzip'], ['/truncated', 'gzip'], ['/corrupt-br', 'br']] as const) {
      const failure = failureOf(await http.get({ url: `${server.url}${path}` }));
      expect(failure, path).toMatchObject({ kind: 'bad-response', code: 'ERR_CONTENT_DECODING_FAILED' });
      expect(failure.kind === 'bad-response' && failure.message, path).toContain(`${coding}-compressed response is corrupt`);
    }
  });

  it('refuses a content encoding it did not ask for, saying which', async () => {
    const server = await loopback({ '/zstd': serveBytes(Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0, 0, 0]), 'zstd') });
    const failure = failureOf(await adapter().get({ url: `${server.url}/zstd` }));
    expect(failure).toMatchObject({ kind: 'bad-response', code: 'ERR_UNSUPPORTED_CONTENT_ENCODING' });
    expect(failure.kind === 'bad-response' && failure.message).toContain('"zstd"');
  });
});

describe('createUndiciHttp: https pages and connections', () => {
  let ca: CertificateAuthority;
  let cert: Awaited<ReturnType<typeof makeServerCert>>;

  beforeAll(async () => {
    ca = await makeCa();
    cert = await makeServerCert(ca, { hosts: ['127.0.0.1'] });
  });
  afterAll(async () => {
    await ca?.dispose();
  });

  /** An https server that counts TCP connections and TLS handshakes (and which of them resumed a session). */
  async function httpsServer(handler: Parameters<typeof startHttpsLoopback>[1]): Promise<HttpsLoopback & { handshakes: boolean[]; connections: Socket[] }> {
    const server = await startHttpsLoopback(cert, handler);
    cleanups.push(() => server.close());
    const handshakes: boolean[] = [];
    const connections: Socket[] = [];
    server.server.on('secureConnection', (socket: TLSSocket) => void handshakes.push(socket.isSessionReused()));
    server.server.on('connection', (socket: Socket) => void connections.push(socket));
    return Object.assign(server, { handshakes, connections });
  }

  it('never follows a redirect from https down to plain http, not even to this machine', async () => {
    const plain = await loopback({ '/feed.json': serveText('{"downgraded":true}') });
    const secure = await httpsServer((_req, res) => void res.writeHead(302, { location: `${plain.url}/feed.json` }).end('Moved'));
    const failure = failureOf(await adapter({ extraCaPem: ca.certPem }).get({ url: `${secure.url}/moved` }));
    expect(failure).toMatchObject({ kind: 'insecure-url', url: `${plain.url}/feed.json`, redirectFrom: expect.stringMatching(/^https:/) });
    expect(plain.requests).toEqual([]);
  });

  it('polls one host over one connection and one TLS handshake: 200, 304, redirects and error answers alike', async () => {
    const body = readFixture(SUMMARY);
    const secure = await httpsServer((req, res) => {
      if (req.url === '/moved') return void res.writeHead(302, { location: '/summary.json', 'content-type': 'text/html' }).end('<a href="/summary.json">Moved</a>');
      if (req.url === '/busy') return void res.writeHead(503, { 'retry-after': '5', 'content-type': 'text/html' }).end('<h1>Service unavailable</h1>');
      if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304, { etag: '"v1"' }).end();
      res.writeHead(200, { 'content-type': 'application/json', etag: '"v1"', 'content-encoding': 'gzip' }).end(gzipSync(body));
    });
    const http = adapter({ extraCaPem: ca.certPem });
    const first = success(await http.get({ url: `${secure.url}/summary.json` }));
    for (let poll = 0; poll < 3; poll++) {
      expect(await http.get({ url: `${secure.url}/summary.json`, validators: first.validators })).toMatchObject({ ok: true, notModified: true });
      expect(success(await http.get({ url: `${secure.url}/moved` })).body).toBe(body);
      expect(failureOf(await http.get({ url: `${secure.url}/busy` }))).toEqual({ kind: 'status', status: 503, retryAfterMs: 5_000 });
    }
    expect(secure.connections).toHaveLength(1);
    expect(secure.handshakes).toHaveLength(1);
  });

  it('resumes the TLS session when the server closed the connection between polls', async () => {
    const secure = await httpsServer((_req, res) => void res.writeHead(200, { 'content-type': 'application/json', connection: 'close' }).end('{}'));
    const http = adapter({ extraCaPem: ca.certPem });
    for (let poll = 0; poll < 2; poll++) success(await http.get({ url: `${secure.url}/x` }));
    // The second connection resumed the first one's session: no full handshake.
    expect(secure.handshakes).toEqual([false, true]);
  });
});

/** Polls a condition every 20 ms for at most 2 s (the server notices a close asynchronously). */
async function waitUntil(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
  expect(condition()).toBe(true);
}
