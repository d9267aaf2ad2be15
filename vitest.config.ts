import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    pool: 'forks',
    // Two cores: media tests run ffmpeg, so files run two at a time at most.
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    testTimeout: 180_000,
    hookTimeout: 120_000,
    // expect.poll waits for a condition; its 1 s default is shorter than one round trip to the server on a
    // loaded two-core CI machine (a browser test lost a category created by a POST and a reload that way).
    expect: { poll: { timeout: 10_000 } },
  },
});
