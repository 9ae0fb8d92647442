/**
 * The probes' details are words as data: each result carries its English sentence (`detail`,
 * what JSON output and logs show, unchanged) and the same sentence as a phrase (`detailWords`),
 * which a person's output says in their language. Hosts, addresses, error codes and the
 * runtime's or server's own text stay verbatim in every language. Real probes against servers
 * on 127.0.0.1; the English expectations are the sentences the probes always wrote.
 */
import { createServer, type AddressInfo, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPhrase } from '../../main/core/i18n/phrase.js';
import { createTranslator } from '../../main/core/i18n/translate.js';
import { ladderForJson, ladderInLanguage, type CaptiveCheck, type LadderResult, type StepResult } from '../../main/core/verdict/connectivity-model.js';
import { formatLadder } from '../../main/cli/format.js';
import { localizeReport } from '../../main/core/advice/localize-report.js';
import { decideVerdict } from '../../main/core/verdict/verdict.js';
import { verdictInLanguage } from '../../main/core/verdict/verdict-in-language.js';
import { probeCaptive } from '../../main/node/probes/captive.js';
import { probeDns } from '../../main/node/probes/dns.js';
import { probeHttp } from '../../main/node/probes/http.js';
import { runLadder } from '../../main/node/probes/ladder.js';
import { probeLink } from '../../main/node/probes/link.js';
import { decideRoute } from '../../main/node/probes/proxy-route.js';
import { probeTcp } from '../../main/node/probes/tcp.js';
import { probeTls } from '../../main/node/probes/tls.js';
import { closedPort, startLoopback, type Loopback } from '../helpers/loopback.js';
import { makeReport, TEST_PLAN } from '../helpers/reports.js';
import { runCli, writeConfig } from '../helpers/cli.js';
import { makeCa, makeServerCert, startHttpsLoopback, type CertificateAuthority, type HttpsLoopback } from '../helpers/tls.js';

const de = createTranslator('de');

/** The detail in English (as stored) and in German (said from its words). */
function both(said: { readonly detail: string; readonly detailWords?: unknown }): [string, string] {
  expect(said.detailWords, said.detail).toBeDefined();
  const words = said.detailWords as Parameters<typeof renderPhrase>[0];
  // The stored English is exactly the English rendering of the words.
  expect(renderPhrase(words)).toBe(said.detail);
  return [said.detail, renderPhrase(words, de)];
}

let web: Loopback;
let host: string;
beforeAll(async () => {
  web = await startLoopback({
    '/redirect': (_req, res) => res.writeHead(302, { location: '/login?return=x' }).end(),
    '/page': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>sign in</html>'),
    '/empty': (_req, res) => res.writeHead(204).end(),
    '/text': (_req, res) => res.writeHead(200).end('Microsoft Connect Test'),
    '/gone': (_req, res) => res.writeHead(500).end(),
    '/ok': (_req, res) => res.writeHead(200).end('ok'),
  });
  host = `127.0.0.1:${web.port}`;
});
afterAll(() => web.close());

const captive = (path: string, expectStatus: number, expectBody: string | null = null): CaptiveCheck => ({ id: 'c', url: `${web.url}${path}`, expectStatus, expectBody });

