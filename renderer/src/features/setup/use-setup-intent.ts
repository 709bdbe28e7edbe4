import { useEffect, useRef, useState } from 'react'
import { SETUP_REPAIRS, type SetupRepair } from '../../../../shared/fix-actions'
import { clearHashParams, useHashParams } from '../../lib/hash-route'

const isRepair = (v: string | null): v is SetupRepair => SETUP_REPAIRS.some((r) => r === v)

/**
 * What the guided setup was opened to do by a fix elsewhere (`#/setup?repair=…` or
 * `?panel=gateway-values`): start the plan with the repair preselected, or show the values for the
 * gateway. Each opening is acted on once, then cleared from the address.
 */
export const useSetupIntent = (ready: boolean, startPlan: () => void) => {
  const { params, seq } = useHashParams()
  const [repair, setRepair] = useState<SetupRepair | null>(null)
  const [showValues, setShowValues] = useState(false)
  const handled = useRef(0)

  useEffect(() => {
    if (!ready || handled.current === seq) return
    handled.current = seq
    const asked = params.get('repair')
    const panel = params.get('panel')
    if (!asked && !panel) return
    clearHashParams()
    if (panel === 'gateway-values') setShowValues(true)
    if (isRepair(asked)) {
      setRepair(asked)
      startPlan()
    }
  }, [ready, seq, params, startPlan])

  return { repair, showValues, setShowValues }
}
