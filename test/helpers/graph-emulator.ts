/**
 * A Microsoft Graph service-health and Entra ID token emulator on 127.0.0.1, for the relay's tests.
 *
 * It serves the recorded Graph payloads (test/fixtures/recorded/graph) with every timestamp moved
 * by the same offset, so the recorded issues are as recent as a test needs; `@odata.nextLink`s
 * point back at the emulator. The token endpoint checks what Entra ID checks that matters here:
 * a form body with grant_type, client_id, scope and the secret (or an RS256 client assertion
 * signed by the given certificate), and no HTTP Basic auth. Scripted answers (429, 503, 401)
 * can be queued per path.
 */
import { createPublicKey, verify, X509Certificate, createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFixture } from './fixtures.js';
import { startLoopback, type Loopback } from './loopback.js';

export const OVERVIEWS_PATH = '/v1.0/admin/serviceAnnouncement/healthOverviews';
export const ISSUES_PATH = '/v1.0/admin/serviceAnnouncement/issues';

/** A recorded payload with every ISO timestamp moved by `shiftMs`, optionally edited as text. */
export function shiftedFixture(name: string, shiftMs: number, edit: (text: string) => string = (t) => t): string {
  const text = readFixture(`graph/${name}`).replace(/"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z)"/g, (_m, iso: string) =>
    JSON.stringify(new Date(Date.parse(iso) + shiftMs).toISOString()),
  );
  return edit(text);
}

export interface ScriptedAnswer {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

export interface TokenRequestSeen {
  readonly form: URLSearchParams;
  readonly authorization: string | undefined;
  readonly path: string;
}

export interface GraphEmulatorOptions {
  readonly tenant: string;
  readonly clientId: string;
  /** The client secret the token endpoint accepts; null when only a certificate is accepted. */
  readonly secret: string | null;
  /** PEM certificate whose key must sign client assertions. */
  readonly certificatePem?: string;
  /** Body of healthOverviews?$expand=issues. */
  readonly overviews: string;
  /** Bodies of the issues pages, in order; page n links to page n+1 via `$skip`. */
  readonly issuePages: readonly string[];
  readonly tokenLifetimeS?: number;
}

export interface GraphEmulator {
  readonly url: string;
  readonly loopback: Loopback;
  readonly tokenRequests: TokenRequestSeen[];
  /** Graph GETs seen: path with query, and the token used. */
  readonly graphRequests: Array<{ readonly pathAndQuery: string; readonly token: string | null }>;
  /** Queues answers given instead of the real one to the next requests for `path`. */
  script(path: string, ...answers: ScriptedAnswer[]): void;
  /** Makes every token issued so far invalid (Graph then answers 401). */
  revokeTokens(): void;
  /** While true, every Graph request answers this. */
  outage: ScriptedAnswer | null;
  setPayloads(overviews: string, issuePages: readonly string[]): void;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => resolve(body));
  });
}

function json(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(typeof value === 'string' ? value : JSON.stringify(value));
}

function verifyAssertion(assertion: string, certificatePem: string, clientId: string, audience: string): string | null {
  const [header, payload, signature] = assertion.split('.');
  if (header === undefined || payload === undefined || signature === undefined) return 'malformed assertion';
  const head = JSON.parse(Buffer.from(header, 'base64url').toString()) as Record<string, unknown>;
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
  const cert = new X509Certificate(certificatePem);
  if (head['alg'] !== 'RS256') return 'alg must be RS256';
  if (head['x5t'] !== createHash('sha1').update(cert.raw).digest('base64url')) return 'x5t does not name the certificate';
  if (!verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), createPublicKey(cert.publicKey.export({ type: 'spki', format: 'pem' })), Buffer.from(signature, 'base64url'))) return 'bad signature';
  if (claims['iss'] !== clientId || claims['sub'] !== clientId) return 'iss/sub must be the client id';
  if (claims['aud'] !== audience) return `aud must be ${audience}`;
  const now = Date.now() / 1000;
  if (typeof claims['exp'] !== 'number' || claims['exp'] < now) return 'expired assertion';
  return null;
}

