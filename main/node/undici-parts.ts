/**
 * The part of undici this app uses, loaded without the rest of the package.
 *
 * `import 'undici'` evaluates everything undici ships: fetch, WebSocket, EventSource, caches, mocks.
 * Its cookie module even touches `globalThis.Headers`, which makes Node compile its OWN bundled copy
 * of undici as well. For a CLI that a monitoring system starts every minute that was ~40 ms of CPU
 * and ~7 MB of peak memory per run, for code that never runs.
 *
 * This does what undici's own `index.js` does for the pieces we need: load the proxy-aware agent
 * and mix the request API (`request`, and `connect`, which the proxy agent uses to open CONNECT
 * tunnels) into every dispatcher. If an upgrade moves these files, every test of
 * `http-undici.ts` fails to load.
 */
import type { EnvHttpProxyAgent as EnvHttpProxyAgentClass } from 'undici';
import DispatcherImpl from 'undici/lib/dispatcher/dispatcher.js';
import EnvHttpProxyAgentImpl from 'undici/lib/dispatcher/env-http-proxy-agent.js';
import connect from 'undici/lib/api/api-connect.js';
import request from 'undici/lib/api/api-request.js';

Object.assign(DispatcherImpl.prototype, { request, connect });

export type { Dispatcher } from 'undici';
export const EnvHttpProxyAgent: typeof EnvHttpProxyAgentClass = EnvHttpProxyAgentImpl;
