import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../../main/core/i18n/translate.js';
import { jsonTypeWords, problem, renderPhrase } from '../../../main/core/sources/source-problem.js';
import {
  arr,
  bool,
  createWarningLog,
  httpUrl,
  isoTime,
  isRecord,
  looksLikeHtml,
  own,
  parseJsonSafely,
  rec,
  str,
  text,
  type JsonObject,
} from '../../../main/core/sources/json-safe.js';
import { readFixture } from '../../helpers/fixtures.js';

function parsedValue(body: string): unknown {
  const outcome = parseJsonSafely(body);
  if (!outcome.ok) throw new Error(`expected JSON to parse, got: ${outcome.error}`);
  return outcome.value;
}

function parseError(body: string): string {
  const outcome = parseJsonSafely(body);
  if (outcome.ok) throw new Error('expected a parse error');
  return outcome.error;
}

describe('parseJsonSafely', () => {
  it('parses a recorded payload', () => {
    const value = parsedValue(readFixture('statuspage/github-summary-2020-04-02-major-outage.json'));
    expect(isRecord(value) && str(rec(value, 'page') ?? {}, 'name')).toBe('GitHub');
  });

  it('accepts a leading byte-order mark', () => {
    expect(parsedValue('\uFEFF{"a":1}')).toEqual({ a: 1 });
  });

  it('calls an empty or blank body empty', () => {
    expect(parseError('')).toMatch(/empty/);
    expect(parseError(' \r\n\t')).toMatch(/empty/);
  });

  it('recognizes an HTML page instead of JSON', () => {
    expect(parseError('<!DOCTYPE html><html><body>Sign in</body></html>')).toMatch(/web page \(HTML\)/);
    expect(parseError('\n  <html lang="en">')).toMatch(/web page/);
  });

  it('says a cut-off body is truncated, wherever the cut falls', () => {
    const full = readFixture('statuspage/twilio-summary-2020-06-16-degraded-2-incidents-groups.json');
    for (const fraction of [0.01, 0.1, 0.33, 0.5, 0.77, 0.99]) {
      const cut = full.slice(0, Math.floor(full.length * fraction));
      expect(parseError(cut), `cut at ${fraction}`).toMatch(/ends early \(truncated/);
    }
    expect(parseError('{"a":"unterminated')).toMatch(/truncated/);
  });

  it('locates malformed JSON by line and column without echoing the body', () => {
    const error = parseError('{\n  "a": 1,\n  "b": 2 "secret"\n}');
    expect(error).toMatch(/malformed at line 3, column \d+/);
    expect(error).not.toContain('secret');
    expect(parseError('{"a": nope}')).toMatch(/malformed/);
  });

  it('reports trailing garbage as malformed, not truncated', () => {
    expect(parseError('{"a":1}}')).toMatch(/malformed/);
  });

  it('returns an error instead of throwing for absurdly deep nesting', () => {
    const depth = 200_000;
    const outcome = parseJsonSafely('['.repeat(depth) + ']'.repeat(depth));
    // How deep V8 can go depends on the stack size; either way the caller gets data, not a throw.
    expect(outcome.ok ? 'parsed' : outcome.error).toMatch(/^parsed$|nested too deeply/);
  });

  it('drops __proto__, constructor and prototype keys at every depth', () => {
    const value = parsedValue(
      '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"a":{"b":[{"__proto__":{"x":1},"keep":true}]},"prototype":1}',
    );
    expect(value).toEqual({ a: { b: [{ keep: true }] } });
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    // A careless merge of the parsed value downstream must not be able to pollute either.
    const merged: Record<string, unknown> = Object.assign({}, value);
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect((Object.prototype as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('also drops those keys when spelled with unicode escapes', () => {
    expect(parsedValue('{"\\u005f_proto__":{"x":1},"ok":1}')).toEqual({ ok: 1 });
    expect(parsedValue('{"\\u005F\\u005Fproto__":{"x":1},"constructo\\u0072":{"y":1},"ok":1}')).toEqual({ ok: 1 });
    expect(parsedValue('{"\\u0070rototype":1,"text":"Q\\u0026A \\u003cb\\u003e","ok":1}')).toEqual({ text: 'Q&A <b>', ok: 1 });
  });

  it('reads escaped markup characters, as Statuspage sends them, as the characters they stand for', () => {
    expect(parsedValue('{"name":"Voice \\u0026 SMS \\u003c US \\u003e","n":1}')).toEqual({ name: 'Voice & SMS < US >', n: 1 });
  });
});

describe('looksLikeHtml', () => {
  it('spots markup and nothing else', () => {
    expect(looksLikeHtml('<!doctype html>')).toBe(true);
    expect(looksLikeHtml('\uFEFF  <html>')).toBe(true);
    expect(looksLikeHtml('{"html":"<b>"}')).toBe(false);
    expect(looksLikeHtml('')).toBe(false);
  });
});

describe('field readers', () => {
  const inherited: JsonObject = Object.create({ name: 'inherited', list: [1], inner: { a: 1 }, flag: true }) as JsonObject;

  it('read own properties of the right type', () => {
    const obj: JsonObject = { name: 'GitHub', list: [1, 2], inner: { a: 1 }, flag: false, blank: '  ' };
    expect(str(obj, 'name')).toBe('GitHub');
    expect(arr(obj, 'list')).toEqual([1, 2]);
    expect(rec(obj, 'inner')).toEqual({ a: 1 });
    expect(bool(obj, 'flag')).toBe(false);
    expect(text(obj, 'name')).toBe('GitHub');
    expect(text(obj, 'blank')).toBeNull();
    expect(str(obj, 'blank')).toBe('  ');
  });

  it('return null for the wrong type instead of coercing', () => {
    const obj: JsonObject = { name: 42, list: 'a,b', inner: [1], flag: 'true' };
    expect(str(obj, 'name')).toBeNull();
    expect(arr(obj, 'list')).toBeNull();
    expect(rec(obj, 'inner')).toBeNull();
    expect(bool(obj, 'flag')).toBeNull();
  });

  it('never read inherited properties', () => {
    expect(own({}, 'toString')).toBeUndefined();
    expect(own({}, 'constructor')).toBeUndefined();
    expect(str(inherited, 'name')).toBeNull();
    expect(arr(inherited, 'list')).toBeNull();
    expect(rec(inherited, 'inner')).toBeNull();
    expect(bool(inherited, 'flag')).toBeNull();
  });

  it('isRecord accepts plain objects only', () => {
    expect(isRecord({})).toBe(true);
    expect(isRecord([])).toBe(false);
    expect(isRecord(null)).toBe(false);
    expect(isRecord('x')).toBe(false);
  });

  it('jsonTypeWords names shapes for messages', () => {
    const said = (value: unknown): string => {
      const words = jsonTypeWords(value);
      return typeof words === 'string' ? words : renderPhrase(words);
    };
    expect([null, [], {}, 'x', 1, true, undefined].map(said)).toEqual([
      'null',
      'an array',
      'an object',
      'a string',
      'a number',
      'a boolean',
      'nothing',
    ]);
  });
});

describe('httpUrl', () => {
  it('keeps absolute http and https links', () => {
    expect(httpUrl('https://stspg.io/mc6sr407p78b')).toBe('https://stspg.io/mc6sr407p78b');
    expect(httpUrl('http://stspg.io/n0wskg2n6bvy')).toBe('http://stspg.io/n0wskg2n6bvy');
    expect(httpUrl(' HTTPS://WWW.githubstatus.com ')).toBe('https://www.githubstatus.com/');
  });

  it('refuses scripts, files, relative paths and non-strings', () => {
    for (const bad of ['javascript:alert(1)', 'java\tscript:alert(1)', 'file:///etc/passwd', 'data:text/html,x', '/incidents/1', 'stspg.io/x', '', 42, null]) {
      expect(httpUrl(bad), String(bad)).toBeNull();
    }
  });
});

describe('isoTime', () => {
  it('normalises offsets to UTC', () => {
    expect(isoTime('2014-05-14T14:22:39.441-06:00')).toBe('2014-05-14T20:22:39.441Z');
    expect(isoTime('2026-09-16T18:30:21+00:00')).toBe('2026-09-16T18:30:21.000Z');
  });

  it('returns null for missing or unreadable times', () => {
    for (const bad of [null, undefined, '', 'yesterday', 1_600_000_000, {}]) expect(isoTime(bad)).toBeNull();
  });
});

describe('createWarningLog', () => {
  const word = (w: string) => problem('source.problem.word.unknown', { what: problem('source.problem.what.componentStatus'), word: JSON.stringify(w) });
  const missing = problem('source.problem.word.missing', { what: problem('source.problem.what.componentStatus') });
  const german = createTranslator('de');

  it('merges duplicates and counts repeats', () => {
    const log = createWarningLog();
    log.add(missing);
    log.add(missing);
    log.count(word('x'));
    log.count(word('x'));
    log.count(word('x'));
    log.count(word('y'));
    expect(log.list()).toEqual(['component status missing', 'unknown component status "x" (3 times)', 'unknown component status "y"']);
  });

  it('says the same entries as data, counts included, in another language', () => {
    const log = createWarningLog();
    log.add(missing);
    log.count(word('x'));
    log.count(word('x'));
    expect(log.phrases().map((said) => renderPhrase(said))).toEqual(log.list());
    expect(log.phrases().map((said) => renderPhrase(said, german))).toEqual(['Komponentenstatus fehlt', 'unbekannter Wert für Komponentenstatus: "x" (2-mal)']);
  });

  it('caps the list so hostile input cannot flood it', () => {
    const log = createWarningLog();
    for (let i = 0; i < 5_000; i++) log.count(word(String(i)));
    const list = log.list();
    expect(list.length).toBeLessThanOrEqual(21);
    expect(list.at(-1)).toMatch(/4980 more warnings not shown/);
    expect(renderPhrase(log.phrases().at(-1) ?? missing, german)).toBe('4980 weitere Warnungen nicht angezeigt');
  });
});
