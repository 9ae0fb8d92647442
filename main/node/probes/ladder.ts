/**
 * The connectivity ladder (connectivity.md B5): link state, then for every target in parallel
 * proxy -> dns -> tcp -> tls -> http over one connection, and the captive-portal checks beside
 * them. Each step is timed and bounded; the whole run is bounded by one AbortController, and the
 * result is returned on time even when a step's work cannot be cancelled (a hung dns.lookup).
 * Never throws.
 */
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { CaptiveCheck, CaptiveResult, LadderResult, ProbeStep, ProbeTarget, StepResult, TargetResult } from '../../core/verdict/connectivity-model.js';
import { probeCaptive } from './captive.js';
import { probeDns, unbracket } from './dns.js';
import { toLookupFunction, type Lookup } from './lookup-worker.js';
import { probeHttp } from './http.js';
import { probeLink } from './link.js';
import { decideRoute, describeProxy, type ProxyResolver, type ProxySettings } from './proxy-route.js';
import type { Phrase } from '../../core/i18n/phrase.js';
import { probeWords, said, skippedStep } from './step.js';
import { probeTcp } from './tcp.js';
import { probeTls } from './tls.js';

interface LadderTimeouts {
  readonly proxy: number;
  readonly dns: number;
  readonly tcp: number;
  readonly tls: number;
  readonly http: number;
  readonly captive: number;
  /** The whole run. */
  readonly total: number;
}

const DEFAULT_LADDER_TIMEOUTS: LadderTimeouts = { proxy: 2000, dns: 2000, tcp: 3000, tls: 3000, http: 5000, captive: 5000, total: 15000 };

export interface LadderPlan {
  readonly targets: readonly ProbeTarget[];
  readonly captive: readonly CaptiveCheck[];
  /**
   * `connect`: each target stops once its connection opens (proxy, DNS, TCP), which costs a few
   * hundred bytes instead of a TLS handshake with certificates; the engine's light run uses it to
   * notice a host that became unreachable. Default `full`.
   */
  readonly depth?: 'connect' | 'full';
}

export interface LadderOptions {
  readonly timeoutsMs?: Partial<LadderTimeouts>;
  /** Extra trusted CAs (PEM) for the TLS step, as for the HTTP adapter (config `network.caFile`). */
  readonly extraCaPem?: string | null;
  /** Configured proxy (config `network.proxy`): `DIRECT`, `PROXY host:port` or `http://host:port`. Wins over the rest. */
  readonly proxy?: string | null;
  /** Electron's `session.resolveProxy`, injected by the shell; used when no proxy is configured. */
  readonly resolveProxy?: ProxyResolver;
  /** Where HTTP(S)_PROXY / NO_PROXY are read when neither of the above is given; defaults to process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Electron's `net.isOnline`, injected by the shell; otherwise the interface list decides. */
  readonly isOnline?: () => boolean;
  /** Cancels the run; unfinished steps are then reported as `timeout` like on the global bound. */
  readonly signal?: AbortSignal;
  /** Replaces the OS lookup (`dns.lookup`), e.g. with the CLI's lookup worker so that hung
   *  lookups cannot hold up the process's exit. Default: `dns.lookup` in this process. */
  readonly lookup?: Lookup;
}

const TARGET_STEPS: readonly ProbeStep[] = ['proxy', 'dns', 'tcp', 'tls', 'http'];

