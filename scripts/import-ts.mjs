// Imports a TypeScript module from a plain-Node script: esbuild bundles it into one temporary
// ES module (CommonJS dependencies get a `require`), which is imported and then removed.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The module at `entry` (a .ts path), bundled for this Node. */
export async function importTypeScript(entry) {
  const scratch = mkdtempSync(join(tmpdir(), 'outage-radar-script-'));
  try {
    const bundle = join(scratch, 'module.mjs');
    await build({
      entryPoints: [entry],
      outfile: bundle,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'warning',
      banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    });
    return await import(pathToFileURL(bundle).href);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
