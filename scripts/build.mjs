// Builds every runnable artefact with esbuild (typechecking is `npm run typecheck`):
//   out/cli/outage-radar.js   the CLI, one self-contained ESM file (fast start, small RSS)
//   out/bench/bench.js        `npm run bench`
//   out/main/main.js          Electron main process (electron and electron-store stay external)
//   out/preload/preload.cjs   the sandboxed preload: ONE CommonJS file that requires only electron
//   out/renderer/             the window UI: index.html, app.js, app.css
import { build } from 'esbuild';
import { chmod, copyFile, mkdir, rename, rm } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'out');
const at = (...parts) => join(root, ...parts);
// Built beside out/ and swapped in at the end, so a build never leaves out/ half-written or
// missing for a CLI run or test that reads it at the same moment.
const staging = join(root, `.out-build-${process.pid}`);
const staged = (path) => join(staging, path);

// CommonJS dependencies bundled into ESM need a real `require` for Node built-ins.
const esmRequireShim = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

const nodeBundle = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  // jsonc-parser's default entry is a UMD wrapper whose inner require() esbuild cannot follow;
  // its ESM build bundles cleanly.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
};

await rm(staging, { recursive: true, force: true });

const jobs = [
  // Split so that the entry stays tiny (it enables the compile cache before the rest loads) and the
  // human-readable formatter loads only when a person reads the output.
  build({
    ...nodeBundle,
    entryPoints: { 'outage-radar': at('main/cli/bin.ts') },
    outdir: staged('cli'),
    splitting: true,
    minify: true,
    chunkNames: 'chunks/[name]-[hash]',
    banner: { js: `#!/usr/bin/env node\n${esmRequireShim}` },
  }),
  build({
    ...nodeBundle,
    entryPoints: [at('scripts/bench.ts')],
    outfile: staged('bench/bench.js'),
    banner: { js: esmRequireShim },
  }),
];

if (existsSync(at('main/shell/main.ts'))) {
  jobs.push(
    build({
      ...nodeBundle,
      target: 'node22',
      entryPoints: [at('main/shell/main.ts')],
      outfile: staged('main/main.js'),
      external: ['electron', 'electron-store'],
      banner: { js: esmRequireShim },
    }),
  );
}
if (existsSync(at('preload/index.ts'))) {
  jobs.push(
    build({
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node22',
      entryPoints: [at('preload/index.ts')],
      outfile: staged('preload/preload.cjs'),
      external: ['electron'],
      logLevel: 'warning',
    }),
  );
}
/**
 * The window bundles only the catalog keys it reads (renderer/catalog-keys.json): the CLI's, the
 * advice's and the knowledge base's words reach the window already translated by main.
 */
const windowCatalogs = {
  name: 'window-catalogs',
  setup(b) {
    b.onLoad({ filter: /main[\\/]core[\\/]i18n[\\/]catalogs[\\/][a-z]+\.json$/ }, ({ path }) => {
      const { prefixes } = JSON.parse(readFileSync(at('renderer/catalog-keys.json'), 'utf8'));
      const catalog = JSON.parse(readFileSync(path, 'utf8'));
      const kept = Object.fromEntries(Object.entries(catalog).filter(([key]) => prefixes.some((prefix) => key.startsWith(prefix))));
      return { contents: JSON.stringify(kept), loader: 'json' };
    });
  },
};

if (existsSync(at('renderer/main.ts'))) {
  jobs.push(
    (async () => {
      await build({
        bundle: true,
        platform: 'browser',
        format: 'esm',
        target: 'chrome120',
        minify: true,
        legalComments: 'none',
        entryPoints: [at('renderer/main.ts')],
        outfile: staged('renderer/app.js'),
        logLevel: 'warning',
        plugins: [windowCatalogs],
      });
      await mkdir(staged('renderer'), { recursive: true });
      await copyFile(at('renderer/index.html'), staged('renderer/index.html'));
      if (existsSync(at('renderer/styles.css'))) await copyFile(at('renderer/styles.css'), staged('renderer/styles.css'));
    })(),
  );
}

await Promise.all(jobs);
await chmod(staged('cli/outage-radar.js'), 0o755);

const retired = join(root, `.out-old-${process.pid}`);
if (existsSync(out)) await rename(out, retired);
await rename(staging, out);
await rm(retired, { recursive: true, force: true });
