import type { sandboxCalls } from '../../../../shared/contract/sandbox'
import { embeddedSandboxStatus, ensureSandboxProfile } from '../../sandbox/embedded'
import type { HandlerGroup } from '../context'

/** The embedded sandbox's calls: answers carry URLs and the profile view, never the key secret. */
export const sandboxHandlers: HandlerGroup<keyof typeof sandboxCalls> = {
  startSandboxProfile: async (_i, { services }) => {
    const { profile, urls } = await ensureSandboxProfile(services)
    const [view] = await services.vault.views([profile])
    return { ...urls, profile: view }
  },
  getSandboxStatus: async (_i, { services }) => embeddedSandboxStatus(services)
}
