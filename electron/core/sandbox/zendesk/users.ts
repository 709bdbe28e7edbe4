import type { User } from '../../../../shared/schemas/zendesk'
import { isSimResponse, type SimResponse } from '../http'
import { newId, type SandboxData } from '../state'
import type { ZendeskHandler } from './context'
import { badRequest, err, ok } from './errors'

/**
 * Tag Users: create (unique `externalId`; `brandId` for a brand-separated user), read, delete (the
 * user's conversations go with it). `zendeskId` is set by Zendesk when a user signs in through the
 * Help Center; the sandbox's simulated users can carry one.
 */

/** Extra fields only Zendesk itself sets (the simulated user gets them from the control API). */
export interface UserExtras {
  zendeskId?: string | null
  brandId?: string | null
}

/** Validates and stores a user; the answer is the user or Zendesk's error. */
export const createUserRecord = (data: SandboxData, body: Record<string, unknown>, extras: UserExtras = {}): User | SimResponse => {
  const externalId = body.externalId
  if (typeof externalId !== 'string' || externalId.length < 1 || externalId.length > 1024) {
    return badRequest('externalId must be a string of 1 to 1024 characters')
  }
  if (data.users.some((u) => u.externalId === externalId)) return err(409, 'conflict', 'User already exists')
  const brandId = extras.brandId !== undefined ? extras.brandId : typeof body.brandId === 'string' ? body.brandId : undefined
  const user: User = {
    id: newId(),
    externalId,
    ...(extras.zendeskId !== undefined ? { zendeskId: extras.zendeskId } : {}),
    ...(brandId !== undefined ? { brandId } : {}),
    authenticated: false,
    signedUpAt: (body.signedUpAt as string | undefined) ?? new Date().toISOString(),
    profile: { locale: 'en-US', ...((body.profile as object | undefined) ?? {}) },
    metadata: (body.metadata as Record<string, unknown> | undefined) ?? {},
    identities: []
  }
  data.users.push(user)
  return user
}

const findUser = (data: SandboxData, idOrExternalId: string): User | undefined => data.users.find((u) => u.id === idOrExternalId || u.externalId === idOrExternalId)

export const createUser: ZendeskHandler = ({ data, body }) => {
  const r = createUserRecord(data, body)
  return isSimResponse(r) ? r : ok({ user: r }, 201)
}

export const getUser: ZendeskHandler = ({ data }, { userId }) => {
  const user = findUser(data, userId)
  return user ? ok({ user }) : err(404, 'user_not_found', 'User not found')
}

/** DELETE /v2/apps/{appId}/users/{userIdOrExternalId}: the user, its clients and its conversations. */
export const deleteUser: ZendeskHandler = ({ data }, { userId }) => {
  const user = findUser(data, userId)
  if (!user) return err(404, 'user_not_found', 'User not found')
  data.users = data.users.filter((u) => u !== user)
  data.conversations = data.conversations.filter((c) => c.userId !== user.id)
  return ok({})
}
