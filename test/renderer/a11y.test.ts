/**
 * Accessibility of the window in Chromium: names and landmarks from Chromium's own accessibility
 * tree, labels, contrast, visible focus, a keyboard-only path through the app, Esc, and 200 %
 * zoom (a 400 x 560 window at 200 % is 200 x 280 CSS pixels).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Route } from '../../main/core/contract.js';
import { chromiumMissing, openAppPage, windowContext, type AppPage } from '../helpers/chromium.js';
import type { FakeApiInit } from '../helpers/fake-api.js';
import { callsOf, liveText, navigate, pushState, shoot, useHarness } from './harness.js';
import {
  captiveState,
  GITHUB_INCIDENT,
  HELPDESK_INCIDENT,
  helpdeskState,
  lockedSettingsView,
  NOW,
  outageState,
  settingsView,
  staleState,
  TWILIO_LONG_INCIDENT,
  degradedState,
} from './scenarios.js';

interface Screen {
  readonly name: string;
  readonly init: FakeApiInit;
  readonly route?: Route;
  readonly waitFor?: string;
}

const SCREENS: readonly Screen[] = [
  { name: 'overview', init: { state: helpdeskState(), settings: settingsView() } },
  { name: 'overview-local', init: { state: captiveState(), settings: settingsView() } },
  { name: 'service', init: { state: outageState(), settings: settingsView() }, route: { view: 'service', serviceId: 'github' } },
  { name: 'incident', init: { state: helpdeskState(), settings: settingsView() }, route: { view: 'incident', ...HELPDESK_INCIDENT } },
  { name: 'incident-long', init: { state: degradedState(), settings: settingsView() }, route: { view: 'incident', ...TWILIO_LONG_INCIDENT } },
  { name: 'diagnostics', init: { state: captiveState(), settings: settingsView() }, route: { view: 'diagnostics' } },
  { name: 'settings', init: { state: outageState(), settings: settingsView() }, route: { view: 'settings' }, waitFor: 'form' },
  { name: 'settings-locked', init: { state: outageState(), settings: lockedSettingsView() }, route: { view: 'settings' }, waitFor: 'form' },
];

async function show(app: AppPage, screen: Screen): Promise<void> {
  await app.load(screen.init);
  if (screen.route) {
    await navigate(app.page, screen.route);
    await app.page.waitForSelector(screen.waitFor ?? 'main h1');
  }
  // Open every disclosure so what it hides is checked too.
  await app.page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
}

interface AxNode {
  role?: { value?: string };
  name?: { value?: string };
  ignored?: boolean;
}

/** Roles and names as Chromium computes them for screen readers. */
async function accessibilityTree(page: Page): Promise<{ role: string; name: string }[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: AxNode[] };
    return nodes.filter((n) => !n.ignored).map((n) => ({ role: n.role?.value ?? '', name: (n.name?.value ?? '').trim() }));
  } finally {
    await cdp.detach();
  }
}

/** In-page checks: labels, alt text, heading levels, unique ids, references that resolve. */
function domAudit(): string[] {
  const problems: string[] = [];
  for (const img of document.querySelectorAll('img')) if (!img.hasAttribute('alt')) problems.push(`img without alt: ${img.outerHTML.slice(0, 60)}`);
  for (const svg of document.querySelectorAll('svg')) {
    if (svg.getAttribute('aria-hidden') !== 'true' && !svg.getAttribute('aria-label')) problems.push('svg neither hidden nor labelled');
  }
  for (const input of document.querySelectorAll<HTMLInputElement>('input, select, textarea')) {
    if ((input.labels?.length ?? 0) === 0 && !input.getAttribute('aria-label') && !input.getAttribute('aria-labelledby')) problems.push(`input without label: ${input.outerHTML.slice(0, 80)}`);
  }
  let level = 0;
  for (const heading of document.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
    const next = Number(heading.tagName.slice(1));
    if (next > level + 1) problems.push(`heading level skipped: h${level} -> h${next} "${heading.textContent}"`);
    level = next;
  }
  const ids = [...document.querySelectorAll('[id]')].map((el) => el.id);
  for (const id of new Set(ids)) if (ids.filter((x) => x === id).length > 1) problems.push(`duplicate id ${id}`);
  for (const el of document.querySelectorAll('[aria-describedby], [aria-labelledby]')) {
    for (const attr of ['aria-describedby', 'aria-labelledby']) {
      for (const id of (el.getAttribute(attr) ?? '').split(/\s+/).filter(Boolean)) if (!document.getElementById(id)) problems.push(`${attr} points at missing #${id}`);
    }
  }
  for (const button of document.querySelectorAll('button')) if (button.getAttribute('type') === null) problems.push('button without type');
  return problems;
}

