// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import { builtinModules } from 'node:module'

/**
 * The layers of the app, enforced here as VS Code's `code-layering` rule does: the folder is the
 * runtime, and an import from a layer the folder may not use is an error.
 *   shared/          pure TypeScript: no Node, no Electron, no DOM, no other layer
 *   renderer/        the web page: no Node, no Electron; reaches main only through window.aissist
 *   electron/core/   plain Node: never 'electron' (the CLI and the tests run it in plain Node)
 *   electron/main/, electron/preload/: the only places that import 'electron'
 */
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)]
const nativeAndNodeOnly = ['undici', 'keytar', 'sharp', 'commander']

const msg = {
  electron: "Only electron/main and electron/preload may import 'electron' (core must run in plain Node).",
  node: 'This layer runs without Node: move Node-only code to electron/core and call it through the contract.',
  ipc: 'Use the typed wrappers (electron/main/ipc.ts, electron/preload/index.ts) derived from shared/contract.',
  layer: 'This import crosses a layer boundary; see the layer rules at the top of eslint.config.mjs.'
}

/** @param {{ paths?: any[], patterns?: any[] }} r */
const restrict = (r) => ['error', { paths: r.paths ?? [], patterns: r.patterns ?? [] }]

export default tseslint.config(
  {
    ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.test-artifacts/**', 'coverage/**', 'test/lint/fixtures/**']
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off'
    }
  },
  // Small functions with one job (components included): none of the product's over about 100
  // lines. Tests' describe blocks are lists of cases, not functions to read as one.
  {
    files: ['shared/**/*.ts', 'electron/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/*.spec.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 110, skipBlankLines: true, skipComments: true, IIFEs: true }] }
  },
  {
    files: ['bin/**', 'scripts/**/*.{js,mjs,cjs}', '.ci/**'],
    rules: { '@typescript-eslint/no-require-imports': 'off' }
  },
  // shared/: pure.
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': restrict({
        paths: [{ name: 'electron', message: msg.electron }, ...nodeBuiltins.map((name) => ({ name, message: msg.node })), ...nativeAndNodeOnly.map((name) => ({ name, message: msg.node })), { name: 'react', message: msg.layer }],
        patterns: [{ group: ['**/electron/**', '**/renderer/**', 'react-dom', 'styled-components', '@zendeskgarden/*'], message: msg.layer }]
      }),
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require', '__dirname', 'global']
    }
  },
  // renderer/: the web page.
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-imports': restrict({
        paths: [{ name: 'electron', message: msg.electron }, ...nodeBuiltins.map((name) => ({ name, message: msg.node })), ...nativeAndNodeOnly.map((name) => ({ name, message: msg.node }))],
        patterns: [{ group: ['**/electron/**', '!**/shared/**'], message: msg.layer }]
      }),
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require', '__dirname', 'global']
    }
  },
  // Only renderer/src/lib/api.ts reads window.aissist.
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/src/lib/api.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'window', property: 'aissist', message: 'Call the bridge through renderer/src/lib/api.ts.' }]
    }
  },
  // electron/core, the CLI and the harness: plain Node.
  {
    files: ['electron/core/**/*.ts', 'electron/cli/**/*.ts', 'electron/harness/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict({
        paths: [{ name: 'electron', message: msg.electron }],
        patterns: [{ group: ['**/main/**', '**/preload/**', '**/renderer/**', 'electron/*'], message: msg.layer }]
      })
    }
  },
  // electron/main: Electron allowed; raw ipcMain only in the typed wrapper.
  {
    files: ['electron/main/**/*.ts'],
    ignores: ['electron/main/ipc.ts'],
    rules: {
      'no-restricted-imports': restrict({
        paths: [{ name: 'electron', importNames: ['ipcMain'], message: msg.ipc }],
        patterns: [{ group: ['**/preload/**', '**/renderer/**', '**/cli/**', '**/harness/**'], message: msg.layer }]
      })
    }
  },
  // electron/preload: sandboxed, so no Node built-ins at all.
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict({
        paths: [...nodeBuiltins.map((name) => ({ name, message: 'A sandboxed preload has no Node built-ins.' })), ...nativeAndNodeOnly.map((name) => ({ name, message: msg.node }))],
        patterns: [{ group: ['**/core/**', '**/main/**', '**/renderer/**', '**/cli/**', '**/harness/**'], message: msg.layer }]
      })
    }
  },
  {
    files: ['**/*.test.ts', '**/*.spec.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' }
  },
  // Tests of shared/ run in Node (vitest): they may build fixtures with Node's globals, while the
  // code under test may not.
  {
    files: ['shared/**/*.test.ts'],
    rules: { 'no-restricted-globals': ['error', 'window', 'document'] }
  },
  // Playwright fixtures declare "no dependencies" with an empty object pattern.
  {
    files: ['test/e2e/**/*.ts', 'test/electron/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' }
  }
)
