/**
 * The Electron-network adapter, driven through a fake of Electron's documented `net.request`
 * (test/fakes/electron.ts: manual redirects as 'redirect' events that must be followed
 * synchronously, bodies decoded by the stack, `net::ERR_*` errors) over Node's http/https against
 * real loopback servers, so every polling rule is proven here without Electron.
 */
import { EventEmitter } from 'node:events';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_LIMITS, type Http, type HttpResult } from '../../main/core/ports.js';
import { createElectronHttp, type ElectronHttpOptions, type NetRequestFunction } from '../../main/shell/http-electron.js';
import { FakeIncomingMessage, FakeNet } from '../fakes/electron.js';
import { readFixture } from '../helpers/fixtures.js';
import { serveText, startLoopback, type Loopback } from '../helpers/loopback.js';
import { makeCa, makeServerCert, startHttpsLoopback, type CertificateAuthority, type HttpsLoopback } from '../helpers/tls.js';

const USER_AGENT = 'OutageRadar/0.0.0-test';
const SUMMARY = 'statuspage/github-summary-2020-04-02-major-outage.json';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

function adapter(options: Partial<ElectronHttpOptions> = {}, trustedCa?: string): Http & { net: FakeNet } {
  const net = new FakeNet(trustedCa === undefined ? {} : { trustedCa });
  cleanups.push(async () => net.destroy());
  const http = createElectronHttp({ request: net.request, userAgent: USER_AGENT, ...options });
  return { get: (request) => http.get(request), net };
}

/** A request that plays one scripted Electron answer (a 407, an error) once it is started. */
function scripted(play: (request: EventEmitter) => void): NetRequestFunction {
  return () => {
    const request = Object.assign(new EventEmitter(), {
      followRedirect: () => undefined,
      abort: () => undefined,
      end: () => void process.nextTick(() => play(request)),
    });
    return request;
  };
}

async function loopback(routes: Parameters<typeof startLoopback>[0] = {}): Promise<Loopback> {
  const server = await startLoopback(routes);
  cleanups.push(() => server.close());
  return server;
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

async function waitUntil(condition: () => boolean, timeoutMs = 3_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('createElectronHttp: answers and conditional requests', () => {
  it('returns the recorded JSON with its validators, then sends If-None-Match and reports 304', async () => {
    const body = readFixture(SUMMARY);
    const server = await loopback({
      '/summary.json': (req, res) => {
        if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304, { etag: '"v1"' }).end();
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

  it('sends If-Modified-Since and keeps the old validators when a 304 brings none', async () => {
    const lastModified = 'Wed, 21 Oct 2015 07:28:00 GMT';
    const server = await loopback({
      '/feed.json': (req, res) => {
        if (req.headers['if-modified-since'] === lastModified) res.writeHead(304).end();
        else res.writeHead(200, { 'content-type': 'application/json', 'last-modified': lastModified }).end('{}');
      },
    });
    const http = adapter();
    const first = success(await http.get({ url: `${server.url}/feed.json` }));
    const second = await http.get({ url: `${server.url}/feed.json`, validators: first.validators });
    expect(second).toMatchObject({ ok: true, notModified: true, validators: { etag: null, lastModified } });
  });

  it('sends our User-Agent and Accept, leaves Accept-Encoding to Chromium, and asks the stack not to follow redirects or use its cache', async () => {
    const server = await loopback({ '/x': serveText('{}') });
    const http = adapter();
    success(await http.get({ url: `${server.url}/x` }));
    expect(server.requests[0]?.headers['user-agent']).toBe(USER_AGENT);
    expect(server.requests[0]?.headers.accept).toBe('application/json, application/xml;q=0.9, */*;q=0.1');
    expect(http.net.requests[0]?.options).toMatchObject({ method: 'GET', redirect: 'manual', cache: 'no-store', credentials: 'omit' });
    // Chromium decodes only the codings it advertised itself; ours would override its list.
    expect(http.net.requests[0]?.headers['accept-encoding']).toBeUndefined();
  });

  it('reports an HTML page served with 200 as text/html, so the caller can refuse it', async () => {
    const server = await loopback({ '/status': serveText('<html><body>Sign in</body></html>', 'text/html; charset=UTF-8') });
    expect(success(await adapter().get({ url: `${server.url}/status` })).contentType).toBe('text/html');
  });

  it('strips a UTF-8 BOM and decodes UTF-16 announced by a BOM or by the charset', async () => {
    const text = '{"name":"Zürich — 東京"}';
    const serveBytes = (bytes: Buffer, contentType = 'application/json') => (_req: unknown, res: ServerResponse) =>
      void res.writeHead(200, { 'content-type': contentType }).end(bytes);
    const server = await loopback({
      '/bom8': serveBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])),
      '/bom16': serveBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])),
      '/charset16': serveBytes(Buffer.from(text, 'utf16le').swap16(), 'application/json; charset="UTF-16BE"'),
    });
    const http = adapter();
    for (const path of ['/bom8', '/bom16', '/charset16']) {
      expect(JSON.parse(success(await http.get({ url: `${server.url}${path}` })).body), path).toEqual({ name: 'Zürich — 東京' });
    }
  });
});

