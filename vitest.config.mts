import { defineConfig } from 'vitest/config'

/**
 * Unit tests live beside the code (`*.test.ts`); integration tests against the sandbox and the real
 * keychain in `test/integration`. All of them run inside the private D-Bus session that
 * `scripts/test-all.mjs` starts, with an unlocked gnome-keyring.
 */
export default defineConfig({
  test: {
    include: [
      'shared/**/*.test.ts',
      'electron/**/*.test.ts',
      'renderer/src/**/*.test.{ts,tsx}',
      'test/integration/**/*.test.ts',
      'test/lint/**/*.test.ts'
    ],
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    restoreMocks: true
  }
})
