import { useEffect, useRef, useState } from 'react'
import styled from 'styled-components'
import { Button } from '@zendeskgarden/react-buttons'
import { Field, Input } from '@zendeskgarden/react-forms'
import { Notification } from '@zendeskgarden/react-notifications'
import { Dots } from '@zendeskgarden/react-loaders'
import { LG, MD, XXL } from '@zendeskgarden/react-typography'
import { getColor } from '@zendeskgarden/react-theming'
import { checkAgentName } from '../../../../shared/avatar/agent-name'
import type { z } from 'zod'
import type { AvatarCheckResult, AvatarRewriteSchema } from '../../../../shared/contract/avatar'
import type { AppError } from '../../../../shared/result'
import { call, newTaskId, onTaskProgress } from '../../lib/api'
import { useActiveProfile } from '../../app/active-profile'
import { useNavigation } from '../../app/navigation'
import { ErrorNotice } from '../../components/error-notice'
import { ChatPreview } from './chat-preview'
import { CheckResult, LinkProblems } from './check-result'
import { Row, Stack } from '../../components/stack'

/**
 * Links that are not an image whatever the network says (a folder, a document, no file id): the
 * offline rewrite already knows, so the page says so at once and fetches nothing.
 */
const NOT_AN_IMAGE_LINK = new Set(['drive-folder', 'drive-no-file-id', 'dropbox-folder', 'google-doc', 'invalid-url', 'unsupported-scheme'])

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
  grid-template-columns: minmax(0, 3fr) minmax(240px, 2fr);
  gap: ${(p) => p.theme.space.lg};
  align-items: start;
  @media (max-width: 900px) {
    grid-template-columns: 1fr;
  }
`

const Column = styled.div`
  display: flex;
  flex-direction: column;
  gap: ${(p) => p.theme.space.md};
`

const Lead = styled(MD)`
  color: ${(p) => getColor({ theme: p.theme, variable: 'foreground.subtle' })};
  max-width: 70ch;
`

/**
 * Agent & avatar: the name and picture customers see on every AI reply. "Check" rewrites share
 * links to direct ones, fetches the image anonymously in main, and shows the verdict, each hop,
 * the problems with fixes and a preview of the chat circle; "Use this URL" saves the fix.
 */
export const AvatarPage = () => {
  const { profile, refresh } = useActiveProfile()
  const { navigate } = useNavigation()
  const [agentName, setAgentName] = useState('')
  const [avatarUrl, setAvatarUrl] = useState('')
  const [result, setResult] = useState<AvatarCheckResult | null>(null)
  const [linkOnly, setLinkOnly] = useState<z.infer<typeof AvatarRewriteSchema> | null>(null)
  const [checking, setChecking] = useState<string | null>(null)
  const [hops, setHops] = useState<string[]>([])
  const [error, setError] = useState<AppError | null>(null)
  const [note, setNote] = useState('')
  const loadedFor = useRef<string | null>(null)

  useEffect(() => {
    if (profile && loadedFor.current !== profile.id) {
      loadedFor.current = profile.id
      setAgentName(profile.agentName)
      setAvatarUrl(profile.avatarUrl)
      setResult(null)
      setLinkOnly(null)
    }
  }, [profile])

  useEffect(() => {
    if (!checking) return
    return onTaskProgress((e) => {
      if (e.taskId === checking && e.kind === 'avatar') setHops((h) => [...h, `${e.payload.status ?? '…'} ${e.payload.url}${e.payload.location ? ` → ${e.payload.location}` : ''}`])
    })
  }, [checking])

  if (!profile) {
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

  const nameProblems = checkAgentName(agentName)
  const dirty = agentName !== profile.agentName || avatarUrl !== profile.avatarUrl

  const check = async (): Promise<void> => {
    const taskId = newTaskId()
    setHops([])
    setError(null)
    setResult(null)
    setLinkOnly(null)
    const rewrite = await call('rewriteAvatarUrl', { url: avatarUrl.trim() })
    if (rewrite.ok && rewrite.value.problems.some((p) => NOT_AN_IMAGE_LINK.has(p.code))) {
      setLinkOnly(rewrite.value)
      return
    }
    setChecking(taskId)
    const r = await call('checkAvatar', { url: avatarUrl.trim(), allowPrivate: profile.allowPrivate, profileId: profile.id, taskId })
    setChecking(null)
    if (r.ok) setResult(r.value)
    else setError(r.error)
  }

  const save = async (patch: { agentName?: string; avatarUrl?: string }): Promise<void> => {
    const r = await call('updateProfile', { ref: profile.id, patch })
    if (!r.ok) return setError(r.error)
    setError(null)
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
        <LG tag="h2">{profile.name}'s agent</LG>
        <Columns>
          <Column>
            <Field>
              <Field.Label>Agent name</Field.Label>
              <Input value={agentName} onChange={(e) => setAgentName(e.target.value)} validation={nameProblems.length ? 'warning' : undefined} data-testid="avatar-agent-name" />
              {nameProblems.map((p) => (
                <Field.Message key={p.code} validation="warning">
                  {p.message} {p.fix}
                </Field.Message>
              ))}
            </Field>
            <Field>
              <Field.Label>Avatar URL</Field.Label>
              <Field.Hint>A public link to a square PNG or JPEG of at least 128 × 128 pixels. The check fetches it anonymously, as Zendesk would.</Field.Hint>
              <Input value={avatarUrl} onChange={(e) => setAvatarUrl(e.target.value)} spellCheck={false} data-testid="avatar-url" />
            </Field>
            <Row>
              <Button isPrimary onClick={() => void check()} disabled={!avatarUrl.trim() || checking !== null} data-testid="avatar-check">
                {checking ? 'Checking…' : 'Check'}
              </Button>
              {checking && (
                <Button onClick={() => void call('cancelTask', { taskId: checking })} data-testid="avatar-cancel">
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
            <ChatPreview agentName={agentName} preview={result?.preview ?? null} />
            <MD>{result?.preview ? 'The avatar as chat crops it, made from the checked image.' : 'Check the avatar URL to see the picture here.'}</MD>
          </Column>
        </Columns>
        <div role="status" aria-live="polite" data-testid="avatar-progress">
          {checking && (
            <>
              <Dots aria-label="Checking the avatar" />
              <ol>
                {hops.map((h, i) => (
                  <li key={i}>{h}</li>
                ))}
              </ol>
            </>
          )}
          {note}
        </div>
        {error && <ErrorNotice title="The avatar could not be checked or saved" error={error} onDismiss={() => setError(null)} />}
      </Panel>
      {linkOnly && <LinkProblems rewrite={linkOnly} />}
      {result && <CheckResult result={result} currentUrl={profile.avatarUrl} onUse={(url) => void save({ avatarUrl: url })} />}
    </Stack>
  )
}
