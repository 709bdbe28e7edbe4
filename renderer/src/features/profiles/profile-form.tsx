import { useEffect, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react'
import styled from 'styled-components'
import { Button } from '@zendeskgarden/react-buttons'
import { Field, Fieldset, Input, Radio, Textarea, Toggle } from '@zendeskgarden/react-forms'
import { Grid } from '@zendeskgarden/react-grid'
import { LG } from '@zendeskgarden/react-typography'
import { getColor } from '@zendeskgarden/react-theming'
import { DEFAULT_GATEWAY_URL, PROFILE_FIELD_LABELS, profileNotices, validateProfileInput, type ProfileFieldErrors } from '../../../../shared/schemas/profile'
import type { ProfileView } from '../../../../shared/contract/vault'
import type { AppError } from '../../../../shared/result'
import { call } from '../../lib/api'
import { ErrorNotice } from '../../components/error-notice'
import { fieldIssues, type FieldLabels } from '../../components/field-issues'
import { SecretControls } from './secret-controls'

const Panel = styled.form`
  border: 1px solid ${(p) => getColor({ theme: p.theme, variable: 'border.default' })};
  border-radius: ${(p) => p.theme.borderRadii.md};
  padding: ${(p) => p.theme.space.lg};
  margin: ${(p) => p.theme.space.md} 0;
  background: ${(p) => getColor({ theme: p.theme, variable: 'background.raised' })};
  display: flex;
  flex-direction: column;
  gap: ${(p) => p.theme.space.md};
`

const Actions = styled.div`
  display: flex;
  gap: ${(p) => p.theme.space.sm};
`

type HostKind = 'subdomain' | 'apiBaseUrl'

interface Values {
  name: string
  hostKind: HostKind
  subdomain: string
  apiBaseUrl: string
  appId: string
  keyId: string
  gatewayUrl: string
  agentName: string
  avatarUrl: string
  allowPrivate: boolean
  notes: string
}

const fromProfile = (p: ProfileView | null): Values => ({
  name: p?.name ?? '',
  hostKind: p?.apiBaseUrl ? 'apiBaseUrl' : 'subdomain',
  subdomain: p?.subdomain ?? '',
  apiBaseUrl: p?.apiBaseUrl ?? '',
  appId: p?.appId ?? '',
  keyId: p?.keyId ?? '',
  gatewayUrl: p?.gatewayUrl ?? DEFAULT_GATEWAY_URL,
  agentName: p?.agentName ?? '',
  avatarUrl: p?.avatarUrl ?? '',
  allowPrivate: p?.allowPrivate ?? false,
  notes: p?.notes ?? ''
})

/** The typed fields as the shared schema wants them (only the chosen host kind). */
const toInput = (v: Values) => ({
  name: v.name,
  ...(v.hostKind === 'subdomain' ? { subdomain: v.subdomain } : { apiBaseUrl: v.apiBaseUrl }),
  appId: v.appId,
  keyId: v.keyId,
  gatewayUrl: v.gatewayUrl,
  agentName: v.agentName,
  avatarUrl: v.avatarUrl,
  allowPrivate: v.allowPrivate,
  notes: v.notes
})

/** The form's fields by the keys the core's errors use, with the labels the form shows. */
const FORM_LABELS: FieldLabels = { ...PROFILE_FIELD_LABELS, keySecret: 'Key secret' }

/** Field errors the core sent back (`details.issues`), so a clash such as a taken name shows inline too. */
const issuesOf = (e: AppError): ProfileFieldErrors | null => {
  const found = fieldIssues(e, FORM_LABELS, { value: 'keySecret' })
  return found && Object.keys(found.byField).length ? { ...found.byField } : null
}

/** The fields in the order the form shows them: the first with an error gets the focus. */
const FIELD_ORDER = ['name', 'subdomain', 'apiBaseUrl', 'appId', 'keyId', 'keySecret', 'gatewayUrl', 'agentName', 'avatarUrl', 'notes'] as const

/**
 * Moves the focus to a field of the form by its key (inputs carry it as their name; a stored secret
 * has a Replace button instead), scrolled into view.
 */
const focusFormField = (form: HTMLFormElement | null, key: string): boolean => {
  const el = form?.querySelector<HTMLElement>(`[name="${CSS.escape(key)}"], [data-testid="${CSS.escape(key)}-replace"]`)
  if (!el) return false
  el.scrollIntoView({ block: 'center' })
  el.focus()
  return true
}

interface TextFieldProps {
  id: keyof Values | 'keySecret'
  label: string
  hint?: ReactNode
  value: string
  error?: string
  /** A word about an accepted value (completed, or allowed with a risk); shown when there is no error. */
  notice?: string
  onChange(v: string): void
  onBlur(): void
  placeholder?: string
  required?: boolean
}

const TextField = ({ id, label, hint, value, error, notice, onChange, onBlur, placeholder, required }: TextFieldProps) => (
  <Field>
    <Field.Label>
      {label}
      {!required && <span aria-hidden="true"> (optional)</span>}
    </Field.Label>
    {hint && <Field.Hint>{hint}</Field.Hint>}
    <Input
      name={id}
      data-testid={`field-${id}`}
      value={value}
      placeholder={placeholder}
      aria-required={required || undefined}
      validation={error ? 'error' : undefined}
      onChange={(e) => onChange(e.target.value)}
      onBlur={onBlur}
      spellCheck={false}
      autoComplete="off"
    />
    {error && (
      <Field.Message validation="error" data-testid={`error-${id}`}>
        {error}
      </Field.Message>
    )}
    {!error && notice && (
      <Field.Message validation="warning" data-testid={`notice-${id}`}>
        {notice}
      </Field.Message>
    )}
  </Field>
)

type TextProps = Pick<TextFieldProps, 'id' | 'value' | 'error' | 'notice' | 'onChange' | 'onBlur'>

/**
 * The form's values and what to show beside each field: the shared validator's messages (once a
 * field was left or the form submitted, and at once for a stored value today's rules refuse, such
 * as a name with a control character from an older file), the core's own, and notices about
 * accepted values (an API base completed with /sc, an account-scoped key).
 */
const useProfileFormState = (profile: ProfileView | null) => {
  const [values, setValues] = useState<Values>(() => fromProfile(profile))
  const [touched, setTouched] = useState<Set<string>>(() => {
    const stored = profile ? validateProfileInput(toInput(fromProfile(profile))) : null
    return new Set(stored && !stored.ok ? Object.keys(stored.errors) : [])
  })
  const [submitted, setSubmitted] = useState(false)
  const [serverErrors, setServerErrors] = useState<ProfileFieldErrors>({})
  const check = useMemo(() => validateProfileInput(toInput(values)), [values])
  const notices = useMemo(() => {
    const input = toInput(values)
    return Object.fromEntries(profileNotices({ apiBaseUrl: 'apiBaseUrl' in input ? input.apiBaseUrl : undefined, keyId: values.keyId }).map((n) => [n.field, n.message]))
  }, [values])
  const errors: ProfileFieldErrors = check.ok ? {} : check.errors
  const shown = (k: string): string | undefined => serverErrors[k] ?? (submitted || touched.has(k) ? errors[k] : undefined)
  const set = <K extends keyof Values>(k: K, v: Values[K]): void => {
    setValues((old) => ({ ...old, [k]: v }))
    setServerErrors((old) => ({ ...old, [k]: undefined, ...(k === 'subdomain' || k === 'apiBaseUrl' ? { subdomain: undefined, apiBaseUrl: undefined } : {}) }))
  }
  const touch = (k: string) => () => setTouched((t) => new Set(t).add(k))
  const text = (k: Exclude<keyof Values, 'allowPrivate' | 'hostKind'>): TextProps => ({
    id: k,
    value: values[k],
    error: shown(k),
    notice: notices[k],
    onChange: (v: string) => set(k, v),
    onBlur: touch(k)
  })
  return { values, check, shown, set, touch, text, setSubmitted, serverErrors, setServerErrors }
}

type FormState = ReturnType<typeof useProfileFormState>

/** Which Zendesk account: by subdomain, or by an explicit API base (legacy regions, the sandbox). */
const AccountFields = ({ form }: { form: FormState }) => (
  <>
    <Fieldset>
      <Fieldset.Legend>Zendesk account</Fieldset.Legend>
      <Field>
        <Radio name="hostKind" value="subdomain" checked={form.values.hostKind === 'subdomain'} onChange={() => form.set('hostKind', 'subdomain')}>
          <Field.Label isRegular>By subdomain (acme.zendesk.com)</Field.Label>
        </Radio>
      </Field>
      <Field>
        <Radio name="hostKind" value="apiBaseUrl" checked={form.values.hostKind === 'apiBaseUrl'} onChange={() => form.set('hostKind', 'apiBaseUrl')}>
          <Field.Label isRegular>By API base URL (legacy regions, the sandbox)</Field.Label>
        </Radio>
      </Field>
    </Fieldset>
    {form.values.hostKind === 'subdomain' ? (
      <TextField label="Zendesk subdomain" required hint={'The "acme" of acme.zendesk.com; pasting the full address works too.'} placeholder="acme" {...form.text('subdomain')} />
    ) : (
      <TextField label="API base URL" required hint="The Conversations API base, e.g. https://acme.zendesk.com/sc or the sandbox's address." {...form.text('apiBaseUrl')} />
    )}
    <Grid.Row>
      <Grid.Col md={6}>
        <TextField label="App ID" required hint="24 hexadecimal characters." {...form.text('appId')} />
      </Grid.Col>
      <Grid.Col md={6}>
        <TextField label="Key ID" required hint="app_ followed by 24 hexadecimal characters (an app-scoped key)." {...form.text('keyId')} />
      </Grid.Col>
    </Grid.Row>
  </>
)

/** The key secret of a new customer: a write-only password field, read once on submit. */
const NewSecretField = ({ secretRef, error, onChange }: { secretRef: RefObject<HTMLInputElement>; error?: string; onChange(): void }) => (
  <Field>
    <Field.Label>Key secret</Field.Label>
    <Field.Hint>Stored in the OS keychain only. It is never shown again; you can replace or copy it later.</Field.Hint>
    <Input
      ref={secretRef}
      type="password"
      name="keySecret"
      data-testid="field-keySecret"
      autoComplete="new-password"
      aria-required
      validation={error ? 'error' : undefined}
      onChange={onChange}
    />
    {error && (
      <Field.Message validation="error" data-testid="error-keySecret">
        {error}
      </Field.Message>
    )}
  </Field>
)

/** Gateway, agent identity, private addresses and notes. */
const DeliveryFields = ({ form }: { form: FormState }) => (
  <>
    <TextField label="Gateway URL" required hint="Where Zendesk sends conversation events; the Aissist gateway unless support told you otherwise." {...form.text('gatewayUrl')} />
    <Grid.Row>
      <Grid.Col md={6}>
        <TextField label="Agent name" hint="The name customers see on the AI agent's replies." {...form.text('agentName')} />
      </Grid.Col>
      <Grid.Col md={6}>
        <TextField label="Avatar URL" hint="A direct https link to a square image." {...form.text('avatarUrl')} />
      </Grid.Col>
    </Grid.Row>
    <Field>
      <Toggle checked={form.values.allowPrivate} onChange={(e) => form.set('allowPrivate', e.target.checked)} data-testid="field-allowPrivate">
        <Field.Label>Allow private addresses</Field.Label>
      </Toggle>
      <Field.Hint>
        Lets this customer's URLs point at this computer or a private network (127.0.0.1, 10.x, 192.168.x). Leave it off for real
        customers; the sandbox needs it on.
      </Field.Hint>
    </Field>
    <Field>
      <Field.Label>
        Notes<span aria-hidden="true"> (optional)</span>
      </Field.Label>
      <Textarea name="notes" value={form.values.notes} minRows={2} maxRows={6} onChange={(e) => form.set('notes', e.target.value)} onBlur={form.touch('notes')} validation={form.shown('notes') ? 'error' : undefined} />
      {form.shown('notes') && <Field.Message validation="error">{form.shown('notes')}</Field.Message>}
    </Field>
  </>
)

/**
 * Add or edit a customer. Every field is checked as the user types with the same validator the
 * core runs, and each message sits beside its field. The key secret is a write-only password
 * field: its value lives in the DOM input only until it is sent to the keychain, never in state.
 */
export const ProfileForm = ({ profile, onSaved, onCancel, focusField }: { profile: ProfileView | null; onSaved(p: ProfileView): void; onCancel(): void; focusField?: string | null }) => {
  const editing = profile !== null
  const form = useProfileFormState(profile)
  const [error, setError] = useState<AppError | null>(null)
  const [saving, setSaving] = useState(false)
  const [secretError, setSecretError] = useState<string | undefined>()
  const secretRef = useRef<HTMLInputElement>(null)
  const formRef = useRef<HTMLFormElement>(null)
  const errorRef = useRef<HTMLDivElement>(null)

  // Opening the form puts the focus in its first field, or in the one a fix pointed at.
  useEffect(() => {
    if (!focusField || !focusFormField(formRef.current, focusField)) focusFormField(formRef.current, 'name')
  }, [focusField])

  /** After a refused submit: the first field with an error, else the error itself. */
  const focusFirstError = (errors: ProfileFieldErrors): void => {
    const first = FIELD_ORDER.find((k) => errors[k])
    if (first && focusFormField(formRef.current, first)) return
    errorRef.current?.querySelector<HTMLElement>('button, [tabindex]')?.focus()
  }

  const submit = async (): Promise<void> => {
    form.setSubmitted(true)
    setError(null)
    const secret = secretRef.current?.value ?? ''
    const secretMissing = !editing && !secret
    const secretMessage = secretMissing ? 'Paste the key secret (Admin Center shows it once, when the key is created).' : undefined
    setSecretError(secretMessage)
    if (!form.check.ok || secretMissing) {
      // Wait for the messages to render, then go to the first one.
      setTimeout(() => focusFirstError({ ...(form.check.ok ? {} : form.check.errors), ...(secretMessage ? { keySecret: secretMessage } : {}) }))
      return
    }
    setSaving(true)
    const { values } = form
    const input = toInput(values)
    const r = editing
      ? await call('updateProfile', {
          ref: profile.id,
          patch: {
            ...input,
            ...(values.hostKind === 'subdomain' ? { subdomain: values.subdomain, apiBaseUrl: null } : { apiBaseUrl: values.apiBaseUrl, subdomain: null })
          }
        })
      : await call('createProfile', { ...input, keySecret: secret })
    setSaving(false)
    if (secretRef.current) secretRef.current.value = ''
    if (r.ok) {
      onSaved(r.value.profile)
      return
    }
    const fieldErrors = issuesOf(r.error)
    if (fieldErrors) form.setServerErrors(fieldErrors)
    setError(r.error)
    setTimeout(() => focusFirstError(fieldErrors ?? {}))
  }

  return (
    <Panel
      ref={formRef}
      aria-labelledby="profile-form-title"
      data-testid="profile-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault()
        void submit()
      }}
    >
      <LG tag="h2" id="profile-form-title">
        {editing ? `Edit ${profile.name}` : 'Add a customer'}
      </LG>
      <TextField label="Customer name" required hint="How you recognise this customer, e.g. Acme Corp." {...form.text('name')} />
      <AccountFields form={form} />
      {editing ? (
        <SecretControls profile={profile} />
      ) : (
        <NewSecretField secretRef={secretRef} error={secretError ?? form.serverErrors.keySecret} onChange={() => setSecretError(undefined)} />
      )}
      <DeliveryFields form={form} />
      {error && (
        <div ref={errorRef}>
          <ErrorNotice
            title={editing ? 'The changes were not saved' : 'The customer was not added'}
            error={error}
            fieldLabels={FORM_LABELS}
            onField={(k) => focusFormField(formRef.current, k)}
            onDismiss={() => setError(null)}
          />
        </div>
      )}
      <Actions>
        <Button type="submit" isPrimary disabled={saving} data-testid="profile-save">
          {saving ? 'Saving…' : editing ? 'Save changes' : 'Add customer'}
        </Button>
        <Button type="button" onClick={onCancel}>
          Cancel
        </Button>
      </Actions>
    </Panel>
  )
}
