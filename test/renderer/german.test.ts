/**
 * The window in German, in a real Chromium: every view, at 100 % and 200 % zoom, screenshot into
 * test-results/renderer/de-*.png, with an automatic check that no text is clipped or sticks out of
 * the window (long German words). The state is what main sends a person with a German locale:
 * `locale: { language: 'de' }` and the report said again in German (`localizeReport`, as
 * main/shell/main.ts does); text quoted from status pages stays as the provider wrote it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ViewState } from '../../main/core/contract.js';
import { localizeReport } from '../../main/core/advice/localize-report.js';
import { catalogOf, createTranslator } from '../../main/core/i18n/translate.js';
import { renderPhrase } from '../../main/core/i18n/phrase.js';
import { migrateSettings } from '../../main/core/settings/settings-repair.js';
import { chromiumMissing, type AppPage } from '../helpers/chromium.js';
import type { FakeApiInit } from '../helpers/fake-api.js';
import { navigate, shoot, useBrowser, ZOOM_100, ZOOM_200, type Shot } from './harness.js';
import { ROOT } from '../helpers/cli.js';
import {
  captiveState,
  degradedState,
  dnsFailureState,
  firstRunState,
  HELPDESK_INCIDENT,
  helpdeskState,
  lockedSettingsView,
  maintenanceState,
  NOW,
  okState,
  outageState,
  planOf,
  settingsView,
  staleState,
  TWILIO_LONG_INCIDENT,
} from './scenarios.js';

const GERMAN = createTranslator('de', { locale: 'de-DE', timeZone: 'UTC' });
const DE = catalogOf('de');
const TICKET_URL = 'https://helpdesk.contoso.com/new?service={service}&summary={summary}&code={code}&incidents={incidents}&report={report}';
const CONTACT = 'Rufen Sie 555-0100 an (Mo–Fr 8–18 Uhr) oder schreiben Sie an helpdesk@contoso.com';

/** The state without the helpdesk's own messages: deflections then say the app's sentence. */
function withoutHelpdeskWords(state: ViewState): ViewState {
  return state.report === null ? state : { ...state, report: { ...state.report, messages: [] } };
}

/** The view state main sends a German-speaking person. */
function german(state: ViewState): ViewState {
  const plan = state.report === null ? undefined : planOf(state.report);
  const report = state.report === null || plan === undefined ? state.report : localizeReport(state.report, plan, GERMAN);
  return { ...state, report, locale: { language: 'de', locale: 'de-DE' } };
}

const init = (state: ViewState, extra: Partial<FakeApiInit> = {}): FakeApiInit => ({ state: german(state), settings: settingsView(), ...extra });
const inAnHour = new Date(NOW + 60 * 60_000).toISOString();

