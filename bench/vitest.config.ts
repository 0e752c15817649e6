// The benchmark's own unit tests (`npx vitest run --config bench/vitest.config.ts`): the root
// config's include list leaves bench/ out, so the benchmark never runs as part of `npm test`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { include: ['bench/**/*.test.ts'], root: new URL('..', import.meta.url).pathname },
});
