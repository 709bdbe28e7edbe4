import { MD, XXL } from '@zendeskgarden/react-typography'

/** First run: what the app does and where to start. */
export const HomePage = () => (
  <section>
    <XXL tag="h1">Welcome</XXL>
    <MD>Connect a Zendesk account's messaging channels to the Aissist AI agent gateway, and find out why a connection does not work.</MD>
  </section>
)
