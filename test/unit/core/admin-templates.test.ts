/**
 * The admin templates in policies/ (ADMX/ADML, .mobileconfig, Jamf manifest, Linux sample) are
 * generated from the settings schema and committed. These tests render them again and compare,
 * so a new setting cannot ship without its policy in every template, and check that each file is
 * what Group Policy, macOS, Jamf and the Linux reader will accept.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { DomUtils, Parser, parseDocument } from 'htmlparser2';
import { parse as parsePlist } from 'plist';
import { describe, expect, it } from 'vitest';
import { POLICY_KEYS, policyByName, type PolicyKey } from '../../../main/core/policy/policy-names.js';
import { documentProblems } from '../../../main/core/settings/settings-check.js';
import { ADMIN_TEMPLATE_PATHS, MACOS_DOMAIN, REGISTRY_KEY, renderAdminTemplates } from '../../../scripts/gen-admin-templates.js';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const committed = (path: string): string => readFileSync(join(ROOT, path), 'utf8');
const NAMES = POLICY_KEYS.map((policy) => policy.name);
const sorted = (names: Iterable<string>): string[] => [...names].sort();

type Element = ReturnType<typeof DomUtils.getElementsByTagName>[number];
const xmlOf = (text: string) => parseDocument(text, { xmlMode: true });
const all = (root: Parameters<typeof DomUtils.getElementsByTagName>[1], tag: string): Element[] => DomUtils.getElementsByTagName(tag, root, true);
const child = (element: Element, tag: string): Element | undefined => all(element.children, tag)[0];

/** Problems that make XML not well-formed: a tag closed by another's end tag, or left open. */
function xmlProblems(text: string): string[] {
  const problems: string[] = [];
  let roots = 0;
  let depth = 0;
  const parser = new Parser(
    {
      onopentag: () => {
        if (depth === 0) roots++;
        depth++;
      },
      onclosetag: (name, isImplied) => {
        depth--;
        // htmlparser2 calls a self-closing tag's end implied too; the source says which it was.
        const selfClosing = text.slice(parser.startIndex, parser.endIndex + 1).endsWith('/>');
        if (isImplied && !selfClosing) problems.push(`<${name}> is not closed by its own end tag`);
      },
    },
    { xmlMode: true },
  );
  parser.end(text);
  if (roots !== 1) problems.push(`${roots} root elements`);
  if (!text.startsWith('<?xml version="1.0" encoding="utf-8"?>')) problems.push('no XML declaration');
  // A bare & (not an entity) is not XML.
  for (const match of text.matchAll(/&(?!amp;|lt;|gt;|quot;|apos;|#\d+;)/g)) problems.push(`bare & at ${match.index}`);
  return problems;
}

/** A settings document with the policies' values at their keys' paths. */
function documentOf(values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const doc: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    const policy = policyByName(name);
    if (policy === null) throw new Error(`${name} is not a policy`);
    let node = doc;
    for (const segment of policy.path.slice(0, -1)) node = (node[segment] ??= {}) as Record<string, unknown>;
    node[policy.path.at(-1) as string] = value;
  }
  return doc;
}

const rendered = renderAdminTemplates();

describe('admin templates: generated and committed', () => {
  it.each([...ADMIN_TEMPLATE_PATHS])('%s matches what the schema generates (run `npm run gen:policies`)', (path) => {
    expect(committed(path), `${path} is out of date: run npm run gen:policies`).toBe(rendered.get(path));
  });

  it('names every policy in every template, so the comparison above catches a forgotten one', () => {
    const without = renderAdminTemplates(POLICY_KEYS.filter((key) => key.name !== 'HelpdeskTicketUrl'));
    for (const path of ADMIN_TEMPLATE_PATHS.filter((p) => p !== 'policies/linux/policy.json')) {
      expect(rendered.get(path), path).toContain('HelpdeskTicketUrl');
      expect(without.get(path), path).not.toContain('HelpdeskTicketUrl');
    }
  });
});

describe('admin templates: Windows ADMX and ADML', () => {
  const admxText = committed('policies/windows/OutageRadar.admx');
  const admlText = committed('policies/windows/en-US/OutageRadar.adml');
  const admx = xmlOf(admxText);
  const adml = xmlOf(admlText);
  const policies = all(admx.children, 'policy');
  const strings = new Map(all(adml.children, 'string').map((element) => [element.attribs['id'] ?? '', DomUtils.textContent(element)]));
  const presentations = new Map(all(adml.children, 'presentation').map((element) => [element.attribs['id'] ?? '', element]));
  const ref = (value: string | undefined, kind: 'string' | 'presentation'): string => {
    const match = new RegExp(`^\\$\\(${kind}\\.([A-Za-z0-9_]+)\\)$`).exec(value ?? '');
    if (match === null) throw new Error(`not a $(${kind}.id) reference: ${value}`);
    return match[1] as string;
  };

  it('are well-formed XML', () => {
    expect(xmlProblems(admxText)).toEqual([]);
    expect(xmlProblems(admlText)).toEqual([]);
    // The check has teeth.
    expect(xmlProblems(admxText.replace('</policies>', ''))).not.toEqual([]);
    expect(xmlProblems(admlText.replace('<stringTable>', '<stringTable>R&D'))).not.toEqual([]);
  });

  it('define every policy once as mandatory and once as recommended, under the product key', () => {
    const mandatory = policies.filter((policy) => policy.attribs['key'] === REGISTRY_KEY);
    const recommended = policies.filter((policy) => policy.attribs['key'] === `${REGISTRY_KEY}\\Recommended`);
    expect(mandatory.length + recommended.length).toBe(policies.length);
    expect(sorted(mandatory.map((policy) => policy.attribs['name'] ?? ''))).toEqual(sorted(NAMES));
    expect(sorted(recommended.map((policy) => policy.attribs['name'] ?? ''))).toEqual(sorted(NAMES.map((name) => `${name}_recommended`)));
    for (const policy of policies) {
      const name = (policy.attribs['name'] ?? '').replace(/_recommended$/, '');
      expect(policy.attribs['valueName'], name).toBe(name);
      expect(policy.attribs['class'], name).toBe('Both');
      const category = child(policy, 'parentCategory')?.attribs['ref'];
      expect(category, name).toBe(policy.attribs['key'] === REGISTRY_KEY ? 'OutageRadar' : 'OutageRadar_recommended');
    }
    const categories = all(admx.children, 'category').map((category) => category.attribs['name']);
    expect(sorted(categories as string[])).toEqual(['OutageRadar', 'OutageRadar_recommended']);
  });

  it('give each policy the element its value kind needs', () => {
    for (const policy of policies.filter((p) => p.attribs['key'] === REGISTRY_KEY)) {
      const key = policyByName(policy.attribs['name'] ?? '') as PolicyKey;
      const elements = child(policy, 'elements');
      const kinds = elements === undefined ? [] : elements.children.filter((node): node is Element => node.type === 'tag').map((node) => node.name);
      switch (key.kind) {
        case 'boolean':
          expect(kinds, key.name).toEqual([]);
          expect(child(policy, 'enabledValue') && child(child(policy, 'enabledValue') as Element, 'decimal')?.attribs['value'], key.name).toBe('1');
          expect(child(policy, 'disabledValue') && child(child(policy, 'disabledValue') as Element, 'decimal')?.attribs['value'], key.name).toBe('0');
          break;
        case 'integer': {
          expect(kinds, key.name).toEqual(['decimal']);
          const decimal = child(policy, 'decimal') as Element;
          if (key.minimum !== null) expect(decimal.attribs['minValue'], key.name).toBe(String(key.minimum));
          if (key.maximum !== null) expect(decimal.attribs['maxValue'], key.name).toBe(String(key.maximum));
          break;
        }
        case 'enum':
          expect(kinds, key.name).toEqual(['enum']);
          expect(all(policy.children, 'string').map((s) => DomUtils.textContent(s)), key.name).toEqual([...key.values]);
          break;
        case 'string':
        case 'list':
        case 'object':
          expect(kinds, key.name).toEqual(['text']);
          break;
      }
      for (const element of elements?.children.filter((node): node is Element => node.type === 'tag') ?? []) {
        expect(element.attribs['id'], key.name).toBe(key.name);
        expect(element.attribs['valueName'], key.name).toBe(key.name);
      }
    }
  });

  it('have ADML strings and presentations for everything the ADMX refers to', () => {
    const missing: string[] = [];
    const need = (id: string, what: string): void => {
      if (!strings.has(id) || (strings.get(id) ?? '').trim() === '') missing.push(`${what}: string ${id}`);
    };
    for (const element of [...all(admx.children, 'category'), ...all(admx.children, 'definition'), ...policies]) {
      need(ref(element.attribs['displayName'], 'string'), element.attribs['name'] ?? '?');
    }
    for (const policy of policies) {
      const name = policy.attribs['name'] ?? '?';
      need(ref(policy.attribs['explainText'], 'string'), name);
      for (const item of all(policy.children, 'item')) need(ref(item.attribs['displayName'], 'string'), name);
      const elements = child(policy, 'elements');
      const ids = elements?.children.filter((node): node is Element => node.type === 'tag').map((node) => node.attribs['id']) ?? [];
      if (ids.length === 0) {
        if (policy.attribs['presentation'] !== undefined) missing.push(`${name}: presentation without elements`);
        continue;
      }
      const presentation = presentations.get(ref(policy.attribs['presentation'], 'presentation'));
      if (presentation === undefined) {
        missing.push(`${name}: presentation`);
        continue;
      }
      const refs = DomUtils.findAll((node) => node.attribs['refId'] !== undefined, presentation.children).map((node) => node.attribs['refId']);
      for (const id of ids) if (!refs.includes(id)) missing.push(`${name}: presentation control for ${id}`);
    }
    expect(missing).toEqual([]);
  });

  it('tell the admin that lists and objects are JSON text', () => {
    for (const key of POLICY_KEYS.filter((k) => k.kind === 'list' || k.kind === 'object')) {
      expect(strings.get(`${key.name}_Explain`), key.name).toContain('JSON text (REG_SZ)');
    }
    for (const key of POLICY_KEYS.filter((k) => k.kind === 'list' && k.listOfStrings)) {
      expect(strings.get(`${key.name}_Explain`), key.name).toContain('REG_MULTI_SZ');
    }
  });
});

describe('admin templates: macOS configuration profile', () => {
  const text = committed('policies/macos/org.outageradar.desktop.mobileconfig');
  const profile = parsePlist(text) as Record<string, unknown>;
  const payloads = profile['PayloadContent'] as Array<Record<string, unknown>>;
  const payload = payloads[0] as Record<string, unknown>;
  const settings = Object.fromEntries(Object.entries(payload).filter(([key]) => !key.startsWith('Payload')));

  it('is a configuration profile with one payload for the app domain', () => {
    expect(profile['PayloadType']).toBe('Configuration');
    expect(payloads).toHaveLength(1);
    expect(payload['PayloadType']).toBe(MACOS_DOMAIN);
    for (const key of ['PayloadUUID', 'PayloadIdentifier', 'PayloadVersion']) {
      expect(payload[key], key).toBeDefined();
      expect(profile[key], key).toBeDefined();
    }
    expect(profile['PayloadUUID']).not.toBe(payload['PayloadUUID']);
  });

  it('sets only policy names, each to a value of its kind that the setting accepts', () => {
    for (const [name, value] of Object.entries(settings)) {
      const policy = policyByName(name);
      expect(policy, name).not.toBeNull();
      const kind = (policy as PolicyKey).kind;
      const type = Array.isArray(value) ? 'list' : typeof value === 'object' ? 'object' : typeof value;
      const expected = { boolean: 'boolean', integer: 'number', string: 'string', enum: 'string', list: 'list', object: 'object' }[kind];
      expect(type, name).toBe(expected);
    }
    expect(documentProblems(documentOf(settings))).toEqual([]);
  });

  it('names every other policy in its comment, so the profile lists exactly the policies', () => {
    const comment = /<!-- Keys without a default;([\s\S]*?)-->/.exec(text)?.[1] ?? '';
    const commented = [...comment.matchAll(/^\s+([A-Za-z0-9]+): /gm)].map((match) => match[1] as string);
    expect(commented.filter((name) => name in settings)).toEqual([]);
    expect(sorted([...Object.keys(settings), ...commented])).toEqual(sorted(NAMES));
  });
});

describe('admin templates: Jamf Pro manifest', () => {
  const manifest = JSON.parse(committed('policies/jamf/org.outageradar.desktop.json')) as {
    title: string;
    description: string;
    properties: Record<string, { type: string; enum?: string[]; default?: unknown; minimum?: number; maximum?: number }>;
  };
  // Jamf manifests have no root `type`; every other strict rule (no unknown keyword) applies.
  const ajv = new Ajv({ strict: true, strictTypes: false, allErrors: true });
  // Jamf's own annotation (the order of the form's fields); everything else is plain JSON Schema.
  ajv.addKeyword({ keyword: 'property_order', schemaType: 'number' });

  it('is a JSON Schema that compiles and accepts the defaults', () => {
    expect(manifest.title).toContain(MACOS_DOMAIN);
    expect(manifest.description.length).toBeGreaterThan(20);
    expect(ajv.validateSchema(manifest), JSON.stringify(ajv.errors)).toBe(true);
    const validate = ajv.compile(manifest);
    const defaults = Object.fromEntries(POLICY_KEYS.filter((k) => k.default !== undefined && k.default !== null).map((k) => [k.name, k.default]));
    expect(validate(defaults), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ PollIntervalSeconds: 'often' })).toBe(false);
  });

  it('lists exactly the policies, with their types, words, bounds and defaults', () => {
    expect(sorted(Object.keys(manifest.properties))).toEqual(sorted(NAMES));
    const types = { boolean: 'boolean', integer: 'integer', string: 'string', enum: 'string', list: 'array', object: 'object' };
    for (const key of POLICY_KEYS) {
      const property = manifest.properties[key.name];
      expect(property?.type, key.name).toBe(types[key.kind]);
      if (key.kind === 'enum') expect(property?.enum, key.name).toEqual(key.values);
      if (key.minimum !== null) expect(property?.minimum, key.name).toBe(key.minimum);
      if (key.maximum !== null) expect(property?.maximum, key.name).toBe(key.maximum);
      expect(property?.default, key.name).toEqual(key.default === null ? undefined : key.default);
    }
  });
});

describe('admin templates: Linux sample', () => {
  it('sets a few policies to values their settings accept', () => {
    const sample = JSON.parse(committed('policies/linux/policy.json')) as Record<string, unknown>;
    expect(Object.keys(sample).length).toBeGreaterThanOrEqual(3);
    for (const name of Object.keys(sample)) expect(policyByName(name)?.name, name).toBe(name);
    expect(documentProblems(documentOf(sample))).toEqual([]);
  });

  it('lists every policy beside it, with where the files go', () => {
    const readme = committed('policies/linux/README.md');
    const listed = [...readme.matchAll(/^\| `([A-Za-z0-9]+)` \|/gm)].map((match) => match[1] as string);
    expect(listed).toEqual(NAMES);
    expect(readme).toContain('/etc/outage-radar/policy.json');
    expect(readme).toContain('/etc/outage-radar/recommended.json');
  });
});
