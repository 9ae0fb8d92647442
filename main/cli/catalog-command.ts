/**
 * `outage-radar catalog [--json]`: every built-in service with its category, status format and
 * public status address, for admins writing configs (`watch`) and policies. Reads only the
 * bundled catalog: no network, no config file. Exit 0; 64 for bad usage.
 */
import { parseArgs } from 'node:util';
import { CATALOG_CATEGORIES, CATALOG_SERVICES, CATALOG_SOURCES, ORG_FEED_SOURCE_ID, type CatalogCategory, type CatalogServiceDef } from '../core/sources/catalog.js';
import type { Translator } from '../core/i18n/translate.js';
import { phrase } from '../core/i18n/phrase.js';
import type { SourceType } from '../core/model.js';
import { personTranslator } from './person-language.js';
import { parseArgsProblem, reportUsageError, usageProblem } from './usage-error.js';

interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** One row of `--json`: exactly these members. */
interface CatalogRow {
  readonly id: string;
  readonly name: string;
  readonly category: CatalogCategory;
  readonly sourceType: SourceType;
  /** The public status source's https address (never the org feed, whose address is the organization's own). */
  readonly url: string;
}

/** The catalog as rows, in the catalog's order. A service's public source is its first one other than the org feed. */
function catalogRows(services: readonly CatalogServiceDef[] = CATALOG_SERVICES): CatalogRow[] {
  const sources = new Map(CATALOG_SOURCES.map((s) => [s.id, s]));
  return services.flatMap((service) => {
    const source = service.sources.map((ref) => (ref.source === ORG_FEED_SOURCE_ID ? undefined : sources.get(ref.source))).find((s) => s !== undefined);
    // The catalog test holds every service to a public source; a row without one would print a lie.
    if (source === undefined) return [];
    return [{ id: service.id, name: service.name, category: service.category, sourceType: source.type, url: source.url }];
  });
}

/** The page for people, in their language: one block per category (in the categories' order), one line per service. */
function formatCatalog(rows: readonly CatalogRow[], t: Translator): string {
  const idWidth = Math.max(...rows.map((r) => r.id.length));
  const nameWidth = Math.min(40, Math.max(...rows.map((r) => r.name.length)));
  const typeWidth = Math.max(...rows.map((r) => r.sourceType.length));
  const blocks = CATALOG_CATEGORIES.flatMap((category) => {
    const inCategory = rows.filter((r) => r.category === category);
    if (inCategory.length === 0) return [];
    const lines = inCategory.map((r) => `  ${r.id.padEnd(idWidth)}  ${r.name.padEnd(nameWidth)}  ${r.sourceType.padEnd(typeWidth)}  ${r.url}`);
    return [[`${t.t(`catalog.category.${category}`)} (${inCategory.length})`, ...lines].join('\n')];
  });
  const header = t.t('catalog.header', { count: String(rows.length) });
  return `${[header, ...blocks].join('\n\n')}\n`;
}

/** Runs `catalog` with the arguments after the command word. */
export async function runCatalogCommand(argv: readonly string[], io: Io): Promise<number> {
  const json = argv.includes('--json');
  let positionals: string[];
  try {
    ({ positionals } = parseArgs({ args: [...argv], allowPositionals: true, options: { json: { type: 'boolean' } } }));
  } catch (error) {
    return reportUsageError(io, json, parseArgsProblem(error));
  }
  const extra = positionals.find((word, i) => !(i === 0 && word === 'catalog'));
  if (extra !== undefined) return reportUsageError(io, json, usageProblem(phrase('cli.usage.unexpectedArgument', { argument: extra })));
  const rows = catalogRows();
  // No config is read: policy or the locale picks the language; the JSON stays English.
  io.out(json ? `${JSON.stringify(rows, null, 2)}\n` : formatCatalog(rows, await personTranslator()));
  return 0;
}
