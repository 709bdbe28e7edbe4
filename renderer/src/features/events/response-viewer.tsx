import { MD, SM } from '@zendeskgarden/react-typography'
import type { GatewayResponseData } from '../../../../shared/contract/test-events'
import type { ProfileView } from '../../../../shared/contract/vault'
import { ErrorNotice } from '../../components/error-notice'
import { FixActions } from '../../components/fix-actions'
import { Facts, Pre } from './layout'
import { VerdictTag } from './verdict-tag'

const ms = (n: number | undefined): string => (n === undefined ? '—' : `${n.toFixed(1)} ms`)

const prettyBody = (body: string): string => {
  try {
    return JSON.stringify(JSON.parse(body), null, 2)
  } catch {
    return body
  }
}

/**
 * What the gateway answered — status, Zendesk's view with a button for each fix the app can carry
 * out (given the customer), timings, headers, body — in one place.
 */
export const ResponseViewer = ({ response, headingLevel = 'h3', profile }: { response: GatewayResponseData; headingLevel?: 'h2' | 'h3'; profile?: ProfileView }) => {
  const H = headingLevel
  const headers = Object.entries(response.headers)
  return (
    <div data-testid="response-viewer" data-status={response.status ?? 'none'}>
      <H style={{ margin: '0 0 8px', fontSize: 16 }}>
        {response.request.method} answer:{' '}
        <span data-testid="response-status">{response.status === null ? 'no answer' : `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`}</span>
      </H>
      <VerdictTag verdict={response.zendeskView.verdict} />
      <MD data-testid="zendesk-view" style={{ marginTop: 8 }}>
        {response.zendeskView.message}
      </MD>
      {response.zendeskView.fix && (
        <MD data-testid="zendesk-fix">
          <strong>What to do: </strong>
          {response.zendeskView.fix}
        </MD>
      )}
      {profile && <FixActions actions={response.zendeskView.actions} profile={profile} />}
      {response.error && response.error.message !== response.zendeskView.message && <ErrorNotice title="The gateway could not be reached" error={response.error} />}
      {response.redirect && (
        <MD data-testid="redirect">
          Redirect to <code>{response.redirect.location}</code> — reported, not followed (Zendesk does not follow it either).
        </MD>
      )}
      <Facts aria-label="Timings">
        <dt>DNS</dt>
        <dd>{ms(response.timings.dnsMs)}</dd>
        <dt>Connect</dt>
        <dd>{ms(response.timings.connectMs)}</dd>
        <dt>TLS</dt>
        <dd>{ms(response.timings.tlsMs)}</dd>
        <dt>First byte</dt>
        <dd>{ms(response.timings.firstByteMs)}</dd>
        <dt>Total</dt>
        <dd data-testid="timing-total">{ms(response.timings.totalMs)}</dd>
      </Facts>
      {headers.length > 0 && (
        <>
          <SM tag="div">Response headers</SM>
          <Pre data-testid="response-headers">{headers.map(([k, v]) => `${k}: ${v}`).join('\n')}</Pre>
        </>
      )}
      {response.request.method !== 'HEAD' && (
        <>
          <SM tag="div" style={{ marginTop: 8 }}>
            Response body{response.bodyTruncated ? ' (first 64 KB)' : ''}
          </SM>
          <Pre data-testid="response-body">{response.body ? prettyBody(response.body) : '(empty)'}</Pre>
        </>
      )}
    </div>
  )
}
