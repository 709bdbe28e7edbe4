import type { Channel, PushEventName } from './index'

/**
 * The contract's names as plain data: every renderer→main call's channel and every main→renderer
 * event. The sandboxed preload builds `window.aissist` from these alone, so it carries no zod and
 * none of the schemas (a few kB instead of a quarter MB). Kept in step with `calls` and `pushEvents`
 * by the compiler (a call missing here fails the typecheck, naming it) and by
 * `channel-names.test.ts` (same names, same order).
 */
export const CALL_CHANNELS = [
  'getAppInfo',
  'openExternal',
  'cancelTask',
  'copyText',
  'openLogsFolder',
  'checkAvatar',
  'rewriteAvatarUrl',
  'runDoctor',
  'getLastDoctorResult',
  'exportDoctorReport',
  'copyDoctorReport',
  'runDoctorAll',
  'listLastResults',
  'listDoctorHistory',
  'getDoctorHistoryRun',
  'readReport',
  'sendTestEvent',
  'previewTestEvent',
  'probeGateway',
  'listEventHistory',
  'replayEvent',
  'copyCurl',
  'exportEventHistory',
  'runBurst',
  'runLiveRoundTrip',
  'startSandboxProfile',
  'getSandboxStatus',
  'planSetup',
  'applySetup',
  'rotateWebhookSecret',
  'resyncWebhookSecret',
  'listProfiles',
  'getProfile',
  'createProfile',
  'updateProfile',
  'deleteProfile',
  'setActiveProfile',
  'getActiveProfile',
  'setSecret',
  'deleteSecret',
  'getSecretStatus',
  'copySecretToClipboard',
  'getKeychainStatus',
  'getVaultStatus',
  'listOrphanSecrets',
  'removeOrphanSecret',
  'exportProfiles',
  'importProfiles'
] as const satisfies readonly Channel[]

/** Every main→renderer event; preload exposes `on<Event>` for each. */
export const EVENT_NAMES = ['taskProgress', 'reportOpened'] as const satisfies readonly PushEventName[]

/** `taskProgress` → `onTaskProgress`: the name preload exposes for a subscription. */
export const subscriptionName = <E extends string>(e: E): `on${Capitalize<E>}` => `on${e[0].toUpperCase()}${e.slice(1)}` as `on${Capitalize<E>}`

/** `true` when every member of `All` is listed, else the names missing (so the error names them). */
type AllListed<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : Exclude<All, Listed>

/** Fails the typecheck when a call of the contract is missing from {@link CALL_CHANNELS}. */
export const EVERY_CALL_LISTED: AllListed<Channel, (typeof CALL_CHANNELS)[number]> = true
/** Fails the typecheck when an event of the contract is missing from {@link EVENT_NAMES}. */
export const EVERY_EVENT_LISTED: AllListed<PushEventName, (typeof EVENT_NAMES)[number]> = true
