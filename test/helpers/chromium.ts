/**
 * Renderer tests run the shipped window (out/renderer) in Debian's Chromium through
 * playwright-core: a loopback static server (ES modules do not load from file://), one browser
 * per test file, pages reused across scenarios by swapping the FakeApi scenario and reloading.
 */
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ROOT } from './cli.js';
import { FAKE_API_STORAGE_KEY, fakeApiInitScript, type FakeApiInit } from './fake-api.js';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Why renderer tests are skipped on this machine, or null when they can run. */
export const chromiumMissing: string | null = existsSync(CHROMIUM_PATH)
  ? null
  : `renderer tests skipped: no Chromium at ${CHROMIUM_PATH} (install Debian's "chromium" package to run them)`;

if (chromiumMissing) console.warn(chromiumMissing);

export const RENDERER_DIR = join(ROOT, 'out', 'renderer');

/** Launches Debian's Chromium headless, without network chatter of its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

const RENDERER_FILES = ['index.html', 'app.js', 'styles.css'];

/**
 * A private copy of the built window. Every test run's global setup rebuilds `out/` from scratch,
 * and runs in a shared checkout overlap; serving a copy keeps one file's pages stable throughout.
 * Waits (briefly) for a build in progress to finish before copying.
 */
export async function snapshotRenderer(dir: string = RENDERER_DIR): Promise<{ dir: string; remove(): void }> {
  for (let attempt = 0; attempt < 100 && !RENDERER_FILES.every((f) => existsSync(join(dir, f))); attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const copy = mkdtempSync(join(tmpdir(), 'outage-radar-renderer-'));
  for (const file of RENDERER_FILES) cpSync(join(dir, file), join(copy, file));
  return { dir: copy, remove: () => rmSync(copy, { recursive: true, force: true }) };
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export interface StaticServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Serves a private snapshot of out/renderer (see snapshotRenderer); closing removes the copy. */
export async function serveRenderer(): Promise<StaticServer> {
  const snapshot = await snapshotRenderer();
  const server = await serveDirectory(snapshot.dir);
  return {
    url: server.url,
    async close() {
      await server.close();
      snapshot.remove();
    },
  };
}

/** Serves a folder on 127.0.0.1 (GET only, no listing, no path escapes). */
export async function serveDirectory(dir: string): Promise<StaticServer> {
  const root = normalize(dir + sep);
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (request.method !== 'GET' || !file.startsWith(root)) {
      response.writeHead(404).end();
      return;
    }
    readFile(file).then(
      (body) => response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** What a hostile page would set or raise if any of its script ran. */
export const TRAPS_SCRIPT = `(() => {
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
})();`;

export interface WindowOptions {
  readonly colorScheme?: 'light' | 'dark';
  readonly width?: number;
  readonly height?: number;
  /** Fixed "now" inside the page, so ages and clock times are the same on every run. */
  readonly now: number;
  /** Turn the page's CSP off, to prove the sanitizer holds on its own (defence in depth). */
  readonly bypassCsp?: boolean;
  readonly deviceScaleFactor?: number;
}

/** A browser context the size of the tray window, pinned to a locale and time zone. */
export async function windowContext(browser: Browser, options: WindowOptions): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 400, height: options.height ?? 560 },
    colorScheme: options.colorScheme ?? 'light',
    locale: 'en-GB',
    timezoneId: 'UTC',
    reducedMotion: 'reduce',
    bypassCSP: options.bypassCsp ?? false,
    deviceScaleFactor: options.deviceScaleFactor ?? 1,
  });
  // Renderer tests never talk to anything but the loopback server.
  await context.route(/^(?!http:\/\/127\.0\.0\.1[:/])/, (route) => route.abort());
  return context;
}

/** Everything a page reports that a test may want to assert on. */
export interface PageLog {
  readonly errors: string[];
  readonly dialogs: string[];
  readonly console: string[];
}

export interface AppPage {
  readonly page: Page;
  readonly log: PageLog;
  /** Loads the window with this scenario (sessionStorage + reload) and waits for the first render. */
  load(init: FakeApiInit, options?: { readonly waitFor?: string }): Promise<void>;
}

/** A page with the FakeApi boot script and traps installed; reuse it with `load`. */
export async function openAppPage(context: BrowserContext, server: StaticServer, now: number): Promise<AppPage> {
  const page = await context.newPage();
  // Fail fast: every wait in these tests is for something already rendered or one IPC away.
  page.setDefaultTimeout(5_000);
  const log: PageLog = { errors: [], dialogs: [], console: [] };
  page.on('pageerror', (error) => log.errors.push(error.message));
  page.on('dialog', (dialog) => {
    log.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('console', (message) => log.console.push(`${message.type()}: ${message.text()}`));
  await page.clock.setFixedTime(now);
  await page.addInitScript(TRAPS_SCRIPT);
  await page.addInitScript(fakeApiInitScript(null));
  let onOrigin = false;
  return {
    page,
    log,
    async load(init, options = {}) {
      if (!onOrigin) {
        await page.goto(`${server.url}/index.html`);
        onOrigin = true;
      }
      await page.evaluate(([key, value]) => sessionStorage.setItem(key, value), [FAKE_API_STORAGE_KEY, JSON.stringify(init)] as const);
      await page.reload();
      await page.waitForSelector(options.waitFor ?? 'main h1');
    },
  };
}
