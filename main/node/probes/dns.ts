/**
 * Ladder step 3: name resolution through the OS resolver (`dns.lookup`, the same path as other
 * apps: hosts file, VPN split DNS, mDNS), bounded by a timer because lookup has no timeout.
 *
 * `dns.lookup` runs on libuv's threadpool (4 threads by default, UV_THREADPOOL_SIZE). With many
 * hung lookups the pool saturates and later lookups, fs calls and crypto queue behind them. We
 * never wait for a lookup beyond the timer: the race resolves the step on time and the stuck
 * thread is abandoned, so the bound stays honest, but a saturated pool can make later steps of
 * the same run (and other threadpool users) report timeouts too.
 */
import { promises as dns } from 'node:dns';
import type { StepResult } from '../../core/verdict/connectivity-model.js';
import type { Lookup } from './lookup-worker.js';
import { failure, probeWords, said, timedStep } from './step.js';

const DNS_TIMEOUT_MS = 2000;

export interface DnsProbeOptions {
  readonly timeoutMs?: number;
  /** The run's global bound. */
  readonly signal?: AbortSignal;
  /** Replaces `dns.lookup`, e.g. with the CLI's lookup worker process (see lookup-worker.ts). */
  readonly lookup?: Lookup;
}

const osLookup: Lookup = (host) => dns.lookup(host, { all: true });

/** Resolves `hostname` (brackets of an IPv6 literal are ignored) and lists every address found. */
export function probeDns(hostname: string, options: DnsProbeOptions = {}): Promise<StepResult> {
  const host = unbracket(hostname);
  const timeoutMs = options.timeoutMs ?? DNS_TIMEOUT_MS;
  return timedStep('dns', timeoutMs, options.signal, async () => {
    let found: readonly { address: string }[];
    try {
      found = await (options.lookup ?? osLookup)(host);
    } catch (error) {
      return failure(error, host);
    }
    const addresses = found.map((entry) => entry.address);
    if (addresses.length === 0) return { outcome: 'fail', errorCode: 'ENODATA', ...said(probeWords('probe.detail.dnsNoAddresses', { host })) };
    return { outcome: 'ok', errorCode: null, ...said(probeWords('probe.detail.dnsResolved', { host, addresses: addresses.join(', ') })), addresses };
  });
}

export function unbracket(hostname: string): string {
  return hostname.replace(/^\[|\]$/g, '');
}