/** Runs the whole ladder once and returns everything it saw. */
export async function runLadder(plan: LadderPlan, options: LadderOptions = {}): Promise<LadderResult> {
  const startedAt = new Date();
  const started = performance.now();
  const timeouts = resolveTimeouts(options.timeoutsMs);
  const run = new AbortController();
  const timer = setTimeout(() => run.abort(new Error('the run took longer than its bound')), timeouts.total);
  const onCancel = (): void => run.abort(Object.assign(new Error('cancelled by the caller'), { name: 'CancelledError' }));
  if (options.signal?.aborted) onCancel();
  else options.signal?.addEventListener('abort', onCancel, { once: true });

  const settings: ProxySettings = {
    config: options.proxy ?? null,
    ...(options.resolveProxy ? { resolveProxy: options.resolveProxy } : {}),
    ...(options.env ? { env: options.env } : {}),
  };
  const link = probeLink(options.isOnline ? { isOnline: options.isOnline } : {});
  const firstAnswer: { value: string | null } = { value: null };
  const context: TargetContext = { settings, timeouts, extraCaPem: options.extraCaPem ?? null, signal: run.signal, firstAnswer, lookup: options.lookup ?? null };
  try {
    const [captive, targets] = await Promise.all([
      Promise.all(plan.captive.map((check) => runCaptive(check, context))),
      Promise.all(plan.targets.map((target) => runTarget(target, plan.depth === 'connect' ? { ...context, connectOnly: true } : context))),
    ]);
    return {
      startedAt: startedAt.toISOString(),
      durationMs: Math.round(performance.now() - started),
      timedOut: run.signal.aborted,
      link,
      proxy: describeProxy(settings, firstAnswer.value),
      captive,
      targets,
    };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onCancel);
  }
}

interface TargetContext {
  readonly settings: ProxySettings;
  readonly timeouts: LadderTimeouts;
  readonly extraCaPem: string | null;
  readonly signal: AbortSignal;
  readonly firstAnswer: { value: string | null };
  readonly lookup: Lookup | null;
  /** Stop each target once its connection opens (see LadderPlan.depth). */
  readonly connectOnly?: boolean;
}

async function runCaptive(check: CaptiveCheck, context: TargetContext): Promise<CaptiveResult> {
  try {
    let proxy = null;
    try {
      const decision = await decideRoute(new URL(check.url), context.settings, { timeoutMs: context.timeouts.proxy, signal: context.signal });
      proxy = decision.route.proxy;
    } catch {
      // A bad URL is reported by the check itself.
    }
    return await probeCaptive(check, { timeoutMs: context.timeouts.captive, signal: context.signal, proxy, ...(context.lookup ? { lookup: toLookupFunction(context.lookup) } : {}) });
  } catch (error) {
    return { check, outcome: 'unreachable', durationMs: 0, httpStatus: null, location: null, errorCode: 'INTERNAL_ERROR', ...said(probeWords('probe.detail.couldNotRun', { error: String(error) })) };
  }
}

async function runTarget(target: ProbeTarget, context: TargetContext): Promise<TargetResult> {
  const sockets: Duplex[] = [];
  try {
    return await ladderFor(target, context, sockets);
  } catch (error) {
    const detail = probeWords('probe.detail.couldNotRun', { error: error instanceof Error ? error.message : String(error) });
    const steps = TARGET_STEPS.map((step, i): StepResult =>
      i === 0 ? { ...skippedStep(step, detail), outcome: 'fail', errorCode: 'INTERNAL_ERROR' } : skippedStep(step, probeWords('probe.detail.notRunCouldNotStart')),
    );
    return finishTarget(target, 'DIRECT', steps);
  } finally {
    for (const socket of sockets) socket.destroy();
  }
}

