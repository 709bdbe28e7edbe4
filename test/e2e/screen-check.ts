import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'
import { SCREENSHOT_DIR } from './fixtures'

/**
 * The serious and critical axe-core violations on the page, one readable line each. It first
 * waits for running animations and transitions (a modal fading in, Garden's colour transitions):
 * colours caught halfway would fail the contrast rule at random.
 */
export const seriousViolations = async (page: Page): Promise<string[]> => {
  await settle(page)
  return (await new AxeBuilder({ page }).analyze()).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} ${v.nodes.map((n) => `${n.target.join(' ')} ${n.html.slice(0, 120)} ${n.failureSummary ?? ''}`).slice(0, 4).join(', ')}`)
}

/**
 * Waits until no animation or CSS transition is running on what the page shows. Animations inside
 * content that is not rendered (a closed details element) never advance, so they are left out; a
 * cap of 3 s keeps one stuck animation from hanging the test (the screenshot is then what it is).
 */
export const settle = async (page: Page): Promise<void> => {
  await page.evaluate(() => {
    const shown = document.getAnimations().filter((a) => {
      const target = (a.effect as KeyframeEffect | null)?.target
      return !target || target.checkVisibility({ contentVisibilityAuto: true })
    })
    const done = Promise.all(shown.map((a) => a.finished.catch(() => undefined)))
    return Promise.race([done, new Promise((resolve) => setTimeout(resolve, 3000))])
  })
}

/** The page background's relative luminance (0 black … 1 white): proves which theme really rendered. */
const backgroundLuminance = (page: Page): Promise<number> =>
  page.evaluate(() => {
    const el = document.querySelector('main') ?? document.body
    let node: Element | null = el
    let rgb = 'rgb(255, 255, 255)'
    while (node) {
      const c = getComputedStyle(node).backgroundColor
      if (c && c !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(c)) {
        rgb = c
        break
      }
      node = node.parentElement
    }
    const [r, g, b] = (rgb.match(/[\d.]+/g) ?? ['255', '255', '255']).slice(0, 3).map((x) => Number(x) / 255)
    const lin = (c: number): number => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
  })

/**
 * The app scrolls inside Garden's Chrome, so a full-page screenshot would only show the viewport:
 * grow the viewport to the page's content for the artifact, then put it back.
 */
export const fullScreenshot = async (page: Page, path: string): Promise<void> => {
  const original = page.viewportSize() ?? { width: 1280, height: 800 }
  const needed = await page.evaluate(() => {
    const main = document.querySelector('main')
    const header = document.querySelector('header')
    return Math.ceil((main?.scrollHeight ?? 0) + (header?.getBoundingClientRect().height ?? 0))
  })
  const height = Math.min(Math.max(needed, original.height), 4000)
  if (height > original.height) await page.setViewportSize({ width: original.width, height })
  await page.screenshot({ path })
  if (height > original.height) await page.setViewportSize(original)
}

/**
 * One screen, checked as the issue asks: in light and in dark (the OS preference, which Garden's
 * `system` scheme follows), the theme really renders, no serious or critical axe violation, and
 * screenshots kept as artifacts — `<name>.png` (1280×800, the README's) and `<name>-full.png` (the
 * whole page), with `-dark` for the dark theme.
 */
export const checkScreen = async (page: Page, name: string): Promise<void> => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  // Screenshots start at the page's heading, wherever the last click scrolled to.
  await page.evaluate(() => {
    for (let el: Element | null = document.getElementById('main-content'); el; el = el.parentElement) el.scrollTop = 0
  })
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    if (scheme === 'dark') await expect.poll(() => backgroundLuminance(page), { message: `${name}: the dark theme did not render` }).toBeLessThan(0.1)
    else await expect.poll(() => backgroundLuminance(page), { message: `${name}: the light theme did not render` }).toBeGreaterThan(0.8)
    // Garden animates colour changes: judge contrast once the theme switch has settled.
    await settle(page)
    expect(await seriousViolations(page), `${name} (${scheme})`).toEqual([])
    const suffix = scheme === 'dark' ? '-dark' : ''
    const original = page.viewportSize()
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}${suffix}.png`) })
    await fullScreenshot(page, join(SCREENSHOT_DIR, `${name}${suffix}-full.png`))
    if (original) await page.setViewportSize(original)
  }
  await page.emulateMedia({ colorScheme: 'light' })
}