describe('captive-portal details', () => {
  it('a redirect: the portal address verbatim, our words in German', async () => {
    const result = await probeCaptive(captive('/redirect', 204));
    expect(both(result)).toEqual([
      `${host} redirected (HTTP 302) to /login?return=x: a sign-in page is intercepting web traffic`,
      `${host} hat umgeleitet (HTTP 302) auf /login?return=x: Eine Anmeldeseite fängt den Webverkehr ab`,
    ]);
  });

  it('a page where an empty 204 was due, the expected answers, other content and other statuses', async () => {
    expect(both(await probeCaptive(captive('/page', 204)))).toEqual([
      `${host} should answer with an empty 204 but sent a page (HTTP 200): a sign-in page is intercepting web traffic`,
      `${host} sollte leer mit 204 antworten, hat aber eine Seite gesendet (HTTP 200): Eine Anmeldeseite fängt den Webverkehr ab`,
    ]);
    expect(both(await probeCaptive(captive('/empty', 204)))).toEqual([`${host} answered as expected (HTTP 204)`, `${host} hat wie erwartet geantwortet (HTTP 204)`]);
    expect(both(await probeCaptive(captive('/text', 200, 'Microsoft Connect Test')))).toEqual([
      `${host} answered with the expected content`,
      `${host} hat mit dem erwarteten Inhalt geantwortet`,
    ]);
    expect(both(await probeCaptive(captive('/page', 200, 'Microsoft Connect Test')))).toEqual([
      `${host} answered HTTP 200 with different content than expected: a sign-in page is intercepting web traffic`,
      `${host} hat mit HTTP 200 und anderem Inhalt als erwartet geantwortet: Eine Anmeldeseite fängt den Webverkehr ab`,
    ]);
    expect(both(await probeCaptive(captive('/gone', 200)))).toEqual([`${host} answered HTTP 500 instead of 200`, `${host} hat mit HTTP 500 statt 200 geantwortet`]);
  });

  it('a refused connection: the error code in plain words, with the host first', async () => {
    const port = await closedPort();
    const result = await probeCaptive({ id: 'c', url: `http://127.0.0.1:${port}/`, expectStatus: 204, expectBody: null });
    expect(result.errorCode).toBe('ECONNREFUSED');
    expect(both(result)).toEqual([
      `127.0.0.1:${port}: the connection was refused (nothing listening there, or a firewall rejected it)`,
      `127.0.0.1:${port}: die Verbindung wurde abgelehnt (dort wartet nichts auf Verbindungen, oder eine Firewall hat sie zurückgewiesen)`,
    ]);
  });
});

describe('step details', () => {
  it('tcp and http: endpoints, addresses and the server\'s status text stay verbatim', async () => {
    const { result, socket } = await probeTcp({ host: '127.0.0.1', port: web.port });
    socket?.destroy();
    expect(both(result)).toEqual([`connected to ${host} (127.0.0.1)`, `verbunden mit ${host} (127.0.0.1)`]);
    expect(both(await probeHttp(new URL(`${web.url}/ok`)))).toEqual([`${host} answered HTTP 200 OK`, `${host} hat mit HTTP 200 OK geantwortet`]);
    const port = await closedPort();
    const refused = await probeTcp({ host: '127.0.0.1', port });
    expect(both(refused.result)[1]).toBe(`127.0.0.1:${port}: die Verbindung wurde abgelehnt (dort wartet nichts auf Verbindungen, oder eine Firewall hat sie zurückgewiesen)`);
  });

  it('dns: an error we have no words for keeps the runtime\'s own text in every language', async () => {
    const odd = await probeDns('intranet.invalid', { lookup: () => Promise.reject(Object.assign(new Error('resolver said: nope'), { code: 'EWEIRD' })) });
    expect(both(odd)).toEqual(['intranet.invalid: resolver said: nope', 'intranet.invalid: resolver said: nope']);
    const bare = await probeDns('intranet.invalid', { lookup: () => Promise.reject(Object.assign(new Error(''), { code: 'EWEIRD' })) });
    expect(both(bare)).toEqual(['intranet.invalid: error EWEIRD', 'intranet.invalid: Fehler EWEIRD']);
    const none = await probeDns('intranet.invalid', { lookup: () => Promise.resolve([]) });
    expect(both(none)).toEqual(['intranet.invalid: DNS returned no addresses', 'intranet.invalid: DNS hat keine Adressen geliefert']);
    const found = await probeDns('intranet.invalid', { lookup: () => Promise.resolve([{ address: '10.0.0.1' }, { address: 'fd00::1' }]) });
    expect(both(found)).toEqual(['intranet.invalid resolved to 10.0.0.1, fd00::1', 'intranet.invalid wurde aufgelöst zu 10.0.0.1, fd00::1']);
    const timedOut = await probeDns('intranet.invalid', { timeoutMs: 50, lookup: () => new Promise(() => undefined) });
    expect(both(timedOut)).toEqual(['no answer within 50 ms', 'keine Antwort innerhalb von 50 ms']);
  });

  it('link: interface names verbatim', () => {
    const eth = { address: '10.1.2.3', netmask: '255.0.0.0', family: 'IPv4' as const, mac: '00:00:00:00:00:00', internal: false, cidr: '10.1.2.3/8' };
    expect(both(probeLink({ interfaces: () => ({ eth0: [eth] }) }))).toEqual([
      'connected through eth0 (that alone does not prove internet access)',
      'verbunden über eth0 (das allein beweist noch keinen Internetzugang)',
    ]);
    expect(both(probeLink({ interfaces: () => ({}) }))[1]).toBe('keine Netzwerkschnittstelle außer Loopback hat eine Adresse: Der Computer ist mit keinem Netzwerk verbunden');
    expect(both(probeLink({ isOnline: () => false }))).toEqual(['the system reports no network connection', 'das System meldet keine Netzwerkverbindung']);
  });

  it('proxy: a setting we cannot use, with the value verbatim and the fallback said', async () => {
    const { result } = await decideRoute(new URL('https://outlook.invalid/'), { config: 'gopher://proxy.invalid:70' });
    expect(result.errorCode).toBe('PROXY_SETTING_INVALID');
    expect(both(result)).toEqual([
      'proxy scheme gopher: is not supported (expected http://host:port); trying DIRECT',
      'Proxy-Schema gopher: wird nicht unterstützt (erwartet: http://host:port); versuche DIRECT',
    ]);
    const direct = await decideRoute(new URL('https://outlook.invalid/'), { config: 'DIRECT' });
    expect(both(direct.result)).toEqual(['DIRECT for outlook.invalid (from configured proxy)', 'DIRECT für outlook.invalid (laut eingerichtetem Proxy)']);
  });
});

