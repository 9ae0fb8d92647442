/**
 * Finding a service in a catalog of more than a hundred: every word typed must appear in the
 * service's name, its category or its group as the window says them ("id" finds Identity and
 * SSO, "google mail" finds Gmail only if both words are there), ignoring case and accents. The entries arrive from main already in
 * category order; this only keeps the ones that match and cuts them into one group per category.
 */
import type { CatalogEntry } from '../../main/core/contract.js';
import { groupLabel } from './settings.js';

export interface CategoryGroup {
  readonly category: string;
  readonly entries: readonly CatalogEntry[];
}

/** Lower case without accents, so that "societe" finds "Société". */
function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** The words of a query; an empty or blank query has none and matches everything. */
function queryWords(query: string): string[] {
  return fold(query).split(/\s+/).filter((word) => word !== '');
}

/** Whether every word of the query is in the entry's name, category or group ("Microsoft 365", "Weitere Dienste"), as the window says them. */
function matchesQuery(entry: CatalogEntry, words: readonly string[]): boolean {
  const haystack = fold(`${entry.name} ${entry.category} ${groupLabel(entry.group)}`);
  return words.every((word) => haystack.includes(word));
}

/** The matching entries, one group per category in the order the categories first appear. */
export function searchCatalog(catalog: readonly CatalogEntry[], query: string): CategoryGroup[] {
  const words = queryWords(query);
  const groups = new Map<string, CatalogEntry[]>();
  for (const entry of catalog) {
    if (!matchesQuery(entry, words)) continue;
    const list = groups.get(entry.category) ?? [];
    list.push(entry);
    groups.set(entry.category, list);
  }
  return [...groups].map(([category, entries]) => ({ category, entries }));
}
