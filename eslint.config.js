// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'fs',
  'path',
  'os',
  'child_process',
  'net',
  'tls',
  'http',
  'https',
  'crypto',
  'stream',
  'url',
  'util',
  'events',
  'buffer',
  'zlib',
  'dns',
  'worker_threads',
  'readline',
  'process',
];
const nodeBuiltinPatterns = ['node:*', ...NODE_BUILTINS, ...NODE_BUILTINS.map((m) => `${m}/*`)];

/** Only the transports and the preload may touch Electron's IPC objects. */
const noIpcOutsideTransports = {
  'no-restricted-syntax': [
    'error',
    {
      selector: 'Identifier[name=/^ipc(Main|Renderer)$/]',
      message: 'Only electron/transport/ and electron/preload.ts may use ipcMain/ipcRenderer.',
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'out/',
      'dist/',
      'test-results/',
      'playwright-report/',
      '.tmp/',
      'bin/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['electron/transport/**', 'electron/preload.ts'],
    rules: noIpcOutsideTransports,
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'electron/core must stay Electron-free (DESIGN.md).' },
          ],
          patterns: [
            {
              group: ['react', 'react-dom', '**/renderer/**'],
              message: 'The core never imports the UI.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'The renderer talks to the main process only through api.ts.',
            },
          ],
          patterns: [
            {
              group: nodeBuiltinPatterns,
              message: 'The renderer runs in a browser: no Node built-ins.',
            },
            { group: ['**/electron/**'], message: 'The renderer never imports main-process code.' },
          ],
        },
      ],
    },
  },
  {
    // Renderer tests and their helpers (renderer/testing) run in Node (temp folders, fixtures,
    // the real core); the shipped renderer code does not.
    files: ['renderer/**/*.test.{ts,tsx}', 'renderer/testing/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['shared/**/*.ts'],
    // Tests beside shared code run in Node under Vitest: they may import test tools.
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(?!zod$|[.])', message: 'shared/ imports nothing but zod.' },
            {
              group: ['**/electron/**', '**/renderer/**'],
              message: 'shared/ imports nothing but zod.',
            },
          ],
        },
      ],
    },
  },
);
