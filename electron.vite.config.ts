import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'
import { readFileSync } from 'node:fs'
import type { Plugin, Rollup } from 'vite'

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

/** V8's explicit compile hint for a whole script: compile every function now, off the main thread. */
const COMPILE_ALL = '//# allFunctionsCalledOnLoad'

/** The chunk whose facade module `isFacade` picks, and every chunk it imports statically, transitively. */
const chunkWithImports = (bundle: Rollup.OutputBundle, isFacade: (id: string) => boolean): Rollup.OutputChunk[] => {
  const chunks = Object.values(bundle).filter((c): c is Rollup.OutputChunk => c.type === 'chunk')
  const start = chunks.find((c) => c.facadeModuleId !== null && isFacade(c.facadeModuleId))
  const seen = new Map<string, Rollup.OutputChunk>()
  const visit = (c: Rollup.OutputChunk | undefined): void => {
    if (!c || seen.has(c.fileName)) return
    seen.set(c.fileName, c)
    for (const f of c.imports) visit(chunks.find((x) => x.fileName === f))
  }
  visit(start)
  return [...seen.values()]
}

/**
 * The first screen's speed (issue 19): the shell and the screen the window usually opens on (Start)
 * are fetched together from the HTML (`modulepreload`), not one after the other; and V8 is told
 * (`//# allFunctionsCalledOnLoad`, Chromium ≥ 136) to compile those chunks whole while it streams
 * them on a background thread, instead of compiling function by function on the main thread during
 * the first render — which was a third of that render's time. Other screens load as before.
 */
const firstScreen = (landingModule: string): Plugin => {
  let base = './'
  const isLanding = (id: string): boolean => id.replace(/\\/g, '/').endsWith(landingModule)
  return {
    name: 'aissist-first-screen',
    apply: 'build',
    configResolved(config) {
      base = config.base
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        if (!ctx.bundle) return
        const shell = ctx.chunk ? [ctx.chunk.fileName, ...ctx.chunk.imports] : []
        return chunkWithImports(ctx.bundle, isLanding)
          .filter((c) => !shell.includes(c.fileName))
          .map((c) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `${base}${c.fileName}` }, injectTo: 'head' as const }))
      }
    },
    generateBundle: {
      // After Vite puts its preload map at the top of the entry chunk: the comment must come first.
      order: 'post',
      handler(_options, bundle) {
        const entry = Object.values(bundle).find((c): c is Rollup.OutputChunk => c.type === 'chunk' && c.isEntry)
        const first = [...(entry ? chunkWithImports(bundle, (id) => id === entry.facadeModuleId) : []), ...chunkWithImports(bundle, isLanding)]
        for (const c of first) if (!c.code.startsWith(COMPILE_ALL)) c.code = `${COMPILE_ALL}\n${c.code}`
      }
    }
  }
}

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
    plugins: [svgComponents(), react(), firstScreen('renderer/src/features/home/home-page.tsx')],
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
