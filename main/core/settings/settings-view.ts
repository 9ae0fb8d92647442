/** What the window's settings page shows: values, locks, the catalog grouped, notices and bounds. */
import { CATALOG_SERVICES, MICROSOFT_PUBLIC_SOURCE_ID } from '../sources/catalog.js';
import type { CatalogEntry, SettingKey, Settings, SettingsView } from '../contract.js';
import { POLL_INTERVAL_BOUNDS } from './settings-schema.js';

/** Microsoft 365 services are the ones that read Microsoft's public business status. */
export function catalogEntries(): CatalogEntry[] {
  return CATALOG_SERVICES.map((s) => ({
    id: s.id,
    name: s.name,
    group: s.sources.some((r) => r.source === MICROSOFT_PUBLIC_SOURCE_ID) ? 'Microsoft 365' : 'Other services',
  }));
}

/** The settings page's data; Microsoft 365 services first. */
export function settingsView(settings: Settings, locked: readonly SettingKey[], notices: readonly string[]): SettingsView {
  const entries = catalogEntries();
  return {
    values: settings,
    locked: [...locked],
    catalog: [...entries.filter((e) => e.group === 'Microsoft 365'), ...entries.filter((e) => e.group === 'Other services')],
    notices: [...notices],
    bounds: { pollIntervalSeconds: { min: POLL_INTERVAL_BOUNDS.min, max: POLL_INTERVAL_BOUNDS.max } },
  };
}
