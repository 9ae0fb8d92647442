/**
 * The titles a parser gives an incident its provider left untitled. They are our words, not the
 * provider's, so a person reads them in their language (`standInTitleIn`); the report and its
 * JSON keep the English, as every title.
 */
import type { MessageKey, Translator } from '../i18n/translate.js';

export const STAND_IN_TITLES = {
  incident: 'Untitled incident',
  maintenance: 'Maintenance',
  scheduledMaintenance: 'Scheduled maintenance',
  slack: 'Slack incident',
} as const;

const WORDS: ReadonlyMap<string, MessageKey> = new Map<string, MessageKey>([
  [STAND_IN_TITLES.incident, 'source.title.untitled'],
  [STAND_IN_TITLES.maintenance, 'source.title.maintenance'],
  [STAND_IN_TITLES.scheduledMaintenance, 'source.title.scheduledMaintenance'],
  [STAND_IN_TITLES.slack, 'source.title.slack'],
]);

/** Whether a title is one of our stand-ins. */
export function isStandInTitle(title: string): boolean {
  return WORDS.has(title);
}

/** An incident's title as a person reads it: a stand-in in the translator's language, a provider's title as written. */
export function standInTitleIn(title: string, t: Translator): string {
  const key = WORDS.get(title);
  return key === undefined || t.language === 'en' ? title : t.t(key);
}
