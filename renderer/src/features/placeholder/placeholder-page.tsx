import { MD, XXL } from '@zendeskgarden/react-typography'

/** A screen whose capability has not landed yet. */
export const PlaceholderPage = ({ title }: { title: string }) => (
  <section>
    <XXL tag="h1">{title}</XXL>
    <MD>This part of the app is being built.</MD>
  </section>
)
