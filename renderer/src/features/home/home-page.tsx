import { useEffect, useState } from 'react'
import styled from 'styled-components'
import { Button } from '@zendeskgarden/react-buttons'
import { Well } from '@zendeskgarden/react-notifications'
import { Dots } from '@zendeskgarden/react-loaders'
import { Code, LG, MD, XXL } from '@zendeskgarden/react-typography'
import { getColor } from '@zendeskgarden/react-theming'
import type { AppError } from '../../../../shared/result'
import { call } from '../../lib/api'
import { accountLabel, useActiveProfile } from '../../app/active-profile'
import { useNavigation, type RouteId } from '../../app/navigation'
import { ErrorNotice } from '../../components/error-notice'
import { KeychainStatusNotice, useKeychainStatus } from '../profiles/keychain-status'
import { SecretBadge } from '../profiles/secret-badge'
import { Stack } from '../../components/stack'

const Choices = styled.div`
  display: grid;
  grid-template-columns: 1fr 1fr;
  gap: ${(p) => p.theme.space.md};
  @media (max-width: 800px) {
    grid-template-columns: 1fr;
  }
`

const Choice = styled(Well)`
  display: flex;
  flex-direction: column;
  gap: ${(p) => p.theme.space.sm};
  align-items: flex-start;
`

const Lead = styled(MD)`
  color: ${(p) => getColor({ theme: p.theme, variable: 'foreground.subtle' })};
  max-width: 70ch;
`

const NextTitle = styled(LG)`
  margin-top: ${(p) => p.theme.space.md};
`

const Links = styled.div`
  display: flex;
  flex-wrap: wrap;
  gap: ${(p) => p.theme.space.sm};
`

const Facts = styled.dl`
  display: grid;
  grid-template-columns: max-content 1fr;
  gap: ${(p) => p.theme.space.xxs} ${(p) => p.theme.space.md};
  margin: 0;
  dt {
    font-weight: ${(p) => p.theme.fontWeights.semibold};
  }
  dd {
    margin: 0;
  }
`

/** The two ways in on a first run: the built-in sandbox, or a real customer. */
const FirstRun = () => {
  const { select } = useActiveProfile()
  const { navigate } = useNavigation()
  const [starting, setStarting] = useState(false)
  const [error, setError] = useState<AppError | null>(null)
  const trySandbox = async (): Promise<void> => {
    setStarting(true)
    setError(null)
    const r = await call('startSandboxProfile', {})
    if (!r.ok) {
      setStarting(false)
      return setError(r.error)
    }
    await select(r.value.profile.id)
    setStarting(false)
    navigate('setup')
  }
  return (
    <Choices data-testid="first-run">
      <Choice isRecessed>
        <LG tag="h2">Try the sandbox</LG>
        <MD>
          A simulated Zendesk account, Aissist gateway and image host running on this computer. Walk through setup, test events, the avatar check and
          diagnosis with no Zendesk account — nothing leaves this machine.
        </MD>
        <Button isPrimary onClick={() => void trySandbox()} disabled={starting} data-testid="try-sandbox">
          {starting ? 'Starting the sandbox…' : 'Try the sandbox'}
        </Button>
        <div role="status" aria-live="polite">
          {starting && <Dots aria-label="Starting the sandbox" />}
        </div>
        {error && <ErrorNotice title="The sandbox could not be started" error={error} onDismiss={() => setError(null)} />}
      </Choice>
      <Choice isRecessed>
        <LG tag="h2">Add a customer</LG>
        <MD>
          Connect a real Zendesk account: you need its subdomain and a Conversations API key (Admin Center → Apps and integrations → Conversations API).
        </MD>
        <Button
          onClick={() => {
            sessionStorage.setItem('aissist-open-add', '1')
            navigate('profiles')
          }}
          data-testid="add-customer-start"
        >
          Add a customer
        </Button>
      </Choice>
    </Choices>
  )
}

const QUICK_LINKS: { id: RouteId; label: string; text: string }[] = [
  { id: 'setup', label: 'Guided setup', text: 'Create or repair the Aissist integration and its webhook.' },
  { id: 'events', label: 'Test events', text: 'Send a message and watch the round trip.' },
  { id: 'diagnose', label: 'Diagnose', text: 'Find out why a connection does not work.' }
]

/** Start: on a first run, the keychain status and the two ways in; afterwards, the active customer and where to go next. */
export const HomePage = () => {
  const { profile, loading } = useActiveProfile()
  const { navigate } = useNavigation()
  const keychain = useKeychainStatus()
  const [count, setCount] = useState<number | null>(null)
  useEffect(() => {
    void call('listProfiles', {}).then((r) => setCount(r.ok ? r.value.profiles.length : 0))
  }, [profile])

  return (
    <Stack as="section" $gap="lg">
      <div>
        <XXL tag="h1">{count === 0 ? 'Welcome' : 'Start'}</XXL>
        <Lead>Connect a Zendesk account's messaging channels to the Aissist AI agent gateway, and find out why a connection does not work.</Lead>
      </div>
      <KeychainStatusNotice status={keychain.status} error={keychain.error} />
      {loading || count === null ? (
        <Dots aria-label="Loading" />
      ) : count === 0 ? (
        <FirstRun />
      ) : profile ? (
        <Well data-testid="home-active">
          <LG tag="h2">Working on {profile.name}</LG>
          <Facts>
            <dt>Account</dt>
            <dd>{accountLabel(profile)}</dd>
            <dt>App ID</dt>
            <dd>
              <Code>{profile.appId}</Code>
            </dd>
            <dt>Key</dt>
            <dd>
              <SecretBadge kind="keySecret" status={profile.keySecretStatus} />
            </dd>
          </Facts>
          <NextTitle tag="h3">Next</NextTitle>
          <Links>
            {QUICK_LINKS.map((l) => (
              <Button key={l.id} onClick={() => navigate(l.id)} title={l.text} data-testid={`quick-${l.id}`}>
                {l.label}
              </Button>
            ))}
            <Button isBasic onClick={() => navigate('profiles')}>
              Switch customer
            </Button>
          </Links>
        </Well>
      ) : (
        <Well data-testid="home-none-active">
          <LG tag="h2">Choose a customer</LG>
          <MD>You have {count} customer{count === 1 ? '' : 's'}, but none is active.</MD>
          <Button onClick={() => navigate('profiles')}>Open customers</Button>
        </Well>
      )}
    </Stack>
  )
}
