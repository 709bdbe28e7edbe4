import { useEffect, useState } from 'react'
import type { ProfileView } from '../../../shared/contract/vault'
import { call } from '../lib/api'

/** A customer's last diagnose: its verdict and when it ran. */
export interface LastResult {
  verdict: 'pass' | 'warn' | 'fail'
  at: string
}

/**
 * Each customer's last diagnose result, by customer id (null: never diagnosed), or null while it is
 * being read: one `listLastResults` call, read from the kept history, so results from earlier
 * sessions and from the command line show too.
 */
export const useLastResults = (profiles: readonly Pick<ProfileView, 'id'>[] | null): ReadonlyMap<string, LastResult | null> | null => {
  const [results, setResults] = useState<ReadonlyMap<string, LastResult | null> | null>(null)
  const key = profiles?.map((p) => p.id).join('\n') ?? null
  useEffect(() => {
    if (key === null) return
    let live = true
    const ids = key ? key.split('\n') : []
    void call('listLastResults', {}).then((r) => {
      if (!live) return
      const byId = new Map(r.ok ? r.value.results.map((x) => [x.profileId, x] as const) : [])
      setResults(new Map(ids.map((id): [string, LastResult | null] => {
        const last = byId.get(id)
        return [id, last ? { verdict: last.verdict, at: last.at } : null]
      })))
    })
    return () => {
      live = false
    }
  }, [key])
  return results
}

/** "just now", "5 min ago", "3 h ago", or the date: when a result is from, in a few words. */
export const whenText = (iso: string, now: number = Date.now()): string => {
  const t = Date.parse(iso)
  if (Number.isNaN(t)) return ''
  const s = Math.max(0, Math.round((now - t) / 1000))
  if (s < 60) return 'just now'
  if (s < 3600) return `${Math.floor(s / 60)} min ago`
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`
  return new Date(t).toLocaleDateString()
}
