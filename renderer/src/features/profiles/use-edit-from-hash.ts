import { useEffect, useRef, useState } from 'react'
import type { ProfileView } from '../../../../shared/contract/vault'
import { clearHashParams, useHashParams } from '../../lib/hash-route'

/**
 * `#/profiles?edit=ID&field=gatewayUrl`, opened by a fix on another screen: once the customers are
 * loaded, opens that customer's form and says which field to focus; then clears the address.
 */
export const useEditFromHash = (profiles: readonly ProfileView[], open: (p: ProfileView) => void): string | null => {
  const { params, seq } = useHashParams()
  const [field, setField] = useState<string | null>(null)
  const handled = useRef(0)
  useEffect(() => {
    const id = params.get('edit')
    if (!id || handled.current === seq) return
    const p = profiles.find((x) => x.id === id)
    if (!p) return
    handled.current = seq
    setField(params.get('field'))
    clearHashParams()
    open(p)
  }, [params, seq, profiles, open])
  return field
}
