import { useEffect, useState, type ReactNode } from 'react'
import styled from 'styled-components'
import { getColor, type IGardenTheme } from '@zendeskgarden/react-theming'

/**
 * The chat widget's own colours, the same in the app's light and dark themes: customers see the
 * avatar on the widget's light surface whatever this app's theme is, so a white-on-transparent
 * picture shows here exactly as badly as it would in chat.
 */
const widget = (theme: IGardenTheme) => ({
  surface: getColor({ theme, hue: 'white' }),
  border: getColor({ theme, hue: 'grey', shade: 300 }),
  bubble: getColor({ theme, hue: 'grey', shade: 100 }),
  text: getColor({ theme, hue: 'grey', shade: 900 }),
  subtle: getColor({ theme, hue: 'grey', shade: 700 }),
  initial: getColor({ theme, hue: 'kale', shade: 700 })
})

const Frame = styled.div`
  display: flex;
  align-items: flex-start;
  gap: ${(p) => p.theme.space.sm};
  padding: ${(p) => p.theme.space.md};
  border-radius: ${(p) => p.theme.borderRadii.md};
  border: 1px solid ${(p) => widget(p.theme).border};
  background: ${(p) => widget(p.theme).surface};
  color: ${(p) => widget(p.theme).text};
  max-width: 460px;
  min-width: 0;
`

const Circle = styled.span`
  flex: none;
  display: inline-flex;
  align-items: center;
  justify-content: center;
  width: 48px;
  height: 48px;
  border-radius: 50%;
  overflow: hidden;
  background: ${(p) => widget(p.theme).surface};
  box-shadow: inset 0 0 0 1px ${(p) => widget(p.theme).border};
  img {
    width: 100%;
    height: 100%;
    object-fit: cover;
  }
`

const Initial = styled(Circle)`
  background: ${(p) => widget(p.theme).initial};
  color: ${(p) => widget(p.theme).surface};
  box-shadow: none;
  font-weight: ${(p) => p.theme.fontWeights.semibold};
  font-size: ${(p) => p.theme.fontSizes.lg};
`

const Body = styled.div`
  display: flex;
  flex-direction: column;
  gap: ${(p) => p.theme.space.xxs};
  min-width: 0;
`

const Name = styled.span`
  font-weight: ${(p) => p.theme.fontWeights.semibold};
  overflow-wrap: anywhere;
`

const Message = styled.div`
  padding: ${(p) => p.theme.space.xs} ${(p) => p.theme.space.sm};
  border-radius: ${(p) => p.theme.borderRadii.md};
  background: ${(p) => widget(p.theme).bubble};
  white-space: pre-wrap;
  overflow-wrap: anywhere;
`

const Note = styled.span`
  color: ${(p) => widget(p.theme).subtle};
  font-size: ${(p) => p.theme.fontSizes.sm};
`

/** The first letter of the agent's name, as the widget shows when there is no picture. */
const initialOf = (name: string): string => [...name.trim()][0]?.toUpperCase() ?? '?'

export interface AgentBubbleProps {
  agentName: string
  /** The avatar as a data: URL made in main (the page never loads a remote image), or null. */
  picture: string | null
  children: ReactNode
  /** A line under the message (where the picture came from, why it is missing). */
  note?: ReactNode
  testId?: string
  pictureTestId?: string
}

/**
 * One message from the AI agent as the chat widget shows it: the avatar circle on the widget's
 * surface (the agent's initial on a solid colour when there is no picture or it fails to load),
 * the agent's name and the message in a bubble.
 */
export const AgentBubble = ({ agentName, picture, children, note, testId, pictureTestId }: AgentBubbleProps) => {
  const [failed, setFailed] = useState(false)
  useEffect(() => setFailed(false), [picture])
  const name = agentName.trim()
  return (
    <Frame data-testid={testId} role="group" aria-label={`Chat message from ${name || 'the agent'}`}>
      {picture && !failed ? (
        <Circle>
          <img src={picture} alt={`Avatar of ${name || 'the agent'}`} data-testid={pictureTestId} onError={() => setFailed(true)} />
        </Circle>
      ) : (
        <Initial role="img" aria-label={`No avatar: the initial of ${name || 'the agent'}`} data-testid="avatar-initial">
          {initialOf(name)}
        </Initial>
      )}
      <Body>
        <Name>{name || 'Agent name missing'}</Name>
        <Message>{children}</Message>
        {note && <Note>{note}</Note>}
      </Body>
    </Frame>
  )
}
