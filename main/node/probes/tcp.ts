/**
 * Ladder step 4: a TCP connection to the target (DIRECT) or to the proxy. When DNS already
 * resolved the target, we connect to exactly those addresses (happy eyeballs across them, as
 * Node does for apps) instead of resolving again, so the two steps describe the same attempt.
 */
import { connect, isIP, type LookupFunction, type Socket } from 'node:net';
import type { StepResult } from '../../core/verdict/connectivity-model.js';
import { unbracket } from './dns.js';
import { failure, probeWords, said, timedStep } from './step.js';

const TCP_TIMEOUT_MS = 3000;

export interface TcpEndpoint {
  readonly host: string;
  readonly port: number;
  /** Addresses from the DNS step; when absent, `host` is resolved by the connect call itself. */
  readonly addresses?: readonly string[];
}

export interface TcpProbeOptions {
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

export interface TcpProbe {
  readonly result: StepResult;
  /** The connected socket when the step is ok (the caller owns it and must destroy it); else null. */
  readonly socket: Socket | null;
}

/** Opens a TCP connection to `endpoint` and reports how it went. */
export async function probeTcp(endpoint: TcpEndpoint, options: TcpProbeOptions = {}): Promise<TcpProbe> {
  const host = unbracket(endpoint.host);
  const label = `${isIP(host) === 6 ? `[${host}]` : host}:${endpoint.port}`;
  let socket: Socket | null = null;
  const result = await timedStep('tcp', options.timeoutMs ?? TCP_TIMEOUT_MS, options.signal, (signal) =>
    new Promise((resolve) => {
      const addresses = endpoint.addresses ?? [];
      const lookup = addresses.length > 0 && isIP(host) === 0 ? fixedLookup(addresses) : undefined;
      const s = connect({ host, port: endpoint.port, ...(lookup ? { lookup } : {}) });
      socket = s;
      const onAbort = (): void => void s.destroy();
      signal.addEventListener('abort', onAbort, { once: true });
      s.once('connect', () => {
        signal.removeEventListener('abort', onAbort);
        resolve({ outcome: 'ok', errorCode: null, ...said(probeWords('probe.detail.tcpConnected', { endpoint: label, address: s.remoteAddress ?? host })) });
      });
      s.once('error', (error) => {
        signal.removeEventListener('abort', onAbort);
        resolve(failure(error, label));
      });
    }),
  );
  const connected = socket as Socket | null;
  if (result.outcome === 'ok' && connected) return { result, socket: connected };
  connected?.destroy();
  return { result, socket: null };
}

/** A `lookup` for net.connect that answers with addresses we already have, never asking DNS again. */
function fixedLookup(addresses: readonly string[]): LookupFunction {
  const entries = addresses.map((address) => ({ address, family: isIP(address) === 6 ? 6 : 4 }));
  return (_hostname, options, callback) => {
    const first = entries[0];
    if (first === undefined) {
      callback(Object.assign(new Error('no addresses'), { code: 'ENODATA' }), '', 4);
      return;
    }
    if ((options as { all?: boolean }).all) (callback as unknown as (err: null, all: typeof entries) => void)(null, entries);
    else callback(null, first.address, first.family);
  };
}
