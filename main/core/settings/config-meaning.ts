/**
 * What the settings schema cannot say: which URLs may be fetched, which ids exist, which filters
 * fit which source type. Runs after the schema accepted the shape; every problem starts with the
 * key's path, as the schema's do, so both read alike wherever they are shown.
 */
import { checkTicketUrlTemplate } from '../helpdesk/ticket-url.js';
import { CATALOG_SERVICES, CATALOG_SOURCES, ORG_FEED_SOURCE_ID } from '../sources/catalog.js';
import type { ConfigDocument } from '../generated/config-document.js';
import type { SourceType } from '../model.js';
import { checkProxyUrl } from './proxy-url.js';
import { phrase, renderPhrase, type Phrase } from '../i18n/phrase.js';
import type { PathSegment, SettingProblem } from './settings-schema.js';
import { checkSourceUrl } from '../sources/url-rules.js';

/** What other layers define: a window's watch list may name a service the config file adds. */
export interface MeaningContext {
  readonly serviceIds?: readonly string[];
}

// Custom pages must not shadow anything built in: a custom "github" would silently replace the catalog page.
/**
 * Source types whose services may narrow to `components`: Statuspage components, status.io
 * components, Google Workspace products, incident.io and Instatus components. Slack and feeds
 * name no components a person could pick.
 */
const COMPONENT_TYPES: ReadonlySet<SourceType> = new Set<SourceType>(['statuspage', 'statusio', 'google-workspace', 'incidentio', 'instatus']);
/** Source types that name Microsoft services (`msServices`). */
const MS_SERVICE_TYPES: ReadonlySet<SourceType> = new Set<SourceType>(['microsoft-public', 'org-feed']);

const RESERVED_IDS: ReadonlySet<string> = new Set([...CATALOG_SERVICES.map((s) => s.id), ...CATALOG_SOURCES.map((s) => s.id), ORG_FEED_SOURCE_ID]);

function pathText(at: readonly PathSegment[]): string {
  return at.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out === '' ? part : `${out}.${part}`), '');
}

/** Checks a document the schema accepted. */
export function checkConfigMeaning(config: ConfigDocument, context: MeaningContext = {}): SettingProblem[] {
  const problems: SettingProblem[] = [];
  const add = (at: readonly PathSegment[], what: Phrase): void => {
    const words = phrase('problem.at', { path: pathText(at), what });
    problems.push({ at, message: renderPhrase(words), words, keyword: 'meaning' });
  };
  const url = (at: readonly PathSegment[], raw: string): void => {
    const checked = checkSourceUrl(raw);
    if (!checked.ok) add(at, checked.reason);
  };
  const catalogSources = new Map(CATALOG_SOURCES.map((s) => [s.id, s]));
  const sourceTypes = new Map<string, SourceType>(CATALOG_SOURCES.map((s) => [s.id, s.type]));
  if (typeof config.orgFeedUrl === 'string') {
    sourceTypes.set(ORG_FEED_SOURCE_ID, 'org-feed');
    url(['orgFeedUrl'], config.orgFeedUrl);
  }
  const seen = new Set<string>();
  (config.sources ?? []).forEach((source, i) => {
    const at = ['sources', i];
    if (seen.has(source.id)) add([...at, 'id'], phrase('problem.meaning.duplicateSourceId', { id: source.id }));
    seen.add(source.id);
    const base = catalogSources.get(source.id) ?? (source.id === ORG_FEED_SOURCE_ID ? { type: 'org-feed' as const } : undefined);
    if (!base && source.type === undefined) add([...at, 'type'], phrase('problem.meaning.notInCatalog', { id: source.id }));
    if (source.id === ORG_FEED_SOURCE_ID && source.url === undefined && typeof config.orgFeedUrl !== 'string') add([...at, 'url'], phrase('problem.meaning.orgFeedUrl'));
    if (!base && source.url === undefined) add([...at, 'url'], phrase('problem.meaning.notInCatalog', { id: source.id }));
    if (base && source.type !== undefined && source.type !== base.type) add([...at, 'type'], phrase('problem.meaning.catalogType', { id: source.id, type: base.type, got: source.type }));
    if (source.url !== undefined) url([...at, 'url'], source.url);
    sourceTypes.set(source.id, source.type ?? base?.type ?? 'statuspage');
  });
  const customIds = new Set<string>();
  (config.customSources ?? []).forEach((source, i) => {
    const at = ['customSources', i];
    if (RESERVED_IDS.has(source.id)) add([...at, 'id'], phrase('problem.meaning.builtIn', { id: source.id }));
    else if (customIds.has(source.id) || seen.has(source.id)) add([...at, 'id'], phrase('problem.meaning.duplicateId', { id: source.id }));
    customIds.add(source.id);
    if (source.name.trim() === '') add([...at, 'name'], phrase('problem.schema.nonEmpty'));
    url([...at, 'url'], source.url);
    const type = source.type ?? 'statuspage';
    if (source.components && source.components.length > 0 && !COMPONENT_TYPES.has(type)) {
      add([...at, 'components'], phrase('problem.meaning.components', { types: [...COMPONENT_TYPES].join(', '), id: source.id, type }));
    }
  });
  const known = new Set([...CATALOG_SERVICES.map((s) => s.id), ...(config.services ?? []).map((s) => s.id), ...(context.serviceIds ?? [])]);
  (config.watch ?? []).forEach((id, i) => {
    if (!known.has(id)) add(['watch', i], phrase('problem.meaning.unknownWatched', { id, examples: CATALOG_SERVICES.slice(0, 8).map((s) => s.id).join(', ') }));
  });
  (config.services ?? []).forEach((service, i) => {
    service.sources.forEach((ref, j) => {
      const at = ['services', i, 'sources', j];
      const type = sourceTypes.get(ref.source);
      if (type === undefined) return add([...at, 'source'], phrase('problem.meaning.unknownSource', { id: ref.source }));
      if (ref.components && !COMPONENT_TYPES.has(type)) add([...at, 'components'], phrase('problem.meaning.components', { types: [...COMPONENT_TYPES].join(', '), id: ref.source, type }));
      if (ref.msServices && !MS_SERVICE_TYPES.has(type)) add([...at, 'msServices'], phrase('problem.meaning.msServices'));
    });
  });
  const hours = config.quietHours;
  if (hours?.enabled === true && hours.start !== undefined && hours.start === hours.end) add(['quietHours'], phrase('problem.meaning.quietHours'));
  const ticketUrl = config.helpdesk?.ticketUrl;
  if (typeof ticketUrl === 'string') {
    // The one setting where a mailto: address is allowed (core/helpdesk/ticket-url.ts).
    const checked = checkTicketUrlTemplate(ticketUrl);
    if (!checked.ok) add(['helpdesk', 'ticketUrl'], checked.reason);
  }
  const proxy = config.network?.proxy === undefined ? null : checkProxyUrl(config.network.proxy);
  if (proxy && !proxy.ok) add(['network', 'proxy'], proxy.reason);
  checkConnectivity(config, add, url);
  checkChannels(config, add, url, known);
  return problems;
}

