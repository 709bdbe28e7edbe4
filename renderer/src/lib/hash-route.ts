import { useEffect, useState } from 'react'

/**
 * A screen opened with what it should do, in the URL hash: `#/setup?repair=recreate-webhook`,
 * `#/profiles?edit=ID&field=gatewayUrl`. The navigation reads the screen before the `?`; the
 * screen reads its parameters here, acts on them once, and clears them so a reload does not repeat it.
 */

/** The parameters after the screen in the hash (empty when there are none). */
export const hashParams = (): URLSearchParams => {
  const hash = window.location.hash
  const q = hash.indexOf('?')
  return new URLSearchParams(q < 0 ? '' : hash.slice(q + 1))
}

/** Opens a screen with parameters (the hash change moves the navigation there). */
export const openScreen = (route: string, params: Record<string, string> = {}): void => {
  const q = new URLSearchParams(params).toString()
  window.location.hash = `/${route}${q ? `?${q}` : ''}`
}

/** Drops the parameters once acted on, without a hash change (the screen stays). */
export const clearHashParams = (): void => {
  const hash = window.location.hash
  const q = hash.indexOf('?')
  if (q >= 0) window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}${hash.slice(0, q)}`)
}

/**
 * The hash's parameters, kept current as the hash changes (a fix on a screen can open the same
 * screen with new parameters); `seq` counts the changes, so a caller acts on each one once.
 */
export const useHashParams = (): { params: URLSearchParams; seq: number } => {
  const [state, setState] = useState(() => ({ params: hashParams(), seq: 1 }))
  useEffect(() => {
    const on = (): void => setState((s) => ({ params: hashParams(), seq: s.seq + 1 }))
    window.addEventListener('hashchange', on)
    return () => window.removeEventListener('hashchange', on)
  }, [])
  return state
}