const SHOTS: readonly Shot[] = [
  { name: 'overview-ok', init: () => init(okState()) },
  { name: 'overview-maintenance', init: () => init(maintenanceState()) },
  { name: 'overview-degraded', init: () => init(degradedState()) },
  { name: 'overview-outage', init: () => init(outageState()) },
  { name: 'overview-helpdesk', init: () => init(helpdeskState()) },
  { name: 'overview-local-captive', init: () => init(captiveState()) },
  { name: 'overview-local-dns', init: () => init(dnsFailureState()) },
  { name: 'overview-stale', init: () => init(staleState()) },
  { name: 'overview-cache', init: () => init({ ...outageState(), fromCache: true }) },
  { name: 'overview-refreshing', init: () => init(outageState({ refreshing: true })) },
  { name: 'overview-muted', init: () => init(outageState({ mutedUntil: inAnHour })) },
  { name: 'overview-first-run', init: () => init(firstRunState()) },
  { name: 'service-github', init: () => init(outageState()), route: { view: 'service', serviceId: 'github' } },
  { name: 'service-twilio', init: () => init(degradedState()), route: { view: 'service', serviceId: 'twilio' } },
  { name: 'incident-long-timeline', init: () => init(degradedState()), route: { view: 'incident', ...TWILIO_LONG_INCIDENT } },
  { name: 'incident-helpdesk', init: () => init(helpdeskState()), route: { view: 'incident', ...HELPDESK_INCIDENT } },
  { name: 'incident-maintenance', init: () => init(maintenanceState()), route: { view: 'incident', sourceId: 'cloudamqp', incidentId: 'qy6n39trpl7l' } },
  { name: 'incident-gone', init: () => init(okState()), route: { view: 'incident', sourceId: 'github', incidentId: 'gone' } },
  { name: 'diagnostics', init: () => init(okState()), route: { view: 'diagnostics' } },
  { name: 'diagnostics-captive', init: () => init(captiveState()), route: { view: 'diagnostics' } },
  { name: 'settings', init: () => init(okState()), route: { view: 'settings' }, waitFor: 'form' },
  { name: 'settings-locked', init: () => ({ ...init(okState()), settings: lockedSettingsView() }), route: { view: 'settings' }, waitFor: 'form' },
  { name: 'report-problem', init: () => init(outageState()), route: { view: 'report' } },
];

/** Every element whose text does not fit: wider than its box (clipped) or out of the window. */
function clippedText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const width = document.documentElement.clientWidth;
    const scrollsOnPurpose = (el: Element): boolean => {
      for (let at: Element | null = el; at !== null; at = at.parentElement) {
        const style = getComputedStyle(at);
        if (at !== el && (style.overflowX === 'auto' || style.overflowX === 'scroll')) return true;
        if (at.tagName === 'PRE' || at.tagName === 'TEXTAREA') return true;
      }
      return false;
    };
    const name = (el: Element): string => `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''} "${(el.textContent ?? '').trim().slice(0, 60)}"`;
    for (const el of document.querySelectorAll('body *')) {
      if (!(el instanceof HTMLElement) || el.closest('.sr-only') !== null) continue;
      const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
      if (!ownText) continue;
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 && rect.height === 0) continue; // not shown (closed <details>, hidden)
      if (scrollsOnPurpose(el)) continue;
      const style = getComputedStyle(el);
      if (style.display !== 'inline' && el.scrollWidth > el.clientWidth + 1 && style.overflowX !== 'auto' && style.overflowX !== 'scroll') {
        found.push(`clipped: ${name(el)} (${el.scrollWidth} > ${el.clientWidth})`);
        continue;
      }
      if (rect.right > width + 1 || rect.left < -1) found.push(`outside the window: ${name(el)} (${Math.round(rect.left)}..${Math.round(rect.right)} of ${width})`);
    }
    const main = document.querySelector('main');
    if (main && main.scrollWidth > main.clientWidth + 1) found.push(`main scrolls sideways (${main.scrollWidth} > ${main.clientWidth})`);
    return found;
  });
}

/**
 * Catalog keys whose English must not be on a German screen: the window's own words, what main
 * answers it (`main.`), the knowledge base's texts and the catalog's category labels.
 */
const WINDOW_WORDS = ['ui.', 'main.', 'kb.', 'catalog.category.', 'probe.', 'problem.', 'settings.'];

/** Sections whose messages are mostly placeholders around words: their English pieces count too. */
const FRAGMENT_WORDS = ['probe.detail.', 'problem.'];

