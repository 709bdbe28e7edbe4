import { useCallback, useEffect, useState } from 'react'
import { Tabs } from '@zendeskgarden/react-tabs'
import { LG, MD, XXL } from '@zendeskgarden/react-typography'
import type { GatewayResponseData, HistoryEntry } from '../../../../shared/contract/test-events'
import type { AppError } from '../../../../shared/result'
import { accountLabel, useActiveProfile } from '../../app/active-profile'
import { NeedsCustomer } from '../../components/needs-customer'
import { ErrorNotice } from '../../components/error-notice'
import { call } from '../../lib/api'
import { BurstPanel } from './burst-panel'
import { Composer } from './composer'
import { HistoryPanel } from './history-panel'
import { Columns, Panel } from './layout'
import { ResponseViewer } from './response-viewer'
import { RoundTripPanel } from './round-trip-panel'

/**
 * Test events: "does the gateway accept what Zendesk sends it?" in one click — the event as
 * Zendesk sends it, the gateway's answer and what Zendesk would do with it; then the history,
 * bursts and the live round trip.
 */
export const EventsPage = () => {
  const { profile } = useActiveProfile()
  const [tab, setTab] = useState('send')
  const [answer, setAnswer] = useState<GatewayResponseData | null>(null)
  const [entries, setEntries] = useState<HistoryEntry[]>([])
  const [error, setError] = useState<AppError | null>(null)
  const profileId = profile?.id ?? null

  const reload = useCallback(async () => {
    if (!profileId) return
    const r = await call('listEventHistory', { profileRef: profileId })
    if (r.ok) setEntries(r.value.entries)
    else setError(r.error)
  }, [profileId])

  useEffect(() => {
    setAnswer(null)
    void reload()
  }, [reload])

  if (!profile) {
    return <NeedsCustomer title="Test events" why={"Test events go to a customer's Aissist gateway with that customer's webhook secret. Add or choose the customer first."} testId="events-empty" />
  }

  const onAnswer = (r: GatewayResponseData): void => {
    setAnswer(r)
    void reload()
  }

  return (
    <section aria-labelledby="events-title" data-testid="events-page">
      <XXL tag="h1" id="events-title">
        Test events
      </XXL>
      <MD>
        Sends what Zendesk sends to <strong>{profile.name}</strong>&apos;s gateway (<code data-testid="gateway-url">{profile.gatewayUrl}</code>) and shows what Zendesk would do with the
        answer. Account: {accountLabel(profile)}. Webhook secret: {profile.webhookSecretStatus === 'present' ? 'in the keychain' : profile.webhookSecretStatus}.
      </MD>
      {error && <ErrorNotice title="The event history could not be read" error={error} onDismiss={() => setError(null)} />}
      <Tabs selectedItem={tab} onChange={setTab} style={{ marginTop: 16 }}>
        <Tabs.TabList>
          <Tabs.Tab item="send" data-testid="tab-send">
            Send
          </Tabs.Tab>
          <Tabs.Tab item="history" data-testid="tab-history">
            History ({entries.length})
          </Tabs.Tab>
          <Tabs.Tab item="burst" data-testid="tab-burst">
            Burst
          </Tabs.Tab>
          <Tabs.Tab item="roundtrip" data-testid="tab-roundtrip">
            Live round trip
          </Tabs.Tab>
        </Tabs.TabList>
        <Tabs.TabPanel item="send">
          <Columns>
            <Panel aria-labelledby="composer-title">
              <LG tag="h2" id="composer-title">
                Event
              </LG>
              <Composer profile={profile} onAnswer={onAnswer} />
            </Panel>
            <Panel aria-labelledby="answer-title" aria-live="polite">
              <LG tag="h2" id="answer-title">
                Gateway answer
              </LG>
              {answer ? <ResponseViewer response={answer} profile={profile} /> : <MD>Send an event or run the HEAD check to see the gateway&apos;s answer here.</MD>}
            </Panel>
          </Columns>
        </Tabs.TabPanel>
        <Tabs.TabPanel item="history">
          <Panel aria-label="History">
            <HistoryPanel profileId={profile.id} entries={entries} onReload={() => void reload()} onAnswer={(r) => { setAnswer(r); setTab('send') }} />
          </Panel>
        </Tabs.TabPanel>
        <Tabs.TabPanel item="burst">
          <Panel aria-label="Burst">
            <BurstPanel profileId={profile.id} />
          </Panel>
        </Tabs.TabPanel>
        <Tabs.TabPanel item="roundtrip">
          <Panel aria-label="Live round trip">
            <RoundTripPanel profile={profile} />
          </Panel>
        </Tabs.TabPanel>
      </Tabs>
    </section>
  )
}
