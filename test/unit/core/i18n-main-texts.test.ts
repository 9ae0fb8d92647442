/**
 * The words main's core says to the window, in the person's language: the deflection sentence,
 * the knowledge-base match and the local fix of "Report a problem", the update status words and
 * the catalog's category labels in Settings. Every function defaults to English (tests and
 * callers that pass no translator keep English); with the German translator nothing of the
 * English is left.
 */
import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../../../main/core/check.js';
import { allDeflections, deflectionSentence } from '../../../main/core/helpdesk/deflection.js';
import { bestMatch, decideProblem, type ProblemInput } from '../../../main/core/helpdesk/problem-flow.js';
import { catalogOf, createTranslator } from '../../../main/core/i18n/translate.js';
import { catalogEntries, settingsView } from '../../../main/core/settings/settings-view.js';
import { CATEGORY_LABELS } from '../../../main/core/sources/catalog.js';
import { updateStatusWords, type UpdatePlan } from '../../../main/core/updates/update-policy.js';
import { deflectionFor, exchangeIncidentReport, HELPDESK_NOW, M365, microsoftPost, reportFrom } from '../../helpers/helpdesk-scenarios.js';
import { settingsView as scenarioSettings } from '../../renderer/scenarios.js';

const GERMAN = createTranslator('de', { locale: 'de-DE', timeZone: 'UTC' });
const NOW = HELPDESK_NOW;
const noMessages = (): CheckReport => exchangeIncidentReport((feed) => void (feed.messages = []));
const quiet = (): CheckReport => reportFrom({ watch: M365 }, { 'microsoft-public': { body: microsoftPost() } });

const input = (over: Partial<ProblemInput>): ProblemInput => ({
  serviceId: 'outlook',
  typed: '',
  report: quiet(),
  helpdesk: { ticketUrl: 'https://helpdesk.contoso.com/new?s={summary}', contact: null },
  shownIncidents: [],
  pastLocalFix: false,
  now: NOW,
  ...over,
});

describe('the deflection sentence in the person’s language', () => {
  it('says a known problem and planned maintenance in German, with the incident id', () => {
    expect(deflectionSentence('EX1224375', 'incident', GERMAN)).toBe('Das ist ein bekanntes Problem (EX1224375). Die IT weiß Bescheid; Sie müssen kein Ticket öffnen.');
    expect(deflectionSentence('qy6n39trpl7l', 'maintenance', GERMAN)).toBe('Das ist eine geplante Wartung (qy6n39trpl7l). Die IT weiß Bescheid; Sie müssen kein Ticket öffnen.');
  });

  it('the banners and the flow carry the German sentence; without a translator they stay English', () => {
    expect(deflectionFor(noMessages(), 'outlook', NOW, GERMAN)?.text).toBe('Das ist ein bekanntes Problem (EX1224375). Die IT weiß Bescheid; Sie müssen kein Ticket öffnen.');
    const banners = allDeflections(noMessages(), NOW, GERMAN);
    expect(banners.length).toBeGreaterThan(0);
    for (const banner of banners) expect(banner.text).toBe(`Das ist ein bekanntes Problem (${banner.incidentId}). Die IT weiß Bescheid; Sie müssen kein Ticket öffnen.`);
    expect(deflectionFor(noMessages(), 'outlook', NOW)?.text).toBe('This is a known problem (EX1224375). IT is aware; you do not need to open a ticket.');
    const decision = decideProblem(input({ typed: 'mail is not arriving', report: noMessages(), words: GERMAN }));
    expect(decision).toMatchObject({ kind: 'deflect', deflection: { text: expect.stringMatching(/^Das ist ein bekanntes Problem \(EX1224375\)/) } });
  });

  it("a helpdesk message stays as IT wrote it, whatever the person's language", () => {
    expect(deflectionFor(exchangeIncidentReport(), 'outlook', NOW, GERMAN)?.text).toMatch(/^We know about the Outlook email problem/);
  });
});

describe('the knowledge base as the person types, and its local fix', () => {
  it('the match shown while typing reads the catalog’s German (kb.<id>.*), codes unchanged', () => {
    const german = bestMatch('451 4.3.2', undefined, GERMAN);
    const english = bestMatch('451 4.3.2');
    expect(german?.id).toBe('exo-451-4.3.2');
    expect(german?.reached).toEqual(english?.reached);
    const de = catalogOf('de');
    expect(german?.title).toBe(de['kb.exo-451-4.3.2.title']);
    expect(german?.meaning).toBe(de['kb.exo-451-4.3.2.meaning']);
    expect(german?.title).not.toBe(english?.title);
    expect(german?.steps).toEqual(english?.steps.map((_, i) => de[`kb.exo-451-4.3.2.steps.${i}`]));
  });

  it('the local fix from the knowledge base is German too', () => {
    const decision = decideProblem(input({ typed: 'Outlook is stuck working offline', words: GERMAN }));
    expect(decision).toMatchObject({ kind: 'local-fix', because: 'knowledge', match: { id: 'outlook-working-offline' } });
    if (decision.kind !== 'local-fix') return;
    const de = catalogOf('de');
    expect(decision.title).toBe(de['kb.outlook-working-offline.title']);
    expect(decision.steps[0]).toBe(de['kb.outlook-working-offline.steps.0']);
    expect(decision.match?.title).toBe(decision.title);
  });
});

describe('update status words', () => {
  const plans: readonly UpdatePlan[] = [
    { check: 'never', reason: 'mode-none' },
    { check: 'never', reason: 'managed-install' },
    { check: 'never', reason: 'no-feed' },
    { check: 'never', reason: 'insecure-feed' },
    { check: 'never', reason: 'development' },
  ];
  it('say every plan in German, and no two plans alike where English differs', () => {
    expect(updateStatusWords({ check: 'never', reason: 'mode-none' }, GERMAN)).toBe('Updates werden von Ihrer Organisation verwaltet.');
    expect(updateStatusWords({ check: 'never', reason: 'insecure-feed' }, GERMAN)).toBe('Updates sind aus: Die Update-Quelle ist keine https-Adresse.');
    for (const plan of plans) expect(updateStatusWords(plan, GERMAN), plan.check).not.toBe(updateStatusWords(plan));
    expect(new Set(plans.map((p) => updateStatusWords(p, GERMAN))).size).toBe(new Set(plans.map((p) => updateStatusWords(p))).size);
  });
});

describe('the catalog’s categories in Settings', () => {
  it('are German labels in a German settings view, English by default', () => {
    const german = new Set(catalogEntries(GERMAN).map((e) => e.category));
    expect(german).toContain('Identität und SSO');
    expect(german).toContain('Speicher und Dateien');
    // No English label is left (every category reads differently in German).
    expect(Object.values(CATEGORY_LABELS).filter((label) => german.has(label))).toEqual([]);
    expect(new Set(catalogEntries().map((e) => e.category))).toEqual(new Set(Object.values(CATEGORY_LABELS)));
    const base = scenarioSettings();
    expect(settingsView(base.values, [], [], GERMAN).catalog.map((e) => e.category)).toEqual(catalogEntries(GERMAN).map((e) => e.category));
  });
});
