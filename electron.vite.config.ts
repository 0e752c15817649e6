import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // ssh2 and cpu-features load .node files: bundlers break them (RECIPES.md), so
      // dependencies stay external — except basic-ftp, whose internals we import by subpath
      // (Node's ESM loader cannot resolve its extension-less CommonJS subpaths), and commander,
      // which every `ferry` command loads first (bundled: ~5 ms less CPU per start; bundling
      // ssh2's JavaScript was measured too and loaded no faster).
      externalizeDeps: { exclude: ['basic-ftp', 'commander'] },
      rollupOptions: {
        input: {
          main: resolve(__dirname, 'electron/main.ts'),
          web: resolve(__dirname, 'electron/web.ts'),
          cli: resolve(__dirname, 'electron/cli.ts'),
        },
        output: {
          // Small side-effect-free modules every entry needs, in one chunk instead of seven:
          // each ES module file costs Node ~0.4 ms to resolve, read and link at every start.
          // (Zod-free: the contract's schemas stay out of `ferry get/put`.)
          codeSplitting: {
            groups: [
              {
                name: 'base',
                test: /(shared[\\/](errors|protocols|contract[\\/]settings-values)|core[\\/]log|remote[\\/](net-errors|certificate-facts|server-names))\.ts$/,
              },
            ],
          },
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can require only a few modules: bundle everything into one CJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { preload: resolve(__dirname, 'electron/preload.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: resolve(__dirname, 'renderer/index.html') },
    },
  },
});
