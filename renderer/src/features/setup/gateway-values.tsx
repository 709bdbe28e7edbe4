import { forwardRef, useState } from 'react'
import styled from 'styled-components'
import { Button } from '@zendeskgarden/react-buttons'
import { Table } from '@zendeskgarden/react-tables'
import { LG, MD } from '@zendeskgarden/react-typography'
import { getColor } from '@zendeskgarden/react-theming'
import type { ProfileView } from '../../../../shared/contract/vault'
import type { AppError } from '../../../../shared/result'
import { ConfirmModal } from '../../components/confirm-modal'
import { ErrorNotice } from '../../components/error-notice'
import { call } from '../../lib/api'

const Panel = styled.section`
  margin-top: 24px;
  padding: 16px 20px;
  border: 1px solid ${(p) => getColor({ theme: p.theme, variable: 'border.default' })};
  border-radius: 4px;
  overflow-wrap: anywhere;
`

type Secret = 'keySecret' | 'webhookSecret'

const SECRET_LABEL: Record<Secret, string> = { keySecret: 'Key secret', webhookSecret: 'Webhook secret' }

/** One row: a value shown and copied as is, or a secret never shown and copied only after a confirmation. */
const Row = ({ label, value, onCopy, copied }: { label: string; value: string | null; onCopy(): void; copied: boolean }) => (
  <Table.Row>
    <Table.Cell>{label}</Table.Cell>
    <Table.Cell>{value === null ? <span aria-label="hidden">••••••••</span> : <code>{value}</code>}</Table.Cell>
    <Table.Cell>
      <Button size="small" isBasic onClick={onCopy} aria-label={`Copy ${label}`} data-testid={`gateway-value-copy-${label.toLowerCase().replace(/\s+/g, '-')}`}>
        {copied ? 'Copied' : value === null ? 'Copy…' : 'Copy'}
      </Button>
    </Table.Cell>
  </Table.Row>
)

/**
 * "Values for the Aissist gateway": what the guide's first step enters in the gateway — the app
 * ID, the key ID, the key secret and the webhook secret — each copyable. The secrets are never
 * shown: each is copied by main only after a confirmation, and the clipboard is cleared 30 s later.
 */
export const GatewayValues = forwardRef<HTMLElement, { profile: ProfileView; onRotate(): void; rotating: boolean }>(({ profile, onRotate, rotating }, ref) => {
  const [copied, setCopied] = useState<string | null>(null)
  const [asking, setAsking] = useState<Secret | null>(null)
  const [note, setNote] = useState('')
  const [error, setError] = useState<AppError | null>(null)

  const copyText = async (label: string, text: string): Promise<void> => {
    const r = await call('copyText', { text })
    if (!r.ok) return setError(r.error)
    setCopied(label)
    setNote(`${label} copied.`)
  }
  const copySecret = async (kind: Secret): Promise<void> => {
    setAsking(null)
    const r = await call('copySecretToClipboard', { ref: profile.id, kind })
    if (!r.ok) return setError(r.error)
    setCopied(SECRET_LABEL[kind])
    setNote(`${SECRET_LABEL[kind]} copied. The clipboard is cleared in ${Math.round(r.value.clearsAfterMs / 1000)} s if it still holds it.`)
  }

  return (
    <Panel ref={ref} aria-labelledby="gateway-values-title" data-testid="gateway-values" tabIndex={-1}>
      <LG tag="h2" id="gateway-values-title">
        Values for the Aissist gateway
      </LG>
      <MD>
        The setup guide’s first step: enter these in the Aissist gateway’s Zendesk configuration, so the gateway signs in to this app and accepts what
        Zendesk sends. The secrets are never shown; each is copied after you confirm, and the clipboard is cleared after 30 seconds.
      </MD>
      <Table size="small" aria-label="Values for the Aissist gateway">
        <Table.Head>
          <Table.HeaderRow>
            <Table.HeaderCell width="30%">Value</Table.HeaderCell>
            <Table.HeaderCell>For {profile.name}</Table.HeaderCell>
            <Table.HeaderCell width="100px">Copy</Table.HeaderCell>
          </Table.HeaderRow>
        </Table.Head>
        <Table.Body>
          <Row label="App ID" value={profile.appId} copied={copied === 'App ID'} onCopy={() => void copyText('App ID', profile.appId)} />
          <Row label="Key ID" value={profile.keyId} copied={copied === 'Key ID'} onCopy={() => void copyText('Key ID', profile.keyId)} />
          <Row label="Key secret" value={null} copied={copied === 'Key secret'} onCopy={() => setAsking('keySecret')} />
          <Row label="Webhook secret" value={null} copied={copied === 'Webhook secret'} onCopy={() => setAsking('webhookSecret')} />
        </Table.Body>
      </Table>
      <div role="status" aria-live="polite" data-testid="gateway-values-note">
        {note && <MD>{note}</MD>}
      </div>
      <MD style={{ marginTop: 12 }}>
        The webhook secret is readable from Zendesk at any time, so it can be copied again. If it may have leaked, rotate it: the webhook is created again with
        a new secret, which this computer keeps; then enter the new one in the gateway.
      </MD>
      <Button isDanger size="small" onClick={onRotate} disabled={rotating} data-testid="setup-rotate-secret">
        Rotate the webhook secret…
      </Button>
      {error && <ErrorNotice title="The value could not be copied" error={error} onDismiss={() => setError(null)} />}
      {asking && (
        <ConfirmModal
          title={`Copy the ${SECRET_LABEL[asking].toLowerCase()} of ${profile.name}?`}
          label={`Copy the ${SECRET_LABEL[asking].toLowerCase()}`}
          confirmLabel={`Copy the ${SECRET_LABEL[asking].toLowerCase()}`}
          isDanger={false}
          testId="copy-secret-modal"
          confirmTestId="copy-secret-confirm"
          onCancel={() => setAsking(null)}
          onConfirm={() => void copySecret(asking)}
        >
          The secret goes to the clipboard without being shown, for pasting into the Aissist gateway. The clipboard is cleared after 30 seconds if it still holds it.
        </ConfirmModal>
      )}
    </Panel>
  )
})
GatewayValues.displayName = 'GatewayValues'