/** WCAG contrast of every visible text against the background it is painted on. */
function contrastAudit(): string[] {
  const parse = (value: string): [number, number, number, number] => {
    const m = /rgba?\(([^)]+)\)/.exec(value);
    const parts = (m?.[1] ?? '0,0,0,0').split(/[\s,/]+/).filter(Boolean).map(Number);
    return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
  };
  const over = (top: [number, number, number, number], bottom: [number, number, number]): [number, number, number] => [
    top[0] * top[3] + bottom[0] * (1 - top[3]),
    top[1] * top[3] + bottom[1] * (1 - top[3]),
    top[2] * top[3] + bottom[2] * (1 - top[3]),
  ];
  const background = (el: Element): [number, number, number] => {
    const layers: [number, number, number, number][] = [];
    for (let node: Element | null = el; node; node = node.parentElement) {
      const layer = parse(getComputedStyle(node).backgroundColor);
      if (layer[3] > 0) layers.push(layer);
      if (layer[3] >= 1) break;
    }
    let color: [number, number, number] = [255, 255, 255];
    for (const layer of layers.reverse()) color = over(layer, color);
    return color;
  };
  const luminance = ([r, g, b]: [number, number, number]): number => {
    const channel = (c: number): number => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const problems: string[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set<Element>();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || seen.has(el) || !(node.textContent ?? '').trim()) continue;
    seen.add(el);
    // WCAG exempts inactive controls (disabled, locked by policy) and text nobody sees.
    if (el.closest('.sr-only, [aria-disabled="true"], :disabled')) continue;
    const label = el.closest('label');
    if (label?.control && (label.control as HTMLInputElement).disabled) continue;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    if (style.visibility === 'hidden' || box.width === 0 || box.height === 0) continue;
    const bg = background(el);
    const fg = over(parse(style.color), bg);
    const [hi, lo] = [luminance(fg), luminance(bg)].sort((a, b) => b - a) as [number, number];
    const ratio = (hi + 0.05) / (lo + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) problems.push(`${ratio.toFixed(2)}:1 "${(node.textContent ?? '').trim().slice(0, 40)}" (${style.color} on rgb(${bg.map(Math.round).join(', ')}))`);
  }
  return problems;
}

