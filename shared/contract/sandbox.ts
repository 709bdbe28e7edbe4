import { z } from 'zod'
import { defineCall } from './define'
import { NoInput } from './app'
import { ProfileView } from './vault'

/** Where the embedded sandbox answers: a profile's API base, its webhook target, its image host. */
export const SandboxUrls = z.object({ zendeskUrl: z.string(), gatewayUrl: z.string(), imagesUrl: z.string() })
export type SandboxUrls = z.infer<typeof SandboxUrls>

/**
 * The built-in sandbox, so a newcomer can try every flow with no Zendesk account. Its key secret
 * goes to the keychain like any other and is never part of an answer.
 */
export const sandboxCalls = {
  startSandboxProfile: defineCall(
    NoInput,
    SandboxUrls.extend({ profile: ProfileView }),
    'Start the embedded sandbox and create (or refresh) the "Sandbox" profile that points at it.'
  ),
  getSandboxStatus: defineCall(
    NoInput,
    z.object({ running: z.boolean(), urls: SandboxUrls.nullable(), profileId: z.string().nullable() }),
    'Whether the embedded sandbox runs, its URLs, and which profile is the sandbox profile.'
  )
} as const
