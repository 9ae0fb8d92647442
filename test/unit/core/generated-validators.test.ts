import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/cli.js';

describe('precompiled schema validators', () => {
  it('match the schemas they were generated from (run `node scripts/gen-validators.mjs` after editing a schema)', () => {
    const out = mkdtempSync(join(tmpdir(), 'validators-'));
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'gen-validators.mjs'), '--out', out]);
    const committed = join(ROOT, 'main', 'core', 'generated');
    const files = readdirSync(out).sort();
    expect(readdirSync(committed).sort()).toEqual(files);
    for (const file of files) expect(readFileSync(join(committed, file), 'utf8'), file).toBe(readFileSync(join(out, file), 'utf8'));
  });
});
