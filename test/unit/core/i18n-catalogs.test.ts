import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { IntlMessageFormat } from 'intl-messageformat';
import en from '../../../main/core/i18n/catalogs/en.json' with { type: 'json' };
import { dataWordEntries, DATA_KEY_PREFIXES } from '../../../main/core/i18n/data-words.js';
import { formatAgo, formatClockTime, formatDay, formatDuration, formatMoment } from '../../../main/core/i18n/dates.js';
import { cliLanguage, LANGUAGES, languageOfLocale, pickLanguage } from '../../../main/core/i18n/languages.js';
import { catalogOf, createTranslator, translate } from '../../../main/core/i18n/translate.js';

/** Every ICU argument of a message with its type, "name:type", sorted; nested plural/select options included. */
function argumentsOf(message: string): string[] {
  const found = new Set<string>();
  const walk = (elements: readonly MessageFormatElement[]): void => {
    for (const el of elements) {
      if (el.type === TYPE.literal || el.type === TYPE.pound) continue;
      if (el.type === TYPE.tag) {
        walk(el.children);
        continue;
      }
      found.add(`${el.value}:${TYPE[el.type]}`);
      if (el.type === TYPE.plural || el.type === TYPE.select) for (const option of Object.values(el.options)) walk(option.value);
    }
  };
  walk(parse(message, { ignoreTag: true }));
  return [...found].sort();
}

const english = catalogOf('en');

describe('the message catalogs', () => {
  it('English has words', () => {
    expect(Object.keys(english).length).toBeGreaterThan(300);
  });

  it.each(LANGUAGES.filter((l) => l !== 'en'))('%s has every key of English and no other', (language) => {
    const catalog = catalogOf(language);
    expect(Object.keys(english).filter((k) => !(k in catalog))).toEqual([]);
    expect(Object.keys(catalog).filter((k) => !(k in english))).toEqual([]);
    for (const [key, text] of Object.entries(catalog)) expect(text.trim(), key).not.toBe('');
  });

  it.each(LANGUAGES)('%s: every message parses and has the same arguments as the English one', (language) => {
    const catalog = catalogOf(language);
    const differing = Object.entries(english)
      .filter(([key]) => key in catalog)
      .filter(([key, text]) => JSON.stringify(argumentsOf(catalog[key] ?? '')) !== JSON.stringify(argumentsOf(text)))
      .map(([key]) => key);
    expect(differing).toEqual([]);
  });

  it('catches a translation whose placeholder differs (the check above can fail)', () => {
    expect(argumentsOf('{Provider} hat eine Störung')).not.toEqual(argumentsOf('{provider} has an incident'));
    expect(argumentsOf('{n, plural, one {# Tag} other {# Tage}}')).not.toEqual(argumentsOf('{n} days'));
  });

  it('agrees with the data files, the one source of the advice and knowledge-base English', () => {
    const fromData = dataWordEntries();
    const inCatalog = Object.fromEntries(Object.entries(en).filter(([key]) => DATA_KEY_PREFIXES.some((p) => key.startsWith(p))));
    // Run `node scripts/gen-catalog.mjs` when this fails.
    expect(inCatalog).toEqual(fromData);
    expect(Object.keys(fromData)).toContain('kb.exo-451-4.3.2.steps.4');
    expect(Object.keys(fromData)).toContain('advice.verdict.clock-skew.title');
  });

  it('formats every knowledge-base text back to the data text in English', () => {
    const t = createTranslator('en');
    for (const [key, text] of Object.entries(dataWordEntries())) if (key.startsWith('kb.')) expect(t.dynamic(key)).toBe(text);
  });
});

describe('the translator', () => {
  it('fills placeholders, plurals and selects in each language', () => {
    const de = createTranslator('de');
    const enT = createTranslator('en');
    expect(enT.t('advice.verdict.provider-incident.title', { Provider: 'Microsoft' })).toBe('Microsoft has an incident: it is not you');
    expect(de.t('advice.verdict.provider-incident.title', { Provider: 'Microsoft' })).toBe('Microsoft hat eine Störung: Es liegt nicht an Ihnen');
    expect(de.t('cli.check.moreIncidents', { count: 1 })).toBe('und 1 weitere Störung');
    expect(de.t('cli.check.moreIncidents', { count: 3 })).toBe('und 3 weitere Störungen');
    expect(enT.t('cli.check.moreIncidents', { count: 1 })).toBe('and 1 more incident');
    expect(de.t('cli.check.helpdeskMessage', { severity: 'warning', text: 'x' })).toBe('Helpdesk (Warnung): x');
  });

  it('falls back to English for a key only English has, and to the given text for an unknown key', () => {
    const de = createTranslator('de');
    expect(de.dynamic('kb.no-such-entry.title', {}, 'The data text')).toBe('The data text');
    expect(de.dynamic('kb.no-such-entry.title')).toBe('kb.no-such-entry.title');
  });

  it('never throws on a missing value', () => {
    expect(() => createTranslator('de').t('cli.check.overall', {})).not.toThrow();
  });

  it('checks keys at compile time', () => {
    const t = createTranslator('en');
    // @ts-expect-error a misspelt key fails the typecheck
    expect(t.t('cli.check.overal', { health: 'x', tray: 'y' })).toBe('cli.check.overal');
  });

  it('translates one message by locale name', () => {
    expect(translate('de_DE.UTF-8', 'health.outage')).toBe('Ausfall');
    expect(translate('fr-FR', 'health.outage')).toBe('Outage');
  });
});

