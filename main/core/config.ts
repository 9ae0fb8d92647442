/**
 * The configuration file (`outage-radar check --config FILE`), which shares its schema with the
 * app's settings and the `StatusSources` policy. Validation is two-step: the JSON Schema in
 * `schema/config.schema.json` checks shape, then `checkConfigMeaning` checks what a schema cannot
 * (URLs allowed, references that exist, filters that fit the source type).
 */
import {
  CATALOG_SERVICES,
  CATALOG_SOURCES,
  DEFAULT_WATCH,
  ORG_FEED_SOURCE_ID,
  type ServiceDef,
  type ServiceSourceRef,
  type SourceDef,
} from './catalog.js';
import type { CaptiveCheck, TargetRole } from './connectivity-model.js';
import validateConfig from './generated/validate-config.js';
import { schemaValidator } from './json-schema.js';
import type { SourceType } from './model.js';
import { checkSourceUrl } from './url-rules.js';
import { parseJsonWithPosition } from './json-position.js';
import { checkProxyUrl } from './proxy-url.js';

export interface SourceConfig {
  readonly id: string;
  readonly type?: SourceType;
  readonly url?: string;
  readonly name?: string;
  readonly pollIntervalSeconds?: number;
}

export interface ServiceConfig {
  readonly id: string;
  readonly name: string;
  readonly sources: readonly ServiceSourceRef[];
  readonly fallback?: string;
}

export interface ProbeTargetConfig {
  readonly id: string;
  readonly url: string;
  readonly role?: TargetRole;
  readonly serviceId?: string;
  readonly expectedIssuers?: readonly string[];
}

export interface ConnectivityConfig {
  readonly enabled?: boolean;
  readonly targets?: readonly ProbeTargetConfig[];
  readonly baseline?: readonly string[];
  readonly captive?: readonly CaptiveCheck[];
  readonly timeoutsMs?: Partial<Record<'dns' | 'tcp' | 'tls' | 'http' | 'captive' | 'total', number>>;
}

export interface AppConfig {
  readonly version?: 1;
  readonly watch?: readonly string[];
  readonly sources?: readonly SourceConfig[];
  readonly services?: readonly ServiceConfig[];
  readonly orgFeedUrl?: string;
  readonly tenantName?: string;
  readonly pollIntervalSeconds?: number;
  readonly network?: { readonly caFile?: string; readonly proxy?: string };
  readonly connectivity?: ConnectivityConfig;
}

export type ConfigCheck = { readonly ok: true; readonly config: AppConfig } | { readonly ok: false; readonly problems: readonly string[] };

const validateShape = schemaValidator<AppConfig>(validateConfig);

/** Validates an already-parsed JSON value. Problems name the key and what was expected. */
export function checkConfig(raw: unknown): ConfigCheck {
  const shape = validateShape(raw);
  if (!shape.ok) return shape;
  const problems = checkConfigMeaning(shape.value);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, config: shape.value };
}

/** Parses config text; a JSON syntax error is reported with its line and column (from 1). */
export function parseConfigText(text: string): ConfigCheck {
  const parsed = parseJsonWithPosition(text);
  if (!parsed.ok) {
    const at = parsed.error.position ? `line ${parsed.error.position.line}, column ${parsed.error.position.column}: ` : '';
    return { ok: false, problems: [`not valid JSON: ${at}${parsed.error.message}`] };
  }
  return checkConfig(parsed.value);
}