/** Opens a screen from the navigation, as a user would, and waits for its heading. */
export const openScreen = async (page: Page, label: string, heading: string | RegExp = label): Promise<void> => {
  await page.getByRole('navigation', { name: 'Capabilities' }).getByRole('button', { name: label }).click()
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible()
}

/** One thing that makes a screen scroll or clip sideways, described for a failure message. */
export interface SidewaysProblem {
  what: 'page' | 'main' | 'wider-than-main' | 'scrolls-sideways' | 'clipped'
  element: string
  widths: string
}

/**
 * Everything on the current screen that scrolls or clips sideways: the page or `main` wider than
 * their box, an element inside `main` reaching past its edges, an inner box with a horizontal
 * scrollbar, or content cut off by a box that hides overflow (a tag, a cell). A value truncated
 * on purpose is fine when it ends in an ellipsis and carries its whole text on hover (`title`).
 */
export const sidewaysProblems = (page: Page): Promise<SidewaysProblem[]> =>
  page.evaluate(() => {
    const describe = (el: Element): string => {
      const id = el.getAttribute('data-testid') ?? el.getAttribute('data-garden-id') ?? el.id
      const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 60)
      return `<${el.tagName.toLowerCase()}${id ? ` ${id}` : ''}> "${text}"`
    }
    const out: { what: 'page' | 'main' | 'wider-than-main' | 'scrolls-sideways' | 'clipped'; element: string; widths: string }[] = []
    const doc = document.scrollingElement ?? document.documentElement
    if (doc.scrollWidth > doc.clientWidth) out.push({ what: 'page', element: 'document', widths: `${doc.scrollWidth} > ${doc.clientWidth}` })
    const main = document.querySelector('main')
    if (!main) return out
    if (main.scrollWidth > main.clientWidth) out.push({ what: 'main', element: 'main', widths: `${main.scrollWidth} > ${main.clientWidth}` })
    const box = main.getBoundingClientRect()
    const hiddenByAncestor = (el: Element): boolean => {
      for (let a: Element | null = el; a && a !== main; a = a.parentElement) {
        const s = getComputedStyle(a)
        if (s.display === 'none' || s.visibility === 'hidden') return true
        const r = a.getBoundingClientRect()
        if (r.width <= 1 || r.height <= 1) return true
      }
      return false
    }
    const titled = (el: Element): boolean => {
      for (let a: Element | null = el, i = 0; a && i < 3; a = a.parentElement, i++) if (a.getAttribute('title')) return true
      return false
    }
    const reported: Element[] = []
    for (const el of main.querySelectorAll('*')) {
      if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue
      // One line per offender: its children overflow with it.
      if (reported.some((r) => r.contains(el))) continue
      const r = el.getBoundingClientRect()
      if (r.width === 0 || r.height === 0 || hiddenByAncestor(el)) continue
      if (r.right > box.right + 1 || r.left < box.left - 1) {
        out.push({ what: 'wider-than-main', element: describe(el), widths: `${Math.round(r.left)}–${Math.round(r.right)} outside ${Math.round(box.left)}–${Math.round(box.right)}` })
        reported.push(el)
        continue
      }
      if (el.scrollWidth <= el.clientWidth + 1 || el.clientWidth === 0) continue
      // A text field scrolls its own value as the caret moves: that is how fields work, not the layout.
      if (el.matches('input, textarea, select')) continue
      const s = getComputedStyle(el)
      if (s.overflowX === 'auto' || s.overflowX === 'scroll') {
        out.push({ what: 'scrolls-sideways', element: describe(el), widths: `${el.scrollWidth} > ${el.clientWidth}` })
        reported.push(el)
      } else if (s.overflowX === 'hidden' || s.overflowX === 'clip') {
        if (s.textOverflow === 'ellipsis' && titled(el)) continue
        out.push({ what: 'clipped', element: describe(el), widths: `${el.scrollWidth} > ${el.clientWidth}` })
      }
    }
    return out
  })
