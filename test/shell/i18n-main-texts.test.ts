/**
 * What main answers the window, in the person's language: "Report a problem" (deflection, the
 * knowledge-base match, ticket opened, copied + contact), restarting a client, advice actions,
 * the update dialogs and notification, and "Add a status page". Main decides the language
 * (main.ts: `appTranslator` and the `language` setting) and hands each producer its translator
 * through the handler deps; here the German one, through the app's real handlers and IPC chain
 * where the window reaches them. Without a translator everything stays English (the other tests).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AdviceItem } from '../../main/core/advice/engine.js';
import type { CheckReport } from '../../main/core/check.js';
import type { ProblemRequest, ViewState } from '../../main/core/contract.js';
import { catalogOf, createTranslator, ENGLISH } from '../../main/core/i18n/translate.js';
import { createAdviceActionRunner } from '../../main/shell/advice-actions.js';
import { createAddSourceHandlers } from '../../main/shell/add-source.js';
import { confirmWithDialog, createClientRestarter, restartClient, restartQuestion, type RestartSteps } from '../../main/shell/client-restart.js';
import { createUpdates, readyWords, updateErrorWords, type UpdaterLike, type UpdateMessage } from '../../main/shell/updates.js';
import type { RestartTarget } from '../../main/node/client-restart-os.js';
import { exchangeIncidentReport, HELPDESK_NOW } from '../helpers/helpdesk-scenarios.js';
import { viewOf } from '../helpers/reports.js';
import { createTestBridge, fakeStatusHttp } from '../helpers/test-bridge.js';
import { settingsView } from '../renderer/scenarios.js';

const GERMAN = createTranslator('de', { locale: 'de-DE', timeZone: 'UTC' });
const DE = catalogOf('de');
const CONTACT = 'Rufen Sie 555-0100 an';

/** The view main sends a German-speaking person (main.ts `windowView`: the view carries its locale). */
function germanView(report: CheckReport): ViewState {
  return viewOf(report, { updatedAt: new Date(HELPDESK_NOW - 60_000).toISOString(), locale: { language: 'de', locale: 'de-DE' } });
}

const noMessages = (): CheckReport => exchangeIncidentReport((feed) => void (feed.messages = []));
const request = (over: Partial<ProblemRequest> = {}): ProblemRequest => ({ serviceId: 'outlook', typed: 'mail is not arriving', shownIncidents: [], pastLocalFix: false, ...over });
const germanBridge = (helpdesk: { ticketUrl: string | null; contact: string | null }, fail: readonly 'copyReport'[] = []) =>
  createTestBridge({ state: germanView(noMessages()), settings: settingsView(), helpdesk, platform: 'linux', fail });

beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(HELPDESK_NOW);
});
afterAll(() => void vi.useRealTimers());

