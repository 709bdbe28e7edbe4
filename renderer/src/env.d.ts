/** `import Icon from '@zendeskgarden/svg-icons/src/16/x.svg?react'` (see electron.vite.config.ts). */
declare module '*.svg?react' {
  import type { FC, SVGProps } from 'react'
  const Icon: FC<SVGProps<SVGSVGElement>>
  export default Icon
}
