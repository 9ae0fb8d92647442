/**
 * The README's settings table, generated from `schema/config.schema.json`: one row per key (and
 * per field of a group), with whether the window can change it, its default and its meaning.
 * `test/unit/core/settings-agreement.test.ts` checks README.md holds exactly this table.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cli.js';

/** The heading the README's settings table sits under. */
export const SETTINGS_TABLE_HEADING = '### Every setting';

interface Node {
  readonly description?: string;
  readonly default?: unknown;
  readonly properties?: Readonly<Record<string, Node>>;
  readonly 'x-window'?: boolean;
}

export function settingsSchema(): { readonly properties: Readonly<Record<string, Node>> } {
  return JSON.parse(readFileSync(join(ROOT, 'schema', 'config.schema.json'), 'utf8')) as { properties: Record<string, Node> };
}

/** Every key path the table must list: top-level keys and the fields of inline groups. */
export function settingKeyPaths(): string[] {
  const out: string[] = [];
  for (const [key, node] of Object.entries(settingsSchema().properties)) {
    if (key === '$schema') continue;
    out.push(key);
    for (const field of Object.keys(node.properties ?? {})) out.push(`${key}.${field}`);
  }
  return out;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The table in Markdown. */
export function settingsTable(): string {
  const rows = ['| key | in the window | default | meaning |', '|---|---|---|---|'];
  for (const [key, node] of Object.entries(settingsSchema().properties)) {
    if (key === '$schema') continue;
    const window = node['x-window'] === true ? 'yes' : 'no';
    rows.push(`| \`${key}\` | ${window} | ${node.default === undefined ? '' : `\`${JSON.stringify(node.default)}\``} | ${cell(node.description ?? '')} |`);
    for (const [field, sub] of Object.entries(node.properties ?? {})) {
      rows.push(`| \`${key}.${field}\` | ${window} | ${sub.default === undefined ? '' : `\`${JSON.stringify(sub.default)}\``} | ${cell(sub.description ?? '')} |`);
    }
  }
  return rows.join('\n');
}
