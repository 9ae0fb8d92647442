import { mkdtempSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CheckReport } from '../../../main/core/check.js';
import { createStateCache, isCheckReport, STATE_CACHE_FORMAT, STATE_CACHE_VERSION } from '../../../main/node/state-cache.js';
import { incident, makeReport } from '../../helpers/reports.js';
import { phrase, renderPhrase } from '../../../main/core/i18n/phrase.js';
import { createTranslator } from '../../../main/core/i18n/translate.js';
import { sourceInLanguage } from '../../../main/core/sources/source-problem.js';

const root = mkdtempSync(join(tmpdir(), 'outage-radar-cache-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshPath = (): string => join(root, `case-${++n}`, 'state.json');

const NOW = Date.parse('2025-03-04T09:40:00Z');

function sampleReport(title = 'Users may be unable to send or receive email'): CheckReport {
  return makeReport(
    [
      { id: 'microsoft-public', health: 'operational', checkedAt: NOW },
      { id: 'org-feed', health: 'outage', incidents: [incident('EX1224375', 'outage', { title, affects: ['Exchange Online'] })], checkedAt: NOW },
      { id: 'acme', health: 'unknown', checkedAt: NOW, fetchedAt: null, error: 'no complete answer within 10 s' },
    ],
    'provider-incident',
    NOW,
  );
}

describe('state cache', () => {
  it('saves and loads a report unchanged, creating the folder, leaving no temp files behind', async () => {
    const path = freshPath();
    const cache = createStateCache(path);
    const report = sampleReport();
    await cache.save(report);
    expect(await cache.load()).toEqual(report);
    expect(readdirSync(join(path, '..'))).toEqual(['state.json']);
  });

  it('the last of several quick saves wins', async () => {
    const cache = createStateCache(freshPath());
    await Promise.all([cache.save(sampleReport('first')), cache.save(sampleReport('second')), cache.save(sampleReport('third'))]);
    const loaded = await cache.load();
    expect(loaded?.sources[1]?.incidents[0]?.title).toBe('third');
  });

  it('yields null, never throws, for a missing, empty, corrupt or foreign file', async () => {
    const missing = createStateCache(freshPath());
    expect(await missing.load()).toBeNull();
    const cases: string[] = [
      '',
      '{"format": "outage-radar/state-cache", "version": 1, "report": ',
      '\u0000\u0001binary',
      JSON.stringify({ some: 'other app' }),
      JSON.stringify({ format: STATE_CACHE_FORMAT, version: STATE_CACHE_VERSION + 1, report: sampleReport() }),
      JSON.stringify({ format: STATE_CACHE_FORMAT, version: STATE_CACHE_VERSION, report: { ...sampleReport(), sources: 'none' } }),
      JSON.stringify({ format: STATE_CACHE_FORMAT, version: STATE_CACHE_VERSION, report: { ...sampleReport(), verdict: { ...sampleReport().verdict, kind: 'sunny' } } }),
      JSON.stringify({ format: STATE_CACHE_FORMAT, version: STATE_CACHE_VERSION, report: { ...sampleReport(), tray: 'green' } }),
      JSON.stringify({ format: STATE_CACHE_FORMAT, version: STATE_CACHE_VERSION, report: { ...sampleReport(), checkedAt: 'yesterday' } }),
      '{"__proto__": {"polluted": true}, "format": "outage-radar/state-cache", "version": 1, "report": null}',
    ];
    for (const text of cases) {
      const path = freshPath();
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, text);
      expect(await createStateCache(path).load()).toBeNull();
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    const folder = freshPath();
    mkdirSync(folder, { recursive: true });
    expect(await createStateCache(folder).load()).toBeNull();
  });

  it('refuses to read a file larger than its bound', async () => {
    const path = freshPath();
    await createStateCache(path).save(sampleReport());
    expect(await createStateCache(path, { maxBytes: 200 }).load()).toBeNull();
  });

  it('keeps the file bounded: a report too large even when slimmed is not written', async () => {
    const path = freshPath();
    const small = createStateCache(path, { maxBytes: 6000 });
    await small.save(sampleReport());
    await small.save(sampleReport('x'.repeat(10_000)));
    expect((await small.load())?.sources[1]?.incidents[0]?.title).toBe('Users may be unable to send or receive email');
  });

  it('slims a report that does not fit: only the newest update of each incident is kept', async () => {
    const updates = Array.from({ length: 100 }, (_, i) => ({ id: `u${i}`, status: 'investigating' as const, at: null, body: { format: 'text' as const, content: `Update ${i}: ${'still looking '.repeat(8)}` } }));
    const big = makeReport(
      [{ id: 'org-feed', health: 'outage', incidents: [incident('EX1224375', 'outage', { updates, affects: ['Exchange Online'] })], checkedAt: NOW }],
      'provider-incident',
      NOW,
    );
    expect(JSON.stringify(big).length).toBeGreaterThan(12_000);
    const cache = createStateCache(freshPath(), { maxBytes: 12_000 });
    await cache.save(big);
    const loaded = await cache.load();
    expect(loaded?.sources[0]?.incidents[0]?.updates.map((u) => u.id)).toEqual(['u0']);
    expect(loaded?.services).toEqual(big.services);
  });

  it('slims the warnings and their words alike, so a slimmed source is still said in the person\'s language', async () => {
    const words = Array.from({ length: 8 }, (_, i) => phrase('source.problem.unexpected', { message: `odd ${i} ${'x'.repeat(2_000)}` }));
    const base = makeReport([{ id: 'acme', health: 'unknown', checkedAt: NOW }], 'unknown', NOW);
    const [acme] = base.sources;
    if (acme === undefined) throw new Error('no source');
    const big: CheckReport = { ...base, sources: [{ ...acme, warnings: words.map((w) => renderPhrase(w)), words: { error: null, warnings: words } }] };
    const cache = createStateCache(freshPath(), { maxBytes: 30_000 });
    expect(JSON.stringify(big).length).toBeGreaterThan(30_000);
    await cache.save(big);
    const loaded = await cache.load();
    const source = loaded?.sources[0];
    if (source === undefined) throw new Error('not saved');
    expect(source.warnings).toHaveLength(5);
    const german = sourceInLanguage(source, createTranslator('de'));
    expect(german.warnings).toHaveLength(5);
    for (const warning of german.warnings) expect(warning).toMatch(/^die Prüfung ist unerwartet fehlgeschlagen: odd \d/);
  });

  it('a failed save rejects without blocking later saves', async () => {
    const blocker = join(root, `blocker-${++n}`);
    writeFileSync(blocker, 'a file where a folder should be');
    const broken = createStateCache(join(blocker, 'state.json'));
    await expect(broken.save(sampleReport())).rejects.toThrow();
    await expect(broken.save(sampleReport())).rejects.toThrow();
    expect(await broken.load()).toBeNull();
  });

  it('recognizes a report by every field the app reads', () => {
    expect(isCheckReport(sampleReport())).toBe(true);
    const { services: _services, ...withoutServices } = sampleReport();
    expect(isCheckReport(withoutServices)).toBe(false);
  });
});