describe('tls details', () => {
  let ca: CertificateAuthority;
  let server: HttpsLoopback;
  beforeAll(async () => {
    ca = await makeCa({ organization: 'Contoso Test Root' });
    server = await startHttpsLoopback(await makeServerCert(ca, { hosts: ['127.0.0.1'] }), (_req, res) => void res.writeHead(200).end('ok'));
  });
  afterAll(() => server.close());

  it('an untrusted issuer: the OpenSSL code in plain words, the issuer verbatim', async () => {
    const { result } = await probeTls({ host: '127.0.0.1', port: server.port });
    const [english, german] = both(result);
    expect(english).toMatch(/^127\.0\.0\.1: the certificate was issued by an authority this computer does not know; issued by .*O=Contoso Test Root/);
    expect(german).toMatch(/^127\.0\.0\.1: das Zertifikat wurde von einer Stelle ausgestellt, die dieser Computer nicht kennt; ausgestellt von .*O=Contoso Test Root/);
  });

  it('an unexpected issuer on a verified chain: the expected names joined in the language', async () => {
    const { result, socket } = await probeTls({ host: '127.0.0.1', port: server.port, extraCaPem: ca.certPem, expectedIssuers: ['Microsoft', 'DigiCert'] });
    socket?.destroy();
    expect(both(result)).toEqual([
      'verified certificate for 127.0.0.1, but issued by Contoso Test Root, not by Microsoft or DigiCert: the connection is probably inspected by a proxy or security product',
      'geprüftes Zertifikat für 127.0.0.1, aber ausgestellt von Contoso Test Root, nicht von Microsoft oder DigiCert: Die Verbindung wird wahrscheinlich von einem Proxy oder Sicherheitsprodukt untersucht',
    ]);
  });
});