export async function startGraphEmulator(options: GraphEmulatorOptions): Promise<GraphEmulator> {
  const scripts = new Map<string, ScriptedAnswer[]>();
  const valid = new Set<string>();
  let issued = 0;
  let overviews = options.overviews;
  let issuePages = options.issuePages;
  const tokenRequests: TokenRequestSeen[] = [];
  const graphRequests: GraphEmulator['graphRequests'] = [];
  const loopback = await startLoopback();
  const base = loopback.url;
  const tokenPath = `/${options.tenant}/oauth2/v2.0/token`;

  const emulator: GraphEmulator = {
    url: base,
    loopback,
    tokenRequests,
    graphRequests,
    outage: null,
    script: (path, ...answers) => void scripts.set(path, [...(scripts.get(path) ?? []), ...answers]),
    revokeTokens: () => valid.clear(),
    setPayloads: (o, pages) => {
      overviews = o;
      issuePages = pages;
    },
    close: () => loopback.close(),
  };

  const scripted = (path: string, res: ServerResponse): boolean => {
    const answer = scripts.get(path)?.shift();
    if (answer === undefined) return false;
    json(res, answer.status, answer.body ?? '{"error":{"code":"scripted"}}', answer.headers);
    return true;
  };

  loopback.route(tokenPath, (req, res) => {
    void readBody(req).then((body) => {
      const form = new URLSearchParams(body);
      tokenRequests.push({ form, authorization: req.headers.authorization, path: tokenPath });
      if (scripted(tokenPath, res)) return;
      if (req.method !== 'POST' || req.headers['content-type'] !== 'application/x-www-form-urlencoded' || req.headers.authorization !== undefined) {
        json(res, 400, { error: 'invalid_request', error_description: 'AADSTS900144: expected a form POST without Authorization.' });
        return;
      }
      const credentialOk =
        form.get('client_secret') !== null
          ? form.get('client_secret') === options.secret
          : options.certificatePem !== undefined &&
            form.get('client_assertion_type') === 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer' &&
            verifyAssertion(form.get('client_assertion') ?? '', options.certificatePem, options.clientId, `${base}${tokenPath}`) === null;
      if (form.get('grant_type') !== 'client_credentials' || form.get('client_id') !== options.clientId || form.get('scope') !== `${base}/.default` || !credentialOk) {
        json(res, 401, { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.\r\nTrace ID: 0000' });
        return;
      }
      issued += 1;
      const token = `emulated-token-${issued}`;
      valid.add(token);
      json(res, 200, { token_type: 'Bearer', expires_in: options.tokenLifetimeS ?? 3599, access_token: token });
    });
  });

  const graph = (path: string, page: (req: IncomingMessage) => string | null) => (req: IncomingMessage, res: ServerResponse) => {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? null;
    graphRequests.push({ pathAndQuery: req.url ?? '', token });
    if (emulator.outage !== null) {
      json(res, emulator.outage.status, emulator.outage.body ?? '{"error":{"code":"serviceUnavailable"}}', emulator.outage.headers);
      return;
    }
    if (scripted(path, res)) return;
    if (token === null || !valid.has(token)) {
      json(res, 401, { error: { code: 'InvalidAuthenticationToken', message: 'Access token has expired or is not yet valid.' } });
      return;
    }
    const body = page(req);
    if (body === null) json(res, 404, { error: { code: 'NotFound' } });
    else json(res, 200, body);
  };

  loopback.route(OVERVIEWS_PATH, graph(OVERVIEWS_PATH, (req) => (new URL(req.url ?? '/', base).searchParams.get('$expand') === 'issues' ? overviews : null)));
  loopback.route(
    ISSUES_PATH,
    graph(ISSUES_PATH, (req) => {
      const skip = Number(new URL(req.url ?? '/', base).searchParams.get('$skip') ?? '0');
      const index = skip / 100;
      const body = issuePages[index];
      if (body === undefined) return null;
      // Graph's own nextLink form (`…/issues?$skip=100`), pointed at this emulator; the rest of the
      // recorded body is served as it is.
      const next = index + 1 < issuePages.length ? `${base}${ISSUES_PATH}?$skip=${(index + 1) * 100}` : null;
      const link = /"@odata\.nextLink":\s*"[^"]*",?\s*/;
      if (next === null) return body.replace(link, '');
      return link.test(body) ? body.replace(link, `"@odata.nextLink": ${JSON.stringify(next)}, `) : body.replace('{', `{ "@odata.nextLink": ${JSON.stringify(next)},`);
    }),
  );
  return emulator;
}
