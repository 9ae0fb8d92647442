/**
 * Shared set-up for the Playwright renderer tests: one Chromium per test file, one page per
 * color scheme (reused across scenarios), screenshots under test-results/renderer/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { AppApi, Route, ViewState } from '../../main/core/contract.js';
import { launchChromium, openAppPage, serveRenderer, windowContext, type AppPage, type StaticServer } from '../helpers/chromium.js';
import { ROOT } from '../helpers/cli.js';
import type { BridgeControls, FakeApiInit, FakeCall, HoldableVerb } from '../helpers/fake-api.js';
import { NOW } from './scenarios.js';

export const SHOTS_DIR = join(ROOT, 'test-results', 'renderer');

export interface Harness {
  light: AppPage;
  dark: AppPage;
  browser: Browser;
  server: StaticServer;
}

/** Starts Chromium and the static server for this file; pages are ready in `beforeAll`. */
export function useHarness(): Harness {
  let browser: Browser | null = null;
  let server: StaticServer | null = null;
  const harness = {} as Harness;
  beforeAll(async () => {
    mkdirSync(SHOTS_DIR, { recursive: true });
    [browser, server] = await Promise.all([launchChromium(), serveRenderer()]);
    const [light, dark] = await Promise.all([windowContext(browser, { now: NOW, colorScheme: 'light' }), windowContext(browser, { now: NOW, colorScheme: 'dark' })]);
    [harness.light, harness.dark] = await Promise.all([openAppPage(light, server, NOW), openAppPage(dark, server, NOW)]);
    harness.browser = browser;
    harness.server = server;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return harness;
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
