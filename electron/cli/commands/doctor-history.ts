import type { HistoryRunSummary } from '../../../shared/contract/doctor'
import { dateTimeWords } from '../../../shared/doctor/change-sentence'
import type { CliRuntime } from '../runtime'

const MARK: Record<HistoryRunSummary['verdict'], string> = { pass: '✔', warn: '▲', fail: '✖' }
const SOURCE: Record<HistoryRunSummary['source'], string> = { app: 'app', 'app-all': 'app, every customer', cli: 'command line', 'cli-all': 'command line, --all' }

const resultWord = (r: HistoryRunSummary): string => (r.cancelled ? 'cancelled' : r.verdict)

/**
 * `aissist-zd doctor history --customer C [--json]`: the customer's kept diagnose runs (the last
 * 50), newest first: when, the verdict, the first failure. Reads the data folder only.
 */
export const doctorHistoryCommand = async (cli: CliRuntime, customer: string): Promise<void> => {
  const [{ doctorHistorySummaries }, services] = await Promise.all([import('../../core/doctor/history-store'), cli.services()])
  const profile = await services.vault.getProfile(customer)
  const { runs } = await doctorHistorySummaries(services.dataDir, profile.id)
  cli.print({ customer: { id: profile.id, name: profile.name }, runs }, () => {
    if (runs.length === 0) {
      cli.out(`No diagnose of "${profile.name}" is kept yet. Run: aissist-zd doctor --customer "${profile.name}"`)
      return
    }
    cli.out(`Diagnose history of "${profile.name}": ${runs.length} run${runs.length === 1 ? '' : 's'} kept, newest first`)
    cli.out('')
    for (const r of runs) {
      const what = r.firstFailure?.sentence ?? r.summary
      cli.out(`${r.cancelled ? '–' : MARK[r.verdict]} ${dateTimeWords(r.at).padEnd(22)} ${resultWord(r).padEnd(9)} ${what}${r.offline ? ' (offline)' : ''} [${SOURCE[r.source]}]`)
    }
  })
}
