/**
 * DNS lookups in a separate process, for short-lived processes (the CLI).
 *
 * `dns.lookup` (getaddrinfo on libuv's threadpool) cannot be cancelled. The ladder stops waiting
 * at its timer, but a process that then exits still waits for every hung lookup thread, which
 * with a resolver that drops packets means 10-20 s after the answer was printed. Doing the
 * lookups in a child that is killed when we are done keeps the OS resolver (hosts file, VPN split
 * DNS, mDNS: what other apps see) and lets the CLI exit on time.
 *
 * Protocol: one JSON request per line on stdin `{ id, host }`, one JSON answer per line on stdout
 * `{ id, addresses }` or `{ id, code, message }`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { promises as dns } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import { createInterface } from 'node:readline';
import { probeWords, wordedError } from './step.js';

export type Lookup = (host: string) => Promise<readonly { readonly address: string }[]>;

/** The worker side: runs in the child (`outage-radar __lookup-worker`). */
export function serveLookups(): void {
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    let request: { id?: unknown; host?: unknown };
    try {
      request = JSON.parse(line) as { id?: unknown; host?: unknown };
    } catch {
      return;
    }
    if (typeof request.id !== 'number' || typeof request.host !== 'string') return;
    const { id, host } = request;
    dns.lookup(host, { all: true }).then(
      (found) => process.stdout.write(`${JSON.stringify({ id, addresses: found.map((f) => f.address) })}\n`),
      (error: NodeJS.ErrnoException) => process.stdout.write(`${JSON.stringify({ id, code: error.code ?? 'EDNS', message: error.message })}\n`),
    );
  });
  // The parent closing our stdin is the signal to go.
  lines.on('close', () => process.exit(0));
}

export interface LookupProcess {
  readonly lookup: Lookup;
  /** Kills the worker, abandoning any lookup still hung inside it. */
  close(): void;
}

/** The parent side: starts `command args... __lookup-worker` lazily, on the first lookup. */
export function createLookupProcess(command: string, args: readonly string[]): LookupProcess {
  let child: ChildProcess | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: { address: string }[]) => void; reject: (e: Error) => void }>();
  const fail = (error: Error): void => {
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  };
  const start = (): ChildProcess => {
    const proc = spawn(command, [...args, '__lookup-worker'], { stdio: ['pipe', 'pipe', 'ignore'] });
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      let answer: { id: number; addresses?: string[]; code?: string; message?: string };
      try {
        answer = JSON.parse(line) as typeof answer;
      } catch {
        return;
      }
      const waiter = pending.get(answer.id);
      if (!waiter) return;
      pending.delete(answer.id);
      if (answer.addresses) waiter.resolve(answer.addresses.map((address) => ({ address })));
      else waiter.reject(Object.assign(new Error(answer.message ?? 'lookup failed'), { code: answer.code ?? 'EDNS' }));
    });
    proc.on('error', (error) => fail(error));
    proc.on('exit', () => fail(wordedError(probeWords('probe.error.dnsWorkerStopped'), 'EDNS_WORKER')));
    return proc;
  };
  return {
    lookup: (host) =>
      new Promise((resolve, reject) => {
        child ??= start();
        const id = nextId++;
        pending.set(id, { resolve, reject });
        child.stdin!.write(`${JSON.stringify({ id, host })}\n`);
      }),
    close: () => {
      child?.kill('SIGKILL');
      child = null;
    },
  };
}

/** Adapts a Lookup to the callback shape `net.connect` / `http.request` accept as `lookup`. */
export function toLookupFunction(lookup: Lookup): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname).then(
      (found) => {
        const entries = found.map((f) => ({ address: f.address, family: isIP(f.address) === 6 ? 6 : 4 }));
        const first = entries[0];
        if (first === undefined) {
          callback(Object.assign(new Error(`${hostname}: no addresses`), { code: 'ENODATA' }), '', 4);
          return;
        }
        if ((options as { all?: boolean }).all) (callback as unknown as (err: null, all: typeof entries) => void)(null, entries);
        else callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 4),
    );
  };
}
