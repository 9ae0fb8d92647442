/** What the window's settings page shows: values, locks, the catalog by category, notices and bounds. */
import { CATALOG_CATEGORIES, CATALOG_SERVICES, CATEGORY_LABELS, MICROSOFT_PUBLIC_SOURCE_ID } from '../sources/catalog.js';
import type { CatalogEntry, SettingKey, Settings, SettingsView } from '../contract.js';
import { POLL_INTERVAL_BOUNDS } from './settings-schema.js';
import { ENGLISH, type Translator } from '../i18n/translate.js';
import { renderPhrase, type Phrase } from '../i18n/phrase.js';

/**
 * Every catalog service as the window lists it, category by category in the categories' order
 * (catalog order within one). Microsoft 365 services are the ones that read Microsoft's public
 * business status.
 */
export function catalogEntries(t: Translator = ENGLISH): CatalogEntry[] {
  const rank = (category: string): number => CATALOG_CATEGORIES.indexOf(category as (typeof CATALOG_CATEGORIES)[number]);
  return [...CATALOG_SERVICES]
    .sort((a, b) => rank(a.category) - rank(b.category))
    .map((s) => ({
      id: s.id,
      name: s.name,
      group: s.sources.some((r) => r.source === MICROSOFT_PUBLIC_SOURCE_ID) ? 'Microsoft 365' : 'Other services',
      // The category as the person reads it (the catalog's `catalog.category.<id>`, its English the fallback).
      category: t.dynamic(`catalog.category.${s.category}`, {}, CATEGORY_LABELS[s.category]),
    }));
}

/** The settings page's data, its category labels and notices in the translator's language (default English). */
export function settingsView(settings: Settings, locked: readonly SettingKey[], notices: readonly Phrase[], t: Translator = ENGLISH): SettingsView {
  return {
    values: settings,
    locked: [...locked],
    catalog: catalogEntries(t),
    notices: notices.map((notice) => renderPhrase(notice, t)),
    bounds: { pollIntervalSeconds: { min: POLL_INTERVAL_BOUNDS.min, max: POLL_INTERVAL_BOUNDS.max } },
  };
}
