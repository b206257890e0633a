import { defineConfig } from 'vitest/config';

// Tests import sibling packages through the "@ssc-cos/source" export condition,
// so they always run against source and never against a stale dist/.
export default defineConfig({
  resolve: { conditions: ['@ssc-cos/source'] },
  ssr: { resolve: { conditions: ['@ssc-cos/source'] } },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'bench/**/*.test.ts', 'scripts/test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
