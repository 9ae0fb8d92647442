/**
 * Every policy Outage Radar reads, derived from the one settings schema and never listed by hand:
 * a policy's name is its setting's key path in PascalCase, segments joined (`pollIntervalSeconds`
 * → `PollIntervalSeconds`, `network.proxy` → `NetworkProxy`, `helpdesk.ticketUrl` →
 * `HelpdeskTicketUrl`). A group with fixed fields (`notifications`, `helpdesk`, `connectivity`)
 * is one policy per field; a list or a free-form object is one policy holding the whole value.
 * The admin templates, the policy readers and `outage-radar policy` all use this list, so a new
 * setting cannot be forgotten in one of them.
 */
import schema from '../../../schema/config.schema.json' with { type: 'json' };

/** The value's shape, as the registry, plists and the templates need it. */
export type PolicyValueKind = 'boolean' | 'integer' | 'string' | 'enum' | 'list' | 'object';

export interface PolicyKey {
  /** `HelpdeskTicketUrl`. */
  readonly name: string;
  /** `['helpdesk', 'ticketUrl']`. */
  readonly path: readonly string[];
  /** `helpdesk.ticketUrl`. */
  readonly key: string;
  readonly kind: PolicyValueKind;
  /** The value may be null (`orgFeedUrl`, `helpdesk.ticketUrl`). */
  readonly nullable: boolean;
  /** For `enum`: the allowed words. */
  readonly values: readonly string[];
  /** For `integer`: the bounds. */
  readonly minimum: number | null;
  readonly maximum: number | null;
  /** For `list`: whether every item is a string (REG_MULTI_SZ is then accepted too). */
  readonly listOfStrings: boolean;
  readonly description: string;
  readonly default: unknown;
}

interface Node {
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly properties?: Readonly<Record<string, Node>>;
  readonly items?: Node;
  readonly description?: string;
  readonly default?: unknown;
  readonly minimum?: number;
  readonly maximum?: number;
}

const DEFS = (schema as unknown as { $defs: Readonly<Record<string, Node>> }).$defs;
const ROOT = (schema as unknown as { properties: Readonly<Record<string, Node>> }).properties;

/** Keys that describe the file, not a setting. */
const NOT_SETTINGS: ReadonlySet<string> = new Set(['$schema', 'version']);

function resolve(node: Node): Node {
  if (node.$ref === undefined) return node;
  const name = node.$ref.replace('#/$defs/', '');
  const target = DEFS[name];
  if (target === undefined) throw new Error(`schema: unknown $ref ${node.$ref}`);
  // The referring node's own words (description, default) win over the definition's.
  return { ...resolve(target), ...Object.fromEntries(Object.entries(node).filter(([k]) => k !== '$ref')) };
}

const types = (node: Node): readonly string[] => (node.type === undefined ? [] : typeof node.type === 'string' ? [node.type] : node.type);

function kindOf(node: Node): PolicyValueKind {
  if (node.enum !== undefined) return 'enum';
  const t = types(node).filter((x) => x !== 'null');
  if (t.includes('array')) return 'list';
  if (t.includes('object')) return 'object';
  if (t.includes('boolean')) return 'boolean';
  if (t.includes('integer') || t.includes('number')) return 'integer';
  return 'string';
}

/** `['helpdesk', 'ticketUrl']` → `HelpdeskTicketUrl`. */
export function policyNameOf(path: readonly string[]): string {
  return path.map((segment) => `${segment.charAt(0).toUpperCase()}${segment.slice(1)}`).join('');
}

/** Items that are words from a list (`report.include`) are strings too, for REG_MULTI_SZ. */
const isStringEnum = (node: Node): boolean => node.enum !== undefined && node.enum.every((v) => typeof v === 'string');

function collect(path: readonly string[], raw: Node, out: PolicyKey[]): void {
  const node = resolve(raw);
  if (node.properties !== undefined && types(node).includes('object')) {
    for (const [field, child] of Object.entries(node.properties)) collect([...path, field], child, out);
    return;
  }
  const items = node.items === undefined ? null : resolve(node.items);
  out.push({
    name: policyNameOf(path),
    path,
    key: path.join('.'),
    kind: kindOf(node),
    nullable: types(node).includes('null'),
    values: (node.enum ?? []).filter((v): v is string => typeof v === 'string'),
    minimum: node.minimum ?? null,
    maximum: node.maximum ?? null,
    listOfStrings: items !== null && items.properties === undefined && (types(items).includes('string') || isStringEnum(items)),
    description: node.description ?? raw.description ?? '',
    default: node.default,
  });
}

function derive(): readonly PolicyKey[] {
  const out: PolicyKey[] = [];
  for (const [key, node] of Object.entries(ROOT)) if (!NOT_SETTINGS.has(key)) collect([key], node, out);
  return out;
}

/** Every policy, in schema order. */
export const POLICY_KEYS: readonly PolicyKey[] = derive();

const BY_NAME: ReadonlyMap<string, PolicyKey> = new Map(POLICY_KEYS.map((p) => [p.name.toLowerCase(), p]));

/**
 * The policy of this name, or null for a name no setting has (an error the admin must see).
 * Registry value names are case-insensitive, so the lookup is too.
 */
export function policyByName(name: string): PolicyKey | null {
  return BY_NAME.get(name.toLowerCase()) ?? null;
}
