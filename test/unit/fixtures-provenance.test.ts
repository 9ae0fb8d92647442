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
    expect(ours).toEqual(shared);
    for (const file of ours) {
      expect(readFileSync(join(FIXTURES_DIR, file)).equals(readFileSync(join(SHARED, file))), file).toBe(true);
    }
  });
});
