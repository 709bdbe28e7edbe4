import { useRef, useState } from 'react'
import styled from 'styled-components'
import { Anchor, Button } from '@zendeskgarden/react-buttons'
import { Field, Fieldset, Radio, Textarea } from '@zendeskgarden/react-forms'
import { Notification } from '@zendeskgarden/react-notifications'
import { LG, MD } from '@zendeskgarden/react-typography'
import type { ImportResult, ImportStrategy } from '../../../../shared/contract/vault'
import type { AppError } from '../../../../shared/result'
import { call } from '../../lib/api'
import { ErrorNotice } from '../../components/error-notice'
import { Row, Stack } from '../../components/stack'

const Columns = styled.div`
  display: grid;
  grid-template-columns: repeat(auto-fit, minmax(min(100%, 320px), 1fr));
  gap: ${(p) => p.theme.space.lg};
`

const HiddenFile = styled.input`
  position: absolute;
  width: 1px;
  height: 1px;
  opacity: 0;
  pointer-events: none;
`

/** Files larger than this are not customers exports (the import call takes up to 20 MB). */
const MAX_IMPORT_BYTES = 20_000_000

const STRATEGY_TEXT: Record<ImportStrategy, string> = {
  skip: 'Skip them: keep the existing customers unchanged',
  rename: 'Import them under a new name ("… (imported)")',
  replace: 'Replace the existing customers with the imported ones (their keychain secrets stay only where the API and gateway hosts stay the same)'
}

/** Export: the JSON (no secrets) to copy or save. */
const ExportBox = () => {
  const [json, setJson] = useState<string | null>(null)
  const [count, setCount] = useState(0)
  const [note, setNote] = useState('')
  const [error, setError] = useState<AppError | null>(null)
  const href = json ? `data:application/json;charset=utf-8,${encodeURIComponent(json)}` : undefined
  return (
    <Stack $gap="sm">
      <LG tag="h3">Export</LG>
      <MD>Hand a setup to a colleague: every customer as JSON, without secrets. They enter the key secret on their side.</MD>
      <Row>
        <Button
          size="small"
          data-testid="export-button"
          onClick={() =>
            void call('exportProfiles', {}).then((r) => {
              if (!r.ok) return setError(r.error)
              setJson(r.value.json)
              setCount(r.value.count)
              setNote(`${r.value.count} customer${r.value.count === 1 ? '' : 's'} exported.`)
            })
          }
        >
          Export all customers
        </Button>
        {json && (
          <>
            <Button size="small" onClick={() => void call('copyText', { text: json }).then((r) => setNote(r.ok ? 'Copied to the clipboard.' : 'Could not copy.'))}>
              Copy JSON
            </Button>
            <Anchor href={href} download={`aissist-customers-${count}.json`}>
              Save as file
            </Anchor>
          </>
        )}
      </Row>
      {json && (
        <Field>
          <Field.Label>Exported JSON</Field.Label>
          <Textarea readOnly value={json} minRows={4} maxRows={10} isResizable data-testid="export-json" />
        </Field>
      )}
      <div role="status" aria-live="polite">
        {note}
      </div>
      {error && <ErrorNotice title="Export failed" error={error} onDismiss={() => setError(null)} />}
    </Stack>
  )
}

/** Each clash, and what replacing it would change: its hosts and flags, and whether its secrets stay. */
const ConflictList = ({ conflicts }: { conflicts: ImportResult['conflicts'] }) => (
  <ul data-testid="import-conflict-list">
    {conflicts.slice(0, 50).map((c) => (
      <li key={`${c.id}-${c.existingId}`}>
        {c.name} — same {c.on} as an existing customer
        {c.changes?.length ? `. Replacing it changes: ${c.changes.join('; ')}` : ''}
        {c.keepsSecrets === false ? '. Its stored secrets would be removed (they are never sent to new hosts).' : ''}
      </li>
    ))}
    {conflicts.length > 50 && <li>…and {conflicts.length - 50} more</li>}
  </ul>
)

/** After an import: secrets removed because hosts changed, and values completed or worth a warning. */
const ImportNotes = ({ result }: { result: ImportResult }) => {
  const dropped = result.secretsDropped ?? []
  const notices = result.notices ?? []
  if (!dropped.length && !notices.length) return null
  return (
    <Notification type="warning" data-testid="import-notes">
      <Notification.Title>Please check</Notification.Title>
      <ul>
        {dropped.map((d) => (
          <li key={`drop-${d.id}`}>
            {d.name}: {d.reason}
          </li>
        ))}
        {notices.slice(0, 50).map((n, i) => (
          <li key={`notice-${i}`}>
            {n.name}: {n.message}
          </li>
        ))}
      </ul>
    </Notification>
  )
}

/**
 * "Choose a file…": the file is read here, in the page, and its text goes through the same import
 * call as a paste. Nothing is imported until Import is chosen.
 */
