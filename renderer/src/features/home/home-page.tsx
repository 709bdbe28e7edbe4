import { useEffect, useRef, useState } from 'react'
import styled from 'styled-components'
import { Button } from '@zendeskgarden/react-buttons'
import { Well } from '@zendeskgarden/react-notifications'
import { Tag } from '@zendeskgarden/react-tags'
import { Dots } from '@zendeskgarden/react-loaders'
import { Code, LG, MD, XXL } from '@zendeskgarden/react-typography'
import { getColor } from '@zendeskgarden/react-theming'
import type { AppError } from '../../../../shared/result'
import type { KeychainStatus, ProfileView } from '../../../../shared/contract/vault'
import { call } from '../../lib/api'
import { accountLabel, useActiveProfile } from '../../app/active-profile'
import { useNavigation, type RouteId } from '../../app/navigation'
import { openCustomerSwitcher } from '../../app/active-customer'
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

const Reason = styled(MD)`
  color: ${(p) => getColor({ theme: p.theme, variable: 'foreground.subtle' })};
`

/**
 * "Try the sandbox": works on any machine (with no keychain its made-up secrets are kept in memory
 * for the session), and a failure shows right under the button, scrolled into view.
 */
const TrySandbox = ({ keychainDown }: { keychainDown: boolean }) => {
  const { select } = useActiveProfile()
  const { navigate } = useNavigation()
  const [starting, setStarting] = useState(false)
  const [error, setError] = useState<AppError | null>(null)
  const errorRef = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (error) errorRef.current?.scrollIntoView?.({ block: 'nearest' })
  }, [error])
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
    <Choice isRecessed>
      <LG tag="h2">Try the sandbox</LG>
      <MD>
        A simulated Zendesk account, Aissist gateway and image host running on this computer. Walk through setup, test events, the avatar check and
        diagnosis with no Zendesk account — nothing leaves this machine.
      </MD>
      {keychainDown && <Reason data-testid="sandbox-memory-note">Works without the keychain: its made-up secrets are kept in memory for this session.</Reason>}
      <Button isPrimary onClick={() => void trySandbox()} disabled={starting} data-testid="try-sandbox">
        {starting ? 'Starting the sandbox…' : 'Try the sandbox'}
      </Button>
      <div role="status" aria-live="polite">
        {starting && <Dots aria-label="Starting the sandbox" />}
      </div>
      {error && (
        <div ref={errorRef} data-testid="try-sandbox-error">
          <ErrorNotice title="The sandbox could not be started" error={error} onDismiss={() => setError(null)} />
        </div>
      )}
    </Choice>
  )
}

/** "Add a customer": a real customer's secrets need the keychain, so with none it is disabled and says why. */
const AddCustomer = ({ keychain }: { keychain: KeychainStatus | null }) => {
  const { navigate } = useNavigation()
  const down = Boolean(keychain && !keychain.available)
  const locked = keychain?.error?.code === 'keychain-locked'
  return (
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
        disabled={down}
        aria-describedby={down ? 'add-customer-reason' : undefined}
        data-testid="add-customer-start"
      >
        Add a customer
      </Button>
      {down && keychain && (
        <Reason id="add-customer-reason" data-testid="add-customer-reason">
          A customer&apos;s secrets are kept only in the {keychain.backend}, which is {locked ? 'locked' : 'unavailable'} here. Follow &quot;What to do&quot; below, then choose
          &quot;Check again&quot;.
        </Reason>
      )}
    </Choice>
  )
}

/** The two ways in on a first run: the built-in sandbox, or a real customer. */
const FirstRun = ({ keychain }: { keychain: KeychainStatus | null }) => (
  <Choices data-testid="first-run">
    <TrySandbox keychainDown={Boolean(keychain && !keychain.available)} />
    <AddCustomer keychain={keychain} />
  </Choices>
)

const QUICK_LINKS: { id: RouteId; label: string; text: string }[] = [
  { id: 'setup', label: 'Guided setup', text: 'Create or repair the Aissist integration and its webhook.' },
  { id: 'events', label: 'Test events', text: 'Send a message and watch the round trip.' },
  { id: 'diagnose', label: 'Diagnose', text: 'Find out why a connection does not work.' }
]

/** The sandbox profile's id, asked only when its secrets may live in memory (to label its key so). */
const useSandboxProfileId = (ask: boolean): string | null => {
  const [id, setId] = useState<string | null>(null)
  useEffect(() => {
    if (ask) void call('getSandboxStatus', {}).then((r) => setId(r.ok ? r.value.profileId : null))
  }, [ask])
  return id
}

/** The active customer and where to go next. */
const ActiveCustomer = ({ profile, inMemory }: { profile: ProfileView; inMemory: boolean }) => {
  const { navigate } = useNavigation()
  return (
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
          {inMemory && profile.keySecretStatus === 'present' ? (
            <Tag size="small" hue="kale" data-testid="keySecret-status" data-status="present" data-stored-in="memory">
              Key secret kept in memory for this session (made up by the sandbox)
            </Tag>
          ) : (
            <SecretBadge kind="keySecret" status={profile.keySecretStatus} />
          )}
        </dd>
      </Facts>
      <NextTitle tag="h3">Next</NextTitle>
      <Links>
        {QUICK_LINKS.map((l) => (
          <Button key={l.id} onClick={() => navigate(l.id)} title={l.text} data-testid={`quick-${l.id}`}>
            {l.label}
          </Button>
        ))}
        <Button isBasic onClick={openCustomerSwitcher} data-testid="home-switch-customer">
          Switch customer
        </Button>
      </Links>
    </Well>
  )
}

/**
 * Start: on a first run, the two ways in and the keychain status; afterwards, the active customer
 * and where to go next. A keychain problem that does not stop what is on screen (a first run, or
 * the sandbox with its secrets in memory) comes after it, so the actions that work stay in view.
 */
export const HomePage = () => {
  const { profile, loading } = useActiveProfile()
  const { navigate } = useNavigation()
  const keychain = useKeychainStatus()
  const [count, setCount] = useState<number | null>(null)
  useEffect(() => {
    void call('listProfiles', {}).then((r) => setCount(r.ok ? r.value.profiles.length : 0))
  }, [profile])
  const sandboxId = useSandboxProfileId(Boolean(keychain.status?.sandboxInMemory))
  const sandboxInMemory = Boolean(keychain.status?.sandboxInMemory) && profile !== null && sandboxId === profile.id
  const notice = <KeychainStatusNotice status={keychain.status} error={keychain.error} onRecheck={keychain.reload} checking={keychain.checking} />
  const problemLast = Boolean(keychain.status && !keychain.status.available) && (count === 0 || sandboxInMemory)

  return (
    <Stack as="section" $gap="lg">
      <div>
        <XXL tag="h1">{count === 0 ? 'Welcome' : 'Start'}</XXL>
        <Lead>Connect a Zendesk account's messaging channels to the Aissist AI agent gateway, and find out why a connection does not work.</Lead>
      </div>
      {!problemLast && notice}
      {loading || count === null ? (
        <Dots aria-label="Loading" />
      ) : count === 0 ? (
        <FirstRun keychain={keychain.status} />
      ) : profile ? (
        <ActiveCustomer profile={profile} inMemory={sandboxInMemory} />
      ) : (
        <Well data-testid="home-none-active">
          <LG tag="h2">Choose a customer</LG>
          <MD>You have {count} customer{count === 1 ? '' : 's'}, but none is active.</MD>
          <Button onClick={() => navigate('profiles')}>Open customers</Button>
        </Well>
      )}
      {problemLast && notice}
    </Stack>
  )
}
