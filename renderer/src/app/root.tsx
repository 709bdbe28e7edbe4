import { ColorSchemeProvider, ThemeProvider, DEFAULT_THEME, useColorScheme, type IGardenTheme } from '@zendeskgarden/react-theming'
import { useMemo } from 'react'
import { App } from './app'
import { GlobalStyle } from './global-style'

/** Garden's theme, light or dark as the OS says (Garden's `system` scheme follows it live). */
const Themed = () => {
  const { colorScheme } = useColorScheme()
  const theme = useMemo<IGardenTheme>(
    () => ({ ...DEFAULT_THEME, colors: { ...DEFAULT_THEME.colors, base: colorScheme === 'dark' ? 'dark' : 'light', primaryHue: 'blue' } }),
    [colorScheme]
  )
  return (
    <ThemeProvider theme={theme}>
      <GlobalStyle />
      <App />
    </ThemeProvider>
  )
}

/**
 * The root: colour scheme, theme, then the app. The scheme follows the OS and nothing offers a
 * choice, so none is stored: no storage is read before the first paint (the first read of a
 * window's localStorage waits for the browser process to load it).
 */
export const Root = () => (
  <ColorSchemeProvider initialColorScheme="system" colorSchemeKey={null}>
    <Themed />
  </ColorSchemeProvider>
)
