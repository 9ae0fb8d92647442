/**
 * The desktop's own words in German: the tray's tooltip and menu (with German ages and times in
 * the person's time zone) and the notifications, through the same catalogs the window reads.
 * Text quoted from a status page (an incident's title) stays as the provider wrote it.
 */
import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../../../main/core/check.js';
import type { Settings } from '../../../main/core/contract.js';
import { createTranslator } from '../../../main/core/i18n/translate.js';
import type { Health } from '../../../main/core/health.js';
import type { Incident } from '../../../main/core/model.js';
import type { VerdictKind } from '../../../main/core/verdict/connectivity-model.js';
import { decideNotifications, INITIAL_NOTIFY_MEMORY, type NotificationSpec, type NotifyMemory } from '../../../main/core/notifications/notify.js';
import { decideMessageNotifications } from '../../../main/core/notifications/helpdesk-messages.js';
import { DEFAULT_SETTINGS } from '../../../main/core/settings/settings.js';
import { trayModel, type MenuSpec } from '../../../main/core/tray/tray-model.js';
import { incident, makeReport, message, viewOf } from '../../helpers/reports.js';
import { STAND_IN_TITLES } from '../../../main/core/sources/stand-in-titles.js';

const MIN = 60_000;
// 14:30 in Berlin (13:30 UTC): times below are read in Europe/Berlin whatever the machine's zone.
const NOW = Date.UTC(2025, 2, 4, 13, 30, 0);
const GERMAN = createTranslator('de', { locale: 'de-DE', timeZone: 'Europe/Berlin' });
const GERMAN_SETTINGS: Settings = { ...DEFAULT_SETTINGS, language: 'de' };

const exchangeIncident = incident('EX1224375', 'outage', { title: 'Users may be unable to send or receive email', affects: ['Exchange Online'] });

function report(at: number, orgFeed: Health, incidents: readonly Incident[], kind: VerdictKind): CheckReport {
  return makeReport(
    [
      { id: 'microsoft-public', health: 'operational', checkedAt: at },
      { id: 'org-feed', health: orgFeed, incidents, checkedAt: at },
      { id: 'acme', health: 'operational', checkedAt: at },
    ],
    kind,
    at,
  );
}

const labels = (menu: readonly MenuSpec[]): string[] => menu.map((m) => (m.id === 'separator' ? '---' : `${m.label}${m.enabled ? '' : ' (aus)'}`));

describe('the tray in German', () => {
  it('says the situation and the age in German, keeping the incident id', () => {
    const model = trayModel(viewOf(report(NOW - 2 * MIN, 'outage', [exchangeIncident], 'provider-incident')), NOW, 'win32', GERMAN);
    expect(model.tooltip).toBe('Outlook / Exchange: Microsoft-Störung EX1224375 · aktualisiert vor 2 Minuten');
  });

  it('all good, a local problem and saved data read German too, with the time in Berlin', () => {
    expect(trayModel(viewOf(report(NOW - MIN, 'operational', [], 'all-good')), NOW, 'linux', GERMAN).tooltip).toBe(
      'Alle beobachteten Dienste funktionieren · aktualisiert vor 1 Minute',
    );
    expect(trayModel(viewOf(report(NOW, 'operational', [], 'captive-portal')), NOW, 'win32', GERMAN).tooltip).toBe('Ihr Netzwerk verlangt eine Anmeldung');
    const saved = viewOf(report(NOW - 28 * MIN, 'operational', [], 'all-good'), { fromCache: true, refreshing: true });
    expect(trayModel(saved, NOW, 'linux', GERMAN).tooltip).toBe('Alle beobachteten Dienste funktionieren · gespeicherter Stand von 14:02 · wird aktualisiert…');
    expect(trayModel(viewOf(null, { refreshing: true }), NOW, 'win32', GERMAN).tooltip).toBe('Outage Radar: wird geprüft…');
  });

  it('the menu is German, and the mute time is the Berlin clock', () => {
    const good = report(NOW, 'operational', [], 'all-good');
    expect(labels(trayModel(viewOf(good), NOW, 'linux', GERMAN).menu)).toEqual([
      'Outage Radar öffnen',
      'Jetzt aktualisieren',
      '---',
      'Benachrichtigungen 1 Stunde stummschalten',
      'Benachrichtigungen 4 Stunden stummschalten',
      'Benachrichtigungen bis morgen stummschalten',
      '---',
      'Einstellungen…',
      'Outage Radar beenden',
    ]);
    const muted = viewOf(good, { refreshing: true, mutedUntil: new Date(NOW + 30 * MIN).toISOString() });
    expect(labels(trayModel(muted, NOW, 'win32', GERMAN).menu)).toEqual([
      'Outage Radar öffnen',
      'Wird aktualisiert… (aus)',
      '---',
      'Stummschaltung aufheben (stumm bis 15:00)',
      '---',
      'Einstellungen…',
      'Beenden',
    ]);
  });

  it('without a translator the tray stays English (tests, headless)', () => {
    expect(trayModel(viewOf(null), NOW, 'win32').tooltip).toBe('Outage Radar: not checked yet');
  });
});