/** English sentences of the window's own catalog still on screen (provider text aside). */
function englishLeft(text: string): string[] {
  const en = catalogOf('en');
  const de = catalogOf('de');
  const germanText = Object.values(de).join('\n');
  const sentences = Object.entries(en)
    // Sentences only: a single word ("Notifications") may be a provider's component name.
    .filter(([key, value]) => WINDOW_WORDS.some((prefix) => key.startsWith(prefix)) && value !== de[key] && !/[{}]/.test(value) && value.includes(' ') && value.length >= 12)
    .filter(([, value]) => text.includes(value))
    .map(([key, value]) => `${key}: ${value}`);
  // "{host} resolved to {addresses}": the words between the placeholders, where German has none of them.
  const fragments = Object.entries(en)
    .filter(([key]) => FRAGMENT_WORDS.some((prefix) => key.startsWith(prefix)))
    .flatMap(([key, value]) => value.split(/\{[^{}]*\}/).map((part) => [key, part.trim()] as const))
    .filter(([, part]) => part.length >= 12 && !/[{}]/.test(part) && !germanText.includes(part) && text.includes(part))
    .map(([key, part]) => `${key}: …${part}…`);
  return [...sentences, ...fragments];
}

async function show(app: AppPage, shot: Shot): Promise<void> {
  await app.load(shot.init(), { waitFor: 'main h1' });
  await navigate(app.page, shot.route ?? { view: 'overview' });
  await app.page.waitForSelector(shot.waitFor ?? 'main h1');
}

