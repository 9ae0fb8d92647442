/**
 * The window's words: the same catalogs and translator as main (main/core/i18n), in the language
 * and locale main chose and sends with every view (`ViewState.locale`). One translator for the
 * whole window, swapped when main says another language, so views just call `t(key)`.
 *
 * Ages and times: while main has named no locale (tests, the first paint) the window keeps the
 * app's compact English wording ("2 min ago", 24-hour clock); once it has, `Intl` in that locale.
 */
import type { WindowLocale } from '../main/core/contract.js';
import { createTranslator, ENGLISH, type MessageKey, type MessageValues, type Translator } from '../main/core/i18n/translate.js';

let current: Translator = ENGLISH;
let named: WindowLocale | null = null;

/** Follows main's choice; returns true when the language or locale changed (the view must redraw). */
export function useLocale(locale: WindowLocale | undefined): boolean {
  const next = locale ?? null;
  if (next?.language === named?.language && next?.locale === named?.locale) return false;
  named = next;
  current = next === null ? ENGLISH : createTranslator(next.language, { locale: next.locale });
  document.documentElement.lang = current.language;
  return true;
}

/** The message for a key, in the window's language. */
export function t(key: MessageKey, values?: MessageValues): string {
  return current.t(key, values);
}

/** The window's translator (for dates, ages and run-time keys). */
export function words(): Translator {
  return current;
}

/** Whether main named a locale: ages and times then go through `Intl` in it. */
export function localeNamed(): boolean {
  return named !== null;
}
