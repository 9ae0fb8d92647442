/**
 * The configuration document: the file given to `outage-radar check --config` and to the app, the
 * settings a person changes in the window and (next) policy all have this one shape, described
 * only by `schema/config.schema.json` (types generated into `generated/config-document.ts`).
 * Validation is two-step: the JSON Schema checks shape, then `config-meaning.ts` checks what a
 * schema cannot (URLs allowed, references that exist, filters that fit the source type).
 */
import { CATALOG_SERVICES, CATALOG_SOURCES, DEFAULT_WATCH, ORG_FEED_SOURCE_ID, type ServiceDef, type ServiceSourceRef, type SourceDef } from '../sources/catalog.js';
import type { MeaningContext } from './config-meaning.js';
import type { ConfigCustomSource, ConfigDocument, ConfigProbeTarget, ConfigSource } from '../generated/config-document.js';
import { parseJsonWithPosition } from './json-position.js';
import { resolveChannels, type Channel } from '../advice/channels.js';
import { documentProblems } from './settings-check.js';
import type { SettingProblem } from './settings-schema.js';
import { phrase, renderPhrase } from '../i18n/phrase.js';

/** One config document (file, stored settings, policy layer); every key optional. */
export type AppConfig = ConfigDocument;
export type ProbeTargetConfig = ConfigProbeTarget;

export type ConfigCheck = { readonly ok: true; readonly config: AppConfig } | { readonly ok: false; readonly problems: readonly SettingProblem[] };

/** At most this many problems are reported for one document: the first ones say enough. */
const MAX_PROBLEMS = 3;

/** Validates an already-parsed JSON value. Problems name the key and what was expected. */
export function checkConfig(raw: unknown, context: MeaningContext = {}): ConfigCheck {
  const problems = documentProblems(raw, context);
  return problems.length > 0 ? { ok: false, problems: problems.slice(0, MAX_PROBLEMS) } : { ok: true, config: raw as AppConfig };
}

/** Parses config text; a JSON syntax error is reported with its line and column (from 1). */
export function parseConfigText(text: string): ConfigCheck {
  const parsed = parseJsonWithPosition(text);
  if (!parsed.ok) {
    const { position, words: what } = parsed.error;
    const words = position ? phrase('problem.json.notValidAt', { line: String(position.line), column: String(position.column), what }) : phrase('problem.json.notValid', { what });
    return { ok: false, problems: [{ at: [], message: renderPhrase(words), words, keyword: 'syntax' }] };
  }
  return checkConfig(parsed.value);
}

/** What one check cycle fetches and shows, resolved from the catalog and the config. */
export interface WatchPlan {
  readonly sources: readonly SourceDef[];
  readonly services: readonly ServiceDef[];
  /**
   * The channels the advice may suggest instead of a failing service (config `channels`, else the
   * defaults, plus each watched service's fallback); absent = the defaults for `services`.
   */
  readonly channels?: readonly Channel[];
}

/** The org feed's display name; configured by `orgFeedUrl` (or a source with the id `org-feed`). */
export const ORG_FEED_NAME = 'Microsoft 365 (your organization)';

/** The window's custom pages that are sources of their own: an id a `sources` entry already has is left to it. */
function ownCustomSources(config: AppConfig): ConfigCustomSource[] {
  const taken = new Set((config.sources ?? []).map((s) => s.id));
  return (config.customSources ?? []).filter((s) => !taken.has(s.id));
}

/** The window's custom pages as sources of their detected type (pages saved before detection existed are Statuspage). */
function customSourcesAsSources(config: AppConfig): ConfigSource[] {
  return ownCustomSources(config).map((s) => ({ id: s.id, type: s.type ?? 'statuspage', name: s.name, url: s.url }));
}

/**
 * How the service of each custom page reads it: the whole page, or only the components the person
 * picked, exactly as a config file's `services[].sources[].components` narrows a service.
 */
function customSourceRefs(config: AppConfig): Map<string, ServiceSourceRef> {
  return new Map(ownCustomSources(config).map((s) => [s.id, s.components !== undefined && s.components.length > 0 ? { source: s.id, components: s.components } : { source: s.id }]));
}

