import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../../main/core/i18n/translate.js';
import { describeHttpFailure, httpFailurePhrase, type HttpFailure } from '../../../main/core/ports.js';
import type { SourceResult } from '../../../main/core/model.js';
import { contentTypePhrase, contentTypeProblem } from '../../../main/core/sources/source-fetch.js';
import { parseOrgFeed } from '../../../main/core/sources/org-feed.js';
import { parseStatuspage } from '../../../main/core/sources/statuspage.js';
import { problem, renderPhrase, sourceInLanguage } from '../../../main/core/sources/source-problem.js';

const de = createTranslator('de');

describe('why a request failed, as words', () => {
  // The English every script and log reads today, one per kind of failure.
  const cases: [HttpFailure, string, string][] = [
    [{ kind: 'bad-url', message: 'Invalid URL' }, 'invalid URL: Invalid URL', 'ungültige Adresse: Invalid URL'],
    [{ kind: 'insecure-url', url: 'http://example.test/' }, 'refusing plain http for a non-loopback host (http://example.test/); use https', 'unverschlüsseltes http zu einem entfernten Host abgelehnt (http://example.test/); verwenden Sie https'],
    [{ kind: 'insecure-url', url: 'http://example.test/', redirectFrom: 'https://example.test/' }, 'refusing the redirect from https to plain http (http://example.test/): it would drop encryption', 'Weiterleitung von https auf unverschlüsseltes http abgelehnt (http://example.test/): die Verschlüsselung ginge verloren'],
    [{ kind: 'timeout', afterMs: 10_000 }, 'no complete answer within 10 s', 'keine vollständige Antwort innerhalb von 10 s'],
    [{ kind: 'network', code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:1' }, 'network error ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:1', 'Netzwerkfehler ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:1'],
    [{ kind: 'bad-response', code: 'Z_DATA_ERROR', message: 'incorrect header check' }, 'unreadable answer Z_DATA_ERROR: incorrect header check', 'unlesbare Antwort Z_DATA_ERROR: incorrect header check'],
    [{ kind: 'status', status: 503, retryAfterMs: null }, 'HTTP 503', 'HTTP 503'],
    [{ kind: 'status', status: 429, retryAfterMs: 120_000 }, 'HTTP 429, asked to retry after 120 s', 'HTTP 429, neuer Versuch erbeten nach 120 s'],
    [{ kind: 'too-large', limitBytes: 2 * 1024 * 1024 }, 'response larger than 2048 KiB; refused', 'Antwort größer als 2048 KiB; abgelehnt'],
    [{ kind: 'redirects', limit: 3 }, 'more than 3 redirects', 'mehr als 3 Weiterleitungen'],
    [{ kind: 'proxy-auth', status: 407 }, 'the proxy requires authentication (HTTP 407)', 'der Proxy verlangt eine Anmeldung (HTTP 407)'],
  ];

  it.each(cases)('%o: the same English as before, and German with codes verbatim', (failure, english, german) => {
    expect(describeHttpFailure(failure)).toBe(english);
    expect(renderPhrase(httpFailurePhrase(failure), de)).toBe(german);
  });
});

describe('a response of the wrong kind, as words', () => {
  it('decides by media type and body, and quotes the media type verbatim in both languages', () => {
    expect(contentTypePhrase('application/json; charset=utf-8', '{}', 'statuspage')).toBeNull();
    expect(contentTypePhrase('text/plain', '{}', 'org-feed')).toBeNull();
    expect(contentTypeProblem('text/html', '<html>', 'statuspage')).toBe('expected JSON but got a web page (text/html); the address may be wrong or a login page is in the way');
    expect(contentTypeProblem('', '<!doctype html><html>', 'rss')).toBe('expected an RSS or Atom feed but got a web page (no content type); the address may be wrong or a login page is in the way');
    const feedAsJson = contentTypePhrase('application/json', '{}', 'rss');
    expect(feedAsJson && renderPhrase(feedAsJson)).toBe('expected an RSS or Atom feed but got JSON (application/json); the address may be a status API rather than a feed');
    expect(feedAsJson && renderPhrase(feedAsJson, de)).toBe('erwartet war ein RSS- oder Atom-Feed, gekommen ist JSON (application/json); die Adresse ist vielleicht eine Status-API statt eines Feeds');
    const xml = contentTypePhrase('application/xml', '<a/>', 'statuspage');
    expect(xml && renderPhrase(xml, de)).toBe('erwartet war JSON, gekommen ist XML (application/xml); für einen RSS- oder Atom-Feed verwenden Sie den Typ „rss“');
    const none = contentTypePhrase('', '<html>', 'rss');
    expect(none && renderPhrase(none, de)).toBe('erwartet war ein RSS- oder Atom-Feed, gekommen ist eine Webseite (kein Inhaltstyp); die Adresse ist vielleicht falsch oder eine Anmeldeseite steht im Weg');
  });
});

describe('a parser\'s error and warnings as words', () => {
  it('carries the error as data whose English is the error, nested reasons included', () => {
    const outcome = parseStatuspage('{"page":', 0);
    expect(outcome.ok).toBe(false);
    if (outcome.ok || outcome.errorWords === undefined) throw new Error('expected a failure with words');
    expect(renderPhrase(outcome.errorWords)).toBe(outcome.error);
    expect(outcome.error).toBe('could not read the Statuspage response: the JSON ends early (truncated after 8 characters)');
    expect(renderPhrase(outcome.errorWords, de)).toBe('die Statuspage-Antwort konnte nicht gelesen werden: das JSON endet vorzeitig (abgeschnitten nach 8 Zeichen)');
  });

  it('carries one phrase per warning; words the page wrote stay as it wrote them', () => {
    const outcome = parseStatuspage(JSON.stringify({ status: { indicator: 'bogus' }, components: [{ id: 'a', name: 'A', status: 'Sideways' }, 7] }), 0);
    if (!outcome.ok) throw new Error(outcome.error);
    const words = outcome.snapshot.warningWords ?? [];
    expect(words.map((w) => renderPhrase(w))).toEqual(outcome.snapshot.warnings);
    expect(words.map((w) => renderPhrase(w, de))).toEqual([
      'das Dokument enthält nicht: incidents, scheduled_maintenances; der Zustand beruht nur auf den übrigen Teilen',
      'unbekannter Wert für Komponentenstatus: "Sideways"',
      'Komponente übersprungen: eine Zahl statt eines Objekts',
      'unbekannter Wert für Statusanzeige der Seite: "bogus"',
    ]);
  });

  it('an org feed with many problems counts the rest with the language\'s plural', () => {
    const outcome = parseOrgFeed(JSON.stringify({ format: 'outage-radar/org-feed', version: 1, services: [1, 2, 3, 4, 5, 6, 7] }), 0);
    if (outcome.ok || outcome.errorWords === undefined) throw new Error('expected a failure with words');
    expect(outcome.error).toMatch(/^not a valid org feed: .* \(and \d+ more problems?\)$/);
    expect(renderPhrase(outcome.errorWords)).toBe(outcome.error);
    expect(renderPhrase(outcome.errorWords, de)).toMatch(/^kein gültiger Organisations-Feed: .* \(und \d+ weitere? Probleme?\)$/);
  });
});

describe('a source said in another language', () => {
  const source = (extra: Partial<SourceResult>): SourceResult => ({
    id: 's',
    type: 'statuspage',
    name: 'S',
    url: 'https://status.example.test',
    health: 'unknown',
    fetchedAt: null,
    checkedAt: '2026-01-01T00:00:00.000Z',
    error: 'HTTP 503',
    stale: false,
    components: [],
    incidents: [],
    upcoming: [],
    recentlyResolved: [],
    messages: [],
    warnings: [],
    ...extra,
  });

  it('says the error, the warnings and the last-known reason from their words', () => {
    const said = sourceInLanguage(
      source({
        error: 'the response was empty',
        warnings: ['the feed has no entries'],
        words: { error: problem('source.problem.empty'), warnings: [problem('source.problem.feed.noEntries')] },
        lastKnown: { asOf: null, reason: 'the feed expired at 2026-01-01T00:00:00.000Z', reasonWords: problem('source.problem.orgFeed.expiredAt', { at: '2026-01-01T00:00:00.000Z' }) },
      }),
      de,
    );
    expect(said.error).toBe('die Antwort war leer');
    expect(said.warnings).toEqual(['der Feed hat keine Einträge']);
    expect(said.lastKnown?.reason).toBe('der Feed ist um 2026-01-01T00:00:00.000Z abgelaufen');
  });

  it('keeps the English when the words do not match it or are not ours (a cache file from elsewhere)', () => {
    const plain = source({});
    expect(sourceInLanguage(plain, de)).toBe(plain);
    const unknownKey = source({ words: { error: { key: 'no.such.key' } as never, warnings: [] } });
    expect(sourceInLanguage(unknownKey, de).error).toBe('HTTP 503');
    const tooFew = source({ warnings: ['a', 'b'], words: { error: problem('source.problem.http.status', { status: '503' }), warnings: [problem('source.problem.feed.noEntries')] } });
    expect(sourceInLanguage(tooFew, de).warnings).toEqual(['a', 'b']);
    const notAList = source({ words: { error: problem('source.problem.http.status', { status: '503' }), warnings: 'x' as never } });
    expect(sourceInLanguage(notAList, de).error).toBe('HTTP 503');
  });
});
