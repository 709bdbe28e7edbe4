// `npm run dist`: installers for the current OS with electron-builder (config: electron-builder.yml).
//   icons (scripts/generate-icons.mjs) → build (electron-vite) → electron-builder --linux|--mac|--win
// It downloads Electron (and on Windows/macOS the NSIS/dmg tools), so it is not part of `npm test`.
// Extra arguments go to electron-builder, e.g. `npm run dist -- --dir` for an unpacked app only.
import { build, ensureDependencies, root, run } from './lib.mjs'
import { generateIcons } from './generate-icons.mjs'

const platformFlag = { linux: '--linux', darwin: '--mac', win32: '--win' }[process.platform]
if (!platformFlag) {
  console.error(`✖ electron-builder does not package for ${process.platform}.`)
  process.exit(1)
}
const [major] = process.versions.node.split('.').map(Number)
if (major < 22) {
  // electron-builder 26 rebuilds native modules (keytar, sharp) with @electron/rebuild, which wants Node 22.
  console.warn(`▲ Node ${process.versions.node}: electron-builder 26's native rebuild step wants Node 22 or newer; if it fails, run npm run dist with Node 22.`)
}

const step = (name, code) => {
  if (code !== 0) {
    console.error(`✖ ${name} failed (exit ${code})`)
    process.exit(code)
  }
  console.log(`✔ ${name}`)
}

step('npm dependencies', ensureDependencies())
const made = await generateIcons()
console.log(`✔ icons (${made.length} rendered, the rest up to date)`)
step('build', build())
const extra = process.argv.slice(2)
step(
  `electron-builder ${platformFlag}`,
  run('npx', ['electron-builder', platformFlag, '--publish', 'never', ...extra])
)
console.log(`Installers are in ${root}/dist`)