type Add = (at: readonly PathSegment[], what: Phrase) => void;
type CheckUrl = (at: readonly PathSegment[], raw: string) => void;

function checkConnectivity(config: ConfigDocument, add: Add, url: CheckUrl): void {
  const targetIds = new Set<string>();
  (config.connectivity?.targets ?? []).forEach((target, i) => {
    if (targetIds.has(target.id)) add(['connectivity', 'targets', i, 'id'], phrase('problem.meaning.duplicateTarget', { id: target.id }));
    targetIds.add(target.id);
    url(['connectivity', 'targets', i, 'url'], target.url);
  });
  (config.connectivity?.baseline ?? []).forEach((raw, i) => url(['connectivity', 'baseline', i], raw));
  (config.connectivity?.captive ?? []).forEach((check, i) => {
    // Captive-portal probes are plain http on purpose: a portal can only intercept unencrypted traffic.
    let parsed: URL | null = null;
    try {
      parsed = new URL(check.url);
    } catch {
      add(['connectivity', 'captive', i, 'url'], phrase('problem.meaning.invalidUrl'));
    }
    if (parsed && parsed.protocol !== 'http:') add(['connectivity', 'captive', i, 'url'], phrase('problem.meaning.captiveHttp', { scheme: parsed.protocol }));
  });
}

// A channel's dependency must be a service we can see: an unknown one could never be judged healthy.
function checkChannels(config: ConfigDocument, add: Add, url: CheckUrl, known: ReadonlySet<string>): void {
  const names = new Set<string>();
  const unknown = (id: string): Phrase => phrase('problem.meaning.unknownService', { id });
  (config.channels ?? []).forEach((channel, i) => {
    const at = ['channels', i];
    const name = channel.name.trim().toLowerCase();
    if (name === '') add([...at, 'name'], phrase('problem.schema.nonEmpty'));
    else if (names.has(name)) add([...at, 'name'], phrase('problem.meaning.duplicateChannel', { name: channel.name }));
    names.add(name);
    if (channel.how.trim() === '') add([...at, 'how'], phrase('problem.schema.nonEmpty'));
    if (channel.url !== undefined) url([...at, 'url'], channel.url);
    if (channel.service !== null && !known.has(channel.service)) add([...at, 'service'], unknown(channel.service));
    (channel.replaces ?? []).forEach((id, j) => {
      if (!known.has(id)) add([...at, 'replaces', j], unknown(id));
    });
  });
}
