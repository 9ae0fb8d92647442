/**
 * The built-in catalog is reviewed data in main/core/catalog.json. The schema holds its shape;
 * these tests also hold what a schema cannot say: ids are unique and every reference resolves,
 * so a typo in a hand edit fails here instead of showing a service that never reads anything.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { CATALOG_SERVICES, CATALOG_SOURCES, DEFAULT_WATCH, MICROSOFT_PUBLIC_SOURCE_ID, ORG_FEED_SOURCE_ID } from '../../../main/core/sources/catalog.js';

const readJson = (relative: string): unknown => JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as unknown;
const schema = readJson('../../../schema/catalog.schema.json') as object;
const file = readJson('../../../main/core/sources/catalog.json') as Record<string, unknown>;

function validator(): (data: unknown) => string[] {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  const validate = ajv.compile(schema);
  return (data) => (validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`));
}

const duplicates = (ids: readonly string[]): string[] => ids.filter((id, i) => ids.indexOf(id) !== i);

describe('built-in catalog', () => {
  it('matches its JSON Schema', () => {
    expect(validator()(file)).toEqual([]);
  });

  it('is refused by the schema when an entry is wrong, so the check above can fail', () => {
    const validate = validator();
    const sources = file['sources'] as Record<string, unknown>[];
    const withBadSource = (patch: Record<string, unknown>): unknown => ({ ...file, sources: [{ ...sources[0], ...patch }, ...sources.slice(1)] });
    expect(validate(withBadSource({ type: 'rss' })).join()).toContain('/sources/0/type');
    expect(validate(withBadSource({ url: 'http://status.example.com' })).join()).toContain('/sources/0/url');
    expect(validate(withBadSource({ pollIntervalSeconds: 5 })).join()).toContain('/sources/0/pollIntervalSeconds');
    expect(validate({ ...file, extra: true }).join()).toContain('must NOT have additional properties');
  });

  it('is what the app loads', () => {
    expect(CATALOG_SOURCES).toEqual(file['sources']);
    expect(CATALOG_SERVICES).toEqual(file['services']);
    expect(DEFAULT_WATCH).toEqual(file['defaultWatch']);
  });

  it('has unique source ids and unique service ids', () => {
    expect(duplicates(CATALOG_SOURCES.map((s) => s.id))).toEqual([]);
    expect(duplicates(CATALOG_SERVICES.map((s) => s.id))).toEqual([]);
    expect(CATALOG_SOURCES.map((s) => s.id)).not.toContain(ORG_FEED_SOURCE_ID);
  });

  it('has every service read sources that exist, each in a way that source understands', () => {
    const byId = new Map(CATALOG_SOURCES.map((s) => [s.id, s]));
    const problems = CATALOG_SERVICES.flatMap((service) =>
      service.sources.flatMap((ref) => {
        const type = ref.source === ORG_FEED_SOURCE_ID ? 'org-feed' : byId.get(ref.source)?.type;
        if (type === undefined) return [`${service.id} reads unknown source ${ref.source}`];
        if (ref.components && type !== 'statuspage') return [`${service.id} picks components of ${ref.source}, which has none`];
        if (ref.msServices && type === 'statuspage') return [`${service.id} picks Microsoft services of ${ref.source}, a Statuspage`];
        return [];
      }),
    );
    expect(problems).toEqual([]);
  });

  it('watches existing services by default, and the Microsoft 365 public signal exists', () => {
    const serviceIds = CATALOG_SERVICES.map((s) => s.id);
    expect(DEFAULT_WATCH.filter((id) => !serviceIds.includes(id))).toEqual([]);
    expect(CATALOG_SOURCES.find((s) => s.id === MICROSOFT_PUBLIC_SOURCE_ID)?.type).toBe('microsoft-public');
  });

  it('addresses Statuspage vendors by their page-id host, which survives vanity-domain moves', () => {
    const off = CATALOG_SOURCES.filter((s) => s.type === 'statuspage' && !/^https:\/\/[a-z0-9]+\.statuspage\.io$/.test(s.url)).map((s) => s.id);
    expect(off).toEqual([]);
  });
});