describe('"Report a problem" in German, through the handlers the window calls', () => {
  it('deflects with the German sentence, and the match shown while typing is the knowledge base’s German', async () => {
    const { api } = germanBridge({ ticketUrl: null, contact: null });
    const banners = await api.getDeflections();
    expect(banners.map((d) => d.text)).toContain('Das ist ein bekanntes Problem (EX1224375). Die IT weiß Bescheid; Sie müssen kein Ticket öffnen.');
    const decision = await api.decideProblem(request());
    expect(decision).toMatchObject({ kind: 'deflect', deflection: { text: expect.stringMatching(/^Das ist ein bekanntes Problem/) } });
    const match = await api.matchProblem('451 4.3.2');
    expect(match?.title).toBe(DE['kb.exo-451-4.3.2.title']);
    expect(match?.meaning).toBe(DE['kb.exo-451-4.3.2.meaning']);
  });

  it('copied, with and without a contact, and a copy that failed', async () => {
    expect(await germanBridge({ ticketUrl: null, contact: CONTACT }).api.sendProblemReport(request({ shownIncidents: ['EX1224375'] }))).toEqual({
      outcome: 'copied',
      text: 'Bericht kopiert. Senden Sie ihn an den Helpdesk:',
      contact: CONTACT,
    });
    expect((await germanBridge({ ticketUrl: null, contact: null }).api.sendProblemReport(request())).text).toBe(
      'Bericht kopiert. Fügen Sie ihn in eine E-Mail oder einen Chat an Ihren Helpdesk ein.',
    );
    expect((await germanBridge({ ticketUrl: null, contact: null }, ['copyReport']).api.sendProblemReport(request())).text).toBe(DE['main.report.copyFailed']);
  });

  it('the ticket form or e-mail opened, with the report or a summary', async () => {
    const full = germanBridge({ ticketUrl: 'https://helpdesk.contoso.com/new?s={summary}&r={report}', contact: null });
    expect(await full.api.sendProblemReport(request())).toMatchObject({ outcome: 'opened', text: 'Das Ticketformular wurde im Browser geöffnet, der Bericht ist eingetragen.' });
    // A whole report is longer than mail programs take: the e-mail opens with a summary.
    const mail = germanBridge({ ticketUrl: 'mailto:helpdesk@contoso.com', contact: null });
    expect(await mail.api.sendProblemReport(request())).toMatchObject({ outcome: 'opened-summary', text: DE['main.report.summaryMail'] });
    const summary = germanBridge({ ticketUrl: 'https://helpdesk.contoso.com/new?s={summary}', contact: null });
    expect(await summary.api.sendProblemReport(request())).toMatchObject({ outcome: 'opened-summary', text: DE['main.report.summaryForm'] });
    const broken = germanBridge({ ticketUrl: 'http://helpdesk.contoso.com/new?s={summary}', contact: null });
    expect((await broken.api.sendProblemReport(request())).text).toBe('Das Ticketformular ließ sich nicht öffnen, darum wurde der Bericht kopiert. Fügen Sie ihn in eine E-Mail oder einen Chat an Ihren Helpdesk ein.');
  });

  it('the report itself stays English for the helpdesk', async () => {
    const { api, controls } = germanBridge({ ticketUrl: null, contact: null });
    await api.sendProblemReport(request());
    expect(controls.clipboard[0]).toContain('What the person typed:');
  });
});

const TEAMS: RestartTarget = { name: 'Teams', service: 'teams', pid: 4242, startedAt: '2026-01-22T08:00:00Z' };
function steps(over: Partial<RestartSteps> = {}): RestartSteps {
  return {
    platform: 'win32',
    confirm: async () => true,
    locate: async () => ({ kind: 'executable', file: 'C:\\Teams\\ms-teams.exe', args: [] }),
    quit: async () => ({ ok: true }),
    waitForExit: async () => true,
    start: async () => ({ ok: true }),
    ...over,
  };
}

