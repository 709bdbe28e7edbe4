import { useTheme } from 'styled-components'
import { getColor } from '@zendeskgarden/react-theming'
import { latencyHistogram, type LatencyStats } from '../../../../shared/gateway/latency'

/**
 * A small histogram of a burst's latencies with the p50 and p95 marked, in plain SVG (no chart
 * library), coloured from the theme so it reads in light and dark mode.
 */
export const LatencyChart = ({ latencies, stats }: { latencies: number[]; stats: LatencyStats }) => {
  const theme = useTheme()
  const W = 480
  const H = 140
  const pad = { l: 36, r: 8, t: 8, b: 24 }
  const buckets = latencyHistogram(latencies, 16)
  if (buckets.length === 0) return null
  const maxCount = Math.max(...buckets.map((b) => b.count), 1)
  const maxMs = buckets[buckets.length - 1].to
  const x = (ms: number): number => pad.l + ((W - pad.l - pad.r) * ms) / maxMs
  const bw = (W - pad.l - pad.r) / buckets.length
  const bar = getColor({ theme, hue: 'blue', shade: 600 })
  const axis = getColor({ theme, variable: 'foreground.subtle' })
  const p95 = getColor({ theme, hue: 'red', shade: 600 })
  const p50 = getColor({ theme, hue: 'green', shade: 700 })
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      width="100%"
      style={{ maxWidth: W }}
      role="img"
      aria-label={`Latency histogram of ${stats.count} events: p50 ${stats.p50} ms, p95 ${stats.p95} ms, max ${stats.max} ms`}
      data-testid="latency-chart"
    >
      {buckets.map((b, i) => {
        const h = ((H - pad.t - pad.b) * b.count) / maxCount
        return <rect key={i} x={pad.l + i * bw + 1} y={H - pad.b - h} width={Math.max(1, bw - 2)} height={h} fill={bar} rx={2} />
      })}
      <line x1={pad.l} y1={H - pad.b} x2={W - pad.r} y2={H - pad.b} stroke={axis} />
      <text x={pad.l} y={H - 6} fontSize={10} fill={axis}>
        0 ms
      </text>
      <text x={W - pad.r} y={H - 6} fontSize={10} fill={axis} textAnchor="end">
        {maxMs.toFixed(0)} ms
      </text>
      <text x={4} y={pad.t + 8} fontSize={10} fill={axis}>
        {maxCount}
      </text>
      {[
        { v: stats.p50, c: p50, l: 'p50' },
        { v: stats.p95, c: p95, l: 'p95' }
      ].map((m) => (
        <g key={m.l}>
          <line x1={x(m.v)} x2={x(m.v)} y1={pad.t} y2={H - pad.b} stroke={m.c} strokeDasharray="4 3" strokeWidth={1.5} />
          <text x={x(m.v) + 3} y={pad.t + (m.l === 'p50' ? 10 : 22)} fontSize={10} fill={m.c}>
            {m.l}
          </text>
        </g>
      ))}
    </svg>
  )
}
