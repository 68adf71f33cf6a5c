import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Tests run on sources: every package exports "source" → src/index.ts.
    conditions: ['source'],
  },
  // Tests run in Vite's server environment, which takes its own conditions.
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'scripts/test/**/*.test.ts'],
    setupFiles: ['./vitest.setup.ts'],
    testTimeout: 60_000,
    // Setup that builds fixtures or removes a copied project can take long on a loaded machine.
    hookTimeout: 180_000,
    // Browser checks poll the page; under a loaded CI machine a request can take seconds.
    expect: { poll: { timeout: 15_000 } },
    pool: 'forks',
  },
});
