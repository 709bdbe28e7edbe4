import { Suspense } from 'react'
import { renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { lazyPage } from './lazy-page'

const page = (loads: { count: number }, fail = false) =>
  lazyPage(async () => {
    loads.count++
    if (fail) throw new Error('chunk missing')
    return () => <h1>Start</h1>
  })

const render = (Page: ReturnType<typeof page>): string =>
  renderToString(
    <Suspense fallback={<p>loading</p>}>
      <Page />
    </Suspense>
  )

describe('lazyPage', () => {
  it('renders the screen at once once preloaded: no placeholder in between', async () => {
    const loads = { count: 0 }
    const Page = page(loads)
    await Page.preload()
    expect(render(Page)).toContain('<h1>Start</h1>')
    await Page.preload()
    expect(loads.count).toBe(1)
  })

  it('shows the placeholder for a screen not fetched yet, as React.lazy does', () => {
    expect(render(page({ count: 0 }))).toContain('loading')
  })

  it('tries a failed fetch again on the next use', async () => {
    const loads = { count: 0 }
    const Page = page(loads, true)
    await expect(Page.preload()).rejects.toThrow('chunk missing')
    await expect(Page.preload()).rejects.toThrow('chunk missing')
    expect(loads.count).toBe(2)
  })
})
