import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Settings } from '../../main/core/contract.js';
import type { NotificationSpec } from '../../main/core/notifications/notify.js';
import type { Http } from '../../main/core/ports.js';
import type { AppConfig } from '../../main/core/settings/config.js';
import { DEFAULT_SETTINGS, settingsToAppConfig } from '../../main/core/settings/settings.js';
import type { LadderResult } from '../../main/core/verdict/connectivity-model.js';
import { USER_AGENT } from '../../main/core/version.js';
import { createAppEngine, type AppEngine, type AppEngineDeps } from '../../main/node/app-engine.js';
import { createUndiciHttp, type UndiciHttp } from '../../main/node/http-undici.js';
import type { ManualTime } from '../../main/node/manual-time.js';
import { runLadder } from '../../main/node/probes/ladder.js';
import { createStateCache } from '../../main/node/state-cache.js';
import { startLoopback, type Handler, type Loopback } from './loopback.js';

/**
 * One real ladder run against loopback servers that all answer: "this computer's connection is
 * fine", recorded once and replayed by engine tests whose subject is the status sources.
 */
export async function recordAllGoodLadder(serviceId = 'outlook'): Promise<LadderResult> {
  const server = await startLoopback({
    '/ok': (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok'),
    '/connecttest.txt': (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('Microsoft Connect Test'),
  });
  try {
    return await runLadder(
      {
        targets: [
          { id: 'front-door', url: `${server.url}/ok`, role: 'service', serviceId, expectedIssuers: [] },
          { id: 'baseline', url: `${server.url}/ok`, role: 'baseline', serviceId: null, expectedIssuers: [] },
        ],
        captive: [{ id: 'ncsi', url: `${server.url}/connecttest.txt`, expectStatus: 200, expectBody: 'Microsoft Connect Test' }],
      },
      { env: {} },
    );
  } finally {
    await server.close();
  }
}

/** The app's config from its settings, with Microsoft's public status read from `baseUrl` (loopback). */
export function withMicrosoftStatusAt(baseUrl: string): (settings: Settings) => AppConfig {
  return (settings) => {
    const base = settingsToAppConfig(settings);
    return { ...base, sources: [...(base.sources ?? []), { id: 'microsoft-public', url: `${baseUrl}/ms/api/posts/mac` }] };
  };
}

/**
 * `http` for 127.0.0.1 only: a safety net, not a mock. The real adapter answers every loopback
 * request; any other URL is refused with a network failure and collected in `offLoopback`.
 */
export function loopbackOnly(http: Http): { http: Http; offLoopback: string[] } {
  const offLoopback: string[] = [];
  return {
    offLoopback,
    http: {
      get: (request) => {
        if (new URL(request.url).hostname !== '127.0.0.1') {
          offLoopback.push(request.url);
          return Promise.resolve({ ok: false, failure: { kind: 'network', code: 'TEST_GUARD', message: 'not a loopback URL' } });
        }
        return http.get(request);
      },
    },
  };
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
/** Noon local time: outside the default quiet hours wherever the tests run. */
export const NOON = new Date(2025, 2, 4, 12, 0, 0).getTime();

export interface LoopbackEngineOptions {
  readonly time: ManualTime;
  /** Serves Microsoft's public status at /ms/api/posts/mac and, unless `settings` says otherwise, the org feed at /feed.json. */
  readonly server: Loopback;
  /** Over the defaults: Outlook and Teams watched, no custom source, the org feed on `server`. */
  readonly settings?: Partial<Settings>;
  /** The state cache; default a fresh file of its own. */
  readonly cacheFile?: string;
  /** Default `linux`. */
  readonly platform?: AppEngineDeps['platform'];
  readonly listProcesses?: AppEngineDeps['listProcesses'];
  /** Laid over the config from the settings (which reads Microsoft's status from `server`). */
  readonly config?: Partial<AppConfig>;
}

export interface LoopbackEngine {
  readonly engine: AppEngine;
  readonly time: ManualTime;
  /** Every notification the engine sent, in order. */
  readonly notes: NotificationSpec[];
  /** URLs the engine tried off 127.0.0.1, answered with a network failure instead: must stay empty. */
  readonly offLoopback: string[];
  /** Moves the hand-driven time on, letting the engine finish its work at each step. */
  advance(ms: number): Promise<void>;
}

export interface LoopbackEngines {
  /** A loopback server, closed after the test. */
  serve(routes: Record<string, Handler>): Promise<Loopback>;
  /** A state cache file under this file's temp root: `<root>/<name>/state.json`. */
  cacheFile(name: string): string;
  /** A started, idle engine on the real undici adapter, replaying the recorded all-good ladder; stopped after the test. */
  start(options: LoopbackEngineOptions): Promise<LoopbackEngine>;
}

/**
 * The set-up the desktop-engine integration tests share, registered as vitest hooks of the
 * calling test file: a temp cache root (removed after all), the all-good ladder recorded once
 * (for `ladderServiceId`), and engines, HTTP clients and servers closed after each test.
 */
export function useLoopbackEngines(name: string, ladderServiceId = 'outlook'): LoopbackEngines {
  const cacheRoot = mkdtempSync(join(tmpdir(), `outage-radar-${name}-`));
  afterAll(() => rmSync(cacheRoot, { recursive: true, force: true }));

  let allGood: LadderResult;
  beforeAll(async () => {
    // A real ladder run against loopback, replayed every cycle: this computer's connection is fine.
    allGood = await recordAllGoodLadder(ladderServiceId);
  });

  const engines: Array<{ engine: AppEngine; http: UndiciHttp }> = [];
  const servers = new Set<Loopback>();
  afterEach(async () => {
    for (const h of engines.splice(0)) {
      await h.engine.stop();
      await h.http.close();
    }
    for (const server of servers) await server.close();
    servers.clear();
  });

  let cases = 0;
  const cacheFile = (caseName: string): string => join(cacheRoot, caseName, 'state.json');

  return {
    async serve(routes) {
      const server = await startLoopback(routes);
      servers.add(server);
      return server;
    },
    cacheFile,
    async start(options) {
      const { time, server } = options;
      const undici = createUndiciHttp({ userAgent: USER_AGENT, proxy: {} });
      const { http, offLoopback } = loopbackOnly(undici);
      const microsoft = withMicrosoftStatusAt(server.url);
      const engine = createAppEngine({
        http,
        clock: time.clock,
        timers: time.timers,
        random: () => 0.5,
        runLadder: async () => allGood,
        cache: createStateCache(options.cacheFile ?? cacheFile(`case-${(cases += 1)}`)),
        settings: { ...DEFAULT_SETTINGS, watch: ['outlook', 'teams'], customSources: [], orgFeedUrl: `${server.url}/feed.json`, ...options.settings },
        appVersion: '0.1.0',
        platform: options.platform ?? 'linux',
        listProcesses: options.listProcesses,
        configFor: (settings) => ({ ...microsoft(settings), ...options.config }),
        onError: (error) => {
          throw error;
        },
      });
      engines.push({ engine, http: undici });
      const notes: NotificationSpec[] = [];
      engine.onNotify((n) => notes.push(n));
      await engine.start();
      await engine.whenIdle();
      return { engine, time, notes, offLoopback, advance: (ms) => time.advance(ms, () => engine.whenIdle()) };
    },
  };
}
