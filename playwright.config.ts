import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  // Two at a time: each worker has its own servers and each test its own app, and most of a
  // test is waiting on them. Three runs on this 2-core machine under load 11–18 took 9.7–13.9
  // min with 2 workers where one worker took 8.5 min on a quiet machine; of their two
  // failures one was a race in a spec (mended), one the security check's time limit at load 18.
  workers: 2,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // A test that fails once and passes again is reported as "flaky" in the summary (look at it),
  // not as a red run: on this 2-core machine a spec's timing race (three found this session,
  // each mended) should not keep everything else from landing. A real failure fails twice.
  retries: 1,
  reporter: [['list']],
  use: {
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
        '--disable-quic',
      ],
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
