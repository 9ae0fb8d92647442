/**
 * The built-in catalog is reviewed data in main/core/sources/catalog.json. The schema holds its
 * shape; these tests also hold what a schema cannot say: ids are unique, every reference resolves,
 * every address is the stable public one (or marked as the vendor's vanity address) and says where
 * it came from, and a Microsoft incident reaches the services it names. A typo in a hand edit fails
 * here instead of showing a service that never reads anything.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import {
  CATALOG_CATEGORIES,
  CATALOG_SERVICES,
  CATALOG_SOURCES,
  CATEGORY_LABELS,
  DEFAULT_WATCH,
  MICROSOFT_PUBLIC_SOURCE_ID,
  ORG_FEED_SOURCE_ID,
  type SourceDef,
} from '../../../main/core/sources/catalog.js';
import { SOURCE_TYPES, type SourceResult, type SourceType } from '../../../main/core/model.js';
import { serviceStatus } from '../../../main/core/sources/services.js';
import { ageResult, parseSourceBody } from '../../../main/core/sources/source-fetch.js';

const readJson = (relative: string): unknown => JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as unknown;
const schema = readJson('../../../schema/catalog.schema.json') as object;
const file = readJson('../../../main/core/sources/catalog.json') as Record<string, unknown>;

function validator(): (data: unknown) => string[] {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  const validate = ajv.compile(schema);
  return (data) => (validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`));
}

const duplicates = (ids: readonly string[]): string[] => ids.filter((id, i) => ids.indexOf(id) !== i);
const sourceById = new Map(CATALOG_SOURCES.map((s) => [s.id, s]));
const typeOfRef = (sourceId: string): SourceType | undefined => (sourceId === ORG_FEED_SOURCE_ID ? 'org-feed' : sourceById.get(sourceId)?.type);
// Formats whose documents list components (or, for Google, products) a service can pick.
const WITH_COMPONENTS: ReadonlySet<SourceType> = new Set(['statuspage', 'statusio', 'incidentio', 'instatus', 'google-workspace']);
const WITH_MS_SERVICES: ReadonlySet<SourceType> = new Set(['microsoft-public', 'org-feed']);

describe('built-in catalog: shape', () => {
  it('matches its JSON Schema', () => {
    expect(validator()(file)).toEqual([]);
  });

  it('is refused by the schema when an entry is wrong, so the check above can fail', () => {
    const validate = validator();
    const sources = file['sources'] as Record<string, unknown>[];
    const services = file['services'] as Record<string, unknown>[];
    const withBadSource = (patch: Record<string, unknown>): unknown => ({ ...file, sources: [{ ...sources[0], ...patch }, ...sources.slice(1)] });
    const withBadService = (patch: Record<string, unknown>): unknown => ({ ...file, services: [{ ...services[0], ...patch }, ...services.slice(1)] });
    expect(validate(withBadSource({ type: 'org-feed' })).join()).toContain('/sources/0/type');
    expect(validate(withBadSource({ url: 'http://status.example.com' })).join()).toContain('/sources/0/url');
    expect(validate(withBadSource({ pollIntervalSeconds: 5 })).join()).toContain('/sources/0/pollIntervalSeconds');
    expect(validate(withBadSource({ verified: 'trust me' })).join()).toContain('/sources/0/verified');
    const { provenance: _dropped, ...withoutProvenance } = sources[0] ?? {};
    expect(validate({ ...file, sources: [withoutProvenance, ...sources.slice(1)] }).join()).toContain("must have required property 'provenance'");
    expect(validate(withBadService({ category: 'games' })).join()).toContain('/services/0/category');
    const { category: _gone, ...withoutCategory } = services[0] ?? {};
    expect(validate({ ...file, services: [withoutCategory, ...services.slice(1)] }).join()).toContain("must have required property 'category'");
    expect(validate({ ...file, extra: true }).join()).toContain('must NOT have additional properties');
  });

  it('is what the app loads', () => {
    expect(CATALOG_SOURCES).toEqual(file['sources']);
    expect(CATALOG_SERVICES).toEqual(file['services']);
    expect(DEFAULT_WATCH).toEqual(file['defaultWatch']);
  });

  it('has the schema’s categories, each with a label', () => {
    const schemaCategories = ((schema as { $defs: { category: { enum: string[] } } }).$defs.category.enum);
    expect([...CATALOG_CATEGORIES]).toEqual(schemaCategories);
    expect(Object.keys(CATEGORY_LABELS)).toEqual([...CATALOG_CATEGORIES]);
  });
});

describe('built-in catalog: content', () => {
  it('keeps the ids people already use in configs and policies', () => {
    const ids = CATALOG_SERVICES.map((s) => s.id);
    for (const id of ['outlook', 'teams', 'sharepoint', 'm365', 'microsoft-consumer', 'zoom', 'github', 'dropbox', 'box', 'cloudflare', 'jira', 'confluence', 'trello', 'bitbucket', 'duo', '1password', 'lastpass', 'asana', 'notion', 'figma', 'hubspot', 'twilio', 'discord']) {
      expect(ids).toContain(id);
    }
  });

  it('has at least 100 services in at least 8 categories, read through at least 4 formats', () => {
    expect(CATALOG_SERVICES.length).toBeGreaterThanOrEqual(100);
    expect(new Set(CATALOG_SERVICES.map((s) => s.category)).size).toBeGreaterThanOrEqual(8);
    const formats = new Set(CATALOG_SERVICES.flatMap((s) => s.sources.map((ref) => typeOfRef(ref.source))));
    formats.delete('org-feed');
    expect(formats.size).toBeGreaterThanOrEqual(4);
  });

  it('has unique source ids and unique service ids', () => {
    expect(duplicates(CATALOG_SOURCES.map((s) => s.id))).toEqual([]);
    expect(duplicates(CATALOG_SERVICES.map((s) => s.id))).toEqual([]);
    expect(CATALOG_SOURCES.map((s) => s.id)).not.toContain(ORG_FEED_SOURCE_ID);
  });

  it('uses only formats the app reads', () => {
    const unknown = CATALOG_SOURCES.filter((s) => !(SOURCE_TYPES as readonly string[]).includes(s.type)).map((s) => `${s.id}: ${s.type}`);
    expect(unknown).toEqual([]);
  });

  it('has every service read sources that exist, each in a way that source understands', () => {
    const problems = CATALOG_SERVICES.flatMap((service) =>
      service.sources.flatMap((ref) => {
        const type = typeOfRef(ref.source);
        if (type === undefined) return [`${service.id} reads unknown source ${ref.source}`];
        if (ref.components && !WITH_COMPONENTS.has(type)) return [`${service.id} picks components of ${ref.source} (${type}), which has none`];
        if (ref.msServices && !WITH_MS_SERVICES.has(type)) return [`${service.id} picks Microsoft services of ${ref.source}, a ${type} source`];
        return [];
      }),
    );
    expect(problems).toEqual([]);
  });

  it('has every source read by some service', () => {
    const read = new Set(CATALOG_SERVICES.flatMap((s) => s.sources.map((ref) => ref.source)));
    expect(CATALOG_SOURCES.filter((s) => !read.has(s.id)).map((s) => s.id)).toEqual([]);
  });

  it('watches existing services by default, and the Microsoft 365 public signal exists', () => {
    const serviceIds = CATALOG_SERVICES.map((s) => s.id);
    expect(DEFAULT_WATCH.filter((id) => !serviceIds.includes(id))).toEqual([]);
    expect(CATALOG_SOURCES.find((s) => s.id === MICROSOFT_PUBLIC_SOURCE_ID)?.type).toBe('microsoft-public');
  });
});

describe('built-in catalog: addresses', () => {
  it('reads every source over https from a public host, with no credentials in the address', () => {
    const bad = CATALOG_SOURCES.filter((s) => {
      const url = new URL(s.url);
      return url.protocol !== 'https:' || url.username !== '' || url.password !== '' || url.port !== '' || !url.hostname.includes('.') || /^[\d.]+$/.test(url.hostname);
    });
    expect(bad.map((s) => `${s.id}: ${s.url}`)).toEqual([]);
  });

  it('addresses Statuspage vendors by their page-id host, which survives vanity-domain moves, unless marked vanity', () => {
    const pageIdHost = /^https:\/\/[a-z0-9]{12}\.statuspage\.io$/;
    const off = CATALOG_SOURCES.filter((s) => s.type === 'statuspage' && s.verified !== 'vanity' && !pageIdHost.test(s.url)).map((s) => `${s.id}: ${s.url}`);
    expect(off).toEqual([]);
    // The mark is a promise that no page id is known: a page-id host marked vanity is a stale mark.
    const stale = CATALOG_SOURCES.filter((s) => s.verified === 'vanity' && s.url.endsWith('.statuspage.io')).map((s) => s.id);
    expect(stale).toEqual([]);
  });

  it('reads status.io pages through the public API by page id', () => {
    const off = CATALOG_SOURCES.filter((s) => s.type === 'statusio' && !/^https:\/\/api\.status\.io\/1\.0\/status\/[0-9a-f]{24}$/.test(s.url)).map((s) => s.id);
    expect(off).toEqual([]);
  });

  it('says for every source where its address came from', () => {
    const cited = /\b[\w.-]+\/[\w.-]+@[0-9a-f]{40} \S+|https:\/\/\S+|shared\/reference\/sources\.md/;
    expect(CATALOG_SOURCES.filter((s) => !cited.test(s.provenance)).map((s) => s.id)).toEqual([]);
  });

  it('lists every repository it cites in catalog-provenance.md, at the cited commit', () => {
    const notes = readFileSync(new URL('../../../main/core/sources/catalog-provenance.md', import.meta.url), 'utf8');
    const cited = new Set(CATALOG_SOURCES.flatMap((s) => [...s.provenance.matchAll(/\b([\w.-]+\/[\w.-]+)@([0-9a-f]{40})/g)].map((m) => `${m[1]}@${m[2]}`)));
    expect(cited.size).toBeGreaterThan(0);
    expect([...cited].filter((repoAtCommit) => !notes.includes(repoAtCommit.split('@')[0] ?? '') || !notes.includes(repoAtCommit.split('@')[1] ?? ''))).toEqual([]);
    for (const s of CATALOG_SOURCES.filter((source) => source.verified === 'vanity')) expect(notes).toContain(s.id);
  });
});

describe('built-in catalog: Microsoft 365 incidents reach the services they name', () => {
  const NOW = Date.parse('2026-11-21T12:00:00Z');
  const FIVE_MIN = 300_000;
  const def = (id: string, type: SourceType): SourceDef => ({ id, type, name: id, url: 'https://127.0.0.1.invalid/', pollIntervalSeconds: null });

  function result(source: SourceDef, body: unknown): SourceResult {
    const parsed = parseSourceBody(source.type, JSON.stringify(body), NOW);
    if (!parsed.ok) throw new Error(parsed.error);
    return ageResult(source, { snapshot: parsed.snapshot, fetchedAt: NOW, validators: null }, null, NOW, FIVE_MIN);
  }

  /** Microsoft's public banner (`/api/posts/mac`) during an incident whose text names the service. */
  function publicBanner(words: string): SourceResult {
    return result(def(MICROSOFT_PUBLIC_SOURCE_ID, 'microsoft-public'), {
      Id: 'banner-1',
      AuthoredDateTime: '2026-11-21T11:30:00+00:00',
      Title: `${words}: users may be unable to use the service`,
      Message: `<div>We're investigating an issue affecting ${words}.</div>`,
      Status: 'Service degradation',
    });
  }

  /** The organization's own feed, with one open incident on the service as Graph names it. */
  function orgFeed(msService: string): SourceResult {
    return result(def(ORG_FEED_SOURCE_ID, 'org-feed'), {
      format: 'outage-radar/org-feed',
      version: 1,
      generatedAt: '2026-11-21T11:59:00Z',
      publisher: { name: 'Contoso IT' },
      services: [{ name: msService, health: 'outage' }],
      incidents: [{ id: 'XX1234567', title: 'Users may be unable to use the service', service: msService, classification: 'incident', health: 'outage', status: 'investigating', startedAt: '2026-11-21T11:00:00Z' }],
    });
  }

  const service = (id: string) => {
    const found = CATALOG_SERVICES.find((s) => s.id === id);
    if (!found) throw new Error(`no catalog service ${id}`);
    return found;
  };

  it.each([
    ['outlook', 'Exchange Online', 'Exchange Online'],
    ['teams', 'Microsoft Teams', 'Microsoft Teams'],
    ['defender', 'Microsoft Defender XDR', 'Microsoft Defender XDR'],
    ['defender', 'Microsoft 365 Defender', 'Microsoft 365 Defender'],
    ['purview', 'Microsoft Purview', 'Microsoft Purview'],
  ])('%s hears of a public post about %s and an org-feed incident on %s', (serviceId, words, msService) => {
    const results = new Map([
      [MICROSOFT_PUBLIC_SOURCE_ID, publicBanner(words)],
      [ORG_FEED_SOURCE_ID, orgFeed(msService)],
    ]);
    const status = serviceStatus(service(serviceId), results);
    expect(status.incidents.map((i) => i.sourceId).sort()).toEqual([MICROSOFT_PUBLIC_SOURCE_ID, ORG_FEED_SOURCE_ID]);
    expect(status.health).toBe('outage');
  });

  it.each([
    ['defender', 'Microsoft Purview'],
    ['purview', 'Exchange Online'],
    ['outlook', 'Microsoft Defender XDR'],
    ['teams', 'Microsoft Purview'],
  ])('%s is not touched by an incident that names only %s', (serviceId, other) => {
    const results = new Map([
      [MICROSOFT_PUBLIC_SOURCE_ID, publicBanner(other)],
      [ORG_FEED_SOURCE_ID, orgFeed(other)],
    ]);
    const status = serviceStatus(service(serviceId), results);
    expect(status.incidents).toEqual([]);
  });

  it('names Defender and Purview the way Microsoft does, on both Microsoft sources', () => {
    for (const [id, names] of [
      ['defender', ['Microsoft 365 Defender', 'Microsoft Defender XDR']],
      ['purview', ['Microsoft Purview']],
    ] as const) {
      const refs = service(id).sources;
      for (const sourceId of [MICROSOFT_PUBLIC_SOURCE_ID, ORG_FEED_SOURCE_ID]) {
        expect(refs.find((r) => r.source === sourceId)?.msServices).toEqual(expect.arrayContaining([...names]));
      }
    }
  });
});
