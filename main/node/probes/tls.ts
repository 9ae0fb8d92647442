/**
 * Ladder step 5: the TLS handshake, through a CONNECT tunnel when the path is a proxy. We accept
 * any certificate (rejectUnauthorized: false) so that we can READ it, then report whether it
 * verified and why not: a wrong clock (CERT_NOT_YET_VALID / CERT_HAS_EXPIRED), an inspecting
 * proxy's own CA (SELF_SIGNED_CERT_IN_CHAIN), a captive portal's certificate for another name
 * (ERR_TLS_CERT_ALTNAME_INVALID). The trust store matches the HTTP adapter: Node's bundled roots
 * plus the configured extra CA bundle.
 */
import { isIP, type Socket } from 'node:net';
import { checkServerIdentity, connect as tlsConnect, rootCertificates, type PeerCertificate, type TLSSocket } from 'node:tls';
import type { Duplex } from 'node:stream';
import type { StepResult, TlsDetails } from '../../core/verdict/connectivity-model.js';
import { unbracket } from './dns.js';
import type { ProxyEndpoint } from './proxy-route.js';
import { formatHostPort, openTunnel } from './proxy-tunnel.js';
import { orList } from '../../core/i18n/phrase.js';
import { certWords, failure, probeWords, said, timedStep, type StepBody } from './step.js';

const TLS_TIMEOUT_MS = 3000;

