// npm run test:pipeline: regeneration end to end, from the upstream spec beside the clone
// (../shared/upstream/registry) with the pinned openapi-generator, which needs Java 17.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.pipeline.test.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 60_000,
  },
});
