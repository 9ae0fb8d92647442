/**
 * The admin templates, rendered from the one settings schema through POLICY_KEYS, so that a new
 * setting cannot be forgotten in one of them (test/unit/core/admin-templates.test.ts renders
 * them again and fails when the committed files differ):
 *
 *   policies/windows/OutageRadar.admx         Group Policy / Intune ADMX ingestion
 *   policies/windows/en-US/OutageRadar.adml   its English strings
 *   policies/macos/org.outageradar.desktop.mobileconfig   a sample configuration profile
 *   policies/jamf/org.outageradar.desktop.json            a Jamf Pro custom schema manifest
 *   policies/linux/policy.json, policies/linux/README.md  a sample and the list of keys
 *
 * Pure: `renderAdminTemplates()` returns the files' text; `scripts/gen-admin-templates.mjs`
 * writes them (`npm run gen:policies`).
 */
import { build as buildPlist, type PlistValue } from 'plist';
import schema from '../schema/config.schema.json' with { type: 'json' };
import { POLICY_KEYS, type PolicyKey } from '../main/core/policy/policy-names.js';

/** The product's registry key under HKLM/HKCU (the readers use the same). */
export const REGISTRY_KEY = 'Software\\Policies\\OutageRadar';
/** The macOS managed preferences domain (the app's bundle id). */
export const MACOS_DOMAIN = 'org.outageradar.desktop';

/** Every generated file, by its path relative to the repository root. */
export const ADMIN_TEMPLATE_PATHS = [
  'policies/windows/OutageRadar.admx',
  'policies/windows/en-US/OutageRadar.adml',
  'policies/macos/org.outageradar.desktop.mobileconfig',
  'policies/jamf/org.outageradar.desktop.json',
  'policies/linux/policy.json',
  'policies/linux/README.md',
] as const;

export type AdminTemplatePath = (typeof ADMIN_TEMPLATE_PATHS)[number];

/**
 * A few keys for the Linux sample, with values an organization would plausibly set. Each must be a
 * policy name and valid for its setting (the test checks both).
 */
const LINUX_SAMPLE: Readonly<Record<string, unknown>> = {
  Watch: ['outlook', 'teams', 'sharepoint'],
  OrgFeedUrl: 'https://status.example.com/outage-radar/org-feed.json',
  PollIntervalSeconds: 300,
  UpdatesMode: 'none',
  HelpdeskContact: 'IT Service Desk: +1 555 0100, servicedesk@example.com (Mon-Fri 8-18)',
  AppAllowQuit: false,
};

// Fixed, so that a re-deployed profile replaces the earlier one instead of adding a second.
const PROFILE_UUID = '5A3E5C1E-6C1B-4F38-9A57-0F6E2D7B8C41';
const PAYLOAD_UUID = '0D4C2B6A-31F0-4E3B-8B7D-2C9E4A1F6B53';

/** Renders every template. Deterministic: the same schema gives byte-identical files. */
export function renderAdminTemplates(policies: readonly PolicyKey[] = POLICY_KEYS): ReadonlyMap<AdminTemplatePath, string> {
  return new Map<AdminTemplatePath, string>([
    ['policies/windows/OutageRadar.admx', renderAdmx(policies)],
    ['policies/windows/en-US/OutageRadar.adml', renderAdml(policies)],
    ['policies/macos/org.outageradar.desktop.mobileconfig', renderMobileconfig(policies)],
    ['policies/jamf/org.outageradar.desktop.json', renderJamfManifest(policies)],
    ['policies/linux/policy.json', `${JSON.stringify(LINUX_SAMPLE, null, 2)}\n`],
    ['policies/linux/README.md', renderLinuxReadme(policies)],
  ]);
}

// ---------------------------------------------------------------------------------------------
// Words shared by the templates

