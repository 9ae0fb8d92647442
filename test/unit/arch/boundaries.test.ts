/**
 * The layering rules of main/README.md and DESIGN.md, checked on the sources (there is no lint
 * step): who may import Electron, electron-store and Node's I/O modules, what the renderer may
 * take from main, and that the shipped preload is one file requiring nothing but `electron`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');

interface ImportRef {
  readonly file: string;
  readonly specifier: string;
  /** `import type` / `export type`: erased at compile time, never loaded. */
  readonly typeOnly: boolean;
}

function listSources(folder: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|mts|cts|js|mjs)$/.test(entry.name)) out.push(full);
    }
  };
  walk(join(ROOT, folder));
  return out;
}

/** Removes comments (keeping strings intact), so import-like prose in JSDoc is not read as code. */
export function stripComments(source: string): string {
  let out = '';
  let quote: string | null = null;
  for (let i = 0; i < source.length; i++) {
    const char = source[i] as string;
    const next = source[i + 1];
    if (quote !== null) {
      out += char;
      if (char === '\\') out += source[++i] ?? '';
      else if (char === quote) quote = null;
      continue;
    }
    if (char === '/' && next === '/') {
      while (i < source.length && source[i] !== '\n') i++;
      out += '\n';
      continue;
    }
    if (char === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      const skipped = source.slice(i, end === -1 ? source.length : end + 2);
      out += skipped.replace(/[^\n]/g, ' ');
      i = end === -1 ? source.length : end + 1;
      continue;
    }
    if (char === '"' || char === "'" || char === '`') quote = char;
    out += char;
  }
  return out;
}

