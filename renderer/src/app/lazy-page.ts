import { lazy, type FC, type LazyExoticComponent } from 'react'

/** A screen loaded on first use, which can also be fetched ahead (the screen the window opens on). */
export type LazyPage = LazyExoticComponent<FC> & {
  /** Starts loading the screen's chunk (once); resolves when it can render without suspending. */
  preload(): Promise<void>
}

/**
 * `React.lazy` for a screen, plus `preload()`: the window fetches the screen it opens on while the
 * shell's code loads, so the shell and that screen render and paint together, with no loading
 * placeholder in between. React 18's `lazy` always suspends once on a promise, even a settled one;
 * given a thenable that answers at once when the chunk is already here, it renders straight away.
 */
export const lazyPage = (load: () => Promise<FC>): LazyPage => {
  let loaded: FC | undefined
  let pending: Promise<FC> | undefined
  const fetchOnce = (): Promise<FC> =>
    (pending ??= load().then(
      (page) => (loaded = page),
      (e: unknown) => {
        pending = undefined // a failed fetch (a stale window after an update) is tried again on next use
        throw e
      }
    ))
  const Page = lazy(() => {
    const ready = loaded
    if (!ready) return fetchOnce().then((page) => ({ default: page }))
    // Only `then` is used by React: a settled thenable, so the first render does not suspend.
    const settled = { then: (resolve: (m: { default: FC }) => void) => resolve({ default: ready }) }
    return settled as unknown as Promise<{ default: FC }>
  })
  return Object.assign(Page, { preload: () => fetchOnce().then(() => undefined) })
}
