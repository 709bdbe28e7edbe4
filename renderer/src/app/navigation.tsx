import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react'

/** Every screen of the app, in navigation order. */
export const ROUTE_IDS = ['home', 'profiles', 'setup', 'events', 'avatar', 'diagnose', 'settings'] as const
export type RouteId = (typeof ROUTE_IDS)[number]

interface Navigation {
  route: RouteId
  navigate(route: RouteId): void
}

const NavigationContext = createContext<Navigation>({ route: 'home', navigate: () => undefined })

const routeInHash = (): RouteId | null => {
  // `#/profiles?edit=…`: the screen is before the `?`, what it should do after (lib/hash-route.ts).
  const id = window.location.hash.replace(/^#\/?/, '').split('?')[0]
  return ROUTE_IDS.find((r) => r === id) ?? null
}

/** The screen the URL hash names, or Start. */
export const fromHash = (): RouteId => routeInHash() ?? 'home'

/**
 * The current screen, kept in the URL hash so reloads (and the harness) land on the same screen,
 * with no router dependency and no navigation the main process would have to allow.
 */
export const NavigationProvider = ({ children }: { children: ReactNode }) => {
  const [route, setRoute] = useState<RouteId>(fromHash)
  useEffect(() => {
    // An in-page anchor (the skip link's #main-content) is not a screen: stay where we are.
    const onHash = (): void => {
      const next = routeInHash()
      if (next) setRoute(next)
    }
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [])
  const navigate = useCallback((next: RouteId) => {
    if (window.location.hash !== `#/${next}`) window.location.hash = `/${next}`
    setRoute(next)
  }, [])
  return <NavigationContext.Provider value={{ route, navigate }}>{children}</NavigationContext.Provider>
}

/** The current screen and a way to change it. */
export const useNavigation = (): Navigation => useContext(NavigationContext)
