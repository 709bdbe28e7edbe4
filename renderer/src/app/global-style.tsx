import { createGlobalStyle } from 'styled-components'
import { getColor } from '@zendeskgarden/react-theming'

/**
 * Page-wide basics: the theme's background and text colours, a visible focus ring, the current
 * screen marked in the navigation, and nothing that scrolls or clips sideways (long words, URLs
 * and IDs break, tags wrap) at any window size or zoom.
 */
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
  /*
   * The current screen, always: Garden marks aria-current="true", the navigation says "page". Its
   * current background (darker in both schemes: the bar is the brand colour either way), full opacity, a bar at the start edge and a heavier label, so it differs
   * from the others in more than one way (and not by colour alone).
   */
  [data-garden-id='chrome.nav_button'][aria-current='page'] {
    opacity: 1;
    cursor: default;
    font-weight: ${(p) => p.theme.fontWeights.semibold};
    background-color: ${(p) => getColor({ theme: p.theme, hue: 'black', transparency: p.theme.opacity[500] })};
    box-shadow: inset ${(p) => (p.theme.rtl ? '-4px' : '4px')} 0 0 ${(p) => getColor({ theme: p.theme, hue: 'white' })};
  }
  /* Nothing inside the page may be wider than the page. */
  main, main > * { min-width: 0; }
  main td, main th, main code, main dd, main li { overflow-wrap: anywhere; }
  /* Tags wrap instead of cutting their words off (one line keeps Garden's height). */
  main [data-garden-id='tags.tag_view'] {
    height: auto;
    min-height: ${(p) => p.theme.space.base * 4}px;
    white-space: normal;
    overflow-wrap: anywhere;
    text-align: start;
  }
  main [data-garden-id='tags.tag_view'] > * { white-space: normal; }
`
