import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000, // process and HTTP tests take seconds on a loaded two-core machine
    pool: 'forks',
  },
});
