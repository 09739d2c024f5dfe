import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // End-to-end regeneration needs the upstream spec and Java: npm run test:pipeline runs it.
    // The health page in headless Chromium needs a browser: npm run test:browser runs it.
    exclude: ['test/**/*.pipeline.test.ts', 'test/**/*.browser.test.ts', 'node_modules/**'],
    environment: 'node',
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    coverage: {
      provider: 'v8',
      include: ['src/**'],
      // generated/ is regenerated from the spec; it is not ours to cover.
      exclude: ['generated/**', 'dist/**'],
      // Measured on the whole suite (npx vitest run --coverage); each glob is one aggregate.
      // src/cli/main.ts (one statement) runs only in the spawned-binary tests, which v8 cannot see.
      thresholds: {
        // The library: src/ without the CLI and the sandbox.
        'src/{*.ts,!(cli|sandbox)/**}': { lines: 95 },
        // The CLI, run in-process by test/cli (test/cli/in-process.ts).
        'src/cli/**': { lines: 85 },
      },
    },
  },
});