describe('createElectronHttp: failures as data', () => {
  it('reports 429 and 503 with the Retry-After wait, in seconds or as an HTTP date', async () => {
    const server = await loopback({
      '/busy': serveText('slow down', 'text/plain', 429, { 'retry-after': '120' }),
      '/down': (_req, res) => void res.writeHead(503, { 'retry-after': new Date(Date.now() + 90_000).toUTCString() }).end(),
      '/garbage': serveText('', 'text/plain', 503, { 'retry-after': 'whenever' }),
      '/boom': serveText('oops', 'text/plain', 500, { 'retry-after': '5' }),
    });
    const http = adapter();
    expect(failureOf(await http.get({ url: `${server.url}/busy` }))).toEqual({ kind: 'status', status: 429, retryAfterMs: 120_000 });
    const down = failureOf(await http.get({ url: `${server.url}/down` }));
    expect(down.kind === 'status' && down.retryAfterMs).toBeGreaterThan(85_000);
    expect(down.kind === 'status' && down.retryAfterMs).toBeLessThanOrEqual(90_000);
    expect(failureOf(await http.get({ url: `${server.url}/garbage` }))).toEqual({ kind: 'status', status: 503, retryAfterMs: null });
    expect(failureOf(await http.get({ url: `${server.url}/boom` }))).toEqual({ kind: 'status', status: 500, retryAfterMs: null });
  });

  it('reports a 407 answer (a proxy asking for credentials Chromium could not supply) as proxy-auth', async () => {
    const answer407 = scripted((request) => request.emit('response', new FakeIncomingMessage(407, { 'proxy-authenticate': 'Negotiate' })));
    const http = createElectronHttp({ request: answer407, userAgent: USER_AGENT });
    expect(failureOf(await http.get({ url: 'https://status.example/x' }))).toEqual({ kind: 'proxy-auth', status: 407 });
  });

  it('reports a closed port with Chromium\'s name for it', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    expect(failureOf(await adapter().get({ url: `http://127.0.0.1:${port}/` }))).toMatchObject({ kind: 'network', code: 'ERR_CONNECTION_REFUSED' });
  });

  it('maps the errors Electron net rejects with (net::ERR_*) to failures', async () => {
    const failing = (message: string) => scripted((request) => request.emit('error', new Error(message)));
    const get = (message: string) => createElectronHttp({ request: failing(message), userAgent: USER_AGENT }).get({ url: 'https://status.example/x' });
    expect(failureOf(await get('net::ERR_PROXY_AUTH_UNSUPPORTED'))).toEqual({ kind: 'proxy-auth', status: 407 });
    expect(failureOf(await get('net::ERR_CONNECTION_TIMED_OUT'))).toEqual({ kind: 'timeout', afterMs: 10_000 });
    expect(failureOf(await get('net::ERR_NAME_NOT_RESOLVED'))).toEqual({ kind: 'network', code: 'ERR_NAME_NOT_RESOLVED', message: 'net::ERR_NAME_NOT_RESOLVED' });
    expect(failureOf(await get('net::ERR_CERT_AUTHORITY_INVALID'))).toMatchObject({ kind: 'network', code: 'ERR_CERT_AUTHORITY_INVALID' });
  });

  it('refuses plain http to another machine, other schemes and malformed URLs without fetching anything', async () => {
    const http = adapter();
    expect(failureOf(await http.get({ url: 'http://192.0.2.1/status.json' }))).toEqual({ kind: 'insecure-url', url: 'http://192.0.2.1/status.json' });
    expect(failureOf(await http.get({ url: 'file:///etc/passwd' })).kind).toBe('bad-url');
    expect(failureOf(await http.get({ url: 'not a url' })).kind).toBe('bad-url');
    expect(http.net.requests).toEqual([]);
    expect(http.net.contacted).toEqual([]);
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

describe('createElectronHttp: redirects', () => {
  const redirect = (to: string, status = 302) => (_req: unknown, res: ServerResponse) => void res.writeHead(status, { location: to }).end();

  it('follows three redirects (absolute and relative, any redirect status) and reports the final URL', async () => {
    const server = await loopback({ '/final': serveText('{"ok":true}') });
    server.route('/r1', redirect(`${server.url}/r2`, 301));
    server.route('/r2', redirect('/r3', 307));
    server.route('/r3', redirect('final', 308));
    const result = success(await adapter().get({ url: `${server.url}/r1` }));
    expect(result.body).toBe('{"ok":true}');
    expect(result.finalUrl).toBe(`${server.url}/final`);
  });

  it('gives up on the fourth redirect, and on a loop', async () => {
    const server = await loopback({ '/final': serveText('{}'), '/a': redirect('/b'), '/b': redirect('/a') });
    for (const [from, to] of [['/r1', '/r2'], ['/r2', '/r3'], ['/r3', '/r4'], ['/r4', '/final']] as const) server.route(from, redirect(to, 303));
    expect(failureOf(await adapter().get({ url: `${server.url}/r1` }))).toEqual({ kind: 'redirects', limit: 3 });
    expect(server.requests.map((r) => r.path)).toEqual(['/r1', '/r2', '/r3', '/r4']);
    expect(failureOf(await adapter().get({ url: `${server.url}/a` }))).toEqual({ kind: 'redirects', limit: 3 });
  });

  it('checks every hop: a redirect to plain http on another machine is refused, not followed', async () => {
    const server = await loopback({ '/moved': redirect('http://192.0.2.1/status.json', 301) });
    const http = adapter();
    expect(failureOf(await http.get({ url: `${server.url}/moved` }))).toEqual({ kind: 'insecure-url', url: 'http://192.0.2.1/status.json' });
    expect(http.net.contacted).toEqual([`${server.url}/moved`]);
  });
});

describe('createElectronHttp: limits', () => {
  const CAP = 64 * 1024;

  it('stops reading a streamed body as soon as it passes the cap', async () => {
    const chunk = Buffer.alloc(16 * 1024, 0x61);
    let chunksWritten = 0;
    let serverSawClose = false;
    const server = await loopback({
      '/huge': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.on('close', () => void (serverSawClose = true));
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
    expect(chunksWritten).toBeLessThan(1024);
  });

  it('refuses a body whose Content-Length announces more than the cap without reading it', async () => {
    const server = await loopback({
      '/announced': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(10 * 1024 * 1024) });
        res.write('{"');
      },
    });
    const { value, ms } = await timed(adapter({ maxBodyBytes: CAP, timeoutMs: 5_000 }).get({ url: `${server.url}/announced` }));
    expect(failureOf(value)).toEqual({ kind: 'too-large', limitBytes: CAP });
    expect(ms).toBeLessThan(2_000);
  });

  it('accepts a body of exactly the cap', async () => {
    const server = await loopback({ '/exact': serveText('x'.repeat(CAP), 'text/plain') });
    expect(success(await adapter({ maxBodyBytes: CAP }).get({ url: `${server.url}/exact` })).bytes).toBe(CAP);
  });

  it('times out a server that drips the body, one that never answers, and slow redirects, all on one deadline', async () => {
    const server = await loopback({
      '/drip': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        const timer = setInterval(() => res.write(' '), 200);
        res.on('close', () => clearInterval(timer));
      },
      '/silent': () => undefined,
      '/slow-redirect': (_req, res) => void setTimeout(() => res.writeHead(302, { location: '/slow-final' }).end(), 500),
      '/slow-final': (_req, res) => void setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'), 500),
    });
    const http = adapter({ timeoutMs: 800 });
    const paths = ['/drip', '/silent', '/slow-redirect'];
    const results = await Promise.all(paths.map((path) => timed(http.get({ url: `${server.url}${path}` }))));
    results.forEach(({ value, ms }, index) => {
      expect(failureOf(value), paths[index]).toEqual({ kind: 'timeout', afterMs: 800 });
      expect(ms, paths[index]).toBeLessThan(800 + 1_000);
    });
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

describe('createElectronHttp: redirects through net.request', () => {
  let ca: CertificateAuthority;
  let secure: HttpsLoopback;
  let plain: Loopback;

  beforeAll(async () => {
    ca = await makeCa();
    const cert = await makeServerCert(ca, { hosts: ['127.0.0.1'] });
    plain = await startLoopback({ '/feed.json': serveText('{"downgraded":true}') });
    secure = await startHttpsLoopback(cert, (req, res) => {
      if (req.url === '/down') return void res.writeHead(301, { location: `${plain.url}/feed.json` }).end('Moved');
      if (req.url === '/moved') return void res.writeHead(302, { location: '/summary.json' }).end('Moved');
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"secure":true}');
    });
  });
  afterAll(async () => {
    await secure?.close();
    await plain?.close();
    await ca?.dispose();
  });

  it('follows an https redirect by answering the redirect event (session.fetch rejects every manual redirect)', async () => {
    const http = adapter({}, ca.certPem);
    const result = success(await http.get({ url: `${secure.url}/moved` }));
    expect(result.body).toBe('{"secure":true}');
    expect(result.finalUrl).toBe(`${secure.url}/summary.json`);
    expect(http.net.contacted).toEqual([`${secure.url}/moved`, `${secure.url}/summary.json`]);
  });

  it('never follows a redirect from https down to plain http, not even to this machine', async () => {
    const http = adapter({}, ca.certPem);
    expect(failureOf(await http.get({ url: `${secure.url}/down` }))).toMatchObject({ kind: 'insecure-url', url: `${plain.url}/feed.json`, redirectFrom: expect.stringMatching(/^https:/) });
    expect(http.net.contacted).toEqual([`${secure.url}/down`]);
    expect(plain.requests).toEqual([]);
  });
});

describe('createElectronHttp: bodies Chromium decoded', () => {
  const serveBytes = (bytes: Buffer, encoding: string) => (_req: unknown, res: ServerResponse) =>
    void res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': encoding }).end(bytes);

  it('takes the decoded body of a gzip answer', async () => {
    const body = readFixture(SUMMARY);
    const server = await loopback({ '/gzip': serveBytes(gzipSync(body), 'gzip') });
    expect(success(await adapter().get({ url: `${server.url}/gzip` })).body).toBe(body);
  });

  it('refuses a compression bomb (50 MB of zeros in 50 KB of gzip) by its decoded size, with the same cap', async () => {
    const server = await loopback({ '/bomb': serveBytes(gzipSync(Buffer.alloc(50 * 1024 * 1024)), 'gzip') });
    const { value, ms } = await timed(adapter().get({ url: `${server.url}/bomb` }));
    expect(failureOf(value)).toEqual({ kind: 'too-large', limitBytes: HTTP_LIMITS.maxBodyBytes });
    expect(ms).toBeLessThan(2_000);
  });

  it('reports corrupt compressed data as a decoding failure', async () => {
    const server = await loopback({ '/corrupt': serveBytes(Buffer.from('{"this is":"not gzip"}'), 'gzip') });
    expect(failureOf(await adapter().get({ url: `${server.url}/corrupt` }))).toEqual({
      kind: 'bad-response',
      code: 'ERR_CONTENT_DECODING_FAILED',
      message: 'the compressed response is corrupt and could not be decoded',
    });
  });

  it('refuses a content encoding Chromium does not decode (it hands such bodies over raw), saying which', async () => {
    const server = await loopback({ '/odd': serveBytes(Buffer.from('\u0000\u0001compressed?'), 'x-proprietary') });
    const failure = failureOf(await adapter().get({ url: `${server.url}/odd` }));
    expect(failure).toMatchObject({ kind: 'bad-response', code: 'ERR_UNSUPPORTED_CONTENT_ENCODING' });
    expect(failure.kind === 'bad-response' && failure.message).toContain('"x-proprietary"');
  });
});
