import { z } from 'zod'
import { defineCall } from './define'
import { TaskId } from './task'

/** Calls that take no input still take `{}`, so every input is validated the same way. */
export const NoInput = z.object({}).strict()

/** What the About panel and the support report show about the running app. */
export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  /** `electron` inside the desktop app, `harness` in the browser harness, `cli` on the command line. */
  host: z.enum(['electron', 'harness', 'cli']),
  versions: z.object({
    node: z.string(),
    electron: z.string().nullable(),
    chrome: z.string().nullable(),
    v8: z.string()
  }),
  platform: z.string(),
  arch: z.string(),
  osRelease: z.string(),
  dataDir: z.string()
})
export type AppInfo = z.infer<typeof AppInfo>

export const appCalls = {
  getAppInfo: defineCall(NoInput, AppInfo, 'Version, runtime versions and data folder of the running app.'),
  openExternal: defineCall(
    z.object({ url: z.string().max(2048) }).strict(),
    z.object({ opened: z.boolean() }),
    'Open an https URL in the default browser (validated in main; anything else is refused).'
  ),
  cancelTask: defineCall(
    z.object({ taskId: TaskId }).strict(),
    z.object({ cancelled: z.boolean() }),
    'Cancel a long-running task started with this task id.'
  ),
  copyText: defineCall(
    z.object({ text: z.string().max(1_000_000) }).strict(),
    z.object({ copied: z.boolean() }),
    'Copy non-secret text (an error for support, a report) to the clipboard; main redacts it first.'
  ),
  openLogsFolder: defineCall(NoInput, z.object({ path: z.string() }), 'Show the folder with the app\'s redacted logs.')
} as const
