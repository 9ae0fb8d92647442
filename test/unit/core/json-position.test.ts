import { describe, expect, it } from 'vitest';
import { renderPhrase } from '../../../main/core/i18n/phrase.js';
import { createTranslator } from '../../../main/core/i18n/translate.js';
import { parseJsonWithPosition, positionOfKey, splitKeyPath } from '../../../main/core/settings/json-position.js';

describe('positioned JSON parsing', () => {
  it('builds values with JSON.parse, so a __proto__ key stays a plain own key', () => {
    const parsed = parseJsonWithPosition('{"__proto__": {"polluted": true}}');
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(Object.getPrototypeOf(parsed.value)).toBe(Object.prototype);
      expect(Object.keys(parsed.value as object)).toEqual(['__proto__']);
    }
  });

  it('gives line and column from 1, after a byte-order mark and CRLF line ends', () => {
    const trailing = parseJsonWithPosition('\uFEFF{\r\n  "a": 1,\r\n  "b": 2,\r\n}');
    expect(trailing.ok ? null : trailing.error.position).toEqual({ line: 4, column: 1 });
    expect(trailing.ok ? '' : renderPhrase(trailing.error.words)).toMatch(/trailing comma/);
    expect(trailing.ok ? '' : renderPhrase(trailing.error.words, createTranslator('de'))).toBe('erwartet: ein Name in doppelten Anführungszeichen (ein Komma am Ende ist in JSON nicht erlaubt)');
    expect(parseJsonWithPosition("{'a': 1}")).toMatchObject({ ok: false, error: { position: { line: 1, column: 2 } } });
    const empty = parseJsonWithPosition('   ');
    expect(empty.ok ? '' : renderPhrase(empty.error.words)).toBe('the file is empty; expected a JSON object');
  });

  it('never throws on hostile nesting', () => {
    expect(parseJsonWithPosition('['.repeat(1_000_000)).ok).toBe(false);
    expect(positionOfKey(`{"a": ${'['.repeat(200_000)}${']'.repeat(200_000)}}`, 'a[0]')).toBeNull();
  });

  it('finds the value a key path names, or its nearest parent', () => {
    const text = '{\n  "sources": [\n    { "id": "x" }\n  ]\n}';
    expect(positionOfKey(text, 'sources[0].id')).toEqual({ line: 3, column: 13 });
    expect(positionOfKey(text, 'sources[0].url')).toEqual({ line: 3, column: 5 });
    expect(splitKeyPath('a["odd key"][2].b')).toEqual(['a', 'odd key', 2, 'b']);
    expect(splitKeyPath('(top level)')).toBeNull();
  });
});
