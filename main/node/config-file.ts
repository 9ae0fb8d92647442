/**
 * Reads the configuration file and the files it points to. Every problem becomes one sentence
 * naming the file, the key and what was expected, for the CLI's exit 64.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseConfigText, type AppConfig } from '../core/config.js';

export type LoadedConfig =
  | { readonly ok: true; readonly config: AppConfig; readonly path: string | null; readonly extraCaPem: string | null }
  | { readonly ok: false; readonly message: string };

const MAX_CONFIG_BYTES = 1024 * 1024;

export async function loadConfigFile(path: string | null): Promise<LoadedConfig> {
  if (path === null) return { ok: true, config: {}, path: null, extraCaPem: null };
  let text: string;
  try {
    const bytes = await readFile(path);
    if (bytes.length > MAX_CONFIG_BYTES) return { ok: false, message: `${path}: larger than 1 MiB; is this the right file?` };
    text = bytes.toString('utf8');
  } catch (error) {
    return { ok: false, message: `${path}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
  const checked = parseConfigText(text);
  if (!checked.ok) return { ok: false, message: checked.problems.map((p) => `${path}: ${p}`).join('\n') };
  const caFile = checked.config.network?.caFile;
  let extraCaPem: string | null = null;
  if (caFile !== undefined) {
    const caPath = resolve(dirname(path), caFile);
    try {
      extraCaPem = await readFile(caPath, 'utf8');
    } catch (error) {
      return { ok: false, message: `${path}: network.caFile: cannot read ${caPath} (${(error as NodeJS.ErrnoException).code ?? 'error'}); expected a PEM file` };
    }
    if (!extraCaPem.includes('-----BEGIN CERTIFICATE-----')) {
      return { ok: false, message: `${path}: network.caFile: ${caPath} holds no PEM certificate; expected "-----BEGIN CERTIFICATE-----" blocks` };
    }
  }
  return { ok: true, config: checked.config, path, extraCaPem };
}