function checkConfigMeaning(config: AppConfig): string[] {
  const problems: string[] = [];
  const catalogSources = new Map(CATALOG_SOURCES.map((s) => [s.id, s]));
  const sourceTypes = new Map<string, SourceType>(CATALOG_SOURCES.map((s) => [s.id, s.type]));
  if (config.orgFeedUrl !== undefined) {
    sourceTypes.set(ORG_FEED_SOURCE_ID, 'org-feed');
    const url = checkSourceUrl(config.orgFeedUrl);
    if (!url.ok) problems.push(`orgFeedUrl: ${url.reason}`);
  }
  const seen = new Set<string>();
  (config.sources ?? []).forEach((source, i) => {
    const at = `sources[${i}]`;
    if (seen.has(source.id)) problems.push(`${at}.id: duplicate source id "${source.id}"`);
    seen.add(source.id);
    const base = catalogSources.get(source.id) ?? (source.id === ORG_FEED_SOURCE_ID ? { type: 'org-feed' as const } : undefined);
    if (!base && source.type === undefined) problems.push(`${at}.type: required for a source that is not in the catalog ("${source.id}")`);
    if (source.id === ORG_FEED_SOURCE_ID && source.url === undefined && config.orgFeedUrl === undefined) {
      problems.push(`${at}.url: required for the org feed (or set "orgFeedUrl")`);
    }
    if (!base && source.url === undefined) problems.push(`${at}.url: required for a source that is not in the catalog ("${source.id}")`);
    if (base && source.type !== undefined && source.type !== base.type) {
      problems.push(`${at}.type: catalog source "${source.id}" is of type ${base.type}, got ${source.type}`);
    }
    if (source.url !== undefined) {
      const url = checkSourceUrl(source.url);
      if (!url.ok) problems.push(`${at}.url: ${url.reason}`);
    }
    sourceTypes.set(source.id, source.type ?? base?.type ?? 'statuspage');
  });
  const catalogServiceIds = new Set(CATALOG_SERVICES.map((s) => s.id));
  const ownServiceIds = new Set((config.services ?? []).map((s) => s.id));
  (config.watch ?? []).forEach((id, i) => {
    if (!catalogServiceIds.has(id) && !ownServiceIds.has(id)) {
      problems.push(`watch[${i}]: unknown service "${id}"; expected a catalog id (${[...catalogServiceIds].slice(0, 8).join(', ')}, ...) or a service defined in "services"`);
    }
  });
  (config.services ?? []).forEach((service, i) => {
    service.sources.forEach((ref, j) => {
      const at = `services[${i}].sources[${j}]`;
      const type = sourceTypes.get(ref.source);
      if (type === undefined) {
        problems.push(`${at}.source: unknown source "${ref.source}"; define it in "sources"`);
        return;
      }
      if (ref.components && type !== 'statuspage') problems.push(`${at}.components: only statuspage sources have components ("${ref.source}" is ${type})`);
      if (ref.msServices && type === 'statuspage') problems.push(`${at}.msServices: only Microsoft and org-feed sources name Microsoft services`);
    });
  });
  const proxy = config.network?.proxy === undefined ? null : checkProxyUrl(config.network.proxy);
  if (proxy && !proxy.ok) problems.push(`network.proxy: ${proxy.reason}`);
  const targetIds = new Set<string>();
  (config.connectivity?.targets ?? []).forEach((target, i) => {
    if (targetIds.has(target.id)) problems.push(`connectivity.targets[${i}].id: duplicate target id "${target.id}"`);
    targetIds.add(target.id);
    const url = checkSourceUrl(target.url);
    if (!url.ok) problems.push(`connectivity.targets[${i}].url: ${url.reason}`);
  });
  (config.connectivity?.baseline ?? []).forEach((raw, i) => {
    const url = checkSourceUrl(raw);
    if (!url.ok) problems.push(`connectivity.baseline[${i}]: ${url.reason}`);
  });
  (config.connectivity?.captive ?? []).forEach((check, i) => {
    // Captive-portal probes are plain http on purpose: a portal can only intercept unencrypted traffic.
    let url: URL | null = null;
    try {
      url = new URL(check.url);
    } catch {
      problems.push(`connectivity.captive[${i}].url: not a valid URL`);
    }
    if (url && url.protocol !== 'http:') problems.push(`connectivity.captive[${i}].url: captive-portal checks must use plain http, got ${url.protocol}`);
  });
  return problems;
}

/** What one check cycle fetches and shows, resolved from the catalog and the config. */
export interface WatchPlan {
  readonly sources: readonly SourceDef[];
  readonly services: readonly ServiceDef[];
}

/** The org feed's display name; configured by `orgFeedUrl` (or a source with the id `org-feed`). */
export const ORG_FEED_NAME = 'Microsoft 365 (your organization)';

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
 */
export function resolveWatchPlan(config: AppConfig): WatchPlan {
  const sources = new Map<string, SourceDef>(CATALOG_SOURCES.map((s) => [s.id, s]));
  if (config.orgFeedUrl !== undefined) {
    sources.set(ORG_FEED_SOURCE_ID, { id: ORG_FEED_SOURCE_ID, type: 'org-feed', name: ORG_FEED_NAME, url: config.orgFeedUrl, pollIntervalSeconds: null });
  }
  for (const own of config.sources ?? []) {
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
  for (const own of config.sources ?? []) {
    if (used().has(own.id)) continue;
    const catalogService = CATALOG_SERVICES.find((s) => s.sources.length === 1 && s.sources[0]?.source === own.id);
    watched.push(catalogService ?? { id: own.id, name: sources.get(own.id)?.name ?? own.id, sources: [{ source: own.id }], fallback: null });
  }
  // A service only reads sources that exist: the org feed is optional until someone configures it.
  const final = watched.map((s) => ({ ...s, sources: s.sources.filter((r) => sources.has(r.source)) })).filter((s) => s.sources.length > 0);
  const usedIds = new Set(final.flatMap((s) => s.sources.map((r) => r.source)));
  // The general interval applies to public pages without one of their own; the org feed keeps its 60 s.
  const general = config.pollIntervalSeconds ?? null;
  const withInterval = (def: SourceDef): SourceDef =>
    def.pollIntervalSeconds === null && general !== null && def.type !== 'org-feed' ? { ...def, pollIntervalSeconds: general } : def;
  return { sources: [...sources.values()].filter((s) => usedIds.has(s.id)).map(withInterval), services: final };
}
