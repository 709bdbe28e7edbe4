import { Notification } from '@zendeskgarden/react-notifications'
import { Button } from '@zendeskgarden/react-buttons'
import { useState } from 'react'
import type { AppError } from '../../../shared/result'
import { call } from '../lib/api'

/** The text "copy for support" puts on the clipboard: what failed, the fix, the evidence. */
export const supportText = (title: string, error: AppError): string =>
  [
    `Aissist Zendesk Setup — ${title}`,
    `Error: ${error.code}`,
    `What failed: ${error.message}`,
    `What to do: ${error.fix}`,
    ...(error.details ? [`Details: ${JSON.stringify(error.details)}`] : [])
  ].join('\n')

/**
 * Every error the app shows: what failed (with Zendesk's words), what to do, and a button that
 * copies both for a support ticket. Main redacts the text again before it reaches the clipboard.
 */
export const ErrorNotice = ({ title, error, onDismiss }: { title: string; error: AppError; onDismiss?: () => void }) => {
  const [copied, setCopied] = useState(false)
  return (
    <Notification type="error" role="alert" data-testid="error-notice" data-error-code={error.code}>
      <Notification.Title>{title}</Notification.Title>
      <p data-testid="error-message">{error.message}</p>
      {error.fix && (
        <p data-testid="error-fix">
          <strong>What to do: </strong>
          {error.fix}
        </p>
      )}
      <Button
        size="small"
        onClick={() => {
          void call('copyText', { text: supportText(title, error) }).then((r) => setCopied(r.ok))
        }}
      >
        {copied ? 'Copied' : 'Copy for support'}
      </Button>
      {onDismiss && <Notification.Close aria-label="Dismiss" onClick={onDismiss} />}
    </Notification>
  )
}
