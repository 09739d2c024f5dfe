// npm run test:browser: the health page in a real browser (headless Chromium from the system:
// /usr/bin/chromium, or CHROME_PATH). Not part of npm test, which needs no browser; .ci/run
// installs Chromium when it is missing and runs this too.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/browser/**/*.browser.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
