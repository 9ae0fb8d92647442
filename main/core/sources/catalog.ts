/**
 * The built-in catalog: what the app watches with zero configuration, and what a user or admin
 * can pick from. The data is reviewed JSON (catalog.json, shape in schema/catalog.schema.json,
 * checked with its references by test/unit/core/catalog.test.ts); this module only gives it types.
 * The bundler inlines the JSON, so reading it costs no I/O.
 */
import catalog from './catalog.json' with { type: 'json' };
import type { ConfigServiceSource } from '../generated/config-document.js';
import type { SourceType } from '../model.js';

export interface SourceDef {
  readonly id: string;
  readonly type: SourceType;
  readonly name: string;
  /**
   * The public source's https address: for `statuspage` the page URL (summary.json is fetched under
   * it) or a direct `.json` URL; for `statusio` the API address; for `rss` the feed.
   */
  readonly url: string;
  readonly pollIntervalSeconds: number | null;
}

/**
 * How a service draws on one source: all of it, or only some Statuspage `components` (ids or
 * names, case-insensitive) or Microsoft services (`msServices`, as Graph and the org feed name
 * them, e.g. "Exchange Online"). The settings schema describes it; the catalog uses the same shape.
 */
export type ServiceSourceRef = ConfigServiceSource;

export interface ServiceDef {
  readonly id: string;
  readonly name: string;
  readonly sources: readonly ServiceSourceRef[];
  /** What a person can use meanwhile ("use another channel"). */
  readonly fallback: string | null;
}

/** The source the organization's own feed gets; Microsoft 365 services in the catalog read it. */
export const ORG_FEED_SOURCE_ID = 'org-feed';
/** Microsoft 365's public status: the signal every Microsoft 365 service reads, tenant feed or not. */
export const MICROSOFT_PUBLIC_SOURCE_ID = 'microsoft-public';

/** What a person uses a service for: the settings list and `outage-radar catalog` group by it. */
export const CATALOG_CATEGORIES = ['communication', 'meetings', 'identity', 'mail', 'storage', 'office', 'development', 'crm-support', 'hr-payroll', 'security', 'vpn-zero-trust', 'cloud'] as const;
export type CatalogCategory = (typeof CATALOG_CATEGORIES)[number];

/** Each category as a person reads it, in the order lists show them. */
export const CATEGORY_LABELS: Readonly<Record<CatalogCategory, string>> = {
  communication: 'Communication',
  meetings: 'Meetings',
  identity: 'Identity and SSO',
  mail: 'Mail',
  storage: 'Storage and files',
  office: 'Office suites and collaboration',
  development: 'Development',
  'crm-support': 'CRM and support',
  'hr-payroll': 'HR and payroll',
  security: 'Security',
  'vpn-zero-trust': 'VPN and zero trust',
  cloud: 'Cloud platforms',
};

/** A built-in source, with where its address came from (reviewed, see catalog-provenance.md). */
export interface CatalogSourceDef extends SourceDef {
  /** `vanity`: the vendor's documented status address, as no stable id was found in public material. */
  readonly verified?: 'vanity';
  /** A public repository and path at a commit, or the vendor's documentation URL. */
  readonly provenance: string;
}

/** A built-in service: a {@link ServiceDef} filed under a category. */
export interface CatalogServiceDef extends ServiceDef {
  readonly category: CatalogCategory;
}

/** The catalog's shape as schema/catalog.schema.json guarantees it (a test holds the file to it). */
interface CatalogFile {
  readonly sources: readonly CatalogSourceDef[];
  readonly services: readonly CatalogServiceDef[];
  readonly defaultWatch: readonly string[];
}

// JSON imports type `type` and `category` as string; the schema test is what narrows them.
const data = catalog as CatalogFile;

/** Every status source the app knows without configuration. */
export const CATALOG_SOURCES: readonly CatalogSourceDef[] = data.sources;

/** Every service a person can pick, with the sources it reads and what to use meanwhile. */
export const CATALOG_SERVICES: readonly CatalogServiceDef[] = data.services;

/** Watched when nobody chose otherwise: the services an office worker's day depends on. */
export const DEFAULT_WATCH: readonly string[] = data.defaultWatch;