describe('the ladder', () => {
  let socks: Server;
  let socksPort: number;
  beforeAll(async () => {
    // Stands in for a SOCKS proxy: the ladder only opens a TCP connection to it.
    socks = createServer((socket) => socket.on('error', () => undefined));
    await new Promise<void>((resolve) => socks.listen(0, '127.0.0.1', resolve));
    socksPort = (socks.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => socks.close(() => resolve())));

  async function ladder(): Promise<LadderResult> {
    return runLadder(
      {
        targets: [
          { id: 'ftp', url: 'ftp://files.invalid/', role: 'baseline', serviceId: null, expectedIssuers: [] },
          { id: 'web', url: `${web.url}/ok`, role: 'service', serviceId: 'outlook', expectedIssuers: [] },
        ],
        captive: [captive('/redirect', 204)],
      },
      { env: { HTTP_PROXY: `socks5://127.0.0.1:${socksPort}`, NO_PROXY: '' }, isOnline: () => true },
    );
  }

  it('skipped steps say why; a proxy path is said with the proxy verbatim', async () => {
    const result = await ladder();
    const steps = (id: string): readonly StepResult[] => result.targets.find((t) => t.target.id === id)?.steps ?? [];
    const [urlStep, ...rest] = steps('ftp');
    expect(both(urlStep ?? { detail: '' })).toEqual(['not a usable URL ("ftp://files.invalid/"): unsupported scheme ftp:', 'keine verwendbare URL ("ftp://files.invalid/"): nicht unterstütztes Schema ftp:']);
    for (const step of rest) expect(both(step)).toEqual(['not run: the target URL is invalid', 'nicht ausgeführt: Die Ziel-URL ist ungültig']);
    const web = steps('web');
    const proxy = `SOCKS5 127.0.0.1:${socksPort}`;
    expect(web.map((s) => both(s)[0])).toEqual([
      `${proxy} for ${host} (from environment (HTTP(S)_PROXY))`,
      `not run: the path goes through a proxy (${proxy}), which resolves names itself`,
      `to the proxy: connected to 127.0.0.1:${socksPort} (127.0.0.1)`,
      'not run: SOCKS5 proxies are checked only up to the TCP connection to the proxy',
      'not run: SOCKS5 proxies are checked only up to the TCP connection to the proxy',
    ]);
    expect(web.map((s) => both(s)[1])).toEqual([
      `${proxy} für ${host} (laut Umgebung (HTTP(S)_PROXY))`,
      `nicht ausgeführt: Der Weg führt über einen Proxy (${proxy}), der Namen selbst auflöst`,
      `zum Proxy: verbunden mit 127.0.0.1:${socksPort} (127.0.0.1)`,
      'nicht ausgeführt: SOCKS5-Proxys werden nur bis zur TCP-Verbindung zum Proxy geprüft',
      'nicht ausgeführt: SOCKS5-Proxys werden nur bis zur TCP-Verbindung zum Proxy geprüft',
    ]);
  });

  it('JSON shows the documented members in English; a person\'s copy says the details in their language', async () => {
    const result = await ladder();
    const json = ladderForJson(result);
    const text = JSON.stringify(json);
    expect(text).not.toContain('detailWords');
    // Same members in the same order as before the words were added.
    const step = result.targets[1]?.steps[2];
    expect(Object.keys(json.targets[1]?.steps[2] ?? {})).toEqual(Object.keys(step ?? {}).filter((k) => k !== 'detailWords'));
    expect(Object.keys(json.link)).toEqual(['online', 'detail']);
    expect(json.targets[1]?.steps[2]?.detail).toBe(step?.detail);

    const german = ladderInLanguage(result, de);
    expect(german.link.detail).toBe('das System meldet eine Netzwerkverbindung (das allein beweist noch keinen Internetzugang)');
    expect(german.captive[0]?.detail).toBe(`${host} hat umgeleitet (HTTP 302) auf /login?return=x: Eine Anmeldeseite fängt den Webverkehr ab`);
    expect(ladderInLanguage(result, createTranslator('en'))).toBe(result);

    // The CLI's lines: German details after " - ", the English lines as the stored details.
    expect(formatLadder(result, de).join('\n')).toContain(` - zum Proxy: verbunden mit 127.0.0.1:${socksPort} (127.0.0.1)`);
    expect(formatLadder(result).join('\n')).toContain(` - to the proxy: connected to 127.0.0.1:${socksPort} (127.0.0.1)`);
  });

  it('the window\'s report and the verdict\'s evidence say the details in the person\'s language', async () => {
    const result = await ladder();
    // The window reads the report main said again in German (main/shell/main.ts: localizeReport).
    const report = localizeReport(makeReport([], 'captive-portal', Date.now(), { ladder: result }), TEST_PLAN, de);
    expect(report.probes?.captive[0]?.detail).toBe(`${host} hat umgeleitet (HTTP 302) auf /login?return=x: Eine Anmeldeseite fängt den Webverkehr ab`);
    expect(report.probes?.targets[1]?.steps[1]?.detail).toMatch(/^nicht ausgeführt: Der Weg führt über einen Proxy/);
    // The captive evidence quotes the detail: English in the verdict (JSON), German when said again.
    const verdict = decideVerdict({ statuses: [], ladder: result, services: TEST_PLAN.services });
    expect(verdict.kind).toBe('captive-portal');
    const english = verdict.evidence.map((e) => e.text).join('\n');
    expect(english).toContain(`${host} redirected (HTTP 302) to /login?return=x: a sign-in page is intercepting web traffic`);
    const german = verdictInLanguage(verdict, de).evidence.map((e) => e.text).join('\n');
    expect(german).toContain(`${host} hat umgeleitet (HTTP 302) auf /login?return=x: Eine Anmeldeseite fängt den Webverkehr ab`);
    expect(german).not.toContain('intercepting web traffic');
  });

  it('steps after a failed one say which step failed', async () => {
    const port = await closedPort();
    const result = await runLadder({ targets: [{ id: 'closed', url: `http://127.0.0.1:${port}/`, role: 'service', serviceId: null, expectedIssuers: [] }], captive: [] }, { env: {} });
    const [, , tcp, tls, http] = result.targets[0]?.steps ?? [];
    expect(tcp?.errorCode).toBe('ECONNREFUSED');
    for (const step of [tls, http]) expect(both(step ?? { detail: '' })).toEqual(['not run: the tcp step did not succeed', 'nicht ausgeführt: Der Schritt TCP war nicht erfolgreich']);
  });

  it('a result from before details carried words is said as it was written', () => {
    const old: LadderResult = { startedAt: '', durationMs: 1, timedOut: false, link: { online: true, detail: 'old words' }, proxy: { mode: 'DIRECT', source: 'none' }, captive: [], targets: [] };
    expect(ladderInLanguage(old, de).link.detail).toBe('old words');
    expect(formatLadder(old, de).join('\n')).toContain('old words');
  });
});

describe('the CLI', () => {
  const GERMAN = { LANG: 'de_DE.UTF-8', TZ: 'Europe/Berlin' };
  const config = (): string =>
    writeConfig({
      watch: [],
      connectivity: {
        baseline: [`${web.url}/ok`],
        captive: [{ id: 'ncsi', url: `${web.url}/redirect`, expectStatus: 204, expectBody: null }],
        targets: [{ id: 'outlook-a', url: `${web.url}/ok`, role: 'service', serviceId: 'outlook' }],
      },
    });

  it('check --json and report --json print the details in English, without their words', async () => {
    const file = config();
    const check = await runCli(['check', '--config', file, '--json'], { env: GERMAN });
    const report = JSON.parse(check.stdout) as { probes: { captive: Record<string, unknown>[]; targets: { steps: Record<string, unknown>[] }[] } };
    expect(report.probes.captive[0]?.['detail']).toBe(`${host} redirected (HTTP 302) to /login?return=x: a sign-in page is intercepting web traffic`);
    expect(report.probes.targets[0]?.steps.map((s) => s['detail'])).toContain(`${host} answered HTTP 200 OK`);
    expect(check.stdout).not.toContain('detailWords');
    const diagnostics = await runCli(['report', '--config', file, '--json'], { env: GERMAN });
    expect(diagnostics.stdout).toContain(`${host} answered HTTP 200 OK`);
    expect(diagnostics.stdout).not.toMatch(/detailWords|geantwortet/);
  });

  it('check and report say the details in German for a German locale', async () => {
    const file = config();
    const check = await runCli(['check', '--config', file], { env: GERMAN });
    expect(check.stdout).toContain(` - ${host} hat mit HTTP 200 OK geantwortet`);
    expect(check.stdout).not.toMatch(/answered HTTP|not run:|intercepting web traffic/);
    const report = await runCli(['report', '--config', file], { env: GERMAN });
    // The evidence quotes the sign-in check's detail; the link line says the system's state.
    expect(report.stdout).toContain('Eine Anmeldeseite fängt den Webverkehr ab');
    expect(report.stdout).not.toMatch(/intercepting web traffic|does not prove internet access|not connected to a network/);
  });
});
