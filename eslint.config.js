import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

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
    // The core, SDK and CLI must stay free of Electron, React and the DOM.
    files: ['src/core/**', 'src/sdk/**', 'src/cli/**', 'src/service/**', 'src/web/**', 'src/shared/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['electron', 'react', 'react-dom', 'zustand', '*/renderer/*', '*/main/*'] }],
    },
  },
);
