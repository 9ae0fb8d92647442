/**
 * Ladder step 6: one HEAD over the connection the earlier steps opened (TLS to the target, a
 * CONNECT tunnel, or plain TCP). Redirects are not followed and nothing is cached; only the status
 * line matters, so we ask for no body at all: a GET made the server send a window of its home page
 * (often 14 KB and more) that we then threw away, on every run. Any HTTP status means the host
 * answered (a server that refuses HEAD with 405 still answered), except 407: that is a proxy
 * (maybe a transparent one) asking for credentials, PROXY_AUTH_REQUIRED.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { StepResult } from '../../core/verdict/connectivity-model.js';
import type { ProxyEndpoint } from './proxy-route.js';
import { failure, probeHeaders, probeWords, said, timedStep } from './step.js';
import { httpRequest, httpsRequest } from './node-http.js';

const HTTP_TIMEOUT_MS = 5000;

export interface HttpProbeOptions {
  /** A connected socket (TLS for https, plain for http) from the earlier steps; without it we connect ourselves. */
  readonly socket?: Duplex;
  /**
   * For a plain-http URL whose `socket` is connected to a proxy: send the absolute URL (classic
   * forward proxying) with its credentials.
   */
  readonly proxy?: ProxyEndpoint | null;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

/** Sends `HEAD url` and reports the status it got. */
export function probeHttp(url: URL, options: HttpProbeOptions = {}): Promise<StepResult> {
  return timedStep('http', options.timeoutMs ?? HTTP_TIMEOUT_MS, options.signal, (signal) =>
    new Promise((resolve) => {
      const forwardThroughProxy = url.protocol === 'http:' && options.proxy ? options.proxy : null;
      const headers = probeHeaders(url, forwardThroughProxy?.authorization);
      const socket = options.socket;
      const send = url.protocol === 'https:' && !socket ? httpsRequest : httpRequest;
      const req = send({
        method: 'HEAD',
        host: url.hostname.replace(/^\[|\]$/g, ''),
        port: url.port === '' ? undefined : Number(url.port),
        path: forwardThroughProxy ? url.href : `${url.pathname}${url.search}`,
        headers,
        ...(socket ? { createConnection: () => socket as never } : { agent: false }),
      });
      const onAbort = (): void => void req.destroy();
      signal.addEventListener('abort', onAbort, { once: true });
      req.once('response', (res: IncomingMessage) => {
        signal.removeEventListener('abort', onAbort);
        const status = res.statusCode ?? 0;
        res.on('error', () => undefined);
        res.destroy();
        req.destroy();
        if (status === 407) {
          resolve({
            outcome: 'fail',
            errorCode: 'PROXY_AUTH_REQUIRED',
            ...said(probeWords('probe.detail.httpProxyAuth', { host: url.host })),
            httpStatus: 407,
          });
          return;
        }
        // The status text is the server's own words ("OK", "Not Found"): said as it came.
        const line = `${status}${res.statusMessage ? ` ${res.statusMessage}` : ''}`;
        resolve({ outcome: 'ok', errorCode: null, ...said(probeWords('probe.detail.httpAnswered', { host: url.host, status: line })), httpStatus: status });
      });
      req.once('error', (error) => {
        signal.removeEventListener('abort', onAbort);
        resolve(failure(error, `HEAD ${url.host}`));
      });
      req.end();
    }),
  );
}
