import { useEffect, useRef, useState, type RefObject } from 'react'
import styled from 'styled-components'
import { Button } from '@zendeskgarden/react-buttons'
import { Field, Input } from '@zendeskgarden/react-forms'
import { Notification, Well } from '@zendeskgarden/react-notifications'
import { Dots } from '@zendeskgarden/react-loaders'
import { LG, MD, XXL } from '@zendeskgarden/react-typography'
import { getColor } from '@zendeskgarden/react-theming'
import { checkAgentName } from '../../../../shared/avatar/agent-name'
import type { ProfileView } from '../../../../shared/contract/vault'
import { call } from '../../lib/api'
import { useActiveProfile } from '../../app/active-profile'
import { useNavigation } from '../../app/navigation'
import { ErrorNotice } from '../../components/error-notice'
import { LongValue } from '../../components/long-value'
import { fieldIssues, type FieldLabels } from '../../components/field-issues'
import { ChatPreview } from './chat-preview'
import { CheckResult, LinkProblems } from './check-result'
import { Row, Stack } from '../../components/stack'
import { outcomeIsFor, useAvatarCheck, type CheckOutcome } from './use-avatar-check'

const Panel = styled.div`
  display: flex;
  flex-direction: column;
  gap: ${(p) => p.theme.space.md};
  padding: ${(p) => p.theme.space.lg};
  border: 1px solid ${(p) => getColor({ theme: p.theme, variable: 'border.default' })};
  border-radius: ${(p) => p.theme.borderRadii.md};
`

const Columns = styled.div`
  display: grid;
  grid-template-columns: repeat(auto-fit, minmax(min(100%, 300px), 1fr));
  gap: ${(p) => p.theme.space.lg};
  align-items: start;
`

const Column = styled.div`
  display: flex;
  flex-direction: column;
  gap: ${(p) => p.theme.space.md};
  min-width: 0;
`

const Lead = styled(MD)`
  color: ${(p) => getColor({ theme: p.theme, variable: 'foreground.subtle' })};
  max-width: 70ch;
`

/** The fields of this screen, by the names the core's errors use. */
const LABELS: FieldLabels = { agentName: 'Agent name', avatarUrl: 'Avatar URL' }

/** A result for another link than the one in the field: named, and never offered as "Use this URL". */
const StaleResult = ({ outcome, onCheck }: { outcome: CheckOutcome; onCheck(): void }) => (
  <Well isRecessed data-testid="avatar-result-stale">
    <Well.Title>The last result is for another URL</Well.Title>
    <MD>
      It was for <LongValue value={outcome.url} label="checked URL" />. The field now holds a different link: check it to see its own result.
    </MD>
    <Row>
      <Button size="small" onClick={onCheck}>
        Check the new URL
      </Button>
    </Row>
  </Well>
)

/** The page when no customer is chosen: the avatar belongs to one. */
const NoCustomer = () => {
  const { navigate } = useNavigation()
  return (
    <Stack as="section" $gap="lg">
      <XXL tag="h1">Agent &amp; avatar</XXL>
      <Notification type="info" data-testid="avatar-no-profile">
        <Notification.Title>No customer selected</Notification.Title>
        Choose or add a customer first; the agent name and avatar belong to a customer.
      </Notification>
      <div>
        <Button onClick={() => navigate('profiles')}>Open customers</Button>
      </div>
    </Stack>
  )
}

interface IdentityFieldsProps {
  agentName: string
  onAgentName(v: string): void
  avatarUrl: string
  onAvatarUrl(v: string): void
  nameRef: RefObject<HTMLInputElement>
  urlRef: RefObject<HTMLInputElement>
  /** What the core refused, by field. */
  refused: Readonly<Record<string, string>>
}

/** The agent name (with its warnings as you type) and the avatar URL, each with what the core refused. */
const IdentityFields = ({ agentName, onAgentName, avatarUrl, onAvatarUrl, nameRef, urlRef, refused }: IdentityFieldsProps) => {
  const nameProblems = checkAgentName(agentName)
  return (
    <>
      <Field>
        <Field.Label>Agent name</Field.Label>
        <Input
          ref={nameRef}
          value={agentName}
          onChange={(e) => onAgentName(e.target.value)}
          validation={refused.agentName ? 'error' : nameProblems.length ? 'warning' : undefined}
          data-testid="avatar-agent-name"
        />
        {refused.agentName && <Field.Message validation="error">{refused.agentName}</Field.Message>}
        {nameProblems.map((p) => (
          <Field.Message key={p.code} validation="warning">
            {p.message} {p.fix}
          </Field.Message>
        ))}
      </Field>
      <Field>
        <Field.Label>Avatar URL</Field.Label>
        <Field.Hint>A public link to a square PNG or JPEG of at least 128 × 128 pixels. The check fetches it anonymously, as Zendesk would.</Field.Hint>
        <Input
          ref={urlRef}
          value={avatarUrl}
          onChange={(e) => onAvatarUrl(e.target.value)}
          spellCheck={false}
          validation={refused.avatarUrl ? 'error' : undefined}
          data-testid="avatar-url"
        />
        {refused.avatarUrl && (
          <Field.Message validation="error" data-testid="avatar-url-error">
            {refused.avatarUrl}
          </Field.Message>
        )}
      </Field>
    </>
  )
}

