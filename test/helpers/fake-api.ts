/**
 * Puts the test bridge (test-bridge.ts: the app's real handlers, IPC wrapper, guards and preload
 * over an in-memory pipe, with a scripted engine) into a renderer test's page as `window.api`.
 *
 * The bridge is bundled for the browser with esbuild, once per test process. `window.__fakeApi`
 * holds the bridge's controls (`BridgeControls`: calls, pushState, navigate, hold, release, ...)
 * for `page.evaluate`.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import type { BridgeCall, BridgeControls, HoldableVerb, TestBridgeInit } from './test-bridge.js';

/** A scenario: the views main publishes, the settings in force, what is held back or fails. */
export type FakeApiInit = TestBridgeInit;
export type FakeCall = BridgeCall;
export type { BridgeControls, HoldableVerb };

/** sessionStorage key a reused page reads its scenario from (see `fakeApiInitScript(null)`). */
export const FAKE_API_STORAGE_KEY = '__fakeApiInit';

const BRIDGE_ENTRY = join(dirname(fileURLToPath(import.meta.url)), 'test-bridge.ts');

/**
 * Node modules the bridge's imports name without using them in the page: the IPC wrapper takes
 * two constants from protocol.ts, whose `app://` file server reads files. They become empty.
 */
const NODE_ONLY = ['node:fs', 'node:fs/promises', 'node:path', 'node:url', 'node:os'];

let bundled: string | null = null;

/** The bridge as a browser script that defines `__testBridge.createTestBridge` in its own scope. */
function bridgeBundle(): string {
  if (bundled !== null) return bundled;
  const stub = join(mkdtempSync(join(tmpdir(), 'outage-radar-bridge-')), 'node-only.cjs');
  writeFileSync(stub, 'module.exports = {};\n');
  const result = buildSync({
    entryPoints: [BRIDGE_ENTRY],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: '__testBridge',
    platform: 'browser',
    target: 'chrome120',
    logLevel: 'error',
    alias: Object.fromEntries(NODE_ONLY.map((name) => [name, stub])),
  });
  bundled = result.outputFiles[0]?.text ?? '';
  return bundled;
}

/**
 * JavaScript for `page.addInitScript` that defines `window.api` (and `window.__fakeApi`, the
 * controls) before the app's module runs. With `init` the scenario is baked in; with null it is
 * read from sessionStorage (key FAKE_API_STORAGE_KEY), so one page can be reused across scenarios
 * with a reload.
 */
export function fakeApiInitScript(init: FakeApiInit | null): string {
  const initExpression = init === null ? `JSON.parse(sessionStorage.getItem(${JSON.stringify(FAKE_API_STORAGE_KEY)}) || 'null')` : JSON.stringify(init);
  return `(() => {
  const init = ${initExpression};
  if (!init) return;
${bridgeBundle()}
  const { api, controls } = __testBridge.createTestBridge(init);
  Object.defineProperty(window, 'api', { value: api, configurable: false, writable: false });
  Object.defineProperty(window, '__fakeApi', { value: controls, configurable: false, writable: false });
})();`;
}