describe('dates, times and ages in the person\'s locale and time zone', () => {
  // 2025-12-02 12:02 UTC: 13:02 in Berlin, 07:02 in New York, 21:02 in Tokyo.
  const at = Date.UTC(2025, 11, 2, 12, 2);
  const zones = [
    ['Europe/Berlin', '13:02', '1:02 PM'],
    ['America/New_York', '07:02', '7:02 AM'],
    ['Asia/Tokyo', '21:02', '9:02 PM'],
  ] as const;

  it.each(zones)('%s: the time of day in German and English', (zone, german, americanEnglish) => {
    expect(formatClockTime(at, 'de-DE', zone)).toBe(german);
    expect(formatClockTime(at, 'en-US', zone)).toBe(americanEnglish);
    expect(createTranslator('de', { locale: 'de_DE.UTF-8', timeZone: zone }).since(at)).toBe(`seit ${german}`);
    expect(createTranslator('en', { locale: 'en-US', timeZone: zone }).since(at)).toBe(`since ${americanEnglish}`);
  });

  it('judges "today" in the person\'s zone: the same moment is a day earlier in New York', () => {
    const late = Date.UTC(2025, 11, 2, 2, 30);
    expect(formatMoment(late, late + 60_000, 'de-DE', 'Europe/Berlin')).toBe('03:30');
    expect(formatMoment(late, Date.UTC(2025, 11, 2, 12, 0), 'en-US', 'America/New_York')).toMatch(/^Dec 1, 9:30\sPM$/);
    expect(formatDay(late, 'de-DE', 'Asia/Tokyo')).toBe('02.12.2025');
    expect(formatDay(late, 'de-DE', 'America/New_York')).toBe('01.12.2025');
  });

  it('says ages and durations in words', () => {
    expect(formatAgo(3 * 60_000, 'de')).toBe('vor 3 Minuten');
    expect(formatAgo(3 * 60_000, 'en')).toBe('3 minutes ago');
    expect(formatAgo(2 * 3_600_000 + 5 * 60_000, 'de')).toBe('vor 2 Stunden');
    expect(formatAgo(1_000, 'de')).toBe('jetzt');
    expect(formatAgo(Number.NaN, 'en')).toBe('now');
    expect(formatDuration(3 * 60_000, 'de')).toBe('3 Minuten');
    expect(formatDuration(86_400_000, 'en')).toBe('1 day');
  });
});

describe('which language a person reads', () => {
  it.each([
    [{ LANG: 'de_DE.UTF-8' }, 'auto', 'de'],
    [{ LANG: 'de_AT.UTF-8', LC_MESSAGES: 'C' }, 'auto', 'en'],
    [{ LANG: 'en_US.UTF-8', LC_ALL: 'de_CH.UTF-8' }, 'auto', 'de'],
    [{ LC_ALL: '', LC_MESSAGES: 'de_DE@euro', LANG: 'en_GB' }, 'auto', 'de'],
    [{ LANG: 'C' }, 'auto', 'en'],
    [{ LANG: 'POSIX' }, 'auto', 'en'],
    [{ LANG: 'C.UTF-8' }, 'auto', 'en'],
    [{ LANG: 'fr_FR.UTF-8' }, 'auto', 'en'],
    [{}, 'auto', 'en'],
    [{ LANG: 'de_DE.UTF-8' }, 'en', 'en'],
    [{ LANG: 'C' }, 'de', 'de'],
  ] as const)('CLI %j with setting %s reads %s', (env, setting, expected) => {
    expect(cliLanguage(env, setting)).toBe(expected);
  });

  it.each([
    [['de-DE', 'en-US'], 'auto', 'de'],
    [['fr-FR', 'de-AT'], 'auto', 'de'],
    [['en-GB', 'de-DE'], 'auto', 'en'],
    [['fr-FR'], 'auto', 'en'],
    [[], 'auto', 'en'],
    [['de-DE'], 'en', 'en'],
    [['en-US'], 'de', 'de'],
  ] as const)('app %j with setting %s reads %s', (preferred, setting, expected) => {
    expect(pickLanguage(preferred, setting)).toBe(expected);
  });

  it('reads locale names in both spellings', () => {
    expect(languageOfLocale('de')).toBe('de');
    expect(languageOfLocale('DE-de')).toBe('de');
    expect(languageOfLocale('deu')).toBeNull();
    expect(languageOfLocale('')).toBeNull();
  });
});

describe('messages with plain arguments are filled without ICU, with the same result', () => {
  it.each(LANGUAGES)('%s: every such message reads exactly as intl-messageformat formats it', (language) => {
    const catalog = catalogOf(language);
    const t = createTranslator(language);
    let checked = 0;
    for (const [key, message] of Object.entries(catalog)) {
      if (!/^(?:[^{}']|\{[A-Za-z0-9_]+\})*$/.test(message)) continue;
      const values = Object.fromEntries([...message.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m, i) => [m[1] ?? '', i % 2 === 0 ? `v${i}` : i * 1000]));
      expect(t.dynamic(key, values), key).toBe(String(new IntlMessageFormat(message, language, undefined, { ignoreTag: true }).format(values)));
      checked += 1;
    }
    expect(checked).toBeGreaterThan(100);
  });
});
