import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'
import { readFileSync } from 'node:fs'
import type { Plugin } from 'vite'

/**
 * `import Icon from '…/icon.svg?react'` → a React component with the SVG inline (Garden's icons
 * follow `currentColor`, so they take the theme's colours; an <img> would not).
 */
const svgComponents = (): Plugin => ({
  name: 'aissist-svg-react',
  enforce: 'pre',
  async resolveId(source, importer) {
    if (!source.endsWith('.svg?react')) return null
    const resolved = await this.resolve(source.slice(0, -'?react'.length), importer, { skipSelf: true })
    return resolved ? `${resolved.id}?react` : null
  },
  load(id) {
    if (!id.endsWith('.svg?react')) return null
    const svg = readFileSync(id.slice(0, -'?react'.length), 'utf8')
    const viewBox = /viewBox="([^"]+)"/.exec(svg)?.[1] ?? '0 0 16 16'
    const inner = svg.replace(/^[\s\S]*?<svg[^>]*>/, '').replace(/<\/svg>\s*$/, '').trim()
    return `import { createElement } from 'react'
const Icon = (props) => createElement('svg', { xmlns: 'http://www.w3.org/2000/svg', viewBox: ${JSON.stringify(viewBox)}, width: 16, height: 16, focusable: 'false', 'aria-hidden': true, ...props, dangerouslySetInnerHTML: { __html: ${JSON.stringify(inner)} } })
export default Icon`
  }
})

/**
 * One build for the four programs: Electron main (with the CLI, the browser harness and the keychain
 * worker, which share its plain-Node core; every dynamic import — each CLI command, each core
 * feature it loads — is its own chunk, so a command loads only what it uses), the sandboxed preload
 * (one self-contained bundle, built from the channel list, no zod), and the renderer.
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          cli: resolve(__dirname, 'electron/cli/index.ts'),
          harness: resolve(__dirname, 'electron/harness/index.ts'),
          // keytar runs here, out of the app's process: a crash on a locked keyring ends only this.
          'keychain-worker': resolve(__dirname, 'electron/core/vault/keychain-worker/entry.ts'),
          // The avatar decoder process (sharp on untrusted bytes, killable): out/main/avatar-decoder.js
          'avatar-decoder': resolve(__dirname, 'electron/core/avatar/decode-child.ts')
        }
      }
    }
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require() anything but a few Electron modules: bundle it whole.
      externalizeDeps: false,
      isolatedEntries: true,
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') }
      }
    }
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [svgComponents(), react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      // electron-vite leaves every bundle unminified; the page's is parsed on every window open,
      // and minified it is half the size (the first screen: 460 → 250 kB). Main, the CLI and the
      // preload stay readable (the CLI's module test reads the region comments).
      minify: true,
      rollupOptions: {
        input: { index: resolve(__dirname, 'renderer/index.html') }
      }
    }
  }
})
