// Writes the admin templates (ADMX/ADML, .mobileconfig, Jamf manifest, Linux sample) into
// policies/ from the settings schema. Run after changing schema/config.schema.json:
//   npm run gen:policies            (node scripts/gen-admin-templates.mjs [--out DIR])
// test/unit/core/admin-templates.test.ts fails while the committed files differ.
// The rendering is TypeScript (scripts/gen-admin-templates.ts, shared with the test).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importTypeScript } from './import-ts.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outFlag = process.argv.indexOf('--out');
const outDir = outFlag > 0 ? process.argv[outFlag + 1] : root;

const { renderAdminTemplates } = await importTypeScript(join(root, 'scripts', 'gen-admin-templates.ts'));
for (const [path, text] of renderAdminTemplates()) {
  const target = join(outDir, path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text);
  console.log(`wrote ${path}`);
}