describe('the window bundles the words it reads', () => {
  it('every catalog key the renderer names is one the build keeps for the window (renderer/catalog-keys.json)', () => {
    const { prefixes } = JSON.parse(readFileSync(join(ROOT, 'renderer', 'catalog-keys.json'), 'utf8')) as { prefixes: string[] };
    const files = readdirSync(join(ROOT, 'renderer'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const keys = files.flatMap((file) =>
      [...readFileSync(join(ROOT, 'renderer', file), 'utf8').matchAll(/\bt\(\s*['`]([a-zA-Z]+\.[^'`$]*)/g)].map((m) => `${file}: ${m[1] ?? ''}`),
    );
    expect(keys.length).toBeGreaterThan(100);
    expect(keys.filter((entry) => !prefixes.some((prefix) => (entry.split(': ')[1] ?? '').startsWith(prefix)))).toEqual([]);
  });
});

describe.skipIf(chromiumMissing !== null)('the window in German', () => {
  const chromium = useBrowser();

  it('every view in German at 100 % and 200 % zoom: screenshots, no clipped text, no English words of ours left', async () => {
    const [at100, at200] = await Promise.all([chromium.openWindow(ZOOM_100), chromium.openWindow(ZOOM_200)]);
    const problems: string[] = [];
    const run = async (zoom: string, app: AppPage): Promise<void> => {
      for (const shot of SHOTS) {
        await show(app, shot);
        expect(await app.page.getAttribute('html', 'lang'), shot.name).toBe('de');
        for (const problem of await clippedText(app.page)) problems.push(`${shot.name} at ${zoom}: ${problem}`);
        if (zoom === '100') for (const left of englishLeft((await app.page.textContent('body')) ?? '')) problems.push(`${shot.name}: English left: ${left}`);
        await shoot(app.page, `de-${shot.name}-${zoom}`);
      }
    };
    await Promise.all([run('100', at100), run('200', at200)]);
    expect(problems).toEqual([]);
    for (const app of [at100, at200]) {
      expect(app.log.errors).toEqual([]);
      expect(app.log.dialogs).toEqual([]);
    }
    // 2 × 23 page loads in Chromium on a shared two-core machine.
  }, 180_000);

  it('what main answers, in German: report a problem (deflect, ticket opened, copied + contact), a refused status page, the catalog by category', async () => {
    const [at100, at200] = await Promise.all([chromium.openWindow(ZOOM_100), chromium.openWindow(ZOOM_200)]);
    const problems: string[] = [];
    const run = async (zoom: string, app: AppPage): Promise<void> => {
      const page = app.page;
      const look = async (name: string): Promise<void> => {
        for (const problem of await clippedText(page)) problems.push(`${name} at ${zoom}: ${problem}`);
        if (zoom === '100') for (const left of englishLeft((await page.textContent('body')) ?? '')) problems.push(`${name}: English left: ${left}`);
        await shoot(page, `de-${name}-${zoom}`);
      };
      // Deflect: an open incident nobody from IT commented on gets the app's own sentence.
      await app.load(init(withoutHelpdeskWords(helpdeskState()), { helpdesk: { ticketUrl: TICKET_URL, contact: null } }), { waitFor: 'main h1' });
      await navigate(page, { view: 'report', serviceId: 'outlook' });
      await page.getByLabel(DE['ui.report.whatDoYouSee'] ?? '').fill('451 4.3.2');
      await page.locator('.report-match').filter({ hasText: DE['kb.exo-451-4.3.2.title'] ?? '' }).waitFor();
      await look('report-typing');
      await page.getByRole('button', { name: DE['ui.report.continue'] }).click();
      await page.getByRole('heading', { name: DE['ui.report.noTicket'] }).waitFor();
      expect(await page.locator('.report-next .deflection-text').textContent()).toBe('Das ist ein bekanntes Problem (EX1224375). Die IT weiß Bescheid; Sie müssen kein Ticket öffnen.');
      await look('report-deflect');
      // "Something else is wrong": the ticket form opens.
      await page.getByRole('button', { name: DE['ui.report.somethingElse'] }).click();
      await page.getByRole('button', { name: DE['ui.report.openTicket'] }).click();
      await page.locator('.report-outcome').waitFor();
      expect(await page.locator('.report-outcome').textContent()).toBe(DE['main.report.openedForm']);
      await look('report-ticket-opened');
      // No ticket form: the report is copied and the contact shown.
      await app.load(init(okState(), { helpdesk: { ticketUrl: null, contact: CONTACT } }), { waitFor: 'main h1' });
      await navigate(page, { view: 'report', serviceId: 'teams' });
      await page.getByLabel(DE['ui.report.whatDoYouSee'] ?? '').fill('cannot join meeting');
      await page.locator('.report-match').filter({ hasText: DE['ui.report.looksLike'] ?? '' }).waitFor();
      await page.getByRole('button', { name: DE['ui.report.continue'] }).click();
      await page.getByRole('button', { name: DE['ui.report.copy'] }).click();
      await page.locator('.report-outcome').waitFor();
      expect(await page.locator('.report-outcome').textContent()).toBe(`Bericht kopiert. Senden Sie ihn an den Helpdesk:${CONTACT}`);
      await look('report-copied-contact');
      // Settings: the catalog under German categories, and an address main could not read.
      await app.load(init(okState()), { waitFor: 'main h1' });
      await navigate(page, { view: 'settings' });
      await page.waitForSelector('form');
      expect(await page.locator('.catalog-group legend').allTextContents()).toEqual(expect.arrayContaining(['Identität und SSO', 'Speicher und Dateien']));
      await page.getByLabel(DE['ui.add.address'] ?? '').fill('https://status.intranet.example/');
      await page.getByRole('button', { name: DE['ui.add.check'] }).click();
      await page.waitForSelector('.detect-refused');
      expect(await page.locator('.detect-reason').textContent()).toBe('status.intranet.example ist nicht erreichbar: Es kam keine Verbindung zustande; versuchen Sie es später erneut.');
      await look('settings-catalog-refused-address');
    };
    await Promise.all([run('100', at100), run('200', at200)]);
    expect(problems).toEqual([]);
    for (const app of [at100, at200]) expect(app.log.errors).toEqual([]);
  }, 120_000);

  it('settings in German: what main refuses on Save, its notices and the catalog’s groups, with no English sentence of main’s left', async () => {
    const app = await chromium.openWindow(ZOOM_100);
    const base = settingsView();
    // Settings a config file or an older app left: a service this app does not know, a page over plain http.
    const values = {
      ...base.values,
      watch: [...base.values.watch, 'nope-service'],
      customSources: [
        { id: 'custom-intranet', name: 'Intranet', url: 'http://status.intranet.example' },
        { id: 'custom-beta', name: 'Beta', url: 'https://status.beta.example' },
      ],
    };
    // What the store said when it repaired the file, kept as phrases by main.
    const storeNotices = migrateSettings({ version: 'two', fontSize: 12, startAtLogin: 'yes' }).notices;
    await app.load(init(okState(), { settings: { ...base, values }, storeNotices }), { waitFor: 'main h1' });
    const page = app.page;
    await navigate(page, { view: 'settings' });
    await page.waitForSelector('form');
    const notices = await page.locator('p.notice').allTextContents();
    expect(notices).toEqual(storeNotices.map((notice) => renderPhrase(notice, GERMAN)));
    expect(notices).toContain('"fontSize": keine Einstellung dieser App; weggelassen');
    // The catalog's groups are searched in the words the window shows.
    await page.getByLabel(DE['ui.settings.find'] ?? '').fill('weitere dienste zoom');
    expect(await page.locator('.catalog-list label').allTextContents()).toEqual(['Zoom']);
    await page.getByLabel(DE['ui.settings.find'] ?? '').fill('');

    await page.getByLabel('Zoom', { exact: true }).check();
    await page.getByRole('button', { name: GERMAN.t('ui.settings.removeName', { name: 'Beta' }) }).click();
    await page.getByLabel(DE['ui.settings.orgFeedField'] ?? '').fill('foo');
    await page.getByRole('button', { name: DE['ui.settings.save'] }).click();
    await page.waitForSelector('.save-status.error');
    const fieldError = (key: string) => page.locator(`[data-setting="${key}"] .field-error`).textContent();
    expect(await fieldError('customSources')).toBe(`Intranet: ${(DE['ui.settings.problem.https'] ?? '').replace(/^./, (c) => c.toLowerCase())}`);
    expect(await fieldError('orgFeedUrl')).toBe(DE['ui.settings.problem.fullAddress']);
    // No words of its own for an unknown service: main's, in German, without the key path.
    expect(await fieldError('watch')).toMatch(/^Unbekannter Dienst „nope-service“/);
    const body = (await page.textContent('body')) ?? '';
    expect(body).not.toMatch(/unknown service|expected|plain http|not a setting|turned off|using the default|left out|Managed by/i);
    expect(englishLeft(body)).toEqual([]);
    expect(app.log.errors).toEqual([]);
    await shoot(page, 'de-settings-refused-100');
  });

  it('the clipping check catches a word too long for its box (so the check above can fail)', async () => {
    const app = await chromium.openWindow(ZOOM_200);
    await app.load(init(okState()));
    expect(await clippedText(app.page)).toEqual([]);
    await app.page.evaluate(() => {
      const title = document.querySelector('main h1') as HTMLElement;
      title.textContent = 'Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherung';
      // The window's CSS breaks long words; a box that does not (as a regression would) must be caught.
      Object.assign(title.style, { overflow: 'hidden', overflowWrap: 'normal', wordBreak: 'normal', hyphens: 'none', whiteSpace: 'nowrap' });
    });
    expect((await clippedText(app.page)).join('\n')).toMatch(/clipped: h1.*Donaudampf/);
  });

  it('says the overview, its ages and its dates in German', async () => {
    const app = await chromium.openWindow();
    await app.load(init(outageState({ mutedUntil: inAnHour })));
    const page = app.page;
    expect(await page.locator('nav.tabs button').allTextContents()).toEqual(['Status', 'Netzwerk', 'Einstellungen']);
    expect(await page.textContent('main h1')).toMatch(/Störung/);
    expect(await page.locator('.refresh-row .age').textContent()).toBe('Aktualisiert vor 2 Minuten');
    expect(await page.locator('.notice-muted p').textContent()).toBe('Benachrichtigungen sind bis 10:30 pausiert.');
    expect(await page.title()).toBe('Ausfall – Outage Radar');
    expect(app.log.errors).toEqual([]);
  });
});
