import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeCaptive } from '../../main/node/probes/captive.js';
import { probeDns } from '../../main/node/probes/dns.js';
import { probeHttp } from '../../main/node/probes/http.js';
import { probeLink } from '../../main/node/probes/link.js';
import { bypassesProxy, parsePacResult, parseProxySetting, routeFromEnv } from '../../main/node/probes/proxy-route.js';
import { probeTcp } from '../../main/node/probes/tcp.js';
import { probeTls } from '../../main/node/probes/tls.js';
import { closedPort, startLoopback, serveText, type Loopback } from '../helpers/loopback.js';
import { makeCa, makeServerCert, startHttpsLoopback, type CertificateAuthority, type HttpsLoopback } from '../helpers/tls.js';

/** A TCP listener that accepts and then says nothing, ever: a hung server or a stalled middlebox. */
async function silentListener(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: TcpServer = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

const DAY = 24 * 60 * 60 * 1000;

describe('dns probe', () => {
  it('lists the addresses of an IP literal without asking a DNS server', async () => {
    const result = await probeDns('127.0.0.1');
    expect(result).toMatchObject({ step: 'dns', outcome: 'ok', errorCode: null, addresses: ['127.0.0.1'] });
    expect(Date.parse(result.startedAt)).not.toBeNaN();
  });

  it('accepts a bracketed IPv6 literal as URLs write it', async () => {
    const result = await probeDns('[::1]');
    expect(result.outcome).toBe('ok');
    expect(result.addresses).toEqual(['::1']);
  });
});

describe('tcp probe', () => {
  it('connects to a listening port and hands over the socket', async () => {
    const server = await startLoopback();
    try {
      const { result, socket } = await probeTcp({ host: '127.0.0.1', port: server.port });
      expect(result).toMatchObject({ step: 'tcp', outcome: 'ok', errorCode: null });
      expect(socket).not.toBeNull();
      socket?.destroy();
    } finally {
      await server.close();
    }
  });

  it('reports ECONNREFUSED in plain words for a closed port', async () => {
    const port = await closedPort();
    const { result, socket } = await probeTcp({ host: '127.0.0.1', port });
    expect(result).toMatchObject({ outcome: 'fail', errorCode: 'ECONNREFUSED' });
    expect(result.detail).toMatch(/refused/);
    expect(socket).toBeNull();
  });

  it('connects to the addresses the dns step found, without resolving the name again', async () => {
    const server = await startLoopback();
    try {
      // `.invalid` never resolves; the connection can only work through the given addresses.
      const { result, socket } = await probeTcp({ host: 'outlook.invalid', port: server.port, addresses: ['127.0.0.1'] });
      expect(result.outcome).toBe('ok');
      socket?.destroy();
    } finally {
      await server.close();
    }
  });
});

describe('tls probe', () => {
  let ca: CertificateAuthority;
  let good: HttpsLoopback;
  let futureCert: HttpsLoopback;
  let expiredCert: HttpsLoopback;
  let otherName: HttpsLoopback;
  let rootInChain: HttpsLoopback;
  const ok = (_req: unknown, res: import('node:http').ServerResponse): void => void res.writeHead(200).end('ok');

  beforeAll(async () => {
    ca = await makeCa({ organization: 'Contoso Test Root' });
    const [goodCert, future, expired, other] = await Promise.all([
      makeServerCert(ca, { hosts: ['127.0.0.1'] }),
      makeServerCert(ca, { hosts: ['127.0.0.1'], notBefore: new Date(Date.now() + 30 * DAY), notAfter: new Date(Date.now() + 60 * DAY) }),
      makeServerCert(ca, { hosts: ['127.0.0.1'], notBefore: new Date(Date.now() - 60 * DAY), notAfter: new Date(Date.now() - 30 * DAY) }),
      makeServerCert(ca, { hosts: ['127.0.0.2', 'portal.example'] }),
    ]);
    [good, futureCert, expiredCert, otherName, rootInChain] = await Promise.all([
      startHttpsLoopback(goodCert, ok),
      startHttpsLoopback(future, ok),
      startHttpsLoopback(expired, ok),
      startHttpsLoopback(other, ok),
      // A server that sends its root along, as inspecting proxies often do.
      startHttpsLoopback({ ...goodCert, chainPem: goodCert.certPem + ca.certPem }, ok),
    ]);
  });

  afterAll(async () => {
    await Promise.all([good, futureCert, expiredCert, otherName, rootInChain].map((s) => s?.close()));
    await ca?.dispose();
  });

  it('verifies a chain trusted through the extra CA bundle and reads the certificate', async () => {
    const { result, socket } = await probeTls({ host: '127.0.0.1', port: good.port, extraCaPem: ca.certPem, expectedIssuers: ['Contoso'] });
    socket?.destroy();
    expect(result).toMatchObject({ step: 'tls', outcome: 'ok', errorCode: null });
    expect(result.tls).toMatchObject({ authorized: true, authorizationError: null, issuerOrg: 'Contoso Test Root' });
    expect(result.tls?.subject).toContain('CN=127.0.0.1');
    expect(result.tls?.issuer).toContain('O=Contoso Test Root');
    expect(Date.parse(result.tls?.validTo ?? '')).toBeGreaterThan(Date.now());
    expect(Date.parse(result.tls?.validFrom ?? '')).toBeLessThan(Date.now());
  });

  it('reports an unknown issuer when the CA is not trusted', async () => {
    const { result, socket } = await probeTls({ host: '127.0.0.1', port: good.port });
    expect(socket).toBeNull();
    expect(result).toMatchObject({ outcome: 'fail', errorCode: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
    expect(result.tls).toMatchObject({ authorized: false, authorizationError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', issuerOrg: 'Contoso Test Root' });
  });

  it('reports SELF_SIGNED_CERT_IN_CHAIN when the server presents an untrusted root', async () => {
    const { result } = await probeTls({ host: '127.0.0.1', port: rootInChain.port });
    expect(result).toMatchObject({ outcome: 'fail', errorCode: 'SELF_SIGNED_CERT_IN_CHAIN' });
  });

  it('reports CERT_NOT_YET_VALID for a certificate from the future (a clock behind)', async () => {
    const { result } = await probeTls({ host: '127.0.0.1', port: futureCert.port, extraCaPem: ca.certPem });
    expect(result).toMatchObject({ outcome: 'fail', errorCode: 'CERT_NOT_YET_VALID' });
    expect(result.detail).toMatch(/clock/);
    expect(Date.parse(result.tls?.validFrom ?? '')).toBeGreaterThan(Date.now());
  });

  it('reports CERT_HAS_EXPIRED for an expired certificate', async () => {
    const { result } = await probeTls({ host: '127.0.0.1', port: expiredCert.port, extraCaPem: ca.certPem });
    expect(result).toMatchObject({ outcome: 'fail', errorCode: 'CERT_HAS_EXPIRED' });
  });

  it('reports ERR_TLS_CERT_ALTNAME_INVALID for a trusted certificate issued to another name', async () => {
    const { result } = await probeTls({ host: '127.0.0.1', port: otherName.port, extraCaPem: ca.certPem });
    expect(result).toMatchObject({ outcome: 'fail', errorCode: 'ERR_TLS_CERT_ALTNAME_INVALID' });
    expect(result.tls?.authorized).toBe(false);
  });

  it('accepts a verified certificate from an unexpected issuer but says the connection looks inspected', async () => {
    const { result, socket } = await probeTls({ host: '127.0.0.1', port: good.port, extraCaPem: ca.certPem, expectedIssuers: ['Microsoft', 'DigiCert'] });
    socket?.destroy();
    expect(result.outcome).toBe('ok');
    expect(result.detail).toMatch(/inspected/);
  });

  it('times out against a listener that never completes the handshake', async () => {
    const silent = await silentListener();
    try {
      const { result } = await probeTls({ host: '127.0.0.1', port: silent.port, timeoutMs: 300 });
      expect(result).toMatchObject({ outcome: 'timeout', errorCode: 'ETIMEDOUT' });
      expect(result.durationMs).toBeGreaterThanOrEqual(250);
      expect(result.durationMs).toBeLessThan(2000);
    } finally {
      await silent.close();
    }
  });

  it('reports a handshake failure when the server does not speak TLS', async () => {
    const plain = await startLoopback({ '/': serveText('hello', 'text/plain') });
    try {
      const { result } = await probeTls({ host: '127.0.0.1', port: plain.port, timeoutMs: 2000 });
      expect(result.outcome).toBe('fail');
      expect(result.errorCode).not.toBeNull();
    } finally {
      await plain.close();
    }
  });
});

describe('http probe', () => {
  let server: Loopback;
  let silent: Awaited<ReturnType<typeof silentListener>>;
  beforeAll(async () => {
    server = await startLoopback({
      '/ok': serveText('fine', 'text/plain'),
      '/error': serveText('boom', 'text/plain', 500),
      '/unavailable': serveText('later', 'text/plain', 503),
      '/moved': serveText('', 'text/plain', 302, { location: 'https://elsewhere.example/' }),
      '/proxy-auth': serveText('', 'text/plain', 407, { 'proxy-authenticate': 'Basic realm="corp"' }),
    });
    silent = await silentListener();
  });
  afterAll(async () => {
    await server.close();
    await silent.close();
  });

  it('counts any HTTP answer as reachable and records the status', async () => {
    for (const [path, status] of [['/ok', 200], ['/error', 500], ['/unavailable', 503], ['/moved', 302]] as const) {
      const result = await probeHttp(new URL(`${server.url}${path}`));
      expect(result).toMatchObject({ step: 'http', outcome: 'ok', httpStatus: status, errorCode: null });
    }
  });

  it('does not follow redirects and asks caches to stay out of the way', async () => {
    const before = server.requests.length;
    await probeHttp(new URL(`${server.url}/moved`));
    const seen = server.requests.slice(before);
    expect(seen.map((r) => r.path)).toEqual(['/moved']);
    expect(seen[0]?.headers['cache-control']).toBe('no-cache');
    expect(seen[0]?.headers['user-agent']).toMatch(/^OutageRadar\//);
  });

  it('asks with HEAD, so no page body crosses the network, and counts a 405 to HEAD as an answer', async () => {
    const big = await startLoopback({
      '/home': (req, res) => {
        if (req.method === 'HEAD') res.writeHead(200, { 'content-type': 'text/html', 'content-length': '65536' }).end();
        else res.writeHead(200, { 'content-type': 'text/html' }).end('x'.repeat(65_536));
      },
      '/no-head': (req, res) => res.writeHead(req.method === 'HEAD' ? 405 : 200, { 'content-type': 'text/plain' }).end(),
    });
    let sent = 0;
    big.server.on('connection', (socket) => socket.on('close', () => (sent += socket.bytesWritten)));
    try {
      const result = await probeHttp(new URL(`${big.url}/home`));
      expect(result).toMatchObject({ outcome: 'ok', httpStatus: 200 });
      expect(big.requests.map((r) => r.method)).toEqual(['HEAD']);
      expect(await probeHttp(new URL(`${big.url}/no-head`))).toMatchObject({ outcome: 'ok', httpStatus: 405 });
      await new Promise((r) => setTimeout(r, 50));
      // Status line and headers only: far below the 64 KiB page.
      expect(sent).toBeLessThan(2048);
    } finally {
      await big.close();
    }
  });

  it('records a 407 as PROXY_AUTH_REQUIRED', async () => {
    const result = await probeHttp(new URL(`${server.url}/proxy-auth`));
    expect(result).toMatchObject({ outcome: 'fail', errorCode: 'PROXY_AUTH_REQUIRED', httpStatus: 407 });
  });

  it('times out against a server that accepts and never answers', async () => {
    const result = await probeHttp(new URL(`http://127.0.0.1:${silent.port}/`), { timeoutMs: 300 });
    expect(result).toMatchObject({ outcome: 'timeout', errorCode: 'ETIMEDOUT' });
    expect(result.durationMs).toBeLessThan(2000);
  });

  it('reports ECONNREFUSED for a closed port', async () => {
    const result = await probeHttp(new URL(`http://127.0.0.1:${await closedPort()}/`));
    expect(result).toMatchObject({ outcome: 'fail', errorCode: 'ECONNREFUSED' });
  });
});

describe('captive-portal probe', () => {
  let portal: Loopback;
  let silent: Awaited<ReturnType<typeof silentListener>>;
  const loginPage = '<html><head><title>Hotel WiFi</title></head><body><form>Room number</form></body></html>';
  beforeAll(async () => {
    portal = await startLoopback({
      '/redirect/connecttest.txt': serveText('', 'text/html', 302, { location: 'http://login.hotel.example/?orig=ncsi' }),
      '/page/connecttest.txt': serveText(loginPage, 'text/html'),
      '/real/connecttest.txt': serveText('Microsoft Connect Test', 'text/plain'),
      '/newline/connecttest.txt': serveText('Microsoft Connect Test\n', 'text/plain'),
      '/real/generate_204': (_req, res) => void res.writeHead(204).end(),
      '/empty200/generate_204': serveText('', 'text/plain', 200),
      '/page/generate_204': serveText(loginPage, 'text/html'),
      '/error/connecttest.txt': serveText('down', 'text/plain', 503),
    });
    silent = await silentListener();
  });
  afterAll(async () => {
    await portal.close();
    await silent.close();
  });

  const ncsi = (path: string) => ({ id: 'ncsi', url: `${portal.url}${path}`, expectStatus: 200, expectBody: 'Microsoft Connect Test' });
  const g204 = (path: string) => ({ id: 'generate-204', url: `${portal.url}${path}`, expectStatus: 204, expectBody: null });

  it('sees a portal in a redirect and keeps where it points', async () => {
    const result = await probeCaptive(ncsi('/redirect/connecttest.txt'));
    expect(result).toMatchObject({ outcome: 'portal', httpStatus: 302, location: 'http://login.hotel.example/?orig=ncsi' });
  });

  it('sees a portal in a login page served with 200', async () => {
    const result = await probeCaptive(ncsi('/page/connecttest.txt'));
    expect(result).toMatchObject({ outcome: 'portal', httpStatus: 200, location: null });
  });

  it('accepts the exact body and nothing else', async () => {
    expect((await probeCaptive(ncsi('/real/connecttest.txt'))).outcome).toBe('ok');
    expect((await probeCaptive(ncsi('/newline/connecttest.txt'))).outcome).toBe('portal');
  });

  it('treats generate_204 like Android: 204 or an empty 200 is fine, a page is a portal', async () => {
    expect((await probeCaptive(g204('/real/generate_204'))).outcome).toBe('ok');
    expect((await probeCaptive(g204('/empty200/generate_204'))).outcome).toBe('ok');
    expect((await probeCaptive(g204('/page/generate_204'))).outcome).toBe('portal');
  });

  it('does not call a server error a portal', async () => {
    const result = await probeCaptive(ncsi('/error/connecttest.txt'));
    expect(result).toMatchObject({ outcome: 'unreachable', httpStatus: 503, errorCode: 'HTTP_503' });
  });

  it('reports a connection failure as unreachable and a silent server as timeout', async () => {
    const refused = await probeCaptive({ id: 'ncsi', url: `http://127.0.0.1:${await closedPort()}/connecttest.txt`, expectStatus: 200, expectBody: 'x' });
    expect(refused).toMatchObject({ outcome: 'unreachable', errorCode: 'ECONNREFUSED', httpStatus: null });
    const hung = await probeCaptive({ id: 'ncsi', url: `http://127.0.0.1:${silent.port}/connecttest.txt`, expectStatus: 200, expectBody: 'x' }, { timeoutMs: 300 });
    expect(hung).toMatchObject({ outcome: 'timeout', errorCode: 'ETIMEDOUT' });
    expect(hung.durationMs).toBeLessThan(2000);
  });

  it('goes through an HTTP proxy when given one', async () => {
    // The loopback server doubles as the "proxy": it sees the absolute URL in the request line.
    const before = portal.requests.length;
    const result = await probeCaptive(
      { id: 'ncsi', url: 'http://www.msftconnecttest.invalid/real/connecttest.txt', expectStatus: 200, expectBody: 'Microsoft Connect Test' },
      { proxy: { host: '127.0.0.1', port: portal.port, authorization: null } },
    );
    expect(result.outcome).toBe('ok');
    expect(portal.requests.slice(before).map((r) => r.path)).toEqual(['/real/connecttest.txt']);
  });
});

describe('link probe', () => {
  it('trusts an injected isOnline() that says offline', () => {
    expect(probeLink({ isOnline: () => false }).online).toBe(false);
    expect(probeLink({ isOnline: () => true }).online).toBe(true);
  });

  it('says "cannot tell" when isOnline() throws', () => {
    const link = probeLink({
      isOnline: () => {
        throw new Error('not ready');
      },
    });
    expect(link.online).toBeNull();
    expect(link.detail).toMatch(/not ready/);
  });

  it('reads the real interface list and ignores loopback and link-local addresses', () => {
    const lo = { address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4' as const, mac: '00:00:00:00:00:00', internal: true, cidr: '127.0.0.1/8' };
    const apipa = { ...lo, address: '169.254.10.20', internal: false, cidr: '169.254.10.20/16' };
    expect(probeLink({ interfaces: () => ({ lo: [lo], eth0: [apipa] }) }).online).toBe(false);
    expect(probeLink({ interfaces: () => ({ lo: [lo], eth0: [{ ...apipa, address: '10.1.2.3' }] }) })).toMatchObject({ online: true, detail: expect.stringContaining('eth0') });
    expect(typeof probeLink().online).toBe('boolean');
  });
});

describe('proxy route decision', () => {
  it('parses PAC-style answers the way Electron returns them', () => {
    expect(parsePacResult('DIRECT')).toMatchObject({ ok: true, route: { path: 'DIRECT', proxy: null } });
    expect(parsePacResult('PROXY proxy.corp:8080; DIRECT')).toMatchObject({ ok: true, route: { path: 'PROXY proxy.corp:8080', proxy: { host: 'proxy.corp', port: 8080 } } });
    expect(parsePacResult('PROXY [fd00::1]:3128')).toMatchObject({ ok: true, route: { path: 'PROXY [fd00::1]:3128', proxy: { host: 'fd00::1', port: 3128 } } });
    expect(parsePacResult('SOCKS5 socks.corp:1080')).toMatchObject({ ok: true, route: { path: 'SOCKS5 socks.corp:1080', proxy: null, via: { host: 'socks.corp', port: 1080 } } });
    expect(parsePacResult('what is this').ok).toBe(false);
    expect(parsePacResult('PROXY a b').ok).toBe(false);
  });

  it('reads proxy URLs with credentials without ever showing them', () => {
    const parsed = parseProxySetting('http://alice:s%3Acret@proxy.corp:3128');
    expect(parsed).toMatchObject({ ok: true, route: { path: 'PROXY proxy.corp:3128' } });
    if (parsed.ok) expect(parsed.route.proxy?.authorization).toBe(`Basic ${Buffer.from('alice:s:cret').toString('base64')}`);
    expect(parseProxySetting('proxy.corp:8080')).toMatchObject({ ok: true, route: { path: 'PROXY proxy.corp:8080' } });
    expect(parseProxySetting('ftp://proxy.corp').ok).toBe(false);
  });

  it('uses HTTPS_PROXY for https, HTTP_PROXY for http, and honours NO_PROXY', () => {
    const env = { HTTPS_PROXY: 'http://secure.corp:8443', http_proxy: 'http://plain.corp:8080', NO_PROXY: '.internal.corp, localhost:8080' };
    expect(routeFromEnv(new URL('https://outlook.office365.com/'), env)).toMatchObject({ ok: true, route: { path: 'PROXY secure.corp:8443' } });
    expect(routeFromEnv(new URL('http://www.msftconnecttest.com/connecttest.txt'), env)).toMatchObject({ ok: true, route: { path: 'PROXY plain.corp:8080' } });
    expect(routeFromEnv(new URL('https://wiki.internal.corp/'), env)).toMatchObject({ ok: true, route: { path: 'DIRECT' } });
    expect(routeFromEnv(new URL('https://outlook.office365.com/'), {})).toMatchObject({ ok: true, route: { path: 'DIRECT' } });
    // Without HTTPS_PROXY, https falls back to HTTP_PROXY (undici's EnvHttpProxyAgent does the same).
    expect(routeFromEnv(new URL('https://outlook.office365.com/'), { HTTP_PROXY: 'http://plain.corp:8080' })).toMatchObject({ ok: true, route: { path: 'PROXY plain.corp:8080' } });
  });

  it('matches NO_PROXY entries like curl: exact hosts, subdomains, ports and *', () => {
    const url = (u: string): URL => new URL(u);
    expect(bypassesProxy(url('https://a.corp.example/'), 'corp.example')).toBe(true);
    expect(bypassesProxy(url('https://corp.example/'), '*.corp.example')).toBe(true);
    expect(bypassesProxy(url('https://notcorp.example/'), 'corp.example')).toBe(false);
    expect(bypassesProxy(url('http://localhost:8080/'), 'localhost:8080')).toBe(true);
    expect(bypassesProxy(url('http://localhost:9090/'), 'localhost:8080')).toBe(false);
    expect(bypassesProxy(url('https://anything/'), '*')).toBe(true);
  });
});
