import 'styled-components'
import type { IGardenTheme } from '@zendeskgarden/react-theming'

/** styled-components' theme is Garden's theme. */
declare module 'styled-components' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  export interface DefaultTheme extends IGardenTheme {}
}
