/**
 * App-only tokens from Microsoft Entra ID (client credentials grant): `POST
 * <login-url>/<tenant>/oauth2/v2.0/token` with a form body, the client secret or a signed client
 * assertion in the body (never HTTP Basic auth), `scope=<graph-url>/.default`. The token is kept
 * until shortly before it expires, and thrown away when Graph answers 401.
 */
import { isRecord, own, parseJsonSafely } from '../../core/sources/json-safe.js';
import { clientAssertion, type Credential } from './credentials.js';
import type { RelayTransport } from './relay-http.js';
import { sendThrottled, type ThrottleDeps } from './throttle.js';

export type TokenOutcome = { readonly ok: true; readonly token: string } | { readonly ok: false; readonly error: string; readonly retryAfterMs: number | null };

export interface TokenClient {
  /** A token valid for a while yet: the cached one, or a new one. */
  token(deps: ThrottleDeps): Promise<TokenOutcome>;
  /** Forgets the cached token (Graph said 401), so the next `token()` asks for a new one. */
  invalidate(): void;
}

export interface TokenClientOptions {
  readonly transport: RelayTransport;
  readonly tokenUrl: string;
  readonly scope: string;
  readonly clientId: string;
  readonly credential: Credential;
}

/** Refresh this long before expiry (or at half the lifetime of a short-lived token). */
const REFRESH_MARGIN_MS = 5 * 60 * 1000;
/** Entra ID's tokens live 60-90 minutes; a missing `expires_in` is taken as the short end. */
const DEFAULT_LIFETIME_S = 3600;

/** The first sentence of Entra's error_description, without its trace and correlation ids. */
function describeTokenError(body: string): string {
  const json = parseJsonSafely(body);
  if (!json.ok || !isRecord(json.value)) return '';
  const code = own(json.value, 'error');
  const description = own(json.value, 'error_description');
  const first = typeof description === 'string' ? (description.split(/\r?\n|\s+Trace ID:/)[0] ?? '').slice(0, 300) : '';
  return [typeof code === 'string' ? code : '', first].filter((s) => s !== '').join(': ');
}

export function createTokenClient(options: TokenClientOptions): TokenClient {
  let cached: { token: string; refreshAt: number } | null = null;

  function form(nowMs: number): string {
    const fields: Record<string, string> = { grant_type: 'client_credentials', client_id: options.clientId, scope: options.scope };
    if (options.credential.kind === 'secret') fields['client_secret'] = options.credential.secret;
    else {
      fields['client_assertion_type'] = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
      fields['client_assertion'] = clientAssertion(options.credential, options.clientId, options.tokenUrl, nowMs);
    }
    return new URLSearchParams(fields).toString();
  }

  return {
    invalidate: () => {
      cached = null;
    },
    async token(deps) {
      const now = deps.now();
      if (cached !== null && now < cached.refreshAt) return { ok: true, token: cached.token };
      const sent = await sendThrottled(
        () => options.transport.send({ method: 'POST', url: options.tokenUrl, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form(deps.now()) }),
        'the sign-in endpoint',
        deps,
      );
      if (!sent.ok) return { ok: false, error: `cannot get a token: ${sent.error}`, retryAfterMs: sent.retryAfterMs };
      const { response } = sent;
      if (response.status !== 200) {
        const why = describeTokenError(response.body);
        return { ok: false, error: `the sign-in endpoint refused the app's credentials: HTTP ${response.status}${why === '' ? '' : ` (${why})`}`, retryAfterMs: null };
      }
      const json = parseJsonSafely(response.body);
      const token = json.ok && isRecord(json.value) ? own(json.value, 'access_token') : undefined;
      if (typeof token !== 'string' || token === '') return { ok: false, error: 'the sign-in endpoint answered without an access_token', retryAfterMs: null };
      const rawLifetime = json.ok && isRecord(json.value) ? Number(own(json.value, 'expires_in')) : NaN;
      const lifetimeMs = (Number.isFinite(rawLifetime) && rawLifetime > 0 ? rawLifetime : DEFAULT_LIFETIME_S) * 1000;
      cached = { token, refreshAt: now + lifetimeMs - Math.min(REFRESH_MARGIN_MS, lifetimeMs / 2) };
      return { ok: true, token };
    },
  };
}
