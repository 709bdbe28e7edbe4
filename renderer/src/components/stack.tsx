import styled from 'styled-components'

type Space = 'xs' | 'sm' | 'md' | 'lg'

/** A column of blocks with the theme's spacing between them (`$gap`, default `md`). */
export const Stack = styled.div<{ $gap?: Space }>`
  display: flex;
  flex-direction: column;
  gap: ${(p) => p.theme.space[p.$gap ?? 'md']};
`

/** A wrapping row of inline items (tags, buttons, facts), vertically centred. */
export const Row = styled.div<{ $gap?: Space }>`
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: ${(p) => p.theme.space[p.$gap ?? 'sm']};
`
