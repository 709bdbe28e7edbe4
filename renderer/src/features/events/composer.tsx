import { useEffect, useState } from 'react'
import { Button } from '@zendeskgarden/react-buttons'
import { Field, Input, Select, Textarea, Toggle } from '@zendeskgarden/react-forms'
import { Dots } from '@zendeskgarden/react-loaders'
import { validateRawPayload, type PayloadIssue } from '../../../../shared/gateway/payload-edit'
import type { GatewayResponseData } from '../../../../shared/contract/test-events'
import type { ProfileView } from '../../../../shared/contract/vault'
import type { AppError } from '../../../../shared/result'
import {
  AUTHOR_LABELS,
  AUTHOR_TYPES,
  CONTENT_LABELS,
  CONTENT_TYPES,
  MESSAGE_SOURCES,
  SOURCE_LABELS,
  WEBHOOK_EVENT_TYPES,
  type AuthorType,
  type ContentType,
  type MessageSource,
  type WebhookEventType
} from '../../../../shared/webhook-events'
import { ErrorNotice } from '../../components/error-notice'
import { call } from '../../lib/api'
import { ButtonBar } from '../../components/button-bar'

/** The event's editable parts, as the composer builds it. */
interface EventDraft {
  type: WebhookEventType
  sourceType: MessageSource
  author: AuthorType
  content: ContentType
  userName: string
  text: string
}

const FIRST_DRAFT: EventDraft = { type: 'conversation:message', sourceType: 'web', author: 'user', content: 'text', userName: 'Test Customer', text: 'Hello! This is a test message from Aissist Zendesk Setup.' }

/**
 * A conversation:message's author, content and text: the customer or the business (the echo
 * Zendesk sends of every reply, with the customer's agent name and avatar), and every content a
 * gateway must read.
 */
const MessageFields = ({ value, set, disabled }: { value: EventDraft; set: (patch: Partial<EventDraft>) => void; disabled: boolean }) => (
  <>
    <Field style={{ marginTop: 12 }}>
      <Field.Label>Written by</Field.Label>
      <Field.Hint>Zendesk sends every message, the agent&apos;s own replies included: a gateway must not answer the business&apos;s.</Field.Hint>
      <Select value={value.author} onChange={(e) => set({ author: AUTHOR_TYPES.find((t) => t === e.target.value) ?? value.author })} data-testid="event-author" disabled={disabled}>
        {AUTHOR_TYPES.map((a) => (
          <option key={a} value={a}>
            {AUTHOR_LABELS[a]}
          </option>
        ))}
      </Select>
    </Field>
    <Field style={{ marginTop: 12 }}>
      <Field.Label>Content</Field.Label>
      <Select value={value.content} onChange={(e) => set({ content: CONTENT_TYPES.find((t) => t === e.target.value) ?? value.content })} data-testid="event-content" disabled={disabled}>
        {CONTENT_TYPES.map((c) => (
          <option key={c} value={c}>
            {CONTENT_LABELS[c]}
          </option>
        ))}
      </Select>
    </Field>
    {(value.content === 'text' || value.content === 'image' || value.content === 'file') && (
      <Field style={{ marginTop: 12 }}>
        <Field.Label>{value.content === 'text' ? 'Message text' : 'Caption'}</Field.Label>
        <Textarea value={value.text} maxLength={4096} minRows={2} maxRows={6} onChange={(e) => set({ text: e.target.value })} data-testid="event-text" disabled={disabled} />
      </Field>
    )}
  </>
)

/** Type, channel, user, and for a message its author, content and text (read-only while the raw JSON is edited). */
const EventFields = ({ value, onChange, disabled }: { value: EventDraft; onChange: (v: EventDraft) => void; disabled: boolean }) => {
  const set = (patch: Partial<EventDraft>): void => onChange({ ...value, ...patch })
  return (
    <>
      <Field>
        <Field.Label>Event</Field.Label>
        <Select value={value.type} onChange={(e) => set({ type: WEBHOOK_EVENT_TYPES.find((t) => t === e.target.value) ?? value.type })} data-testid="event-type" disabled={disabled}>
          {WEBHOOK_EVENT_TYPES.map((t) => (
            <option key={t} value={t}>
              {t === 'conversation:message' ? 'conversation:message — a user wrote' : 'conversation:create — a conversation started'}
            </option>
          ))}
        </Select>
      </Field>
      <Field style={{ marginTop: 12 }}>
        <Field.Label>Channel</Field.Label>
        <Select value={value.sourceType} onChange={(e) => set({ sourceType: MESSAGE_SOURCES.find((t) => t === e.target.value) ?? value.sourceType })} data-testid="event-channel" disabled={disabled}>
          {MESSAGE_SOURCES.map((s) => (
            <option key={s} value={s}>
              {SOURCE_LABELS[s]}
            </option>
          ))}
        </Select>
      </Field>
      <Field style={{ marginTop: 12 }}>
        <Field.Label>User name</Field.Label>
        <Input value={value.userName} maxLength={128} onChange={(e) => set({ userName: e.target.value })} data-testid="event-user" disabled={disabled} />
      </Field>
      {value.type === 'conversation:message' && <MessageFields value={value} set={set} disabled={disabled} />}
    </>
  )
}