describe('restarting a client, in German', () => {
  it('asks in German, with German buttons', async () => {
    expect(restartQuestion('Teams', GERMAN)).toEqual({
      message: 'Teams neu starten?',
      detail: 'Nicht gesendete Arbeit in Teams kann verloren gehen, wenn es sich nicht selbst schließt.',
      buttons: ['Neu starten', 'Abbrechen'],
    });
    const asked: string[][] = [];
    const confirm = confirmWithDialog(async (options) => (asked.push(options.buttons), { response: 1 }), () => GERMAN);
    expect(await confirm(TEAMS)).toBe(false);
    expect(asked).toEqual([['Neu starten', 'Abbrechen']]);
  });

  it('says every outcome in German', async () => {
    expect((await restartClient(TEAMS, steps(), GERMAN)).text).toBe('Teams wurde neu gestartet.');
    expect((await restartClient(TEAMS, steps({ confirm: async () => false }), GERMAN)).text).toBe('Teams wurde nicht neu gestartet.');
    expect((await restartClient(TEAMS, steps({ locate: async () => null }), GERMAN)).text).toBe(
      'Outage Radar weiß nicht, wie Teams wieder gestartet wird, und hat es darum laufen lassen. Schließen Sie Teams über sein Symbol im Infobereich (Rechtsklick, dann Beenden) und starten Sie es dann über das Startmenü neu.',
    );
    expect((await restartClient(TEAMS, steps({ waitForExit: async () => false }), GERMAN)).text).toMatch(/^Teams läuft nach 10 s noch; es wurde nicht zwangsweise beendet\. /);
    // Our own reason in German; the OS's own message as the OS said it.
    const notStarted = await restartClient(TEAMS, steps({ start: async () => ({ ok: false, reason: 'C:\\Teams\\ms-teams.exe did not start', problem: 'did-not-start', file: 'C:\\Teams\\ms-teams.exe' }) }), GERMAN);
    expect(notStarted.text).toBe('Teams wurde beendet, konnte aber nicht wieder gestartet werden (C:\\Teams\\ms-teams.exe startete nicht). Starten Sie es selbst wieder.');
    const notAnApp = await restartClient(TEAMS, steps({ platform: 'darwin', quit: async () => ({ ok: false, reason: 'not an app', problem: 'not-an-app' }) }), GERMAN);
    expect(notAnApp.text).toMatch(/^Teams konnte nicht zum Beenden aufgefordert werden \(keine App\)\. Beenden Sie Teams \(Menü Teams/);
    const osSaid = await restartClient(TEAMS, steps({ quit: async () => ({ ok: false, reason: 'ERROR: Access is denied.' }) }), GERMAN);
    expect(osSaid.text).toMatch(/^Teams konnte nicht zum Beenden aufgefordert werden \(ERROR: Access is denied\.\)/);
    const unsupported = createClientRestarter(null, async () => true, () => GERMAN);
    expect((await unsupported(TEAMS)).text).toBe('Outage Radar kann auf diesem System keine Apps neu starten. Beenden Sie Teams und starten Sie es dann neu.');
  });

  it('the window’s restart of an app no longer advised is refused in German', async () => {
    const { api } = germanBridge({ ticketUrl: null, contact: null });
    expect(await api.restartClient(999_999)).toEqual({ pid: 999_999, outcome: 'refused', text: 'Ein Neustart dieser App wird nicht mehr empfohlen; es wurde nichts getan.' });
    expect(await api.runAdviceAction({ id: 'use-web-version', service: 'outlook' })).toMatchObject({ outcome: 'refused', text: 'Dieser Rat gilt nicht mehr; es wurde nichts getan.' });
  });
});

describe('advice actions, in German', () => {
  const web: AdviceItem = { id: 'use-web-version', service: 'outlook', title: 'Outlook im Web versuchen', text: '…', action: { kind: 'open-url', label: 'Outlook im Web öffnen', url: 'https://outlook.office.com/mail/' } };
  const clock: AdviceItem = { id: 'fix-clock', service: null, title: 'Uhr', text: '…', action: { kind: 'open-time-settings', label: 'Zeiteinstellungen öffnen' } };
  const wifi: AdviceItem = { id: 'sign-in-wifi', service: null, title: 'WLAN', text: '…', action: { kind: 'open-url', label: 'Anmeldeseite öffnen', url: 'http://neverssl.com/' } };
  const report = { advice: [web, clock, wifi], probes: { captive: [] } } as unknown as CheckReport;

  it('says what it opened, or what to do by hand', async () => {
    const opened: string[] = [];
    const run = (platform: NodeJS.Platform, fail = false) =>
      createAdviceActionRunner({ platform, openExternal: async (url) => void (fail ? Promise.reject(new Error('no browser')) : opened.push(url)), words: () => GERMAN, log: { warn: () => undefined } });
    expect(await run('win32')(web, report)).toMatchObject({ outcome: 'opened', text: 'Outlook im Web wurde im Browser geöffnet.' });
    expect(await run('win32')(clock, report)).toMatchObject({ outcome: 'opened', text: DE['main.action.timeOpened'] });
    expect(await run('linux')(clock, report)).toMatchObject({ outcome: 'manual', text: DE['main.action.timeByHand'] });
    expect(await run('win32')(wifi, report)).toMatchObject({ outcome: 'manual', text: DE['main.action.signInAnyPage'] });
    const nothing: AdviceItem = { id: 'wait', service: null, title: '', text: '', action: null } as unknown as AdviceItem;
    expect(await run('win32')(nothing, report)).toMatchObject({ outcome: 'refused', text: DE['main.action.none'] });
    expect(opened).toEqual(['https://outlook.office.com/mail/', 'ms-settings:dateandtime']);
  });
});

describe('updates, in German', () => {
  it('the dialogs and the notification', async () => {
    const told: UpdateMessage[] = [];
    const questions: { message: string; detail: string; yes: string; no: string }[] = [];
    let available = false;
    const updater: UpdaterLike = {
      autoDownload: false,
      autoInstallOnAppQuit: false,
      setFeedURL: () => undefined,
      checkForUpdates: async () => ({ isUpdateAvailable: available, updateInfo: { version: '2.0.0' } }),
      downloadUpdate: async () => undefined,
      on: () => updater,
    };
    const updates = createUpdates({
      install: { kind: 'nsis-per-user', machineWide: false },
      loadUpdater: async () => updater,
      tell: (message) => void told.push(message),
      confirm: async (question) => (questions.push(question), false),
      notify: () => undefined,
      setTimeout: () => null,
      clearTimeout: () => undefined,
      words: () => GERMAN,
    });
    await updates.checkNow();
    expect(told).toEqual([{ kind: 'info', message: 'Updates sind noch nicht eingerichtet.' }]);
    updates.apply({ updates: { mode: 'manual', feedUrl: 'https://updates.contoso.com/outage-radar/' } });
    await updates.checkNow();
    expect(told.at(-1)).toEqual({ kind: 'info', message: 'Sie haben die neueste Version.' });
    available = true;
    await updates.checkNow();
    expect(questions).toEqual([{ message: 'Version 2.0.0 ist verfügbar.', detail: DE['main.update.downloadNow'], yes: 'Herunterladen', no: 'Nicht jetzt' }]);
    updates.stop();
  });

  it('the ready notice and the failures in plain German words', () => {
    expect(readyWords('2.0.0', GERMAN)).toBe('Version 2.0.0 ist bereit: Sie wird installiert, wenn Sie Outage Radar beenden.');
    expect(updateErrorWords(Object.assign(new Error('x'), { code: 'ERR_UPDATER_INVALID_SIGNATURE' }), GERMAN)).toBe(DE['main.update.error.badSignature']);
    expect(updateErrorWords(new Error('net::ERR_NAME_NOT_RESOLVED'), GERMAN)).toBe(DE['main.update.error.unreachable']);
    expect(updateErrorWords(new Error('HttpError: 404 Not Found'), GERMAN)).toBe('Die Update-Quelle antwortete mit HTTP 404.');
    expect(updateErrorWords(new Error('HttpError: 404 Not Found'))).toBe('The update feed answered with HTTP 404.');
  });
});

describe('"Add a status page", in German', () => {
  it('a refused address is explained in German (HTTP status kept); English keeps detection’s own detail', async () => {
    const pages = { 'https://status.example.com/': { status: 404, body: 'not here' } };
    const http = fakeStatusHttp(pages);
    const german = createAddSourceHandlers({ http, clock: { now: () => HELPDESK_NOW } }, () => GERMAN)['source:detect'];
    const english = createAddSourceHandlers({ http, clock: { now: () => HELPDESK_NOW } }, () => ENGLISH)['source:detect'];
    const de = await german('https://status.example.com/');
    const en = await english('https://status.example.com/');
    expect(en).toMatchObject({ ok: false, reason: 'not-status-page', message: expect.stringContaining('is not a status page') });
    expect(de).toEqual({ ok: false, reason: 'not-status-page', message: `${DE['main.addSource.why.not-status-page']} (HTTP 404)` });
    expect(await german('https://nothing.example.com/')).toMatchObject({ ok: false, reason: 'unreachable', message: DE['main.addSource.why.unreachable'] });
    expect(await createAddSourceHandlers(undefined, () => GERMAN)['source:detect']('https://x.example/')).toMatchObject({ message: 'eine Statusseite hinzuzufügen ist hier nicht möglich' });
  });
});
