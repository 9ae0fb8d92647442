/**
 * Hostile and broken bodies every JSON status adapter must survive: each gives a readable error or
 * an honest (never operational) snapshot, never a throw, never a polluted prototype.
 */
import { expect, it } from 'vitest';
import type { ParseOutcome } from '../../../main/core/model.js';

export type Parse = (body: string, now: number) => ParseOutcome;

export const NOW = Date.parse('2026-09-18T12:00:00Z');

/** Registers the shared hostile-input tests for one JSON adapter. */
export function hostileJsonTests(name: string, parse: Parse, valid: string): void {
  it(`${name}: empty, HTML, truncated and non-JSON bodies are clear errors`, () => {
    const cases: Array<[string, RegExp]> = [
      ['', /empty/],
      ['   \n', /empty/],
      ['<!doctype html><html><body>Sign in</body></html>', /web page \(HTML\)/],
      [valid.slice(0, Math.floor(valid.length / 2)), /ends early|malformed/],
      ['{"a": tru}', /malformed/],
      ['<?xml version="1.0"?><rss version="2.0"><channel/></rss>', /HTML|not JSON|web page/],
    ];
    for (const [body, wanted] of cases) {
      const outcome = parse(body, NOW);
      expect(outcome.ok, JSON.stringify(body.slice(0, 40))).toBe(false);
      if (!outcome.ok) expect(outcome.error).toMatch(wanted);
    }
  });

  it(`${name}: JSON of the wrong shape or type never reads as operational`, () => {
    for (const body of ['null', '42', '"ok"', 'true', '[]', '{}', '[1,2,3]', '{"status":{}}', '{"result":[]}', '{"page":"x"}']) {
      const outcome = parse(body, NOW);
      if (outcome.ok) expect(outcome.snapshot.health, body).not.toBe('operational');
    }
  });

  it(`${name}: very deep nesting is survived and never reads as operational`, () => {
    for (const deep of [`${'['.repeat(50_000)}${']'.repeat(50_000)}`, `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`]) {
      expect(() => parse(deep, NOW)).not.toThrow();
      const outcome = parse(deep, NOW);
      if (outcome.ok) expect(outcome.snapshot.health).not.toBe('operational');
    }
  });

  it(`${name}: __proto__ and constructor keys do not pollute`, () => {
    const body = valid.replace(/^\s*([[{])/, (_m, open: string) => (open === '{' ? '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},' : '[{"__proto__":{"polluted":"yes"}},'));
    expect(() => parse(body, NOW)).not.toThrow();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it(`${name}: every JSON type in every field is survived without a throw`, () => {
    const doc = JSON.parse(valid) as unknown;
    const replacements: unknown[] = [null, 0, -1, 1e308, '', 'x'.repeat(10_000), true, [], {}, [null], [{}], { id: {} }];
    const mutate = (value: unknown, depth: number, visit: (copy: unknown) => void): void => {
      if (depth > 3 || value === null || typeof value !== 'object') return;
      const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
      for (const key of keys.slice(0, 12)) {
        for (const replacement of replacements) {
          const holder = value as Record<string | number, unknown>;
          const saved = holder[key];
          holder[key] = replacement;
          visit(doc);
          holder[key] = saved;
        }
        mutate((value as Record<string | number, unknown>)[key], depth + 1, visit);
      }
    };
    let runs = 0;
    mutate(doc, 0, (copy) => {
      runs++;
      const outcome = parse(JSON.stringify(copy), NOW);
      if (outcome.ok) expect(['operational', 'maintenance', 'degraded', 'outage', 'unknown']).toContain(outcome.snapshot.health);
    });
    expect(runs).toBeGreaterThan(10);
  });
}

/** A JSON body of about `bytes` bytes: the first row of `rows` repeated with fresh ids. */
export function hugeBody(bytes: number, build: (count: number) => unknown): string {
  let count = 1000;
  let body = JSON.stringify(build(count));
  while (body.length < bytes) {
    count *= 2;
    body = JSON.stringify(build(count));
  }
  return body;
}
