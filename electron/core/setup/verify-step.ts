import { INTEGRATION_NAME } from '../../../shared/setup/guide'
import { manualDeleteDuplicates, manualRepairWebhook } from '../../../shared/setup/manual'
import { targetWords } from '../../../shared/setup/target'
import type { AccountInspection } from '../../../shared/setup/types'
import { AppFailure } from '../errors'
import { describeAccount } from './inspect'
import { connected, must, type SetupState, type SetupStepImpl, type StepOutcome } from './state'

/**
 * The account as it is after this run's writes, read again the way step 3 read it (the integrations,
 * so a duplicate another tool made meanwhile shows too); the switchboard is not read twice.
 */
const readBack = async (s: SetupState): Promise<AccountInspection> => {
  const { profile, client } = connected(s)
  const before = must(s.inspection, 'the inspection')
  const all = await client.listAllIntegrations({ types: ['custom'] }, { signal: s.signal })
  return { ...describeAccount(before.app, all, profile).inspection, channelBot: before.channelBot }
}

/** What reading back must show: our integration, with its webhook, exactly as planned. */
const checkReadBack = (s: SetupState, i: AccountInspection): void => {
  const found = i.integration
  if (!found || !found.webhook) {
    throw new AppFailure({ code: 'setup-verify-missing', message: `Reading back found no ${INTEGRATION_NAME} with a webhook on ${targetWords(s.target)}.`, fix: 'Run the setup again, or create the integration by hand with the values below.' })
  }
  if (s.integrationId && found.id !== s.integrationId) {
    throw new AppFailure({ code: 'setup-verify-mismatch', message: `Reading back found ${INTEGRATION_NAME} ${found.id}, not the one just set up (${s.integrationId}).`, fix: 'Another tool may have changed the integrations meanwhile: run the setup again.' })
  }
  if (i.drift.length) {
    throw new AppFailure({
      code: 'setup-verify-mismatch',
      message: `Reading back, the webhook still differs from the plan: ${i.drift.map((d) => d.message).join(' ')}`,
      fix: 'Run the setup again; if the difference stays, set the values by hand as below.',
      details: { drift: i.drift }
    })
  }
}

/**
 * Step 7: reads back what this run wrote and checks it is exactly the guide's. When nothing was
 * written, step 3's read is the read-back and no request is made.
 */
export const verifyStep: SetupStepImpl = {
  async run(s): Promise<StepOutcome> {
    const { profile } = connected(s)
    const wrote = s.writes > 0
    const inspection = wrote ? await readBack(s) : must(s.inspection, 'the inspection')
    checkReadBack(s, inspection)
    s.inspection = inspection
    const i = must(inspection.integration, 'the integration')
    const hook = must(i.webhook, 'the webhook')
    const settings = `sends to ${hook.target}, with Conversation created and Conversation message, Include full user and Include full source on`
    const good = wrote
      ? `Read back: ${INTEGRATION_NAME} (${i.id}) ${settings} — as planned.`
      : `Nothing was written, so the account as read is the read-back: ${INTEGRATION_NAME} (${i.id}) ${settings} — as the guide asks.`
    const dups = inspection.duplicates.length
    if (dups) {
      return { status: 'warn', message: `${good} ${dups} duplicate${dups === 1 ? '' : 's'} still send${dups === 1 ? 's' : ''} to the gateway.`, manual: manualDeleteDuplicates(profile.gatewayUrl), data: { inspection } }
    }
    return { message: good, data: { inspection } }
  },
  manualOnFailure: (s) => manualRepairWebhook(s.profile?.gatewayUrl ?? '')
}
