import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    globalSetup: ['test/helpers/chromiumGlobalSetup.ts'],
    setupFiles: ['test/helpers/domTestingSetup.ts'],
    // Real processes and sockets: two cores, so keep parallelism modest and deadlines generous.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    environment: 'node',
    // Component tests opt in with `// @vitest-environment jsdom`.
  },
});
