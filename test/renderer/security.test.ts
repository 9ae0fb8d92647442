/**
 * Incident text is written by whoever controls a status source. A hostile title, post or
 * helpdesk message must reach the screen as text and never run: no script, no handler, no
 * javascript:/data: link, no frame, no form, and not even an attempt the CSP had to block.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumMissing, openAppPage, windowContext } from '../helpers/chromium.js';
import { callsOf, navigate, shoot, useHarness } from './harness.js';
import { HELPDESK_INCIDENT, hostileState, NOW, settingsView } from './scenarios.js';

interface Findings {
  pwned: unknown;
  cspViolations: string[];
  handlerAttributes: string[];
  dangerousUrls: string[];
  forbiddenElements: string[];
}

/** Looks through the whole DOM for anything that could run or navigate. */
function inspect(): Findings {
  const w = window as unknown as { __pwned?: unknown; __cspViolations?: string[] };
  const all = [...document.querySelectorAll('*')];
  const handlerAttributes = all.flatMap((el) => [...el.attributes].filter((a) => a.name.toLowerCase().startsWith('on')).map((a) => `${el.tagName} ${a.name}`));
  const urlAttributes = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'srcdoc'];
  const dangerousUrls = all.flatMap((el) =>
    urlAttributes.flatMap((name) => {
      const value = el.getAttribute(name);
      return value !== null && /^\s*(javascript|data|vbscript):/i.test(value) ? [`${el.tagName} ${name}=${value}`] : [];
    }),
  );
  const forbiddenElements = [...document.querySelectorAll('main script, main iframe, main img, main form, main object, main embed, main a, main style, .post-body svg, .post-body [style]')].map(
    (el) => el.outerHTML.slice(0, 80),
  );
  return { pwned: w.__pwned, cspViolations: w.__cspViolations ?? [], handlerAttributes, dangerousUrls, forbiddenElements };
}

/** Gives any handler that slipped through a chance to fire: hover every post, click every link text. */
async function poke(page: Page): Promise<void> {
  for (const post of await page.locator('.post-body').all()) await post.hover();
  for (const link of await page.locator('.post-link').all()) await link.click();
  await page.locator('h1').hover();
  expect(page.url()).toMatch(/\/index\.html$/);
}

describe.skipIf(chromiumMissing !== null)('hostile incident text stays inert', () => {
  const harness = useHarness();

  it('even with the CSP switched off: the sanitizer alone keeps it inert', async () => {
    const context = await windowContext(harness.browser, { now: NOW, bypassCsp: true });
    try {
      const app = await openAppPage(context, harness.server, NOW);
      await app.load({ state: hostileState(), settings: settingsView() });
      await navigate(app.page, { view: 'incident', ...HELPDESK_INCIDENT });
      await app.page.waitForSelector('.timeline');
      await poke(app.page);
      const findings = await app.page.evaluate(inspect);
      expect({ ...findings, cspViolations: [] }).toEqual({ pwned: undefined, cspViolations: [], handlerAttributes: [], dangerousUrls: [], forbiddenElements: [] });
      expect(app.log.dialogs).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('in the overview, the incident view and the helpdesk message', async () => {
    for (const [scheme, app] of [
      ['light', harness.light],
      ['dark', harness.dark],
    ] as const) {
      const { page } = app;
      await app.load({ state: hostileState(), settings: settingsView() });

      // Overview: the hostile title and message are visible as the characters they are.
      const title = await page.locator('.incident-title').first().textContent();
      expect(title).toContain('<script>window.__pwned="title"</script>');
      expect(await page.locator('.helpdesk .message-text').textContent()).toContain('<b onclick="alert(1)">We know</b>');
      expect(await page.evaluate(inspect)).toEqual({ pwned: undefined, cspViolations: [], handlerAttributes: [], dangerousUrls: [], forbiddenElements: [] });

      await navigate(page, { view: 'incident', ...HELPDESK_INCIDENT });
      await page.waitForSelector('.timeline');
      expect(await page.locator('h1').textContent()).toContain('<img src=x onerror=');
      await poke(page);
      const findings = await page.evaluate(inspect);
      expect({ ...findings, cspViolations: [] }).toEqual({ pwned: undefined, cspViolations: [], handlerAttributes: [], dangerousUrls: [], forbiddenElements: [] });
      // DOMPurify parses posts in a detached document that shares the page's CSP, so Chromium
      // reports the inline attributes it saw there. Nothing else may show up: no script
      // element, no javascript: navigation, no load from anywhere.
      for (const violation of findings.cspViolations) expect(violation).toMatch(/^(script|style)-src-attr inline$/);

      // What is allowed survives as harmless markup; links are text, https addresses shown.
      const posts = page.locator('.post-body');
      expect(await posts.locator('b').allTextContents()).toContain('Bold stays');
      expect(await page.locator('.post-link').allTextContents()).toEqual(['data link', 'the details', 'our page']);
      expect(await posts.allTextContents()).toContainEqual(expect.stringContaining('our page (https://status.contoso.com/x)'));
      expect(await page.locator('.post-text').first().textContent()).toBe('<img src=x onerror=alert(1)> is shown as text, not run');
      expect(await callsOf(page, 'openLink')).toEqual([]);
      await shoot(page, `hostile-incident-${scheme}`);
      expect(app.log.dialogs).toEqual([]);
      expect(app.log.errors).toEqual([]);
    }
  });
});
