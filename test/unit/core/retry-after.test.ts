import { describe, expect, it } from 'vitest';
import { MAX_RETRY_AFTER_MS, parseRetryAfter } from '../../../main/core/sources/retry-after.js';

const NOW = Date.UTC(2024, 2, 10, 12, 0, 0); // Sun, 10 Mar 2024 12:00:00 GMT

describe('parseRetryAfter', () => {
  it('reads delta-seconds', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', NOW)).toBe(0);
  });

  it('reads an IMF-fixdate relative to now', () => {
    expect(parseRetryAfter('Sun, 10 Mar 2024 12:01:30 GMT', NOW)).toBe(90_000);
  });

  it('reads the obsolete RFC 850 and asctime date forms', () => {
    expect(parseRetryAfter('Sunday, 10-Mar-24 12:05:00 GMT', NOW)).toBe(300_000);
    expect(parseRetryAfter('Sun Mar 10 12:00:10 2024', NOW)).toBe(10_000);
    expect(parseRetryAfter('Fri Mar  1 12:00:00 2024', NOW)).toBe(0);
  });

  it('turns a date in the past into "retry now"', () => {
    expect(parseRetryAfter('Sat, 09 Mar 2024 12:00:00 GMT', NOW)).toBe(0);
  });

  it('caps a wait at six hours so a source is never silenced for days', () => {
    expect(MAX_RETRY_AFTER_MS).toBe(6 * 60 * 60 * 1000);
    expect(parseRetryAfter('86400', NOW)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter('99999999999999999999999999', NOW)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter('Mon, 01 Jan 2035 00:00:00 GMT', NOW)).toBe(MAX_RETRY_AFTER_MS);
  });

  it.each([null, undefined, '', '   ', 'soon', '1.5', '-5', '+5', '5 seconds', '0x10', 'Sun, 10 Mar 2024', 'Wed, 31 Feb 2024 00:00:00 GMT', 'Sun, 10 Foo 2024 12:00:00 GMT', 'Sun, 10 Mar 2024 25:00:00 GMT', 'hello 2020'])(
    'ignores %j',
    (value) => expect(parseRetryAfter(value, NOW)).toBeNull(),
  );
});
