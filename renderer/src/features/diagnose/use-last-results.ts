import { useCallback, useEffect, useState } from 'react'
import type { LastResult } from '../../../../shared/contract/doctor'
import { call } from '../../lib/api'

/** Each customer's last finished diagnose, by customer id (re-read after a run). */
export const useLastResults = (): { byProfile: ReadonlyMap<string, LastResult>; reload(): Promise<void> } => {
  const [byProfile, setByProfile] = useState<ReadonlyMap<string, LastResult>>(new Map())
  const reload = useCallback(async () => {
    const r = await call('listLastResults', {})
    if (r.ok) setByProfile(new Map(r.value.results.map((x) => [x.profileId, x])))
  }, [])
  useEffect(() => {
    void reload()
  }, [reload])
  return { byProfile, reload }
}
