import styled from 'styled-components'
import { getColor } from '@zendeskgarden/react-theming'
import { LG, MD, SM } from '@zendeskgarden/react-typography'
import { Well } from '@zendeskgarden/react-notifications'
import type { ProfileView } from '../../../../shared/contract/vault'
import { FixActions } from '../../components/fix-actions'
import { StatusTag } from '../../components/status-tag'
import type { LinkView } from './use-doctor-run'
import { useDiagnoseReadOnly } from './read-only'

const Panel = styled.section`
  border: 1px solid ${(p) => getColor({ theme: p.theme, variable: 'border.default' })};
  border-radius: 4px;
  padding: 16px 20px;
  display: grid;
  gap: 12px;
  align-content: start;
  min-width: 0;
  overflow-wrap: anywhere;
`

const Head = styled.div`
  display: flex;
  align-items: center;
  gap: 12px;
  justify-content: space-between;
`

const Label = styled(SM)`
  text-transform: uppercase;
  letter-spacing: 0.04em;
  color: ${(p) => getColor({ theme: p.theme, variable: 'foreground.subtle' })};
`

const Pre = styled.pre`
  margin: 0;
  padding: 10px 12px;
  max-height: 280px;
  overflow: auto;
  border-radius: 4px;
  font-size: 12px;
  white-space: pre-wrap;
  word-break: break-word;
  background: ${(p) => getColor({ theme: p.theme, variable: 'background.subtle' })};
  color: ${(p) => getColor({ theme: p.theme, variable: 'foreground.default' })};
`

/**
 * One link's details: what was found, Zendesk's or the gateway's words, the fix with a button for
 * each fix the app can carry out (after one, `onFixed` runs the diagnose again), the evidence.
 */
export const CheckDetails = ({ link, profile, onFixed }: { link: LinkView; profile?: ProfileView; onFixed?: () => void }) => {
  const c = link.check
  // A kept run or a report someone sent is a record: it shows what to do, never does it.
  const { readOnly } = useDiagnoseReadOnly()
  return (
    <Panel aria-labelledby="doctor-details-title" data-testid="doctor-details">
      <Head>
        <LG tag="h2" id="doctor-details-title">
          {link.title}
        </LG>
        <StatusTag status={link.status} size="small" />
      </Head>
      {!c && <MD>{link.status === 'running' ? 'Checking…' : 'Not checked yet. Run the diagnose to see this link.'}</MD>}
      {c && (
        <>
          <div>
            <Label>Result</Label>
            <MD data-testid="doctor-details-message">{c.message}</MD>
          </div>
          {c.zendeskMessage && (
            <div>
              <Label>Zendesk says</Label>
              <MD data-testid="doctor-details-zendesk">{c.zendeskMessage}</MD>
            </div>
          )}
          {c.gatewayMessage && (
            <div>
              <Label>The gateway answered</Label>
              <Pre>{c.gatewayMessage}</Pre>
            </div>
          )}
          {c.fix && (
            <Well isRecessed>
              <Well.Title>What to do</Well.Title>
              <MD data-testid="doctor-details-fix">{c.fix}</MD>
              {c.status !== 'pass' && profile && !readOnly && <FixActions key={`${link.id}-${c.durationMs}`} actions={c.actions} profile={profile} onFixed={onFixed} />}
            </Well>
          )}
          {Object.keys(c.evidence).length > 0 && (
            <div>
              <Label>Evidence</Label>
              <Pre data-testid="doctor-details-evidence" tabIndex={0} aria-label={`Evidence of ${link.title}`}>
                {JSON.stringify(c.evidence, null, 2)}
              </Pre>
            </div>
          )}
          <SM>
            {c.code ? `Code ${c.code} · ` : ''}
            {Math.round(c.durationMs)} ms
          </SM>
        </>
      )}
    </Panel>
  )
}