async function ladderFor(target: ProbeTarget, context: TargetContext, sockets: Duplex[]): Promise<TargetResult> {
  const { timeouts, signal, lookup } = context;
  let url: URL | null = null;
  let why: Phrase | string = '';
  try {
    url = new URL(target.url);
  } catch (error) {
    // The runtime's own words for a URL it cannot parse, said as they are.
    why = error instanceof Error ? error.message : String(error);
  }
  if (url !== null && url.protocol !== 'https:' && url.protocol !== 'http:') why = probeWords('probe.detail.unsupportedScheme', { scheme: url.protocol });
  if (url === null || why !== '') {
    const detail = probeWords('probe.detail.badUrl', { url: JSON.stringify(target.url.slice(0, 200)), error: why });
    const steps = TARGET_STEPS.map((step, i): StepResult =>
      i === 0 ? { ...skippedStep(step, detail), outcome: 'fail', errorCode: 'ERR_INVALID_URL' } : skippedStep(step, probeWords('probe.detail.notRunBadUrl')),
    );
    return finishTarget(target, 'DIRECT', steps);
  }
  const https = url.protocol === 'https:';
  const host = unbracket(url.hostname);
  const port = url.port === '' ? (https ? 443 : 80) : Number(url.port);
  const steps: StepResult[] = [];
  const skipRest = (from: ProbeStep, reason: Phrase): void => {
    for (const step of TARGET_STEPS.slice(TARGET_STEPS.indexOf(from))) steps.push(skippedStep(step, reason));
  };

  const decision = await decideRoute(url, context.settings, { timeoutMs: timeouts.proxy, signal });
  steps.push(decision.result);
  context.firstAnswer.value ??= decision.answer;
  const route = decision.route;
  // The run's bound fired during step 1: nothing else can be tried.
  if (decision.result.outcome === 'timeout' && decision.result.errorCode === 'RUN_TIMEOUT') {
    skipRest('dns', probeWords('probe.detail.notRunOutOfTime'));
    return finishTarget(target, route.path, steps);
  }

  let addresses: readonly string[] | undefined;
  if (route.via) {
    steps.push(skippedStep('dns', probeWords('probe.detail.notRunViaProxy', { path: route.path })));
  } else {
    const dns = await probeDns(host, { timeoutMs: timeouts.dns, signal, ...(lookup ? { lookup } : {}) });
    steps.push(dns);
    if (dns.outcome !== 'ok') {
      skipRest('tcp', probeWords('probe.detail.notRunAfterFailure', { step: 'dns' }));
      return finishTarget(target, route.path, steps);
    }
    addresses = dns.addresses;
  }

  const tcp = await probeTcp(route.via ? { host: route.via.host, port: route.via.port } : { host, port, ...(addresses ? { addresses } : {}) }, {
    timeoutMs: timeouts.tcp,
    signal,
  });
  const tcpResult = route.via ? { ...tcp.result, ...said(probeWords('probe.detail.toProxy', { detail: tcp.result.detailWords ?? tcp.result.detail })) } : tcp.result;
  steps.push(tcpResult);
  if (!tcp.socket) {
    skipRest('tls', probeWords('probe.detail.notRunAfterFailure', { step: 'tcp' }));
    return finishTarget(target, route.path, steps);
  }
  sockets.push(tcp.socket);
  if (context.connectOnly) {
    skipRest('tls', probeWords('probe.detail.notRunLight'));
    return finishTarget(target, route.path, steps);
  }
  if (route.unsupported) {
    skipRest('tls', probeWords('probe.detail.notRunBecause', { reason: route.unsupported }));
    return finishTarget(target, route.path, steps);
  }

  let httpSocket: Socket | Duplex = tcp.socket;
  if (!https) {
    steps.push(skippedStep('tls', probeWords('probe.detail.notRunPlainHttp')));
  } else {
    const tls = await probeTls({
      host,
      port,
      socket: tcp.socket,
      proxy: route.proxy,
      extraCaPem: context.extraCaPem,
      expectedIssuers: target.expectedIssuers,
      timeoutMs: timeouts.tls,
      signal,
    });
    steps.push(tls.result);
    if (!tls.socket) {
      skipRest('http', probeWords('probe.detail.notRunAfterFailure', { step: 'tls' }));
      return finishTarget(target, route.path, steps);
    }
    sockets.push(tls.socket);
    httpSocket = tls.socket;
  }

  steps.push(await probeHttp(url, { socket: httpSocket, proxy: route.proxy, timeoutMs: timeouts.http, signal }));
  return finishTarget(target, route.path, steps);
}

function finishTarget(target: ProbeTarget, path: string, steps: readonly StepResult[]): TargetResult {
  const failed = steps.find((step) => step.outcome === 'fail' || step.outcome === 'timeout');
  const http = steps.find((step) => step.step === 'http');
  // The http step only runs after a verified handshake (or on plain http), so ok here means "reachable".
  const reachable = http?.outcome === 'ok';
  const status = http?.httpStatus ?? steps.find((step) => step.step === 'tls')?.httpStatus ?? null;
  return { target, path, steps, failedAt: failed?.step ?? null, reachable, httpStatus: status };
}

function resolveTimeouts(partial: Partial<LadderTimeouts> | undefined): LadderTimeouts {
  const merged: Record<string, number> = { ...DEFAULT_LADDER_TIMEOUTS };
  for (const [key, value] of Object.entries(partial ?? {})) {
    if (key in merged && typeof value === 'number' && Number.isFinite(value) && value > 0) merged[key] = value;
  }
  return merged as unknown as LadderTimeouts;
}