const FilePicker = ({ onLoaded, onError }: { onLoaded(text: string, name: string): void; onError(e: AppError): void }) => {
  const input = useRef<HTMLInputElement>(null)
  const read = async (file: File): Promise<void> => {
    if (file.size > MAX_IMPORT_BYTES) {
      return onError({ code: 'import-too-large', message: `${file.name} is ${Math.round(file.size / 1_000_000)} MB: a customers export is far smaller.`, fix: 'Choose the file made with "Export all customers".' })
    }
    try {
      onLoaded(await file.text(), file.name)
    } catch (e) {
      onError({ code: 'import-unreadable', message: `${file.name} could not be read: ${e instanceof Error ? e.message : String(e)}`, fix: 'Choose the file again, or open it and paste its text below.' })
    }
  }
  return (
    <>
      <HiddenFile
        ref={input}
        type="file"
        accept=".json,application/json"
        tabIndex={-1}
        aria-hidden="true"
        data-testid="import-file"
        onChange={(e) => {
          const file = e.target.files?.[0]
          e.target.value = ''
          if (file) void read(file)
        }}
      />
      <Button size="small" onClick={() => input.current?.click()} data-testid="import-choose-file">
        Choose a file…
      </Button>
    </>
  )
}

/** Import: a file or a paste, see the clashes, choose what happens to them explicitly. */
const ImportBox = ({ onImported }: { onImported(): void }) => {
  const [json, setJson] = useState('')
  const [loaded, setLoaded] = useState('')
  const importRef = useRef<HTMLButtonElement>(null)
  const [conflicts, setConflicts] = useState<ImportResult['conflicts']>([])
  const [strategy, setStrategy] = useState<ImportStrategy | null>(null)
  const [result, setResult] = useState<ImportResult | null>(null)
  const [error, setError] = useState<AppError | null>(null)
  const run = async (chosen?: ImportStrategy): Promise<void> => {
    setError(null)
    setResult(null)
    const r = await call('importProfiles', { json, ...(chosen ? { strategy: chosen } : {}) })
    if (!r.ok) return setError(r.error)
    if (!chosen && r.value.conflicts.length > 0) {
      setConflicts(r.value.conflicts)
      return
    }
    setConflicts([])
    setStrategy(null)
    setResult(r.value)
    setJson('')
    setLoaded('')
    onImported()
  }
  return (
    <Stack $gap="sm">
      <LG tag="h3">Import</LG>
      <MD>Add the customers a colleague exported: choose their file, or paste its text.</MD>
      <Row>
        <FilePicker
          onLoaded={(text, name) => {
            setJson(text)
            setConflicts([])
            setResult(null)
            setError(null)
            setLoaded(`${name} is loaded below. Choose Import to add its customers.`)
            setTimeout(() => importRef.current?.focus())
          }}
          onError={setError}
        />
      </Row>
      <div role="status" aria-live="polite" data-testid="import-loaded">
        {loaded}
      </div>
      <Field>
        <Field.Label>Exported customers (JSON)</Field.Label>
        <Textarea
          value={json}
          minRows={4}
          maxRows={10}
          onChange={(e) => {
            setJson(e.target.value)
            setLoaded('')
            setConflicts([])
          }}
          data-testid="import-json"
          spellCheck={false}
        />
      </Field>
      {conflicts.length === 0 && (
        <Row>
          <Button ref={importRef} size="small" disabled={!json.trim()} onClick={() => void run()} data-testid="import-button">
            Import
          </Button>
        </Row>
      )}
      {conflicts.length > 0 && (
        <Notification type="warning" data-testid="import-conflicts">
          <Notification.Title>
            {conflicts.length} customer{conflicts.length === 1 ? '' : 's'} already exist{conflicts.length === 1 ? 's' : ''}
          </Notification.Title>
          <ConflictList conflicts={conflicts} />
          <Fieldset>
            <Fieldset.Legend>What should happen to them?</Fieldset.Legend>
            {(Object.keys(STRATEGY_TEXT) as ImportStrategy[]).map((s) => (
              <Field key={s}>
                <Radio name="import-strategy" value={s} checked={strategy === s} onChange={() => setStrategy(s)}>
                  <Field.Label isRegular>{STRATEGY_TEXT[s]}</Field.Label>
                </Radio>
              </Field>
            ))}
          </Fieldset>
          <Row>
            <Button size="small" isPrimary disabled={!strategy} onClick={() => strategy && void run(strategy)} data-testid="import-with-strategy">
              Import with this choice
            </Button>
            <Button size="small" isBasic onClick={() => setConflicts([])}>
              Cancel
            </Button>
          </Row>
        </Notification>
      )}
      <div role="status" aria-live="polite" data-testid="import-result">
        {result &&
          `Imported ${result.imported.length}${result.skipped.length ? `, skipped ${result.skipped.length}` : ''}. Enter each imported customer's key secret before using it.`}
      </div>
      {result && <ImportNotes result={result} />}
      {error && <ErrorNotice title="Import failed" error={error} onDismiss={() => setError(null)} />}
    </Stack>
  )
}

/** Export and import of customers, side by side. */
export const TransferPanel = ({ onImported }: { onImported(): void }) => (
  <section aria-labelledby="transfer-title">
    <LG tag="h2" id="transfer-title">
      Share with a colleague
    </LG>
    <Columns>
      <ExportBox />
      <ImportBox onImported={onImported} />
    </Columns>
  </section>
)
