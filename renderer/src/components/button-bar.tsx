import styled from 'styled-components'

/** A row of actions under a page's intro or inside a panel, spaced the same on every screen. */
export const ButtonBar = styled.div`
  display: flex;
  flex-wrap: wrap;
  gap: ${(p) => p.theme.space.xs};
  align-items: center;
  margin: ${(p) => p.theme.space.md} 0;
`
