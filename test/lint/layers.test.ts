import { ESLint } from 'eslint'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * Proves the layer rules bite: each snippet crosses a layer on purpose and must fail lint with the
 * layer message, while the same snippet is fine where the layer allows it.
 */
const root = resolve(__dirname, '..', '..')
const eslint = new ESLint({ cwd: root })

const lint = async (file: string, code: string): Promise<string[]> => {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, file) })
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`)
}

const crossings: [string, string, string, RegExp][] = [
  ['electron imported in core', 'electron/core/zz-crossing.ts', "import { app } from 'electron'\nexport const x = app\n", /Only electron\/main and electron\/preload may import 'electron'/],
  ['electron imported in the CLI', 'electron/cli/zz-crossing.ts', "import { app } from 'electron'\nexport const x = app\n", /may import 'electron'/],
  ['node:fs in shared', 'shared/zz-crossing.ts', "import { readFileSync } from 'node:fs'\nexport const x = readFileSync\n", /runs without Node/],
  ['undici in shared', 'shared/zz-crossing.ts', "import { request } from 'undici'\nexport const x = request\n", /runs without Node/],
  ['process global in shared', 'shared/zz-crossing.ts', 'export const x = process.env\n', /no-restricted-globals/],
  ['window in shared', 'shared/zz-crossing.ts', 'export const x = window.location\n', /no-restricted-globals/],
  ['electron imported in the renderer', 'renderer/src/zz-crossing.ts', "import { ipcRenderer } from 'electron'\nexport const x = ipcRenderer\n", /may import 'electron'/],
  ['node:path in the renderer', 'renderer/src/zz-crossing.ts', "import { join } from 'node:path'\nexport const x = join\n", /runs without Node/],
  ['core imported in the renderer', 'renderer/src/zz-crossing.ts', "import { createServices } from '../../electron/core/services'\nexport const x = createServices\n", /crosses a layer/],
  ['window.aissist outside lib/api.ts', 'renderer/src/zz-crossing.ts', 'export const x = window.aissist\n', /renderer\/src\/lib\/api.ts/],
  ['raw ipcMain outside ipc.ts', 'electron/main/zz-crossing.ts', "import { ipcMain } from 'electron'\nexport const x = ipcMain\n", /typed wrappers/],
  ['node:fs in the sandboxed preload', 'electron/preload/zz-crossing.ts', "import { readFileSync } from 'node:fs'\nexport const x = readFileSync\n", /sandboxed preload/],
  ['core imported in the preload', 'electron/preload/zz-crossing.ts', "import { createServices } from '../core/services'\nexport const x = createServices\n", /crosses a layer/]
]

describe('layer rules', () => {
  it.each(crossings)('%s fails lint', async (_name, file, code, expected) => {
    const messages = await lint(file, code)
    expect(messages.join('\n')).toMatch(expected)
  })

  it('allows what each layer may use', async () => {
    expect(await lint('electron/main/zz-ok.ts', "import { app } from 'electron'\nexport const x = app\n")).toEqual([])
    expect(await lint('electron/core/zz-ok.ts', "import { readFileSync } from 'node:fs'\nexport const x = readFileSync\n")).toEqual([])
    expect(await lint('shared/zz-ok.ts', "import { z } from 'zod'\nexport const x = z.string()\n")).toEqual([])
    expect(await lint('renderer/src/lib/api.ts', 'export const x = window.aissist\n')).toEqual([])
  })
})