/** Feeds reports one poll at a time, as the engine does. */
function notifier(settings: Settings) {
  let memory: NotifyMemory = INITIAL_NOTIFY_MEMORY;
  let now = Date.UTC(2025, 2, 4, 11, 0, 0);
  return (health: Health, incidents: readonly Incident[], kind: VerdictKind = 'provider-incident'): NotificationSpec[] => {
    now += 2 * MIN;
    const decision = decideNotifications(memory, { report: report(now, health, incidents, kind), mutedUntil: null }, settings, now);
    memory = decision.memory;
    return decision.notifications;
  };
}

describe('notifications in German', () => {
  it('an outage, its resolution and a local problem are German; the provider\'s title is quoted as written', () => {
    const poll = notifier(GERMAN_SETTINGS);
    expect(poll('operational', [])).toEqual([]);
    const [worse] = poll('outage', [exchangeIncident]);
    expect(worse?.title).toBe('Outlook / Exchange ist ausgefallen');
    expect(worse?.body).toBe('Microsoft-Störung EX1224375: Users may be unable to send or receive email. Gemeldet von Microsoft.');
    const resolved = poll('operational', [{ ...exchangeIncident, status: 'resolved' }]).find((n) => n.key.startsWith('resolved/'));
    expect(resolved?.title).toBe('Behoben: Outlook / Exchange');
    expect(resolved?.body).toMatch(/^Microsoft-Störung EX1224375: Users may be unable to send or receive email ist behoben\. Falls es noch hakt/);
    const [local] = poll('operational', [], 'captive-portal');
    expect(local?.title).toBe('Ihr Netzwerk verlangt eine Anmeldung');
    expect(local?.body).toMatch(/^Öffnen Sie einen Webbrowser/);
  });

  it('an incident its provider left untitled is announced with our stand-in title in German, and resolved so', () => {
    const untitled = incident('ab12cd34', 'outage', { title: STAND_IN_TITLES.incident, affects: ['Exchange Online'] });
    const poll = notifier(GERMAN_SETTINGS);
    poll('operational', []);
    const [worse] = poll('outage', [untitled]);
    expect(worse?.body).toBe('Störung ohne Titel. Gemeldet von Microsoft.');
    const resolved = poll('operational', [{ ...untitled, status: 'resolved' }]).find((n) => n.key.startsWith('resolved/'));
    expect(resolved?.body).toMatch(/^Störung ohne Titel ist behoben\./);
    const english = notifier({ ...DEFAULT_SETTINGS, language: 'en' });
    english('operational', []);
    expect(english('outage', [untitled])[0]?.body).toMatch(/^Untitled incident\. /);
  });

  it('the same decisions speak English with the setting `en` (and with `auto`, which main resolves before)', () => {
    const poll = notifier({ ...DEFAULT_SETTINGS, language: 'en' });
    poll('operational', []);
    expect(poll('outage', [exchangeIncident])[0]?.title).toBe('Outlook / Exchange is down');
  });

  it('a helpdesk message says who speaks in German and keeps the helpdesk\'s own words', () => {
    const at = Date.UTC(2025, 2, 4, 11, 0, 0);
    const withMessage = makeReport(
      [
        { id: 'microsoft-public', health: 'operational', checkedAt: at },
        { id: 'org-feed', health: 'operational', checkedAt: at, messages: [message('m1', 'Do not restart your laptop today.', null, { severity: 'critical' })] },
        { id: 'acme', health: 'operational', checkedAt: at },
      ],
      'all-good',
      at,
    );
    const decision = decideMessageNotifications([], { report: withMessage, mutedUntil: null, criticalPiercesQuietHours: false }, GERMAN_SETTINGS, at);
    expect(decision.notifications.map((n) => [n.title, n.body])).toEqual([['Dringende Nachricht Ihres IT-Helpdesks', 'Do not restart your laptop today.']]);
  });
});
