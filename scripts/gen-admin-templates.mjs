// Writes the admin templates (ADMX/ADML, .mobileconfig, Jamf manifest, Linux sample) into
// policies/ from the settings schema. Run after changing schema/config.schema.json:
//   npm run gen:policies            (node scripts/gen-admin-templates.mjs [--out DIR])
// test/unit/core/admin-templates.test.ts fails while the committed files differ.
// The rendering is TypeScript (scripts/gen-admin-templates.ts, shared with the test); esbuild
// bundles it into one temporary module so that plain Node can run it.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outFlag = process.argv.indexOf('--out');
const outDir = outFlag > 0 ? process.argv[outFlag + 1] : root;

const scratch = mkdtempSync(join(tmpdir(), 'outage-radar-templates-'));
try {
  const bundle = join(scratch, 'render.mjs');
  await build({
    entryPoints: [join(root, 'scripts', 'gen-admin-templates.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  });
  const { renderAdminTemplates } = await import(pathToFileURL(bundle).href);
  for (const [path, text] of renderAdminTemplates()) {
    const target = join(outDir, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
    console.log(`wrote ${path}`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
