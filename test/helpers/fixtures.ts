import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Byte-exact copies of `../shared/fixtures` (recorded real payloads). They are vendored so that a
 * clean clone tests the same bytes; `test/unit/fixtures-provenance.test.ts` proves they match the
 * shared originals whenever those sit beside the checkout.
 */
export const FIXTURES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'recorded');

export function fixturePath(name: string): string {
  return join(FIXTURES_DIR, name);
}

export function readFixture(name: string): string {
  return readFileSync(fixturePath(name), 'utf8');
}

/** Every fixture file under a folder, relative to the fixtures root. */
export function listFixtures(folder: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(relative(FIXTURES_DIR, full));
    }
  };
  walk(join(FIXTURES_DIR, folder));
  return out.sort();
}