/** The raw-JSON switch and editor, with the schema's complaints as you type. */
const RawPayloadField = ({ raw, onRaw, text, issues, onText }: { raw: boolean; onRaw: (on: boolean) => void; text: string; issues: PayloadIssue[]; onText: (v: string) => void }) => (
  <>
    <Field style={{ marginTop: 12 }}>
      <Toggle checked={raw} onChange={(e) => onRaw(e.target.checked)} data-testid="raw-toggle">
        <Field.Label>Edit the raw JSON</Field.Label>
      </Toggle>
      <Field.Hint>Checked against Zendesk&apos;s webhook schema as you type.</Field.Hint>
    </Field>
    {raw && (
      <Field style={{ marginTop: 8 }}>
        <Field.Label>Payload JSON</Field.Label>
        <Textarea
          value={text}
          onChange={(e) => onText(e.target.value)}
          minRows={10}
          maxRows={24}
          spellCheck={false}
          style={{ fontFamily: 'monospace', fontSize: 12 }}
          validation={issues.length ? 'error' : undefined}
          data-testid="raw-json"
        />
        {issues.length > 0 && (
          <Field.Message validation="error" data-testid="raw-issues">
            {issues.map((i) => `${i.path}: ${i.message}`).join(' · ')}
          </Field.Message>
        )}
      </Field>
    )}
  </>
)

/**
 * The composer: the event as Zendesk would send it, editable by field (type, channel, user, and a
 * message's author, content and text)
 * or as raw JSON checked against the webhook schema as you type. A secret typed here is sent once
 * and never stored.
 */
export const Composer = ({ profile, onAnswer }: { profile: ProfileView; onAnswer: (r: GatewayResponseData, historyId: string | null) => void }) => {
  const [event, setEvent] = useState<EventDraft>(FIRST_DRAFT)
  const [raw, setRaw] = useState(false)
  const [rawText, setRawText] = useState('')
  const [issues, setIssues] = useState<PayloadIssue[]>([])
  const [secretOverride, setSecretOverride] = useState('')
  const [busy, setBusy] = useState<'send' | 'head' | 'raw' | null>(null)
  const [error, setError] = useState<AppError | null>(null)

  const { type, sourceType, userName, text, author, content } = event
  const message = type === 'conversation:message'
  const fields = { profileRef: profile.id, type, sourceType, userName: userName || undefined, text: message ? text : undefined, ...(message ? { author, content } : {}) }

  useEffect(() => {
    if (!raw) return
    setBusy('raw')
    void call('previewTestEvent', fields).then((r) => {
      setBusy(null)
      if (r.ok) {
        setRawText(JSON.stringify(r.value.payload, null, 2))
        setIssues([])
      } else setError(r.error)
    })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [raw])

  const onRawChange = (v: string): void => {
    setRawText(v)
    const r = validateRawPayload(v)
    setIssues(r.ok ? [] : r.issues)
  }

  const send = async (): Promise<void> => {
    setBusy('send')
    setError(null)
    const r = await call('sendTestEvent', { ...fields, ...(raw ? { rawPayload: rawText } : {}), ...(secretOverride ? { secretOverride } : {}) })
    // A typed secret is for this one send: it does not stay in the page.
    setSecretOverride('')
    setBusy(null)
    if (r.ok) onAnswer(r.value.response, r.value.historyId)
    else setError(r.error)
  }

  const head = async (): Promise<void> => {
    setBusy('head')
    setError(null)
    const r = await call('probeGateway', { profileRef: profile.id })
    setBusy(null)
    if (r.ok) onAnswer(r.value.response, null)
    else setError(r.error)
  }

  return (
    <form
      aria-label="Test event"
      onSubmit={(e) => {
        e.preventDefault()
        void send()
      }}
    >
      <EventFields value={event} onChange={setEvent} disabled={raw} />
      <RawPayloadField raw={raw} onRaw={setRaw} text={rawText} issues={issues} onText={onRawChange} />
      <Field style={{ marginTop: 12 }}>
        <Field.Label>Webhook secret for this send (optional)</Field.Label>
        <Field.Hint>Leave empty to use the one in the keychain. A secret typed here is used once and never stored.</Field.Hint>
        <Input type="password" autoComplete="off" value={secretOverride} onChange={(e) => setSecretOverride(e.target.value)} data-testid="secret-override" />
      </Field>
      <ButtonBar>
        <Button type="submit" isPrimary disabled={busy !== null || (raw && issues.length > 0)} data-testid="send-event">
          {busy === 'send' ? <Dots aria-label="Sending" /> : 'Send test event'}
        </Button>
        <Button onClick={() => void head()} disabled={busy !== null} data-testid="probe-gateway">
          {busy === 'head' ? <Dots aria-label="Checking" /> : 'HEAD check'}
        </Button>
      </ButtonBar>
      {error && <ErrorNotice title="The test event was not sent" error={error} onDismiss={() => setError(null)} />}
    </form>
  )
}
