/**
 * `--version` and `--help` are what a person or an installer runs first; they must answer at once,
 * without loading the HTTP stack or the engine, and the help must list every command.
 */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../main/cli/usage.js';
import { CLI, ROOT, runCli } from '../helpers/cli.js';

interface Footprint {
  readonly code: number | null;
  readonly stdout: string;
  readonly builtins: string[];
  /** The files of the built CLI that were loaded. */
  readonly files: string[];
}

/** Runs the CLI with a preload that records every built-in and every ES module file it loaded. */
async function footprintOf(args: readonly string[]): Promise<Footprint> {
  const dir = mkdtempSync(join(tmpdir(), 'outage-radar-help-'));
  const hook = join(dir, 'record.mjs');
  const list = join(dir, 'loaded.json');
  writeFileSync(
    hook,
    [
      "import { registerHooks } from 'node:module';",
      "import { writeFileSync } from 'node:fs';",
      'const files = [];',
      'registerHooks({ load(url, context, next) { files.push(url); return next(url, context); } });',
      `process.on('exit', () => writeFileSync(${JSON.stringify(list)}, JSON.stringify({ builtins: process.moduleLoadList, files })));`,
      '',
    ].join('\n'),
  );
  const run = await runCli(args, { env: { NODE_OPTIONS: `--import=${hook}` } });
  const loaded = JSON.parse(readFileSync(list, 'utf8')) as { builtins: string[]; files: string[] };
  const cliDir = join(ROOT, 'out', 'cli');
  return {
    code: run.code,
    stdout: run.stdout,
    builtins: loaded.builtins.filter((e) => e.startsWith('NativeModule ')).map((e) => e.slice('NativeModule '.length)),
    files: loaded.files.filter((url) => url.startsWith('file:')).map((url) => fileURLToPath(url)).filter((path) => path.startsWith(cliDir)),
  };
}

describe('outage-radar --version and --help', () => {
  for (const args of [['--version'], ['--help'], ['-h'], ['help']]) {
    it(`${args.join(' ')} answers without loading the engine or the HTTP stack`, async () => {
      const { code, stdout, builtins, files } = await footprintOf(args);
      expect(code).toBe(0);
      expect(stdout).toMatch(args[0] === '--version' ? /^\d+\.\d+\.\d+\n$/ : /^Usage:/);
      // undici pulls these in; the engine, probes and formatter are the main/ladder/format chunks.
      for (const heavy of ['tls', 'http', 'http2', 'zlib', 'dns', 'internal/deps/undici/undici']) expect(builtins).not.toContain(heavy);
      expect(files).toContain(CLI);
      expect(files.map((f) => basename(f)).filter((name) => /^(main|format|ladder-runner)-/.test(name))).toEqual([]);
      const bytes = files.reduce((sum, file) => sum + statSync(file).size, 0);
      expect(bytes).toBeLessThan(20_000);
    });
  }

  it('gives every command a usage line that starts with "outage-radar <command>"', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    for (const command of COMMANDS) expect(run.stdout).toMatch(new RegExp(`^  outage-radar ${command}\\b`, 'm'));
    expect(run.stdout).toMatch(/^  outage-radar --version\b/m);
  });

  it('a bare call shows the usage on stderr and exits 64', async () => {
    const run = await runCli([]);
    expect(run.code).toBe(64);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^Usage:/);
  });
});
