/**
 * The knowledge base is reviewed data in main/core/knowledge/knowledge-base.json. The schema holds
 * its shape; these tests also hold what a schema cannot say: every entry is complete, belongs to a
 * service the catalog knows, and is reached by each of its own codes and phrases, so a typo in a
 * hand edit fails here instead of leaving an entry nobody can find.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { KNOWLEDGE_BASE, SIDES } from '../../../main/core/knowledge/knowledge-base.js';
import { matchKnowledge } from '../../../main/core/knowledge/match.js';
import { CATALOG_SERVICES } from '../../../main/core/sources/catalog.js';
import { VERDICT_KINDS } from '../../../main/core/verdict/connectivity-model.js';

const readJson = (relative: string): unknown => JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as unknown;
const schema = readJson('../../../schema/knowledge-base.schema.json') as object;
const file = readJson('../../../main/core/knowledge/knowledge-base.json') as { entries: Array<Record<string, unknown>> };

function validator(): (data: unknown) => string[] {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  const validate = ajv.compile(schema);
  return (data) => (validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`));
}

const duplicates = (values: readonly string[]): string[] => values.filter((v, i) => values.indexOf(v) !== i);

describe('knowledge base', () => {
  it('matches its JSON Schema', () => {
    expect(validator()(file)).toEqual([]);
  });

  it('is refused by the schema when an entry is wrong, so the check above can fail', () => {
    const validate = validator();
    const first = file.entries[0] as Record<string, unknown>;
    const patched = (patch: Record<string, unknown>): unknown => ({ ...file, entries: [{ ...first, ...patch }, ...file.entries.slice(1)] });
    expect(validate(patched({ side: 'them' })).join()).toContain('/entries/0/side');
    expect(validate(patched({ codes: ['caa70004'] })).join()).toContain('/entries/0/codes/0');
    expect(validate(patched({ steps: [] })).join()).toContain('/entries/0/steps');
    expect(validate(patched({ verdict: 'dns' })).join()).toContain('/entries/0/verdict');
    expect(validate({ entries: file.entries.slice(0, 39) }).join()).toContain('/entries');
  });

  it('is what the app loads, with at least 40 entries', () => {
    expect(KNOWLEDGE_BASE).toEqual(file.entries);
    expect(KNOWLEDGE_BASE.length).toBeGreaterThanOrEqual(40);
  });

  it('has unique ids, and each code belongs to one entry only', () => {
    expect(duplicates(KNOWLEDGE_BASE.map((e) => e.id))).toEqual([]);
    expect(duplicates(KNOWLEDGE_BASE.flatMap((e) => e.codes))).toEqual([]);
  });

  it('gives every entry a catalog service, a side, a title, a meaning and steps; a verdict link only to a real verdict', () => {
    const services = new Set(CATALOG_SERVICES.map((s) => s.id));
    const incomplete = KNOWLEDGE_BASE.filter(
      (e) =>
        !services.has(e.service) ||
        !(SIDES as readonly string[]).includes(e.side) ||
        e.title.trim() === '' ||
        e.meaning.trim() === '' ||
        e.steps.length === 0 ||
        e.steps.some((s) => s.trim() === '') ||
        e.codes.length + e.phrases.length === 0 ||
        (e.verdict !== undefined && !(VERDICT_KINDS as readonly string[]).includes(e.verdict)),
    );
    expect(incomplete.map((e) => e.id)).toEqual([]);
  });

  it('reaches every entry from each of its codes, that entry first', () => {
    const unreachable = KNOWLEDGE_BASE.flatMap((entry) =>
      entry.codes
        .map((code) => (code.startsWith('0x') ? code : code.replace(/x/g, '7')))
        .filter((code) => {
          const best = matchKnowledge(code)[0];
          // A range (4.7.5xx) shares 4.7.500 with the exact entry for it; 4.7.577 is the range's own.
          return best?.entry.id !== entry.id;
        })
        .map((code) => `${entry.id} <- ${code}`),
    );
    expect(unreachable).toEqual([]);
  });

  it('reaches every entry from each of its phrases', () => {
    const unreachable = KNOWLEDGE_BASE.flatMap((entry) =>
      entry.phrases.filter((phrase) => !matchKnowledge(phrase).some((m) => m.entry.id === entry.id)).map((p) => `${entry.id} <- ${p}`),
    );
    expect(unreachable).toEqual([]);
  });

  it('covers the codes and states the issue lists, each under its service', () => {
    const serviceOf = (text: string): string | undefined => matchKnowledge(text)[0]?.entry.service;
    const exchange = ['451 4.3.2', '451 4.7.500', '432 4.3.2', '4.4.7', '4.4.316', '5.4.300', '4.7.512', '5.7.1', '5.7.57', '5.7.705', '5.7.708', '5.1.1', '5.1.10', '5.1.8', '5.2.2', '5.1.90'];
    const teams = ['0xCAA20002', '0xCAA20003', '0xCAA20004', '0xCAA70004', '0xCAA70007', '0xCAA82EE2', '0xCAA82EE7'];
    const outlookStates = ['Trying to connect…', 'Disconnected', 'Working Offline', 'Need Password'];
    const symptoms: Array<[string, string]> = [
      ['mail is not arriving', 'outlook'],
      ['emails stuck in the outbox', 'outlook'],
      ['meeting dropped', 'teams'],
      ["can't join a meeting", 'teams'],
      ["files won't sync", 'sharepoint'],
      ["can't sign in", 'm365'],
    ];
    expect([...exchange, ...outlookStates].map(serviceOf)).toEqual([...exchange, ...outlookStates].map(() => 'outlook'));
    expect(teams.map(serviceOf)).toEqual(teams.map(() => 'teams'));
    expect(symptoms.map(([text]) => serviceOf(text))).toEqual(symptoms.map(([, service]) => service));
    expect(KNOWLEDGE_BASE.filter((e) => e.service === 'sharepoint' && e.codes.some((c) => c.startsWith('0x8'))).length).toBeGreaterThanOrEqual(3);
  });

  it('links the codes a verdict decides: 0xCAA20003 is a wrong clock, 0xCAA82EE7 is DNS', () => {
    expect(matchKnowledge('0xCAA20003')[0]?.entry.verdict).toBe('clock-skew');
    expect(matchKnowledge('0xCAA82EE7')[0]?.entry.verdict).toBe('dns-failure');
  });
});
