import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES_DIR, listFixtures } from '../helpers/fixtures.js';
import { ROOT } from '../helpers/cli.js';

// The recorded payloads are vendored so a clean clone tests the same bytes; this proves they are
// still byte-identical to the shared originals whenever those sit beside the checkout.
const SHARED = join(ROOT, '..', 'shared', 'fixtures');
const present = existsSync(SHARED);
if (!present) console.warn(`skipping fixture provenance check: ${SHARED} is not beside this checkout`);

describe.skipIf(!present)('vendored fixtures', () => {
  it('are byte-identical copies of ../shared/fixtures, file for file', () => {
    const shared = readdirSync(SHARED, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => relative(SHARED, join(entry.parentPath, entry.name)))
      .sort();
    const ours = listFixtures('.');
    expect(ours.filter((file) => shared.includes(file))).toEqual(shared);
    for (const file of shared) {
      expect(readFileSync(join(FIXTURES_DIR, file)).equals(readFileSync(join(SHARED, file))), file).toBe(true);
    }
  });

  it('every file found for this project alone (not in ../shared/fixtures) has its provenance in PROJECT-SOURCES.md', () => {
    const shared = new Set(readdirSync(SHARED, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => relative(SHARED, join(e.parentPath, e.name))));
    const sources = readFileSync(join(FIXTURES_DIR, 'PROJECT-SOURCES.md'), 'utf8');
    const own = listFixtures('.').filter((file) => !shared.has(file) && file !== 'PROJECT-SOURCES.md');
    expect(own.length).toBeGreaterThan(0);
    for (const file of own) expect(sources, file).toContain(`| ${file} |`);
  });
});
