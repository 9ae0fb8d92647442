/**
 * The verdict carries what its words were made from (the words context and the phrases of its
 * summary and evidence), so a person's output says the same verdict in German without reading the
 * English back; the English stays exactly what the rules always said, and the JSON shows none of it.
 */
import { describe, expect, it } from 'vitest';
import en from '../../../main/core/i18n/catalogs/en.json' with { type: 'json' };
import { createTranslator, ENGLISH } from '../../../main/core/i18n/translate.js';
import { verdictForJson, type Verdict } from '../../../main/core/verdict/connectivity-model.js';
import { decideVerdict } from '../../../main/core/verdict/verdict.js';
import type { StatusSignal } from '../../../main/core/verdict/verdict-facts.js';
import { verdictInLanguage } from '../../../main/core/verdict/verdict-in-language.js';
import { andList, renderPhrase, say } from '../../../main/core/verdict/verdict-phrase.js';
import { ERROR_SHAPE, USAGE } from '../../../main/cli/usage.js';

const GERMAN = createTranslator('de');

function status(overrides: Partial<StatusSignal> = {}): StatusSignal {
  return {
    sourceId: 'microsoft',
    sourceName: 'Microsoft 365',
    health: 'operational',
    fetchedAt: '2026-01-20T09:00:00.000Z',
    error: null,
    reachedServer: true,
    incidents: [],
    serviceIds: ['outlook'],
    provider: 'Microsoft',
    ...overrides,
  };
}

const SERVICES = [{ id: 'outlook', name: 'Outlook', fallback: null }];

/** English sentences of the verdict's catalog section, none of which may remain in German. */
const ENGLISH_VERDICT_SENTENCES = Object.entries(en)
  .filter(([key, text]) => key.startsWith('verdict.') && !/[{}]/.test(text) && text.length >= 15)
  .map(([, text]) => text);

function saidInGerman(verdict: Verdict): Verdict {
  const german = verdictInLanguage(verdict, GERMAN);
  const all = [german.title, german.summary, german.advice, ...german.evidence.map((e) => e.text)].join('\n');
  expect(ENGLISH_VERDICT_SENTENCES.filter((sentence) => all.toLowerCase().includes(sentence.toLowerCase()))).toEqual([]);
  return german;
}

describe('a verdict said again in German', () => {
  it('provider-incident: the claim and the skipped checks, the incident title as the provider wrote it', () => {
    const verdict = decideVerdict({
      statuses: [status({ health: 'outage', incidents: [{ id: 'EX1224375', title: 'Users may be unable to send email', health: 'outage' }, { id: 'EX2', title: 'x', health: 'degraded' }] })],
      ladder: null,
      services: SERVICES,
    });
    expect(verdict.summary).toBe('Microsoft 365 reports incident EX1224375 for Outlook ("Users may be unable to send email") and 1 more incident; connection checks were skipped');
    expect(verdict.words).toEqual({ provider: 'Microsoft', maintenance: false });
    const german = saidInGerman(verdict);
    expect(german.title).toBe('Microsoft hat eine Störung: Es liegt nicht an Ihnen');
    expect(german.summary).toBe('Microsoft 365 meldet die Störung EX1224375 für Outlook („Users may be unable to send email“) und 1 weitere Störung; die Verbindungsprüfungen wurden übersprungen');
    expect(german.evidence.map((e) => e.code)).toEqual(verdict.evidence.map((e) => e.code));
  });

  it('maintenance keeps its own title: the words context travels with the verdict, not the English title', () => {
    const verdict = decideVerdict({ statuses: [status({ health: 'maintenance', provider: 'Zoom', sourceName: 'Zoom' })], ladder: null, services: SERVICES });
    expect(verdict.words).toEqual({ provider: 'Zoom', maintenance: true });
    expect(verdictInLanguage(verdict, GERMAN).title).toBe(verdictInLanguage({ ...verdict, title: 'anything at all' }, GERMAN).title);
    expect(saidInGerman(verdict).summary).toBe('Zoom meldet laufende Wartungsarbeiten für Outlook; die Verbindungsprüfungen wurden übersprungen');
  });

  it('unknown and all-good: reasons with counts and plurals', () => {
    const unknown = decideVerdict({ statuses: [status({ health: 'unknown', error: 'HTTP 503', reachedServer: true })], ladder: null, services: SERVICES });
    expect(unknown.summary).toBe('Cannot tell: 1 of 1 status sources could not be read; connection checks were skipped');
    expect(saidInGerman(unknown).summary).toBe('Nicht zu sagen: 1 von 1 Statusquellen konnten nicht gelesen werden; die Verbindungsprüfungen wurden übersprungen');
    const good = decideVerdict({ statuses: [status(), status({ sourceId: 'b', sourceName: 'B' })], ladder: null, services: SERVICES });
    expect(good.summary).toBe('2 of 2 status sources report no problems; connection checks were skipped');
    expect(saidInGerman(good).summary).toBe('2 von 2 Statusquellen melden keine Probleme; die Verbindungsprüfungen wurden übersprungen');
  });

  it('English renders exactly the verdict\'s own text, and the JSON shape holds only the documented members', () => {
    const verdict = decideVerdict({ statuses: [status({ health: 'degraded' })], ladder: null, services: SERVICES });
    expect(verdict.summaryPhrase && renderPhrase(verdict.summaryPhrase)).toBe(verdict.summary);
    for (const e of verdict.evidence) expect(e.phrase && renderPhrase(e.phrase, ENGLISH)).toBe(e.text);
    expect(verdictInLanguage(verdict, ENGLISH)).toMatchObject({ title: verdict.title, summary: verdict.summary, advice: verdict.advice });
    const json = verdictForJson(verdict);
    expect(Object.keys(json)).toEqual(['kind', 'title', 'summary', 'advice', 'evidence', 'flags', 'serviceIds']);
    expect(JSON.stringify(json)).not.toMatch(/phrase|words/i);
  });

  it('joins lists in the language: "A and B and C" / "A und B und C"', () => {
    const list = say('verdict.alsoReported', { names: andList(['A', 'B', 'C']), count: 3 });
    expect(renderPhrase(list)).toBe('A and B and C also report a problem');
    expect(renderPhrase(list, GERMAN)).toBe('auch A und B und C melden ein Problem');
  });
});

describe('the usage as a catalog entry', () => {
  it('English in the catalog is exactly the built-in usage', () => {
    expect(ENGLISH.t('cli.usage', { errorShape: ERROR_SHAPE })).toBe(USAGE);
    expect(GERMAN.t('cli.usage', { errorShape: ERROR_SHAPE })).toContain(ERROR_SHAPE);
  });
});
