import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importLayersPlugin } from './eslint/importLayers.js';

/**
 * Who may import whom: the layering table of docs/ARCHITECTURE.md, row for row. Every row whose
 * `files` folder holds a file applies to it. `folders`: what its relative imports may reach
 * (resolved by path); `packages`: the packages it may import ('node:' for Node's own);
 * `never`: what stays out even inside an allowed folder. Tests, benchmarks and scripts are free.
 */
const LAYERS = [
  { name: 'src/core', files: 'src/core/', folders: ['src/core/'], packages: ['node:', 'undici', 'chokidar', 'zod', 'pidusage'] },
  // Inside the core, the registry is on top: it uses the launcher, the .pconf layer and the wire client.
  { name: 'src/core/launcher', files: 'src/core/launcher/', never: ['src/core/registry/'] },
  { name: 'src/core/pconf', files: 'src/core/pconf/', never: ['src/core/registry/', 'src/core/launcher/', 'src/core/wire/'] },
  { name: 'src/core/wire', files: 'src/core/wire/', never: ['src/core/registry/', 'src/core/launcher/', 'src/core/pconf/'] },
  // Helpers every part of the core uses (and the SDK, the service): they use none of those parts.
  { name: 'src/core/files', files: 'src/core/files/', never: ['src/core/registry/', 'src/core/launcher/', 'src/core/pconf/', 'src/core/wire/'] },
  { name: 'src/core/text', files: 'src/core/text/', never: ['src/core/registry/', 'src/core/launcher/', 'src/core/pconf/', 'src/core/wire/', 'src/core/files/'] },
  // Type-checked with the renderer too (tsconfig.web.json): no Node, nothing but each other.
  {
    name: 'src/core/types.ts',
    files: 'src/core/types.ts',
    folders: ['src/core/types.ts', 'src/core/errors.ts', 'src/core/launcher/manifestSchema.ts'],
    packages: ['zod'],
  },
  { name: 'src/core/errors.ts', files: 'src/core/errors.ts', folders: ['src/core/types.ts'], packages: [] },
  { name: 'src/core/launcher/manifestSchema.ts', files: 'src/core/launcher/manifestSchema.ts', folders: [], packages: ['zod'] },
  // Collections run through whatever registry they are given (RunTarget), and their schema is the renderer's too.
  { name: 'src/core/collections', files: 'src/core/collections/', never: ['src/core/registry/', 'src/core/launcher/'] },
  { name: 'src/core/collections/collectionSchema.ts', files: 'src/core/collections/collectionSchema.ts', folders: [], packages: ['zod'] },
  { name: 'src/core/collections/runResults.ts', files: 'src/core/collections/runResults.ts', folders: [], packages: [] },
  { name: 'src/core/text/units.ts', files: 'src/core/text/units.ts', folders: [], packages: [] },
  { name: 'src/core/text/hiddenChars.ts', files: 'src/core/text/hiddenChars.ts', folders: [], packages: [] },
  {
    name: 'src/sdk',
    files: 'src/sdk/',
    folders: ['src/sdk/', 'src/core/'],
    never: ['src/core/registry/', 'src/core/wire/'],
    packages: ['node:'],
  },
  { name: 'demo', files: 'demo/', folders: ['demo/', 'src/sdk/'], packages: ['node:'] },
  {
    name: 'src/service',
    files: 'src/service/',
    folders: ['src/service/', 'src/core/', 'src/shared/', 'demo/catalog.ts'],
    packages: ['node:', 'zod'],
  },
  { name: 'src/shared', files: 'src/shared/', folders: ['src/shared/', 'src/core/types.ts', 'src/core/errors.ts', 'src/core/text/units.ts', 'src/core/text/hiddenChars.ts', 'src/core/collections/collectionSchema.ts', 'src/core/collections/runResults.ts'], packages: ['zod'] },
  { name: 'src/web', files: 'src/web/', folders: ['src/web/', 'src/service/', 'src/shared/', 'src/core/'], packages: ['node:'] },
  { name: 'src/cli', files: 'src/cli/', folders: ['src/cli/', 'src/core/', 'src/service/', 'src/web/'], packages: ['node:'] },
  {
    name: 'src/main',
    files: 'src/main/',
    folders: ['src/main/', 'src/service/', 'src/shared/', 'src/core/'],
    packages: ['electron', 'node:'],
  },
  // The preload runs sandboxed: Electron's bridge and the channel names, no Node.
  { name: 'src/preload', files: 'src/preload/', folders: ['src/preload/', 'src/shared/'], packages: ['electron'] },
  {
    name: 'src/renderer',
    files: 'src/renderer/',
    folders: ['src/renderer/', 'src/shared/'],
    packages: ['react', 'react-dom', 'zustand', '@tanstack/react-virtual', 'codemirror', '@codemirror/*', '@lezer/*'],
  },
];

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'out', 'coverage', 'bench/results', 'test/fixtures', 'demo/hello-py'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}', 'test/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['src/**', 'demo/**'],
    plugins: { layers: importLayersPlugin({ root: dirname(fileURLToPath(import.meta.url)), layers: LAYERS }) },
    rules: { 'layers/imports': 'error' },
  },
);
