/**
 * How many requests the sandbox is serving at once, per service and method (`zendesk GET`,
 * `gateway HEAD`, `images GET`), and the most at once since the last reset: how tests and benches
 * see, from the server's side, how much work a client really runs in parallel — or that it sent
 * nothing at all. The control API's own calls are not counted.
 */
export interface TrafficSnapshot {
  /** Requests received since the last reset. */
  total: number
  /** Requests being served now. */
  inFlight: number
  /** The most served at once since the last reset. */
  peak: number
  byRoute: Record<string, { total: number; inFlight: number; peak: number }>
}

export class TrafficMeter {
  private total = 0
  private inFlight = 0
  private peak = 0
  private routes = new Map<string, { total: number; inFlight: number; peak: number }>()

  /** Counts a request in; the returned function counts it out (once, however it ends). */
  begin(route: string): () => void {
    const r = this.routes.get(route) ?? { total: 0, inFlight: 0, peak: 0 }
    this.routes.set(route, r)
    this.total++
    r.total++
    this.peak = Math.max(this.peak, ++this.inFlight)
    r.peak = Math.max(r.peak, ++r.inFlight)
    let ended = false
    return () => {
      if (ended) return
      ended = true
      this.inFlight--
      r.inFlight--
    }
  }

  snapshot(): TrafficSnapshot {
    return { total: this.total, inFlight: this.inFlight, peak: this.peak, byRoute: Object.fromEntries([...this.routes].map(([k, v]) => [k, { ...v }])) }
  }

  /** Starts counting totals and peaks afresh (requests in flight stay counted). */
  reset(): void {
    this.total = 0
    this.peak = this.inFlight
    for (const r of this.routes.values()) {
      r.total = 0
      r.peak = r.inFlight
    }
  }
}
