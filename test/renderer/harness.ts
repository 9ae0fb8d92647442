/**
 * Shared set-up for the Playwright renderer tests: one Chromium per test file, one page per
 * color scheme (reused across scenarios, `useHarness`) or windows of a test's own (`useBrowser`),
 * screenshots under test-results/renderer/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { AppApi, Route, ViewState } from '../../main/core/contract.js';
import { launchChromium, openAppPage, serveRenderer, windowContext, type AppPage, type StaticServer, type WindowOptions } from '../helpers/chromium.js';
import { ROOT } from '../helpers/cli.js';
import type { BridgeControls, FakeApiInit, FakeCall, HoldableVerb } from '../helpers/fake-api.js';
import { NOW } from './scenarios.js';

export const SHOTS_DIR = join(ROOT, 'test-results', 'renderer');

/** Chromium and the renderer's static server, shared by the tests of one file. */
export interface BrowserHarness {
  browser: Browser;
  server: StaticServer;
  /** A window of its own (a fresh browser context, closed after the test) on the app page at NOW. */
  openWindow(size?: WindowSize): Promise<AppPage>;
}

/** A window's size in CSS pixels; the default is the tray window's, 400 × 560. */
export type WindowSize = Pick<WindowOptions, 'width' | 'height' | 'deviceScaleFactor'>;

/** The tray window at 100 % zoom. */
export const ZOOM_100: WindowSize = { width: 400, height: 560 };
/** 200 % zoom: the same window, its CSS pixels twice as large, so half as many fit across. */
export const ZOOM_200: WindowSize = { width: 200, height: 280, deviceScaleFactor: 2 };

/** Starts Chromium and the static server for this file in `beforeAll`, closes them in `afterAll`. */
export function useBrowser(): BrowserHarness {
  let browser: Browser | null = null;
  let server: StaticServer | null = null;
  const opened: BrowserContext[] = [];
  const harness = {} as BrowserHarness;
  beforeAll(async () => {
    [browser, server] = await Promise.all([launchChromium(), serveRenderer()]);
    harness.browser = browser;
    harness.server = server;
  });
  afterEach(async () => {
    for (const context of opened.splice(0)) await context.close();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  harness.openWindow = async (size = {}) => {
    const context = await windowContext(harness.browser, { now: NOW, ...size });
    opened.push(context);
    return openAppPage(context, harness.server, NOW);
  };
  return harness;
}

export interface Harness extends BrowserHarness {
  light: AppPage;
  dark: AppPage;
}

/** Starts Chromium and the static server for this file, with one light and one dark window; pages are ready in `beforeAll`. */
export function useHarness(): Harness {
  const base = useBrowser();
  const harness = { openWindow: base.openWindow } as Harness;
  beforeAll(async () => {
    mkdirSync(SHOTS_DIR, { recursive: true });
    const [light, dark] = await Promise.all([windowContext(base.browser, { now: NOW, colorScheme: 'light' }), windowContext(base.browser, { now: NOW, colorScheme: 'dark' })]);
    [harness.light, harness.dark] = await Promise.all([openAppPage(light, base.server, NOW), openAppPage(dark, base.server, NOW)]);
    harness.browser = base.browser;
    harness.server = base.server;
  });
  return harness;
}

/** One screenshot scenario: the state to show (`init`), and where and what to wait for. */
export interface Shot {
  readonly name: string;
  readonly init: () => FakeApiInit;
  readonly route?: Route;
  readonly waitFor?: string;
  /** Boot the page with this scenario instead of pushing it into the running window. */
  readonly reload?: boolean;
}

/**
 * Saves a screenshot. By default the whole content: main scrolls inside the window, so for the
 * shot the window is made as tall as the content (sticky parts then sit where a person sees them
 * at the end of the scroll) and put back after.
 */
export async function shoot(page: Page, name: string, options: { full?: boolean } = {}): Promise<void> {
  const path = join(SHOTS_DIR, `${name}.png`);
  const viewport = page.viewportSize() ?? { width: 400, height: 560 };
  const height =
    options.full === false
      ? viewport.height
      : await page.evaluate(() => {
          const main = document.querySelector('main');
          const above = main ? main.getBoundingClientRect().top : 0;
          return Math.ceil(above + (main?.scrollHeight ?? 0));
        });
  if (height <= viewport.height) {
    await page.screenshot({ path });
    return;
  }
  await page.setViewportSize({ width: viewport.width, height: Math.min(height, 6000) });
  await page.screenshot({ path });
  await page.setViewportSize(viewport);
}

/** The page's window: `__fakeApi` is the test bridge's controls (main's side of the pipe). */
type FakeWindow = Window & { __fakeApi: BridgeControls };

export function calls(page: Page): Promise<FakeCall[]> {
  return page.evaluate(() => [...(window as unknown as FakeWindow).__fakeApi.calls]);
}

export async function callsOf(page: Page, verb: keyof AppApi): Promise<unknown[][]> {
  return (await calls(page)).filter((c) => c.verb === verb).map((c) => [...c.args]);
}

export function pushState(page: Page, state: ViewState): Promise<void> {
  return page.evaluate((s) => (window as unknown as FakeWindow).__fakeApi.pushState(s), state);
}

export function navigate(page: Page, route: Route): Promise<void> {
  return page.evaluate((r) => (window as unknown as FakeWindow).__fakeApi.navigate(r), route);
}

export function release(page: Page, verb: HoldableVerb): Promise<void> {
  return page.evaluate((v) => (window as unknown as FakeWindow).__fakeApi.release(v), verb);
}

/** The text of the live region, once it has settled (it is cleared, then set). */
export async function liveText(page: Page, expected: RegExp): Promise<string> {
  await page.waitForFunction((source) => new RegExp(source).test(document.getElementById('live')?.textContent ?? ''), expected.source);
  return (await page.textContent('#live')) ?? '';
}

export type { FakeApiInit };

/** One sentence the live region said, with what the window showed at that moment. */
export interface Spoken {
  readonly text: string;
  /** The view's title (h1) and the Refresh button's label when the sentence appeared. */
  readonly title: string;
  readonly refreshButton: string | null;
}

/** Starts recording every sentence the live region says (see `spoken`). */
export function recordLive(page: Page): Promise<void> {
  return page.evaluate(() => {
    const record: { text: string; title: string; refreshButton: string | null }[] = [];
    (window as unknown as { __spoken: typeof record }).__spoken = record;
    const live = document.getElementById('live');
    if (!live) throw new Error('no live region');
    new MutationObserver(() => {
      const text = live.textContent ?? '';
      if (text === '') return;
      record.push({ text, title: document.querySelector('main h1')?.textContent ?? '', refreshButton: document.querySelector('[data-key="refresh"]')?.textContent ?? null });
    }).observe(live, { childList: true, characterData: true, subtree: true });
  });
}

/** What the live region said since `recordLive`. */
export function spoken(page: Page): Promise<Spoken[]> {
  return page.evaluate(() => [...(window as unknown as { __spoken: Spoken[] }).__spoken]);
}
