import { AgentBubble } from '../../components/agent-bubble'

/**
 * How a customer will see the AI agent in chat: the avatar circle (the preview main made, a data:
 * URL — the page never loads the remote image) on the widget's surface, beside the agent name.
 */
export const ChatPreview = ({ agentName, preview }: { agentName: string; preview: string | null }) => (
  <AgentBubble agentName={agentName} picture={preview} testId="chat-preview" pictureTestId="avatar-preview">
    Hi! How can I help you today?
  </AgentBubble>
)
