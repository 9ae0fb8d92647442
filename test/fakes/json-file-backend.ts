import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SettingsBackend } from '../../main/shell/settings-store.js';

/**
 * What electron-store does with the file, minus Electron: read `<dir>/<name>.json` (throwing on
 * invalid JSON, like electron-store with `clearInvalidConfig: false`) and write it whole.
 */
export async function openJsonFileBackend(dir: string, name: string): Promise<SettingsBackend> {
  const path = join(dir, `${name}.json`);
  const load = (): Record<string, unknown> => {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      return {};
    }
    return JSON.parse(text) as Record<string, unknown>;
  };
  load();
  return {
    read: load,
    write: (value) => {
      mkdirSync(dir, { recursive: true });
      writeFileSync(path, JSON.stringify(value, null, '\t'));
    },
  };
}
