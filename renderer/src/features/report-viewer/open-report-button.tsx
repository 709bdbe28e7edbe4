import { useRef } from 'react'
import styled from 'styled-components'
import { Button } from '@zendeskgarden/react-buttons'
import { useOpenReportFile } from './report-opener'

const HiddenInput = styled.input`
  position: absolute;
  width: 1px;
  height: 1px;
  opacity: 0;
  pointer-events: none;
`

/**
 * "Open report…": chooses a support report file someone sent (the browser's own file chooser,
 * the same in the app and in the harness) and shows it read-only on Diagnose.
 */
export const OpenReportButton = ({ label = 'Open report…', isBasic = true }: { label?: string; isBasic?: boolean }) => {
  const input = useRef<HTMLInputElement>(null)
  const open = useOpenReportFile()
  return (
    <>
      <Button isBasic={isBasic} onClick={() => input.current?.click()} data-testid="open-report">
        {label}
      </Button>
      <HiddenInput
        ref={input}
        type="file"
        accept=".json,application/json"
        tabIndex={-1}
        aria-hidden
        data-testid="open-report-input"
        onChange={(e) => {
          const file = e.target.files?.[0]
          e.target.value = ''
          if (file) void open(file)
        }}
      />
    </>
  )
}
