// Copies the English words of the reviewed data files (main/core/words/advice-words.json and
// main/core/knowledge/knowledge-base.json) into main/core/i18n/catalogs/en.json, replacing the
// `advice.*` and `kb.*` entries and keeping the hand-written ones. Run after changing either file:
//   node scripts/gen-catalog.mjs
// test/unit/core/i18n-catalogs.test.ts fails while en.json and the data files disagree.
// The flattening is TypeScript (main/core/i18n/data-words.ts, shared with the test).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importTypeScript } from './import-ts.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const catalog = join(root, 'main', 'core', 'i18n', 'catalogs', 'en.json');
const { dataWordEntries, DATA_KEY_PREFIXES } = await importTypeScript(join(root, 'main', 'core', 'i18n', 'data-words.ts'));
const current = JSON.parse(readFileSync(catalog, 'utf8'));
const handWritten = Object.fromEntries(Object.entries(current).filter(([key]) => !DATA_KEY_PREFIXES.some((p) => key.startsWith(p))));
writeFileSync(catalog, `${JSON.stringify({ ...handWritten, ...dataWordEntries() }, null, 2)}\n`);
console.log(`wrote ${catalog}`);