export interface TlsProbeOptions {
  /** The target host: SNI (unless an IP literal) and the name the certificate must carry. */
  readonly host: string;
  readonly port: number;
  /** A connected socket from the TCP step (to the target, or to `proxy`). Without it we connect ourselves. */
  readonly socket?: Socket | Duplex;
  /** When set, `socket` is connected to this proxy and the handshake runs inside a CONNECT tunnel. */
  readonly proxy?: ProxyEndpoint | null;
  /** Extra trusted CAs (PEM), added to Node's bundled roots, as the HTTP adapter does. */
  readonly extraCaPem?: string | null;
  /** Issuer organizations expected for this host (substring match); informs the detail text only. */
  readonly expectedIssuers?: readonly string[];
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

export interface TlsProbe {
  readonly result: StepResult;
  /** The TLS socket when the step is ok (caller owns and destroys it); else null. */
  readonly socket: TLSSocket | null;
}

/** Runs the handshake and reports the certificate and whether it verified. */
export async function probeTls(options: TlsProbeOptions): Promise<TlsProbe> {
  const host = unbracket(options.host);
  const label = formatHostPort(host, options.port);
  let tlsSocket: TLSSocket | null = null;
  const result = await timedStep('tls', options.timeoutMs ?? TLS_TIMEOUT_MS, options.signal, async (signal): Promise<StepBody> => {
    if (options.proxy && options.socket) {
      let answer;
      try {
        answer = await openTunnel(options.socket, host, options.port, options.proxy.authorization, signal);
      } catch (error) {
        return failure(error, probeWords('probe.detail.tunnelContext', { endpoint: label }));
      }
      if (answer.status === 407) {
        return {
          outcome: 'fail',
          errorCode: 'PROXY_AUTH_REQUIRED',
          ...said(probeWords('probe.detail.tunnelAuth', { endpoint: label })),
          httpStatus: 407,
        };
      }
      if (answer.status < 200 || answer.status > 299) {
        return {
          outcome: 'fail',
          errorCode: `PROXY_CONNECT_${answer.status}`,
          // The status text is the proxy's own words, said as it came.
          ...said(probeWords('probe.detail.tunnelRefused', { endpoint: label, status: `${answer.status} ${answer.statusText}` })),
          httpStatus: answer.status,
        };
      }
    }
    return handshake(host, options, signal, (s) => {
      tlsSocket = s;
    });
  });
  const socket = tlsSocket as TLSSocket | null;
  if (result.outcome === 'ok' && socket) return { result, socket };
  socket?.destroy();
  if (result.outcome !== 'ok') options.socket?.destroy();
  return { result, socket: null };
}

function handshake(host: string, options: TlsProbeOptions, signal: AbortSignal, keep: (socket: TLSSocket) => void): Promise<StepBody> {
  return new Promise((resolve) => {
    const socket = tlsConnect({
      host,
      port: options.port,
      ...(options.socket ? { socket: options.socket } : {}),
      // RFC 6066 forbids IP literals as SNI; checkServerIdentity then matches IP SANs against `host`.
      ...(isIP(host) === 0 ? { servername: host } : {}),
      rejectUnauthorized: false,
      ...(options.extraCaPem ? { ca: [...rootCertificates, options.extraCaPem] } : {}),
      ALPNProtocols: ['http/1.1'],
    });
    keep(socket);
    const onAbort = (): void => void socket.destroy();
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('secureConnect', () => {
      signal.removeEventListener('abort', onAbort);
      resolve(judge(host, socket, options.expectedIssuers ?? []));
    });
    socket.once('error', (error) => {
      signal.removeEventListener('abort', onAbort);
      resolve(failure(error, probeWords('probe.detail.handshakeContext', { host })));
    });
  });
}

function judge(host: string, socket: TLSSocket, expectedIssuers: readonly string[]): StepBody {
  const cert = socket.getPeerCertificate(false);
  let authorized = socket.authorized;
  let authorizationError: string | null = authorized ? null : errorText(socket.authorizationError);
  // Node checks the name itself on a fresh session; check again so a resumed session cannot skip it.
  if (authorized && cert && Object.keys(cert).length > 0) {
    const nameError = checkServerIdentity(host, cert);
    if (nameError) {
      authorized = false;
      authorizationError = errorText(nameError);
    }
  }
  const tls = tlsDetails(cert, authorized, authorizationError);
  if (!authorized) {
    const code = authorizationError ?? 'CERT_UNTRUSTED';
    const words = certWords(code) ?? probeWords('probe.detail.certNotAccepted', { code });
    const issuer = tls.issuer || probeWords('probe.detail.issuerUnknown');
    return { outcome: 'fail', errorCode: code, ...said(probeWords('probe.detail.certRejected', { host, words, issuer })), tls };
  }
  const issuerOrg = tls.issuerOrg ?? tls.issuer;
  const expected = expectedIssuers.length === 0 || expectedIssuers.some((name) => issuerOrg.toLowerCase().includes(name.toLowerCase()));
  const words = expected
    ? probeWords('probe.detail.certVerified', { host, issuer: issuerOrg })
    : probeWords('probe.detail.certUnexpectedIssuer', { host, issuer: issuerOrg, expected: orList(expectedIssuers) });
  return { outcome: 'ok', errorCode: null, ...said(words), tls };
}

function tlsDetails(cert: PeerCertificate | undefined, authorized: boolean, authorizationError: string | null): TlsDetails {
  const present = cert !== undefined && Object.keys(cert).length > 0;
  return {
    subject: present ? formatName(cert.subject) : '',
    issuer: present ? formatName(cert.issuer) : '',
    issuerOrg: present ? firstValue(cert.issuer?.O) : null,
    validFrom: present ? isoDate(cert.valid_from) : null,
    validTo: present ? isoDate(cert.valid_to) : null,
    authorized,
    authorizationError,
  };
}

type NameFields = Record<string, string | string[] | undefined> | undefined;

function formatName(name: NameFields | object): string {
  if (!name) return '';
  return Object.entries(name as Record<string, unknown>)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : String(value)}`)
    .join(', ');
}

function firstValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? (value[0] ?? null) : value;
}

function isoDate(text: string | undefined): string | null {
  if (!text) return null;
  const time = Date.parse(text);
  return Number.isNaN(time) ? text : new Date(time).toISOString();
}

function errorText(error: unknown): string {
  if (typeof error === 'string') return error;
  if (error && typeof error === 'object') {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    if (error instanceof Error) return error.message;
  }
  return 'CERT_UNTRUSTED';
}
