/**
 * The engine's `runLadder` for the desktop app: the Node ladder (`main/node/probes/ladder.ts`)
 * with Chromium's view of the network injected, which is the point of running it in Electron:
 * `net.isOnline()` for the link step and `session.resolveProxy()` so each target is probed the
 * way the browser stack would reach it (DIRECT or through the PAC/system proxy).
 */
import type { AppConfig } from '../core/settings/config.js';
import type { LadderResult } from '../core/verdict/connectivity-model.js';
import { buildProbePlan, lightProbePlan, type NcsiOverrides, type ProbePlanInput } from '../core/verdict/probe-targets.js';
import { runLadder, type LadderOptions, type LadderPlan } from '../node/probes/ladder.js';
import { readNcsiRegistry } from '../node/probes/ncsi-registry.js';

/** What the engine asks for (structurally the engine's LadderRequest). */
export interface LadderRequestLike {
  readonly serviceIds: readonly string[];
  readonly config: AppConfig;
  /** `light`: the link state, the captive-portal checks and a connection (no TLS) to each service host: the engine's sentinel run. */
  readonly mode?: 'full' | 'light';
  readonly signal?: AbortSignal;
}

export interface LadderRunnerOptions {
  /** `net.isOnline`. */
  readonly isOnline: () => boolean;
  /** `session.defaultSession.resolveProxy`. */
  readonly resolveProxy: (url: string) => Promise<string>;
  /**
   * Probe nothing (empty target, baseline and captive lists): the e2e tests run with this, so
   * the app under test never reaches beyond its loopback sources.
   */
  readonly noProbes?: boolean;
  /** The config file's extra CA certificates (PEM, `network.caFile`), trusted by the TLS step as in the CLI. */
  readonly extraCaPem?: string | null;
  readonly readNcsi?: () => Promise<NcsiOverrides | null>;
  /** The ladder itself; injectable for tests. */
  readonly run?: (plan: LadderPlan, options: LadderOptions) => Promise<LadderResult>;
}

/** The plan input for one request: the watched services, the tenant, config overrides; a light run drops the comparison sites. */
export function probePlanInput(request: LadderRequestLike, ncsi: NcsiOverrides | null, noProbes: boolean): ProbePlanInput {
  const connectivity = request.config.connectivity;
  const light = request.mode === 'light';
  const overrides = noProbes
    ? { targets: [], baseline: [], captive: [] }
    : {
        ...(light ? { baseline: [] } : {}),
        ...(connectivity?.targets ? { targets: connectivity.targets } : {}),
        ...(connectivity?.baseline && !light ? { baseline: connectivity.baseline } : {}),
        ...(connectivity?.captive ? { captive: connectivity.captive } : {}),
      };
  return { serviceIds: [...request.serviceIds], tenantName: request.config.tenantName ?? null, overrides, ncsi };
}

/** Creates the `runLadder` dependency of the app engine. */
export function createLadderRunner(options: LadderRunnerOptions): (request: LadderRequestLike) => Promise<LadderResult> {
  const run = options.run ?? runLadder;
  const readNcsi = options.readNcsi ?? (() => readNcsiRegistry());
  const noProbes = options.noProbes ?? false;
  return async (request) => {
    const built = buildProbePlan(probePlanInput(request, noProbes ? null : await readNcsi(), noProbes));
    const plan: LadderPlan = request.mode === 'light' ? lightProbePlan(built) : built;
    const timeouts = request.config.connectivity?.timeoutsMs;
    return run(plan, {
      ...(timeouts ? { timeoutsMs: timeouts } : {}),
      proxy: request.config.network?.proxy ?? null,
      extraCaPem: options.extraCaPem ?? null,
      resolveProxy: options.resolveProxy,
      isOnline: options.isOnline,
      ...(request.signal ? { signal: request.signal } : {}),
    });
  };
}