/** The name and URL as typed, reset when another customer is chosen. */
const useIdentityFields = (profile: ProfileView | null, onReset: () => void) => {
  const [agentName, setAgentName] = useState('')
  const [avatarUrl, setAvatarUrl] = useState('')
  const loadedFor = useRef<string | null>(null)
  useEffect(() => {
    if (profile && loadedFor.current !== profile.id) {
      loadedFor.current = profile.id
      setAgentName(profile.agentName)
      setAvatarUrl(profile.avatarUrl)
      onReset()
    }
  }, [profile, onReset])
  return { agentName, setAgentName, avatarUrl, setAvatarUrl }
}

/**
 * Agent & avatar: the name and picture customers see on every AI reply. "Check" rewrites share
 * links to direct ones, fetches the image anonymously in main, and shows the verdict, each hop,
 * the problems with fixes and a preview of the chat circle; "Use this URL" saves the fix. A
 * result belongs to the URL it checked: once the field holds another link, it is marked stale.
 */
export const AvatarPage = () => {
  const { profile, refresh } = useActiveProfile()
  const avatar = useAvatarCheck(profile)
  const { agentName, setAgentName, avatarUrl, setAvatarUrl } = useIdentityFields(profile, avatar.clear)
  const [note, setNote] = useState('')
  const urlRef = useRef<HTMLInputElement>(null)
  const nameRef = useRef<HTMLInputElement>(null)

  if (!profile) return <NoCustomer />

  const dirty = agentName !== profile.agentName || avatarUrl !== profile.avatarUrl
  const { outcome } = avatar
  const fresh = outcome !== null && outcomeIsFor(outcome, avatarUrl.trim())
  const serverIssues = avatar.error ? fieldIssues(avatar.error, LABELS) : null

  const save = async (patch: { agentName?: string; avatarUrl?: string }): Promise<void> => {
    setNote('')
    const r = await call('updateProfile', { ref: profile.id, patch })
    if (!r.ok) return avatar.setError(r.error)
    avatar.setError(null)
    if (patch.avatarUrl !== undefined) setAvatarUrl(r.value.profile.avatarUrl)
    if (patch.agentName !== undefined) setAgentName(r.value.profile.agentName)
    setNote(`Saved on ${profile.name}. Run the guided setup to send it to Zendesk.`)
    await refresh()
  }

  return (
    <Stack as="section" $gap="lg">
      <div>
        <XXL tag="h1">Agent &amp; avatar</XXL>
        <Lead>The name and picture customers see on every AI reply. Share-page links (Google Drive, Dropbox, GitHub…) are turned into direct image links.</Lead>
      </div>
      <Panel>
        <LG tag="h2">{profile.name}&apos;s agent</LG>
        <Columns>
          <Column>
            <IdentityFields
              agentName={agentName}
              onAgentName={setAgentName}
              avatarUrl={avatarUrl}
              onAvatarUrl={setAvatarUrl}
              nameRef={nameRef}
              urlRef={urlRef}
              refused={serverIssues?.byField ?? {}}
            />
            <Row>
              <Button isPrimary onClick={() => void avatar.check(avatarUrl)} disabled={!avatarUrl.trim() || avatar.checking} data-testid="avatar-check">
                {avatar.checking ? 'Checking…' : 'Check'}
              </Button>
              {avatar.checking && (
                <Button onClick={avatar.cancel} data-testid="avatar-cancel">
                  Cancel
                </Button>
              )}
              <Button onClick={() => void save({ agentName, avatarUrl })} disabled={!dirty} data-testid="avatar-save">
                Save on {profile.name}
              </Button>
            </Row>
          </Column>
          <Column>
            <MD isBold>How customers see it</MD>
            <ChatPreview agentName={agentName} preview={fresh && outcome.kind === 'checked' ? outcome.result.preview : null} />
            <MD>{fresh && outcome.kind === 'checked' && outcome.result.preview ? 'The avatar as chat crops it, made from the checked image.' : 'Check the avatar URL to see the picture here.'}</MD>
          </Column>
        </Columns>
        <div role="status" aria-live="polite" data-testid="avatar-progress">
          {avatar.checking && (
            <>
              <Dots aria-label="Checking the avatar" />
              <ol>
                {avatar.hops.map((h, i) => (
                  <li key={i}>{h}</li>
                ))}
              </ol>
            </>
          )}
          {note}
        </div>
        {avatar.error && (
          <ErrorNotice
            title="The avatar could not be checked or saved"
            error={avatar.error}
            fieldLabels={LABELS}
            onField={(f) => (f === 'avatarUrl' ? urlRef : nameRef).current?.focus()}
            onDismiss={() => avatar.setError(null)}
          />
        )}
      </Panel>
      {outcome && !fresh && <StaleResult outcome={outcome} onCheck={() => void avatar.check(avatarUrl)} />}
      {outcome && fresh && outcome.kind === 'not-an-image-link' && <LinkProblems rewrite={outcome.rewrite} />}
      {outcome && fresh && outcome.kind === 'checked' && <CheckResult result={outcome.result} currentUrl={profile.avatarUrl} onUse={(url) => void save({ avatarUrl: url })} />}
    </Stack>
  )
}
