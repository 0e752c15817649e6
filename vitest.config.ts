import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'electron/**/*.test.ts',
      'shared/**/*.test.ts',
      'renderer/**/*.test.{ts,tsx}',
      'scripts/**/*.test.ts',
      'e2e/harness/**/*.test.ts',
      'bench/**/*.test.ts',
    ],
    // Integration tests start real servers; give them room on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two at a time even on 2 cores (Vitest's default there is one): the integration files
    // spend most of their time waiting on servers, throttled links and timers, not on CPU.
    maxWorkers: 2,
    alias: {
      // Electron's binary cannot be downloaded on our machines: tests get a stand-in.
      electron: new URL('./electron/testing/electron-stand-in.ts', import.meta.url).pathname,
    },
  },
});
