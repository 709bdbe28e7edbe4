import styled from 'styled-components'
import { Avatar } from '@zendeskgarden/react-avatars'
import { getColor } from '@zendeskgarden/react-theming'
import UserIcon from '@zendeskgarden/svg-icons/src/16/user-solo-stroke.svg?react'

const Bubble = styled.div`
  display: flex;
  align-items: flex-start;
  gap: ${(p) => p.theme.space.sm};
  padding: ${(p) => p.theme.space.md};
  border-radius: ${(p) => p.theme.borderRadii.md};
  background: ${(p) => getColor({ theme: p.theme, variable: 'background.subtle' })};
  max-width: 420px;
`

const Text = styled.div`
  display: flex;
  flex-direction: column;
  gap: ${(p) => p.theme.space.xxs};
`

const Message = styled.div`
  padding: ${(p) => p.theme.space.xs} ${(p) => p.theme.space.sm};
  border-radius: ${(p) => p.theme.borderRadii.md};
  background: ${(p) => getColor({ theme: p.theme, variable: 'background.default' })};
  border: 1px solid ${(p) => getColor({ theme: p.theme, variable: 'border.default' })};
`

/**
 * How a customer will see the AI agent in chat: the avatar circle (the preview main made, a data:
 * URL — the page never loads the remote image) beside the agent name.
 */
export const ChatPreview = ({ agentName, preview }: { agentName: string; preview: string | null }) => (
  <Bubble data-testid="chat-preview" aria-label="Chat preview">
    <Avatar size="large" backgroundColor={preview ? undefined : 'grey'}>
      {preview ? <img src={preview} alt={`Avatar of ${agentName || 'the agent'}`} data-testid="avatar-preview" /> : <UserIcon aria-label="No avatar" role="img" />}
    </Avatar>
    <Text>
      <strong>{agentName.trim() || 'Agent name missing'}</strong>
      <Message>Hi! How can I help you today?</Message>
    </Text>
  </Bubble>
)
