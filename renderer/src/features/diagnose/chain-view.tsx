import styled, { css, type DefaultTheme } from 'styled-components'
import { getColor } from '@zendeskgarden/react-theming'
import { MD, SM } from '@zendeskgarden/react-typography'
import { StatusTag } from '../../components/status-tag'
import type { LinkView } from './use-doctor-run'

const dotColour = (theme: DefaultTheme, state: LinkView['status']): string => {
  switch (state) {
    case 'pass':
      return getColor({ theme, variable: 'foreground.success' })
    case 'warn':
      return getColor({ theme, variable: 'foreground.warning' })
    case 'fail':
      return getColor({ theme, variable: 'foreground.danger' })
    case 'running':
      return getColor({ theme, variable: 'foreground.primary' })
    default:
      return getColor({ theme, variable: 'border.emphasis' })
  }
}

const List = styled.ol`
  list-style: none;
  margin: 0;
  padding: 0;
`

const Item = styled.li<{ $status: LinkView['status']; $last: boolean }>`
  position: relative;
  padding-left: 28px;
  ${(p) =>
    !p.$last &&
    css`
      &::after {
        content: '';
        position: absolute;
        left: 8px;
        top: 30px;
        bottom: -6px;
        width: 2px;
        background: ${dotColour(p.theme, p.$status === 'pending' || p.$status === 'skipped' ? 'pending' : p.$status)};
        opacity: 0.5;
      }
    `}
  &::before {
    content: '';
    position: absolute;
    left: 2px;
    top: 16px;
    width: 14px;
    height: 14px;
    border-radius: 50%;
    box-sizing: border-box;
    border: 2px solid ${(p) => dotColour(p.theme, p.$status)};
    background: ${(p) => (p.$status === 'pending' || p.$status === 'skipped' ? 'transparent' : dotColour(p.theme, p.$status))};
  }
`

const LinkButton = styled.button<{ $selected: boolean }>`
  display: flex;
  flex-wrap: wrap;
  width: 100%;
  align-items: center;
  gap: 2px 10px;
  margin: 2px 0;
  padding: 8px 10px;
  border-radius: 4px;
  border: 1px solid ${(p) => (p.$selected ? getColor({ theme: p.theme, variable: 'border.primaryEmphasis' }) : 'transparent')};
  background: ${(p) => (p.$selected ? getColor({ theme: p.theme, variable: 'background.subtle' }) : 'transparent')};
  color: inherit;
  font: inherit;
  text-align: start;
  cursor: pointer;
  &:hover {
    background: ${(p) => getColor({ theme: p.theme, variable: 'background.subtle' })};
  }
  &:focus-visible {
    outline: 2px solid ${(p) => getColor({ theme: p.theme, variable: 'border.primaryEmphasis' })};
    outline-offset: 1px;
  }
`

/** The title takes the room left; the time and the status go beside it, or below when there is none. */
const Title = styled(MD)`
  flex: 1 1 12em;
  min-width: 0;
  overflow-wrap: anywhere;
`

const Meta = styled.span`
  display: inline-flex;
  align-items: center;
  gap: 8px;
  margin-inline-start: auto;
`

/** What was found, wrapped onto at most three lines (the details panel has it whole). */
const Message = styled(SM)`
  flex: 1 0 100%;
  min-width: 0;
  color: ${(p) => getColor({ theme: p.theme, variable: 'foreground.subtle' })};
  overflow-wrap: anywhere;
  display: -webkit-box;
  -webkit-line-clamp: 3;
  -webkit-box-orient: vertical;
  overflow: hidden;
`

const Duration = styled(SM)`
  color: ${(p) => getColor({ theme: p.theme, variable: 'foreground.subtle' })};
  white-space: nowrap;
`

/**
 * The chain as linked checks, top to bottom in the order a message travels; each dot turns green,
 * amber or red as its check finishes. Clicking a link selects it for the details panel.
 */
export const ChainView = ({ links, selected, onSelect }: { links: LinkView[]; selected: string | null; onSelect: (id: LinkView['id']) => void }) => (
  <List aria-label="The chain of checks" data-testid="doctor-chain">
    {links.map((l, i) => (
      <Item key={l.id} $status={l.status} $last={i === links.length - 1} data-testid={`doctor-link-${l.id}`} data-status={l.status}>
        <LinkButton type="button" $selected={selected === l.id} aria-pressed={selected === l.id} onClick={() => onSelect(l.id)}>
          <Title tag="span" isBold>
            {l.title}
          </Title>
          <Meta>
            {l.check && <Duration tag="span">{l.check.durationMs < 1 ? '< 1' : Math.round(l.check.durationMs)} ms</Duration>}
            <StatusTag status={l.status} size="small" />
          </Meta>
          {l.message && <Message tag="span" title={l.message}>{l.message}</Message>}
        </LinkButton>
      </Item>
    ))}
  </List>
)
