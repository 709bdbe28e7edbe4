import styled from 'styled-components'
import { getColor } from '@zendeskgarden/react-theming'

/** A bordered panel on the raised background, like Admin Center's cards. */
export const Panel = styled.section`
  border: 1px solid ${(p) => getColor({ theme: p.theme, variable: 'border.default' })};
  border-radius: 8px;
  padding: 16px 20px;
  margin-top: 16px;
  background: ${(p) => getColor({ theme: p.theme, variable: 'background.raised' })};
`

/** Two columns on wide windows, one on narrow ones. */
export const Columns = styled.div`
  display: grid;
  grid-template-columns: repeat(auto-fit, minmax(340px, 1fr));
  gap: 16px;
  align-items: start;
`

/** Preformatted text (headers, bodies, curl) that wraps and scrolls. */
export const Pre = styled.pre`
  margin: 4px 0 0;
  padding: 8px 12px;
  max-height: 240px;
  overflow: auto;
  white-space: pre-wrap;
  word-break: break-all;
  font-size: 12px;
  border-radius: 4px;
  background: ${(p) => getColor({ theme: p.theme, variable: 'background.subtle' })};
  color: ${(p) => getColor({ theme: p.theme, variable: 'foreground.default' })};
`

/** Label/value pairs. */
export const Facts = styled.dl`
  display: grid;
  grid-template-columns: max-content 1fr;
  gap: 4px 16px;
  margin: 8px 0;
  dt {
    color: ${(p) => getColor({ theme: p.theme, variable: 'foreground.subtle' })};
  }
  dd {
    margin: 0;
    font-variant-numeric: tabular-nums;
  }
`
