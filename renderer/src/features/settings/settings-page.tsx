import { useEffect, useState } from 'react'
import { Button } from '@zendeskgarden/react-buttons'
import { Table } from '@zendeskgarden/react-tables'
import { LG, MD, XXL } from '@zendeskgarden/react-typography'
import type { AppInfo } from '../../../../shared/contract/app'
import type { AppError } from '../../../../shared/result'
import { call } from '../../lib/api'
import { ErrorNotice } from '../../components/error-notice'
import { KeychainStatusRow } from './keychain-status-row'

/** Settings & about: versions, data folder, keychain status, the logs folder. */
export const SettingsPage = () => {
  const [info, setInfo] = useState<AppInfo | null>(null)
  const [error, setError] = useState<AppError | null>(null)
  useEffect(() => {
    void call('getAppInfo', {}).then((r) => (r.ok ? setInfo(r.value) : setError(r.error)))
  }, [])
  return (
    <section>
      <XXL tag="h1">Settings &amp; about</XXL>
      {error && <ErrorNotice title="Could not read the app's details" error={error} />}
      {info && (
        <>
          <LG tag="h2">About</LG>
          <Table aria-label="About this app" size="small">
            <Table.Body>
              {[
                ['App', `${info.name} ${info.version}`],
                ['Running in', info.host === 'electron' ? 'Desktop app' : info.host === 'harness' ? 'Browser harness (developer tool)' : 'Command line'],
                ['Electron', info.versions.electron ?? '—'],
                ['Chromium', info.versions.chrome ?? '—'],
                ['Node.js', info.versions.node],
                ['System', `${info.platform} ${info.arch} ${info.osRelease}`],
                ['Data folder', info.dataDir]
              ].map(([k, v]) => (
                <Table.Row key={k}>
                  <Table.Cell width="30%">
                    <MD isBold>{k}</MD>
                  </Table.Cell>
                  <Table.Cell data-testid={`about-${k.toLowerCase().replace(/[^a-z]+/g, '-')}`}>{v}</Table.Cell>
                </Table.Row>
              ))}
              <KeychainStatusRow />
            </Table.Body>
          </Table>
          <p>
            <Button onClick={() => void call('openLogsFolder', {})}>Open logs folder</Button>
          </p>
        </>
      )}
    </section>
  )
}
