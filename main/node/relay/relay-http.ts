/**
 * The relay's HTTP transport: one request (GET to Graph with a bearer token, POST of a form to the
 * token endpoint), its status, headers and body, or a failure in words. The app's `Http` port is
 * GET-only and sends no credentials, so the relay has this small adapter of its own on undici's
 * request API (the same proxy-aware dispatcher: HTTPS_PROXY / NO_PROXY from the environment).
 *
 * No redirects are followed (a redirect would carry the Authorization header or the client secret
 * elsewhere); no compression is asked for. Error texts carry the URL's origin and path only, never
 * headers or bodies we sent.
 */
import { EnvHttpProxyAgent, type Dispatcher } from '../undici-parts.js';
import { innermostCode, messageOf } from '../http-body.js';

export interface RelayRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

export type RelayResponse =
  | { readonly ok: true; readonly status: number; readonly header: (name: string) => string | null; readonly body: string }
  | { readonly ok: false; readonly error: string };

export interface RelayTransport {
  send(request: RelayRequest): Promise<RelayResponse>;
  close(): Promise<void>;
}

export interface RelayTransportOptions {
  readonly userAgent: string;
  readonly timeoutMs?: number;
  /** Graph pages are about 100 issues with their posts; 8 MiB leaves room and bounds memory. */
  readonly maxBodyBytes?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_BODY = 8 * 1024 * 1024;

/** Where a request went, for messages: never the query (nextLinks may carry opaque state). */
export function describeTarget(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '(bad URL)';
  }
}

export function createRelayTransport(options: RelayTransportOptions): RelayTransport {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const dispatcher: Dispatcher = new EnvHttpProxyAgent({ connect: { timeout: timeoutMs }, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });

  async function send(request: RelayRequest): Promise<RelayResponse> {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return { ok: false, error: `bad URL ${describeTarget(request.url)}` };
    }
    const where = describeTarget(request.url);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const response = await dispatcher.request({
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: request.method,
        headers: { 'user-agent': options.userAgent, accept: 'application/json', ...request.headers },
        ...(request.body === undefined ? {} : { body: request.body }),
        signal: controller.signal,
      });
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of response.body as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > maxBody) {
          response.body.destroy();
          return { ok: false, error: `the answer from ${where} is larger than ${Math.round(maxBody / 1024 / 1024)} MiB; refused` };
        }
        chunks.push(chunk);
      }
      const headers = response.headers;
      return {
        ok: true,
        status: response.statusCode,
        header: (name) => {
          const value = headers[name.toLowerCase()];
          return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
        },
        body: Buffer.concat(chunks).toString('utf8'),
      };
    } catch (error) {
      if (controller.signal.aborted) return { ok: false, error: `no complete answer from ${where} within ${Math.round(timeoutMs / 1000)} s` };
      const code = innermostCode(error) ?? 'ERROR';
      return { ok: false, error: `cannot reach ${where}: ${code} ${messageOf(error)}`.trim() };
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    send,
    close: async () => {
      await dispatcher.destroy().catch(() => undefined);
    },
  };
}