function importsOf(file: string): ImportRef[] {
  const code = stripComments(readFileSync(file, 'utf8'));
  const refs: ImportRef[] = [];
  const statement = /(^|[;\n}])\s*(import|export)\s+(type\s+)?([^'"`;]*?\s+from\s+)?(['"])([^'"]+)\5/g;
  for (const match of code.matchAll(statement)) {
    const isExportWithoutFrom = match[2] === 'export' && match[4] === undefined;
    if (isExportWithoutFrom) continue;
    refs.push({ file, specifier: match[6] as string, typeOnly: match[3] !== undefined });
  }
  for (const match of code.matchAll(/\b(?:import|require)\s*\(\s*(['"`])([^'"`]+)\1\s*\)/g)) {
    refs.push({ file, specifier: match[2] as string, typeOnly: false });
  }
  return refs;
}

const rel = (file: string): string => relative(ROOT, file).split(sep).join('/');
const describeRef = (ref: ImportRef): string => `${rel(ref.file)} imports '${ref.specifier}'${ref.typeOnly ? ' (type only)' : ''}`;

const BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
const isBuiltin = (specifier: string): boolean => BUILTINS.has(specifier) || specifier.startsWith('node:');
const isElectron = (specifier: string): boolean => specifier === 'electron' || specifier.startsWith('electron/');
const isRelative = (specifier: string): boolean => specifier.startsWith('.');

/** The repository-relative file or folder a relative import points at. */
const target = (ref: ImportRef): string => rel(resolve(dirname(ref.file), ref.specifier));

const SOURCES = ['main', 'renderer', 'preload'].flatMap(listSources);
const ALL_IMPORTS = SOURCES.flatMap(importsOf);
const runtime = ALL_IMPORTS.filter((ref) => !ref.typeOnly);
const inFolder = (folder: string) => (ref: ImportRef): boolean => rel(ref.file).startsWith(`${folder}/`);

describe('import boundaries', () => {
  it('finds the sources it checks (a scan that reads nothing proves nothing)', () => {
    expect(SOURCES.length).toBeGreaterThan(20);
    expect(ALL_IMPORTS.some((ref) => ref.specifier === 'electron')).toBe(true);
  });

  it('loads electron at runtime only from main/shell/electron-deps.ts and preload/index.ts', () => {
    const allowed = new Set(['main/shell/electron-deps.ts', 'preload/index.ts']);
    const offenders = runtime.filter((ref) => isElectron(ref.specifier) && !allowed.has(rel(ref.file)));
    expect(offenders.map(describeRef)).toEqual([]);
  });

  it('loads electron-store only from main/shell/settings-store.ts', () => {
    const offenders = ALL_IMPORTS.filter((ref) => ref.specifier === 'electron-store' && rel(ref.file) !== 'main/shell/settings-store.ts');
    expect(offenders.map(describeRef)).toEqual([]);
  });

  it('keeps main/core pure: no Node built-ins, no Electron, only core modules and pure libraries', () => {
    // jsonc-parser: only its scanner/tree, to put a line and column on JSON errors (main/core/json-position.ts).
    // htmlparser2 reads XML feeds in pure JS (no I/O, no entity expansion from a DTD);
    // intl-messageformat formats the message catalogs (pure JS over Intl).
    const pureLibraries = [/^ajv(\/|$)/, /^jsonc-parser$/, /^htmlparser2$/, /^intl-messageformat$/, /^@formatjs\/icu-messageformat-parser$/];
    // JSON Schemas are data; the core compiles them.
    const isSchemaData = (path: string): boolean => path.startsWith('schema/') && path.endsWith('.json');
    const offenders = runtime.filter(inFolder('main/core')).filter((ref) => {
      if (isRelative(ref.specifier)) return !target(ref).startsWith('main/core/') && !isSchemaData(target(ref));
      return isBuiltin(ref.specifier) || !pureLibraries.some((pattern) => pattern.test(ref.specifier));
    });
    expect(offenders.map(describeRef)).toEqual([]);
  });

  it('keeps main/node and main/cli free of Electron and of the shell', () => {
    const offenders = ALL_IMPORTS.filter((ref) => inFolder('main/node')(ref) || inFolder('main/cli')(ref)).filter(
      (ref) => isElectron(ref.specifier) || ref.specifier === 'electron-store' || (isRelative(ref.specifier) && target(ref).startsWith('main/shell/')),
    );
    expect(offenders.map(describeRef)).toEqual([]);
  });

  it('lets main/node import only core and node, and main/shell only core, node and shell', () => {
    const layers: Record<string, readonly string[]> = {
      'main/node': ['main/core/', 'main/node/'],
      'main/shell': ['main/core/', 'main/node/', 'main/shell/'],
    };
    // The installed app's one executable also runs the CLI (`outage-radar check`): that one
    // module hands its arguments to the CLI's entry, and nothing else in the shell may.
    const headless = (ref: (typeof runtime)[number]): boolean => rel(ref.file) === 'main/shell/headless-cli.ts' && target(ref) === 'main/cli/main.js';
    const offenders = Object.entries(layers).flatMap(([folder, allowed]) =>
      runtime.filter(inFolder(folder)).filter((ref) => isRelative(ref.specifier) && !allowed.some((prefix) => target(ref).startsWith(prefix)) && !headless(ref)),
    );
    expect(offenders.map(describeRef)).toEqual([]);
  });

  /**
   * Runtime values the renderer shares with main. The rule is "types only"; these leaf modules
   * (constants and `assertNever`/labels, and the display boundary that every displayed text passes,
   * no imports of their own) are tolerated until the lead decides whether to move them, and the
   * next test keeps them leaves so that nothing else can ride into the renderer bundle through them.
   */
  const RENDERER_SHARED_RUNTIME = new Set(['main/core/contract.js', 'main/core/health.js', 'main/core/words/display-text.js']);
  /**
   * The message catalogs and their translator: the window words itself with the same catalogs as
   * main (issue 15). These modules may import only each other, their JSON catalogs and
   * intl-messageformat (next test but one), so nothing else rides in with them.
   */
  const RENDERER_SHARED_I18N = new Set(['main/core/i18n/translate.js', 'main/core/i18n/languages.js', 'main/core/i18n/dates.js']);

  it('lets the renderer take nothing from main but types (and the shared leaves), and no Node or Electron at all', () => {
    const offenders = ALL_IMPORTS.filter(inFolder('renderer')).filter((ref) => {
      if (isElectron(ref.specifier) || isBuiltin(ref.specifier)) return true;
      if (!isRelative(ref.specifier) || ref.typeOnly || target(ref).startsWith('renderer/')) return false;
      return !RENDERER_SHARED_RUNTIME.has(target(ref)) && !RENDERER_SHARED_I18N.has(target(ref));
    });
    expect(offenders.map(describeRef)).toEqual([]);
  });

  it('keeps the catalogs the renderer shares to their own folder, their JSON and intl-messageformat', () => {
    const offenders = runtime
      .filter((ref) => RENDERER_SHARED_I18N.has(rel(ref.file).replace(/\.ts$/, '.js')))
      .filter((ref) => (isRelative(ref.specifier) ? !RENDERER_SHARED_I18N.has(target(ref)) && !/^main\/core\/i18n\/catalogs\/[a-z]+\.json$/.test(target(ref)) : ref.specifier !== 'intl-messageformat'));
    expect(offenders.map(describeRef)).toEqual([]);
  });

  it('keeps the modules the renderer shares free of runtime imports', () => {
    const offenders = runtime.filter((ref) => RENDERER_SHARED_RUNTIME.has(rel(ref.file).replace(/\.ts$/, '.js')));
    expect(offenders.map(describeRef)).toEqual([]);
  });

  it('lets the preload take only electron and the contract', () => {
    const offenders = runtime.filter(inFolder('preload')).filter((ref) => {
      if (isRelative(ref.specifier)) return !(target(ref).startsWith('preload/') || target(ref) === 'main/core/contract.js');
      return !isElectron(ref.specifier);
    });
    expect(offenders.map(describeRef)).toEqual([]);
  });

  it('never sets nodeIntegration, contextIsolation, sandbox or webSecurity, so the secure defaults hold', () => {
    const offenders = [...listSources('main/shell'), ...listSources('preload')].filter((file) =>
      /\b(nodeIntegration|nodeIntegrationInWorker|nodeIntegrationInSubFrames|contextIsolation|sandbox|webSecurity|allowRunningInsecureContent)\s*:/.test(
        stripComments(readFileSync(file, 'utf8')),
      ),
    );
    expect(offenders.map(rel)).toEqual([]);
  });
});

describe('built bundles', () => {
  const requiresIn = (code: string): string[] => [...code.matchAll(/\brequire\s*\(([^)]*)\)/g)].map((match) => (match[1] ?? '').trim());

  it('ships the preload as ONE CommonJS file whose only require is require("electron")', () => {
    const path = join(ROOT, 'out', 'preload', 'preload.cjs');
    expect(existsSync(path), `${rel(path)} is built by scripts/build.mjs (vitest global setup)`).toBe(true);
    const code = readFileSync(path, 'utf8');
    const requires = requiresIn(code);
    expect(requires.length).toBeGreaterThan(0);
    expect(requires.filter((argument) => argument !== '"electron"' && argument !== "'electron'")).toEqual([]);
    expect(code).not.toMatch(/\bimport\s*\(/);
    expect(code).not.toMatch(/^\s*import\s/m);
  });

  it('leaves only electron, electron-store and Node built-ins outside the main bundle', () => {
    const path = join(ROOT, 'out', 'main', 'main.js');
    if (!existsSync(path)) {
      console.warn(`skipped: ${rel(path)} is not built (main/shell/main.ts missing)`);
      return;
    }
    const code = readFileSync(path, 'utf8');
    // What esbuild leaves external shows up as top-level imports, `__require("x")` inside bundled
    // CommonJS (through the createRequire banner) and dynamic `import("x")`. Plain `require(...)`
    // text also occurs inside bundled libraries' strings and comments, so it is not a signal.
    const specifiers = [
      ...[...code.matchAll(/^import\s+(?:[^;'"]*?\s+from\s+)?["']([^"']+)["']/gm)].map((match) => match[1] as string),
      ...[...code.matchAll(/\b__require\(\s*"([^"]+)"\s*\)/g)].map((match) => match[1] as string),
      ...[...code.matchAll(/\bimport\(\s*"([^"]+)"\s*\)/g)].map((match) => match[1] as string),
    ];
    expect(specifiers).toContain('electron');
    const outside = specifiers.filter((specifier) => !isBuiltin(specifier) && !isElectron(specifier) && specifier !== 'electron-store');
    expect([...new Set(outside)]).toEqual([]);
  });
});
