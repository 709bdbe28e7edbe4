import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { Root } from './app/root'
import { ROUTES } from './app/routes'
import { fromHash } from './app/navigation'

/** How long the first render waits for the screen the window opens on before showing the shell alone. */
const LANDING_WAIT_MS = 300

const container = document.getElementById('root')
if (container) {
  const root = createRoot(container)
  const show = (): void =>
    root.render(
      <StrictMode>
        <Root />
      </StrictMode>
    )
  // The screen the window opens on is fetched now, alongside the shell's own code, and the first
  // render waits for it (briefly): shell and screen paint in one frame, with no placeholder between.
  const landing = (ROUTES.find((r) => r.id === fromHash()) ?? ROUTES[0]).Page.preload()
  const waited = new Promise<void>((resolve) => setTimeout(resolve, LANDING_WAIT_MS))
  void Promise.race([landing, waited]).then(show, show)
}