describe.skipIf(chromiumMissing !== null)('accessibility in Chromium', () => {
  const harness = useHarness();

  it('every screen: named buttons, one h1, landmarks, labelled inputs, no skipped headings', async () => {
    const { page } = harness.light;
    for (const screen of SCREENS) {
      await show(harness.light, screen);
      const tree = await accessibilityTree(page);
      const unnamed = tree.filter((n) => ['button', 'checkbox', 'textbox', 'spinbutton', 'link'].includes(n.role) && n.name === '');
      expect(unnamed, screen.name).toEqual([]);
      expect(tree.filter((n) => n.role === 'heading' && n.name !== '').length, screen.name).toBeGreaterThan(0);
      expect(await page.locator('h1').count(), screen.name).toBe(1);
      const landmarks = tree.filter((n) => ['banner', 'navigation', 'main'].includes(n.role)).map((n) => n.role);
      expect(new Set(landmarks), screen.name).toEqual(new Set(['banner', 'navigation', 'main']));
      expect(tree.find((n) => n.role === 'main')?.name, screen.name).toBe(await page.locator('h1').textContent());
      expect(await page.evaluate(domAudit), screen.name).toEqual([]);
    }
    expect(await page.getByRole('button', { name: 'Hide window' }).count()).toBe(1);
  });

  it('text meets WCAG AA contrast in light and dark', async () => {
    for (const app of [harness.light, harness.dark]) {
      for (const screen of SCREENS) {
        await show(app, screen);
        expect(await app.page.evaluate(contrastAudit), `${screen.name}`).toEqual([]);
      }
    }
  });

  it('health is told in words, not color alone, and the live region is polite', async () => {
    const { page } = harness.light;
    await harness.light.load({ state: staleState(), settings: settingsView() });
    for (const badge of await page.locator('.badge').all()) expect((await badge.textContent())?.trim()).not.toBe('');
    const live = page.locator('#live');
    expect(await live.getAttribute('role')).toBe('status');
    expect(await live.getAttribute('aria-live')).toBe('polite');
    await pushState(page, outageState());
    expect(await liveText(page, /Status changed/)).toBe('Status changed: GitHub has an incident: it is not you');
  });

  it('focus is visible on every kind of control', async () => {
    const { page } = harness.light;
    await harness.light.load({ state: helpdeskState(), settings: settingsView() });
    const outlineOf = async (selector: string): Promise<{ style: string; width: number }> => {
      // A key press first makes the next focus count as keyboard focus (:focus-visible), as after Tab.
      await page.keyboard.press('Shift');
      await page.locator(selector).first().focus();
      return page.evaluate(() => {
        const style = getComputedStyle(document.activeElement as Element);
        return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
      });
    };
    for (const selector of ['.tab', '.icon-button', '.evidence summary', '[data-key="refresh"]', '.service-link', '.incident-link', '.link-button']) {
      const outline = await outlineOf(selector);
      expect(outline.style, selector).not.toBe('none');
      expect(outline.width, selector).toBeGreaterThanOrEqual(2);
    }
    await navigate(page, { view: 'settings' });
    await page.waitForSelector('form');
    for (const selector of ['input[type="checkbox"]', 'input[type="number"]', '.chip', 'button[type="submit"]']) {
      const outline = await outlineOf(selector);
      expect(outline.style, selector).not.toBe('none');
      expect(outline.width, selector).toBeGreaterThanOrEqual(2);
    }
  });

  it('keyboard only: Tab in a logical order, Enter into an incident, back with Tab and Enter', async () => {
    const { page } = harness.light;
    await harness.light.load({ state: outageState(), settings: settingsView() });
    const focusedKey = (): Promise<string | null> => page.evaluate(() => (document.activeElement as HTMLElement | null)?.closest<HTMLElement>('[data-key]')?.dataset['key'] ?? null);
    const order: (string | null)[] = [];
    const incidentKey = `incident:${GITHUB_INCIDENT.sourceId}:${GITHUB_INCIDENT.incidentId}`;
    for (let i = 0; i < 20 && order.at(-1) !== incidentKey; i += 1) {
      await page.keyboard.press('Tab');
      order.push(await focusedKey());
    }
    // "What to do now" sits under the verdict: its report action comes before the refresh button.
    expect(order).toEqual(['tab:overview', 'tab:diagnostics', 'tab:settings', 'hide', 'evidence', 'advice-call-helpdesk', 'refresh', 'service:github', incidentKey]);
    await page.keyboard.press('Enter');
    await page.waitForSelector('.timeline');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    let key: string | null = null;
    for (let i = 0; i < 20 && key !== 'back'; i += 1) {
      await page.keyboard.press('Tab');
      key = await focusedKey();
    }
    expect(key).toBe('back');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.verdict');
    expect(await focusedKey()).toBe(incidentKey);
    // Space works on buttons too.
    await page.keyboard.press('Shift+Tab');
    expect(await focusedKey()).toBe('service:github');
    await page.keyboard.press('Space');
    await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'GitHub');
  });

  it('Esc hides the window (after closing an open disclosure first)', async () => {
    const { page } = harness.light;
    await harness.light.load({ state: outageState(), settings: settingsView() });
    await page.locator('.evidence summary').click();
    await page.keyboard.press('Escape');
    expect(await page.locator('.evidence').getAttribute('open')).toBeNull();
    expect(await callsOf(page, 'hideWindow')).toEqual([]);
    await page.keyboard.press('Escape');
    expect(await callsOf(page, 'hideWindow')).toEqual([[]]);
    await page.getByRole('button', { name: 'Hide window' }).click();
    expect(await callsOf(page, 'hideWindow')).toHaveLength(2);
  });

  it('200 % zoom: every screen stays readable without sideways scrolling', async () => {
    // 200 % zoom of a 400 x 560 window = 200 x 280 CSS pixels drawn at twice the density.
    const context = await windowContext(harness.browser, { now: NOW, width: 200, height: 280, deviceScaleFactor: 2 });
    try {
      const app = await openAppPage(context, harness.server, NOW);
      for (const screen of SCREENS) {
        await show(app, screen);
        const overflow = await app.page.evaluate(() => {
          const width = document.documentElement.clientWidth;
          const offenders = [...document.querySelectorAll('main *, header *')]
            .filter((el) => !el.closest('.sr-only') && el.getClientRects().length > 0)
            .filter((el) => {
              const box = el.getBoundingClientRect();
              return box.right > width + 1 || box.left < -1;
            })
            .map((el) => `${el.tagName}.${el.className} ${Math.round(el.getBoundingClientRect().right)}px`);
          return { scrollWidth: document.documentElement.scrollWidth, width, offenders: offenders.slice(0, 5) };
        });
        expect(overflow.offenders, screen.name).toEqual([]);
        expect(overflow.scrollWidth, screen.name).toBeLessThanOrEqual(overflow.width);
        // Nothing is cut off: the document scrolls to show all of main's content.
        const reachable = await app.page.evaluate(() => {
          const main = document.querySelector('main') as HTMLElement;
          return main.scrollHeight <= main.clientHeight + 1 || document.documentElement.scrollHeight > innerHeight;
        });
        expect(reachable, screen.name).toBe(true);
        if (screen.name === 'overview') await shoot(app.page, 'zoom-200', { full: false });
        if (screen.name === 'incident-long') await shoot(app.page, 'zoom-200-incident');
        if (screen.name === 'settings') await shoot(app.page, 'zoom-200-settings');
      }
      expect(app.log.errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
