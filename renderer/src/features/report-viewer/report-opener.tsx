import { useCallback, useEffect, useState } from 'react'
import styled from 'styled-components'
import { getColor } from '@zendeskgarden/react-theming'
import { LG } from '@zendeskgarden/react-typography'
import { useNavigation } from '../../app/navigation'
import { onReportOpened } from '../../lib/api'
import { readReportFile } from './read-report-file'
import { reportFailed, showReport } from './opened-report-store'

const Overlay = styled.div`
  position: fixed;
  inset: 12px;
  z-index: 2000;
  display: grid;
  place-items: center;
  border: 3px dashed ${(p) => getColor({ theme: p.theme, variable: 'border.primaryEmphasis' })};
  border-radius: 12px;
  background: ${(p) => getColor({ theme: p.theme, variable: 'background.default', transparency: 0.1 })};
  pointer-events: none;
`

const hasFiles = (e: DragEvent): boolean => Array.from(e.dataTransfer?.types ?? []).includes('Files')

/** Opens a file as a report and shows it on Diagnose, or says why it is not one. */
export const useOpenReportFile = (): ((file: File) => Promise<void>) => {
  const { navigate } = useNavigation()
  return useCallback(
    async (file: File) => {
      const r = await readReportFile(file)
      if (r.ok) showReport(r.value)
      else reportFailed(file.name, r.error)
      navigate('diagnose')
    },
    [navigate]
  )
}

/**
 * Where support reports come into the window, wherever the user is: a report file dropped on the
 * window, and one opened from the app menu (read in main, pushed here). Both end on Diagnose,
 * read-only. Renders only the drop hint while a file is dragged over the window.
 */
export const ReportOpener = () => {
  const { navigate } = useNavigation()
  const open = useOpenReportFile()
  const [dragging, setDragging] = useState(false)

  useEffect(
    () =>
      onReportOpened((e) => {
        if (e.opened) showReport(e.opened)
        else if (e.error) reportFailed(e.fileName, e.error)
        navigate('diagnose')
      }),
    [navigate]
  )

  useEffect(() => {
    let depth = 0
    const enter = (e: DragEvent): void => {
      if (!hasFiles(e)) return
      depth++
      setDragging(true)
    }
    const leave = (e: DragEvent): void => {
      if (!hasFiles(e)) return
      depth = Math.max(0, depth - 1)
      if (depth === 0) setDragging(false)
    }
    const over = (e: DragEvent): void => {
      // Without this the browser (or Electron) would navigate to the dropped file.
      if (!hasFiles(e)) return
      e.preventDefault()
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy'
    }
    const drop = (e: DragEvent): void => {
      if (!hasFiles(e)) return
      e.preventDefault()
      depth = 0
      setDragging(false)
      const file = e.dataTransfer?.files[0]
      if (file) void open(file)
    }
    window.addEventListener('dragenter', enter)
    window.addEventListener('dragleave', leave)
    window.addEventListener('dragover', over)
    window.addEventListener('drop', drop)
    return () => {
      window.removeEventListener('dragenter', enter)
      window.removeEventListener('dragleave', leave)
      window.removeEventListener('dragover', over)
      window.removeEventListener('drop', drop)
    }
  }, [open])

  return dragging ? (
    <Overlay data-testid="report-drop-hint" aria-hidden>
      <LG isBold>Drop a support report (JSON) to open it, read-only</LG>
    </Overlay>
  ) : null
}
