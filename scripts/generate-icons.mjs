// `node scripts/generate-icons.mjs`: renders resources/icon.svg with sharp into what
// electron-builder needs: resources/icon.png (1024, mac and Windows convert it to icns/ico),
// resources/icon-512.png, and the Linux icon set resources/icons/<N>x<N>.png.
// Deterministic: the same SVG gives the same PNGs; `--check` only verifies they exist and are current.
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { root } from './lib.mjs'

const require = createRequire(import.meta.url)
const resources = join(root, 'resources')
const svg = join(resources, 'icon.svg')

/** Every PNG electron-builder reads, with its size. */
export const iconTargets = () => [
  { file: join(resources, 'icon.png'), size: 1024 },
  { file: join(resources, 'icon-512.png'), size: 512 },
  ...[16, 32, 48, 64, 128, 256, 512].map((size) => ({ file: join(resources, 'icons', `${size}x${size}.png`), size }))
]

const current = (file) => existsSync(file) && statSync(file).mtimeMs >= statSync(svg).mtimeMs

export const generateIcons = async ({ force = false } = {}) => {
  const sharp = require('sharp')
  const source = readFileSync(svg)
  mkdirSync(join(resources, 'icons'), { recursive: true })
  const made = []
  for (const { file, size } of iconTargets()) {
    if (!force && current(file)) continue
    // Render at the target size from the vector (density scales the 1024-unit viewBox).
    await sharp(source, { density: Math.max(1, Math.round((72 * size) / 1024)) })
      .resize(size, size)
      .png({ compressionLevel: 9, palette: size <= 64 ? false : true, quality: 90, effort: 10 })
      .toFile(file)
    made.push(file)
  }
  return made
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes('--check')) {
    const stale = iconTargets().filter((t) => !current(t.file))
    for (const t of stale) console.error(`✖ ${t.file} is missing or older than icon.svg: run node scripts/generate-icons.mjs`)
    process.exit(stale.length ? 1 : 0)
  }
  const made = await generateIcons({ force: process.argv.includes('--force') })
  console.log(made.length ? `✔ rendered ${made.length} icons from resources/icon.svg` : '✔ icons are up to date')
}
