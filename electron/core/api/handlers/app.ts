import { release } from 'node:os'
import { safeExternalUrl } from '../../../../shared/external-url'
import { AppFailure } from '../../errors'
import { APP_VERSION } from '../../platform/version'
import { PRODUCT_NAME } from '../../platform/paths'
import type { HandlerGroup } from '../context'
import { dirname } from 'node:path'

/** The app-level calls: About, external links, cancelling tasks, the logs folder. */
export const appHandlers: HandlerGroup<'getAppInfo' | 'openExternal' | 'cancelTask' | 'copyText' | 'openLogsFolder'> = {
  getAppInfo: async (_input, { host, services }) => ({
    name: PRODUCT_NAME,
    version: APP_VERSION,
    host: host.kind,
    versions: {
      node: process.versions.node,
      electron: host.electronVersions?.electron ?? null,
      chrome: host.electronVersions?.chrome ?? null,
      v8: process.versions.v8
    },
    platform: process.platform,
    arch: process.arch,
    osRelease: release(),
    dataDir: services.dataDir
  }),
  openExternal: async ({ url }, { host }) => {
    const safe = safeExternalUrl(url)
    if (!safe) {
      throw new AppFailure({
        code: 'external-url-refused',
        message: `The link "${url.slice(0, 200)}" was not opened: only https links to Zendesk and Aissist pages open from the app.`,
        fix: 'Copy the link and open it yourself if you trust it.'
      })
    }
    await host.openExternal(safe)
    return { opened: true }
  },
  cancelTask: async ({ taskId }, { tasks }) => ({ cancelled: tasks.cancel(taskId) }),
  copyText: async ({ text }, { host, services }) => {
    host.clipboard.writeText(services.secrets.redact(text))
    return { copied: true }
  },
  openLogsFolder: async (_input, { host, services }) => {
    const folder = services.logger.file ? dirname(services.logger.file) : services.dataDir
    await host.showFolder(folder)
    return { path: folder }
  }
}
