import { Notification } from '@zendeskgarden/react-notifications'
import { Button } from '@zendeskgarden/react-buttons'
import { useState } from 'react'
import type { AppError } from '../../../shared/result'
import { call } from '../lib/api'
import { fieldIssues, type FieldIssue, type FieldLabels } from './field-issues'

/** The text "copy for support" puts on the clipboard: what failed, the fix, the evidence. */
export const supportText = (title: string, error: AppError): string =>
  [
    `Aissist Zendesk Setup — ${title}`,
    `Error: ${error.code}`,
    `What failed: ${error.message}`,
    `What to do: ${error.fix}`,
    ...(error.details ? [`Details: ${JSON.stringify(error.details)}`] : [])
  ].join('\n')

/** The rejected values by their labels; a click on one moves to its field. */
const IssueList = ({ issues, onField }: { issues: FieldIssue[]; onField?: (field: string) => void }) => (
  <ul data-testid="error-fields">
    {issues.map((i, n) => (
      <li key={n}>
        {i.label && i.field ? (
          <>
            {onField ? (
              <Button isLink onClick={() => onField(i.field as string)} data-testid={`error-field-${i.field}`}>
                {i.label}
              </Button>
            ) : (
              <strong>{i.label}</strong>
            )}
            : {i.message}
          </>
        ) : (
          i.message
        )}
      </li>
    ))}
  </ul>
)

export interface ErrorNoticeProps {
  title: string
  error: AppError
  onDismiss?: () => void
  /**
   * The screen's fields by the keys the core uses: a rejected value is then named by its label,
   * never by a code name such as "avatarUrl".
   */
  fieldLabels?: FieldLabels
  /** Moves to a field named in the list (focus it, scroll to it). */
  onField?: (field: string) => void
}

/**
 * Every error the app shows: what failed (with Zendesk's words), what to do, and a button that
 * copies both for a support ticket. Main redacts the text again before it reaches the clipboard.
 * An invalid-input error on a screen with fields lists the rejected values by their labels.
 */
export const ErrorNotice = ({ title, error, onDismiss, fieldLabels, onField }: ErrorNoticeProps) => {
  const [copied, setCopied] = useState(false)
  const issues = fieldLabels ? fieldIssues(error, fieldLabels) : null
  return (
    <Notification type="error" role="alert" data-testid="error-notice" data-error-code={error.code}>
      <Notification.Title>{title}</Notification.Title>
      {issues ? (
        <div data-testid="error-message">
          <p>{issues.issues.length === 1 ? 'This value was not accepted:' : 'These values were not accepted:'}</p>
          <IssueList issues={issues.issues} onField={onField} />
        </div>
      ) : (
        <p data-testid="error-message">{error.message}</p>
      )}
      {error.fix && (
        <p data-testid="error-fix">
          <strong>What to do: </strong>
          {issues?.issues.some((i) => i.field) ? 'Correct the highlighted values and try again.' : error.fix}
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
