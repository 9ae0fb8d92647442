import { describe, expect, it } from 'vitest';
import words from '../../../main/core/words/advice-words.json' with { type: 'json' };
import { fill, orList, verdictAdvice, verdictTitle } from '../../../main/core/words/advice-words.js';
import { VERDICT_KINDS } from '../../../main/core/verdict/connectivity-model.js';

/** Every placeholder the engine fills, by section of the data. */
const FILLED: Readonly<Record<string, readonly string[]>> = {
  'wait-for-fix': ['provider', 'services'],
  'still-intermittent': ['Provider', 'service'],
  'do-not-reinstall': [],
  'mail-delayed-not-lost': [],
  'switch-channel': ['channels', 'services'],
  'use-web-version': ['web'],
  'restart-client': ['client', 'started', 'ended'],
  'call-helpdesk': [],
};

const placeholders = (text: string): string[] => [...text.matchAll(/\{([A-Za-z]+)\}/g)].map((m) => m[1] ?? '');

describe('the advice words', () => {
  it.each(VERDICT_KINDS)('%s: a title and advice with every placeholder filled, in each variant', (kind) => {
    for (const context of [{}, { provider: 'Microsoft' }, { provider: 'Zoom', maintenance: true }, { signIn: true }]) {
      for (const text of [verdictTitle(kind, context), verdictAdvice(kind, context)]) {
        expect(text).not.toMatch(/[{}]/);
        expect(text.length).toBeGreaterThan(10);
        expect(text.charAt(0)).toBe(text.charAt(0).toUpperCase());
      }
    }
  });

  it('names the provider, and "the provider" with a capital only at the start of a sentence', () => {
    expect(verdictTitle('provider-incident', { provider: 'Microsoft' })).toBe('Microsoft has an incident: it is not you');
    expect(verdictTitle('provider-incident')).toBe('The provider has an incident: it is not you');
    expect(verdictAdvice('provider-incident')).toContain('wait for the provider to fix it');
    expect(verdictTitle('provider-incident', { provider: 'Zoom', maintenance: true })).toBe('Zoom is doing planned maintenance');
    // A name keeps its owner's spelling, even at the start of a sentence.
    expect(verdictTitle('provider-incident', { provider: 'acme' })).toBe('acme has an incident: it is not you');
  });

  it.each(Object.entries(words.items))('%s: uses only the placeholders the engine fills', (id, item) => {
    const allowed = FILLED[id];
    expect(allowed, `no list of placeholders for ${id}`).toBeDefined();
    for (const text of Object.values(item)) for (const name of placeholders(text)) expect(allowed).toContain(name);
  });

  it('fills, capitalises on request and joins lists with "or"', () => {
    expect(fill('{Provider} fixed {service}', { provider: 'the provider', service: 'Teams' })).toBe('The provider fixed Teams');
    expect(fill('left {alone}', {})).toBe('left {alone}');
    expect(orList(['chat in Teams'])).toBe('chat in Teams');
    expect(orList(['email', 'chat', 'a phone call'])).toBe('email, chat or a phone call');
  });
});
