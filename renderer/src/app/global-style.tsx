import { createGlobalStyle } from 'styled-components'
import { getColor } from '@zendeskgarden/react-theming'

/** Page-wide basics: the theme's background and text colours, and a visible focus ring. */
export const GlobalStyle = createGlobalStyle`
  html, body, #root { height: 100%; margin: 0; }
  body {
    background: ${(p) => getColor({ theme: p.theme, variable: 'background.default' })};
    color: ${(p) => getColor({ theme: p.theme, variable: 'foreground.default' })};
    font-family: ${(p) => p.theme.fonts.system};
  }
  /* Garden's Notification is styled as a floating toast; inside a page it is a status panel, as in Admin Center. */
  main [data-garden-id='notifications.notification'] { box-shadow: none; }
  /* The skip link's target takes focus only to move the reading position: no ring around the page. */
  #main-content:focus { outline: none; }
  *:focus-visible {
    outline: 2px solid ${(p) => getColor({ theme: p.theme, variable: 'border.primaryEmphasis' })};
    outline-offset: 2px;
  }
`