const xml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** `HelpdeskTicketUrl` → `Helpdesk ticket url`: a readable title without a second list of names. */
function titleOf(policy: PolicyKey): string {
  const words = policy.name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}`;
}

/** The schema's description, or a plain fallback for a key the schema leaves undescribed. */
const describe = (policy: PolicyKey): string => policy.description || `The setting ${policy.key}.`;

const hasDefault = (policy: PolicyKey): boolean => policy.default !== undefined && policy.default !== null;

const KIND_WORDS: Readonly<Record<PolicyKey['kind'], string>> = {
  boolean: 'true or false',
  integer: 'a whole number',
  string: 'text',
  enum: 'one of a fixed set of words',
  list: 'a list',
  object: 'a dictionary',
};

function rangeWords(policy: PolicyKey): string {
  if (policy.kind !== 'integer') return '';
  if (policy.minimum !== null && policy.maximum !== null) return ` from ${policy.minimum} to ${policy.maximum}`;
  if (policy.minimum !== null) return ` of at least ${policy.minimum}`;
  if (policy.maximum !== null) return ` of at most ${policy.maximum}`;
  return '';
}

// ---------------------------------------------------------------------------------------------
// Windows: ADMX + ADML, with mandatory and recommended classes as Chrome and Edge ship them

const CATEGORY = 'OutageRadar';
const CATEGORY_RECOMMENDED = 'OutageRadar_recommended';
const SUPPORTED = 'SUPPORTED_OUTAGERADAR_0_1';
// Registry text values can be long JSON (sources, services); the ADMX default is only 1023.
const TEXT_MAX_LENGTH = 1000000;
// ADMX decimals are unsigned 32-bit values.
const DECIMAL_MAX = 2147483647;

/** A string id for an enum word (ADML ids allow letters, digits and `_` only). */
const enumStringId = (policy: PolicyKey, value: string): string => `${policy.name}_${value.replace(/[^A-Za-z0-9]/g, '_')}`;

function admxElements(policy: PolicyKey): string[] {
  const id = policy.name;
  switch (policy.kind) {
    case 'boolean':
      return [];
    case 'integer':
      return [`<decimal id="${id}" valueName="${id}" required="true" minValue="${policy.minimum ?? 0}" maxValue="${policy.maximum ?? DECIMAL_MAX}"/>`];
    case 'enum':
      return [
        `<enum id="${id}" valueName="${id}" required="true">`,
        ...policy.values.map((value) => `  <item displayName="$(string.${enumStringId(policy, value)})"><value><string>${xml(value)}</string></value></item>`),
        '</enum>',
      ];
    case 'string':
    case 'list':
    case 'object':
      return [`<text id="${id}" valueName="${id}" required="true" maxLength="${TEXT_MAX_LENGTH}"/>`];
  }
}

function admxPolicy(policy: PolicyKey, recommended: boolean): string[] {
  const name = recommended ? `${policy.name}_recommended` : policy.name;
  const key = recommended ? `${REGISTRY_KEY}\\Recommended` : REGISTRY_KEY;
  const elements = admxElements(policy);
  const presentation = elements.length > 0 ? ` presentation="$(presentation.${policy.name})"` : '';
  const lines = [
    `<policy name="${name}" class="Both" displayName="$(string.${policy.name})" explainText="$(string.${policy.name}_Explain)" key="${xml(key)}" valueName="${policy.name}"${presentation}>`,
    `  <parentCategory ref="${recommended ? CATEGORY_RECOMMENDED : CATEGORY}"/>`,
    `  <supportedOn ref="${SUPPORTED}"/>`,
  ];
  if (policy.kind === 'boolean') {
    lines.push('  <enabledValue><decimal value="1"/></enabledValue>', '  <disabledValue><decimal value="0"/></disabledValue>');
  } else {
    lines.push('  <elements>', ...elements.map((line) => `    ${line}`), '  </elements>');
  }
  lines.push('</policy>');
  return lines;
}

function renderAdmx(policies: readonly PolicyKey[]): string {
  const indent = (lines: readonly string[], depth: number): string[] => lines.map((line) => `${'  '.repeat(depth)}${line}`);
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<!-- Generated by scripts/gen-admin-templates.mjs from schema/config.schema.json. Do not edit. -->',
    '<policyDefinitions xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" revision="1.0" schemaVersion="1.0" xmlns="http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions">',
    '  <policyNamespaces>',
    '    <target prefix="outageradar" namespace="OutageRadar.Policies.OutageRadar"/>',
    '  </policyNamespaces>',
    '  <resources minRequiredRevision="1.0"/>',
    '  <supportedOn>',
    '    <definitions>',
    `      <definition name="${SUPPORTED}" displayName="$(string.${SUPPORTED})"/>`,
    '    </definitions>',
    '  </supportedOn>',
    '  <categories>',
    `    <category name="${CATEGORY}" displayName="$(string.${CATEGORY})"/>`,
    `    <category name="${CATEGORY_RECOMMENDED}" displayName="$(string.${CATEGORY_RECOMMENDED})"/>`,
    '  </categories>',
    '  <policies>',
    ...policies.flatMap((policy) => indent(admxPolicy(policy, false), 2)),
    ...policies.flatMap((policy) => indent(admxPolicy(policy, true), 2)),
    '  </policies>',
    '</policyDefinitions>',
    '',
  ].join('\n');
}

/** How the value is written in the registry, in the words an admin reads in the policy editor. */
function registryWords(policy: PolicyKey): string {
  const range = rangeWords(policy);
  switch (policy.kind) {
    case 'boolean':
      return 'Enabled turns it on (REG_DWORD 1), Disabled turns it off (REG_DWORD 0).';
    case 'integer':
      return `A whole number${range} (REG_DWORD).`;
    case 'enum':
      return `One of: ${policy.values.join(', ')} (REG_SZ).`;
    case 'string':
      return 'Text (REG_SZ).';
    case 'list':
      return `JSON text (REG_SZ): a JSON array, such as ${JSON.stringify(hasDefault(policy) ? policy.default : [])}.${policy.listOfStrings ? ' A REG_MULTI_SZ value with one item per line is accepted too.' : ''}`;
    case 'object':
      return 'JSON text (REG_SZ): a JSON object.';
  }
}

function explainText(policy: PolicyKey): string {
  const parts = [
    describe(policy),
    '',
    `Setting: ${policy.key}. Registry value: ${policy.name}. ${registryWords(policy)}`,
  ];
  if (hasDefault(policy)) parts.push(`Default: ${JSON.stringify(policy.default)}.`);
  parts.push(
    '',
    'A mandatory policy locks the setting ("Managed by your organization"); a recommended policy (the "Default Settings" category) is a default the user may change. A value that is not valid for the setting is rejected and reported by `outage-radar policy`; the other policies still apply.',
  );
  return parts.join('\n');
}

function admlPresentation(policy: PolicyKey): string[] {
  const id = policy.name;
  const label = xml(titleOf(policy));
  switch (policy.kind) {
    case 'boolean':
      return [];
    case 'integer': {
      const initial = typeof policy.default === 'number' ? ` defaultValue="${policy.default}"` : '';
      return [`<presentation id="${id}">`, `  <decimalTextBox refId="${id}"${initial} spinStep="1">${label}</decimalTextBox>`, '</presentation>'];
    }
    case 'enum': {
      const index = policy.values.indexOf(typeof policy.default === 'string' ? policy.default : '');
      const initial = index >= 0 ? ` defaultItem="${index}"` : '';
      return [`<presentation id="${id}">`, `  <dropdownList refId="${id}" noSort="true"${initial}>${label}</dropdownList>`, '</presentation>'];
    }
    case 'string':
    case 'list':
    case 'object': {
      const shown = !hasDefault(policy) ? null : policy.kind === 'string' ? String(policy.default) : JSON.stringify(policy.default);
      return [
        `<presentation id="${id}">`,
        `  <textBox refId="${id}">`,
        `    <label>${label}${policy.kind === 'string' ? '' : ' (JSON)'}</label>`,
        ...(shown === null ? [] : [`    <defaultValue>${xml(shown)}</defaultValue>`]),
        '  </textBox>',
        '</presentation>',
      ];
    }
  }
}

function renderAdml(policies: readonly PolicyKey[]): string {
  const string = (id: string, text: string): string => `      <string id="${id}">${xml(text)}</string>`;
  const strings = [
    string(SUPPORTED, 'Outage Radar 0.1 and later'),
    string(CATEGORY, 'Outage Radar'),
    string(CATEGORY_RECOMMENDED, 'Outage Radar - Default Settings (users can override)'),
    ...policies.flatMap((policy) => [
      string(policy.name, titleOf(policy)),
      string(`${policy.name}_Explain`, explainText(policy)),
      ...policy.values.map((value) => string(enumStringId(policy, value), value)),
    ]),
  ];
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<!-- Generated by scripts/gen-admin-templates.mjs from schema/config.schema.json. Do not edit. -->',
    '<policyDefinitionResources xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" revision="1.0" schemaVersion="1.0" xmlns="http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions">',
    '  <displayName>Outage Radar</displayName>',
    '  <description>Policies for Outage Radar, the service status tray app.</description>',
    '  <resources>',
    '    <stringTable>',
    ...strings,
    '    </stringTable>',
    '    <presentationTable>',
    ...policies.flatMap((policy) => admlPresentation(policy).map((line) => `      ${line}`)),
    '    </presentationTable>',
    '  </resources>',
    '</policyDefinitionResources>',
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// macOS: a configuration profile whose payload is the preference domain itself (as VS Code ships)

// A plist has no null; a key whose sample cannot be written is named in a comment instead.
const UNSET_MARKER = '__OUTAGE_RADAR_UNSET__';

function renderMobileconfig(policies: readonly PolicyKey[]): string {
  const settings: Record<string, PlistValue> = {};
  const unset: PolicyKey[] = [];
  for (const policy of policies) {
    if (hasDefault(policy)) settings[policy.name] = policy.default as PlistValue;
    else unset.push(policy);
  }
  const payload: Record<string, PlistValue> = {
    PayloadType: MACOS_DOMAIN,
    PayloadVersion: 1,
    PayloadIdentifier: `${MACOS_DOMAIN}.policies`,
    PayloadUUID: PAYLOAD_UUID,
    PayloadDisplayName: 'Outage Radar policies',
    PayloadEnabled: true,
    ...settings,
    [UNSET_MARKER]: '',
  };
  const profile: PlistValue = {
    PayloadContent: [payload],
    PayloadDescription:
      'Sample: every key below is set to its default and LOCKED while the profile is installed. Delete the keys you do not want to enforce before deploying. Check the result with `outage-radar policy`.',
    PayloadDisplayName: 'Outage Radar',
    PayloadIdentifier: MACOS_DOMAIN,
    PayloadOrganization: 'Your organization',
    PayloadRemovalDisallowed: false,
    PayloadScope: 'System',
    PayloadType: 'Configuration',
    PayloadUUID: PROFILE_UUID,
    PayloadVersion: 1,
  };
  const text = buildPlist(profile);
  const marker = new RegExp(`^(\\s*)<key>${UNSET_MARKER}</key>\\n\\s*<string/>\\n`, 'm');
  const found = marker.exec(text);
  if (found === null) throw new Error('mobileconfig: the marker for keys without a default was not found');
  const pad = found[1] ?? '';
  const comments = [
    `${pad}<!-- Keys without a default; add them as needed:`,
    ...unset.map((policy) => `${pad}  ${policy.name}: ${plistTypeWords(policy)} (${policy.key})`),
    `${pad}-->`,
  ];
  return `${text.replace(marker, `${comments.join('\n')}\n`)}\n`;
}

function plistTypeWords(policy: PolicyKey): string {
  switch (policy.kind) {
    case 'boolean':
      return '<true/> or <false/>';
    case 'integer':
      return `<integer>${rangeWords(policy)}`;
    case 'enum':
      return `<string> one of ${policy.values.join(', ')}`;
    case 'string':
      return '<string>';
    case 'list':
      return '<array>';
    case 'object':
      return '<dict>';
  }
}

// ---------------------------------------------------------------------------------------------
// Jamf Pro: a custom schema manifest ("Application & Custom Settings" > "External applications")

interface SchemaNode {
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly items?: SchemaNode;
  readonly required?: readonly string[];
  readonly description?: string;
  readonly default?: unknown;
  readonly minimum?: number;
  readonly maximum?: number;
}

const DEFS = (schema as unknown as { $defs: Readonly<Record<string, SchemaNode>> }).$defs;

function resolveRef(node: SchemaNode): SchemaNode {
  if (node.$ref === undefined) return node;
  const target = DEFS[node.$ref.replace('#/$defs/', '')];
  if (target === undefined) throw new Error(`schema: unknown $ref ${node.$ref}`);
  return { ...resolveRef(target), ...Object.fromEntries(Object.entries(node).filter(([key]) => key !== '$ref')) };
}

/** The setting's own schema node, found by its path. */
function settingNode(policy: PolicyKey): SchemaNode {
  let node: SchemaNode = { properties: (schema as unknown as { properties: Readonly<Record<string, SchemaNode>> }).properties };
  for (const segment of policy.path) {
    const child = resolveRef(node).properties?.[segment];
    if (child === undefined) throw new Error(`schema: no node for ${policy.key}`);
    node = child;
  }
  return resolveRef(node);
}

/**
 * The keywords Jamf's form builder understands (type, enum, bounds, items, properties), without
 * `null` in types: a key left out of the profile is "not configured".
 */
function jamfNode(raw: SchemaNode): Record<string, unknown> {
  const node = resolveRef(raw);
  const out: Record<string, unknown> = {};
  const types = node.type === undefined ? [] : (typeof node.type === 'string' ? [node.type] : [...node.type]).filter((type) => type !== 'null');
  const inferred = types[0] ?? (node.enum?.every((value) => typeof value === 'string') ? 'string' : undefined);
  if (inferred !== undefined) out['type'] = inferred === 'number' ? 'number' : inferred;
  if (node.description !== undefined) out['description'] = node.description;
  if (node.enum !== undefined) out['enum'] = node.enum.filter((value) => value !== null);
  if (node.minimum !== undefined) out['minimum'] = node.minimum;
  if (node.maximum !== undefined) out['maximum'] = node.maximum;
  if (node.items !== undefined) out['items'] = jamfNode(node.items);
  if (node.properties !== undefined) out['properties'] = Object.fromEntries(Object.entries(node.properties).map(([key, child]) => [key, jamfNode(child)]));
  if (node.required !== undefined) out['required'] = node.required;
  return out;
}

const JAMF_TYPES: Readonly<Record<PolicyKey['kind'], string>> = {
  boolean: 'boolean',
  integer: 'integer',
  string: 'string',
  enum: 'string',
  list: 'array',
  object: 'object',
};

function renderJamfManifest(policies: readonly PolicyKey[]): string {
  const properties: Record<string, unknown> = {};
  policies.forEach((policy, index) => {
    const node = settingNode(policy);
    const property: Record<string, unknown> = {
      title: titleOf(policy),
      description: `${describe(policy)} (setting ${policy.key})`,
      property_order: (index + 1) * 5,
      type: JAMF_TYPES[policy.kind],
    };
    if (policy.kind === 'enum') property['enum'] = [...policy.values];
    if (policy.minimum !== null) property['minimum'] = policy.minimum;
    if (policy.maximum !== null) property['maximum'] = policy.maximum;
    if (policy.kind === 'list') property['items'] = node.items === undefined ? {} : jamfNode(node.items);
    if (policy.kind === 'object' && node.properties !== undefined) property['properties'] = jamfNode(node)['properties'];
    if (hasDefault(policy)) property['default'] = policy.default;
    properties[policy.name] = property;
  });
  const manifest = {
    title: `Outage Radar (${MACOS_DOMAIN})`,
    description:
      'Managed settings for Outage Radar. Every key you configure is locked in the app ("Managed by your organization"); keys you leave out stay the user\'s choice. Check a Mac with `outage-radar policy`.',
    properties,
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------
// Linux: the key list beside the sample

function renderLinuxReadme(policies: readonly PolicyKey[]): string {
  const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const rows = policies.map((policy) => {
    const type = `${KIND_WORDS[policy.kind]}${rangeWords(policy)}${policy.kind === 'enum' ? ` (${policy.values.join(', ')})` : ''}${policy.nullable ? ', or null' : ''}`;
    const initial = policy.default === undefined ? '' : `\`${JSON.stringify(policy.default)}\``;
    return `| \`${policy.name}\` | \`${policy.key}\` | ${cell(type)} | ${cell(initial)} |`;
  });
  return [
    '<!-- Generated by scripts/gen-admin-templates.mjs from schema/config.schema.json. Do not edit. -->',
    '# Outage Radar policies on Linux',
    '',
    'Copy `policy.json` to `/etc/outage-radar/policy.json` (mandatory: each key is locked in the app) or to',
    '`/etc/outage-radar/recommended.json` (defaults the user may change), owned by root and mode 0644.',
    'Keys are the policy names below; values are JSON (a list is an array, never a string).',
    'Check the result with `outage-radar policy` and a file before deploying it with `outage-radar policy --file FILE`.',
    '',
    '| Policy | Setting | Value | Default |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
