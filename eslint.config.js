// Lint is part of `npm test`. Two kinds of rule live here:
// - type-aware checks that catch what tsc does not: promises nobody awaits, promises handed to
//   places that expect plain callbacks, switches that forget a case of a union;
// - the layer rules of main/README.md and DESIGN.md, so a forbidden import fails at the line that
//   writes it (test/unit/arch/boundaries.test.ts keeps the checks lint cannot express).
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

/** Node's I/O modules, in both spellings; the core stays pure and the renderer has none. */
const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('_')).flatMap((m) => [m, `node:${m}`]);

const restrict = (...rules) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { paths: rules.flatMap((r) => r.paths ?? []), patterns: rules.flatMap((r) => r.patterns ?? []) }],
});

const noElectron = {
  paths: [
    { name: 'electron', message: 'Electron lives only in main/shell and preload.' },
    { name: 'electron-store', message: 'electron-store lives only in main/shell (it needs Node 22+).' },
  ],
};
const noNode = {
  paths: nodeBuiltins.map((name) => ({ name, message: 'main/core and renderer are pure: Node I/O belongs in main/node behind a port.' })),
};
const noOuterLayers = {
  patterns: [
    { group: ['**/node/*', '**/node/**'], message: 'main/core imports nothing from main/node.' },
    { group: ['**/shell/*', '**/shell/**'], message: 'main/core imports nothing from main/shell.' },
    { group: ['**/cli/*', '**/cli/**'], message: 'main/core imports nothing from main/cli.' },
  ],
};

export default tseslint.config(
  { ignores: ['out/**', '.out-build-*/**', '.out-old-*/**', 'dist/**', 'node_modules/**', '**/generated/**', 'test/fixtures/**', 'assets/**', 'build/**'] },
  {
    files: ['**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  { files: ['main/core/**/*.ts'], rules: restrict(noElectron, noNode, noOuterLayers) },
  {
    files: ['main/node/**/*.ts', 'main/cli/**/*.ts'],
    rules: restrict(noElectron, { patterns: [{ group: ['**/shell/*', '**/shell/**'], message: 'Only main/shell may import the shell.' }] }),
  },
  {
    // The renderer takes nothing from main at run time but three pure leaves it must share with it:
    // the IPC contract, the health words and the one sanitizer for text from the network. Types
    // are fine: they are erased. And the message catalogs' translator (issue 15: the window words
    // itself with main's catalogs; test/unit/arch/boundaries.test.ts keeps it to its own folder).
    files: ['renderer/**/*.ts'],
    rules: restrict(noElectron, noNode, {
      patterns: [
        {
          regex: '^(\\.\\./)+main/(?!core/(contract|health|words/display-text|i18n/translate)\\.js$)',
          allowTypeImports: true,
          message: 'The renderer talks to the main process only through window.api; it may import types from main, and at run time only the shared leaves.',
        },
      ],
    }),
  },
);
