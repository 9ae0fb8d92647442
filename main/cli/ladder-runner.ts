/**
 * The connectivity ladder for a one-shot process. Loaded by `main.ts` only when the probes run,
 * so `check --no-probes` never pays for TLS, DNS or child-process modules.
 */
import type { ProbeRun } from '../core/check.js';
import type { AppConfig } from '../core/settings/config.js';
import type { LadderResult } from '../core/verdict/connectivity-model.js';
import { slowSteps } from '../core/verdict/ladder-facts.js';
import { buildProbePlan } from '../core/verdict/probe-targets.js';
import { runLadder } from '../node/probes/ladder.js';
import { createLookupProcess } from '../node/probes/lookup-worker.js';
import { readNcsiRegistry } from '../node/probes/ncsi-registry.js';

export interface LadderRunner {
  /** One ladder run, confirmed by a second when the first was slow. */
  readonly run: () => Promise<ProbeRun>;
  /** Kills the lookup worker if one was started. */
  readonly close: () => void;
}

export function createLadderRunner(config: AppConfig, serviceIds: readonly string[], extraCaPem: string | null): LadderRunner {
  // DNS lookups go to a worker process that is killed at the end: a hung in-process getaddrinfo
  // would hold up our exit long after the answer is printed. The worker is this same program in
  // worker mode (see bin.ts); process.argv[1] is this script.
  const lookups = createLookupProcess(process.execPath, [...process.execArgv, process.argv[1] ?? '']);

  const once = async (): Promise<LadderResult> => {
    const plan = buildProbePlan({
      serviceIds: [...serviceIds],
      tenantName: config.tenantName ?? null,
      overrides: {
        ...(config.connectivity?.targets ? { targets: config.connectivity.targets } : {}),
        ...(config.connectivity?.baseline ? { baseline: config.connectivity.baseline } : {}),
        ...(config.connectivity?.captive ? { captive: config.connectivity.captive } : {}),
      },
      ncsi: await readNcsiRegistry(),
    });
    return runLadder(plan, {
      ...(config.connectivity?.timeoutsMs ? { timeoutsMs: config.connectivity.timeoutsMs } : {}),
      extraCaPem,
      proxy: config.network?.proxy ?? null,
      lookup: lookups.lookup,
    });
  };

  return {
    // The app calls a network slow only after two slow runs in a row; a one-shot command has no
    // previous run, so it confirms a slow first run with a second one straight away.
    run: async () => {
      const first = await once();
      if (slowSteps(first).length === 0) return { ladder: first, previousSlow: false };
      return { ladder: await once(), previousSlow: true };
    },
    close: () => lookups.close(),
  };
}