/** Ids a config source may override: the catalog's sources and the org feed slot its services read. */
function isCatalogSourceId(id: string): boolean {
  return id === ORG_FEED_SOURCE_ID || CATALOG_SOURCES.some((s) => s.id === id);
}

/**
 * Resolves the watch list. Config sources override catalog sources with the same id (address,
 * name, interval); config services override catalog services with the same id. Only sources and
 * services of one's own replace the default watch list: overriding where a catalog source is
 * read from (a mirror, a test server) must not silently stop watching Microsoft 365 or the org
 * feed. A config source that no watched service uses is watched on its own (through the catalog
 * service built on it, if any), so that a file with just `sources` does what its author meant.
 * `customSources` (the pages added in the window, of their detected type) are sources of their
 * own that are watched in addition to the watch list, never instead of it, each as a service
 * narrowed to its `components` when the person picked some.
 */
export function resolveWatchPlan(config: AppConfig): WatchPlan {
  const sources = new Map<string, SourceDef>(CATALOG_SOURCES.map((s) => [s.id, s]));
  if (typeof config.orgFeedUrl === 'string') {
    sources.set(ORG_FEED_SOURCE_ID, { id: ORG_FEED_SOURCE_ID, type: 'org-feed', name: ORG_FEED_NAME, url: config.orgFeedUrl, pollIntervalSeconds: null });
  }
  const ownSources = [...(config.sources ?? []), ...customSourcesAsSources(config)];
  for (const own of ownSources) {
    const base = sources.get(own.id);
    sources.set(own.id, {
      id: own.id,
      type: own.type ?? base?.type ?? (own.id === ORG_FEED_SOURCE_ID ? 'org-feed' : 'statuspage'),
      name: own.name ?? base?.name ?? (own.id === ORG_FEED_SOURCE_ID ? ORG_FEED_NAME : own.id),
      url: own.url ?? base?.url ?? '',
      pollIntervalSeconds: own.pollIntervalSeconds ?? base?.pollIntervalSeconds ?? null,
    });
  }
  const services = new Map<string, ServiceDef>(CATALOG_SERVICES.map((s) => [s.id, s]));
  for (const own of config.services ?? []) {
    services.set(own.id, { id: own.id, name: own.name, sources: own.sources, fallback: own.fallback ?? null });
  }
  const definesOwn = (config.services?.length ?? 0) > 0 || (config.sources ?? []).some((s) => !isCatalogSourceId(s.id));
  const watchIds = [...(config.watch ?? (definesOwn ? [] : DEFAULT_WATCH))];
  for (const own of config.services ?? []) if (!watchIds.includes(own.id)) watchIds.push(own.id);

  const watched: ServiceDef[] = watchIds.map((id) => services.get(id)).filter((s): s is ServiceDef => s !== undefined);
  const used = (): Set<string> => new Set(watched.flatMap((s) => s.sources.map((r) => r.source)));
  const customRefs = customSourceRefs(config);
  for (const own of ownSources) {
    if (used().has(own.id)) continue;
    const catalogService = CATALOG_SERVICES.find((s) => s.sources.length === 1 && s.sources[0]?.source === own.id);
    const ref = customRefs.get(own.id) ?? { source: own.id };
    watched.push(catalogService ?? { id: own.id, name: sources.get(own.id)?.name ?? own.id, sources: [ref], fallback: null });
  }
  // A service only reads sources that exist: the org feed is optional until someone configures it.
  const final = watched.map((s) => ({ ...s, sources: s.sources.filter((r) => sources.has(r.source)) })).filter((s) => s.sources.length > 0);
  const usedIds = new Set(final.flatMap((s) => s.sources.map((r) => r.source)));
  // The general interval applies to public pages without one of their own; the org feed keeps its 60 s.
  const general = config.pollIntervalSeconds ?? null;
  const withInterval = (def: SourceDef): SourceDef =>
    def.pollIntervalSeconds === null && general !== null && def.type !== 'org-feed' ? { ...def, pollIntervalSeconds: general } : def;
  return { sources: [...sources.values()].filter((s) => usedIds.has(s.id)).map(withInterval), services: final, channels: resolveChannels(config.channels, final) };
}
