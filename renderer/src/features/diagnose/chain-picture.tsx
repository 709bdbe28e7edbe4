import { useId } from 'react'
import { useTheme, type DefaultTheme } from 'styled-components'
import { getColor } from '@zendeskgarden/react-theming'
import { brokenHop, chainHops, describeHops, type Hop, type LinkState } from '../../../../shared/doctor/hops'
import type { TaskStatus } from '../../../../shared/task/status'

const W = 810
const H = 120
const NODE_W = 142
const NODE_H = 58
const TOP = 18
const GAP = (W - 5 * NODE_W) / 4

/** A hop's status in one or two words under its name. */
const WORD: Record<TaskStatus, string> = {
  pending: 'Not checked',
  running: 'Checking…',
  waiting: 'Checking…',
  pass: 'Working',
  warn: 'Warning',
  fail: 'Broken',
  skipped: 'Not fully checked'
}

/** Garden's colours for a status, from the theme's variables (light and dark alike). */
const look = (theme: DefaultTheme, status: TaskStatus) => {
  const c = (variable: string) => getColor({ theme, variable })
  switch (status) {
    case 'pass':
      return { fill: c('background.success'), stroke: c('border.successEmphasis'), text: c('foreground.success'), width: 1.5, dash: undefined }
    case 'warn':
      return { fill: c('background.warning'), stroke: c('border.warningEmphasis'), text: c('foreground.warning'), width: 1.5, dash: undefined }
    case 'fail':
      return { fill: c('background.danger'), stroke: c('border.dangerEmphasis'), text: c('foreground.danger'), width: 3, dash: undefined }
    case 'running':
    case 'waiting':
      return { fill: c('background.subtle'), stroke: c('border.primaryEmphasis'), text: c('foreground.primary'), width: 1.5, dash: '4 3' }
    case 'skipped':
      return { fill: c('background.subtle'), stroke: c('border.emphasis'), text: c('foreground.subtle'), width: 1.5, dash: '4 3' }
    default:
      return { fill: c('background.default'), stroke: c('border.emphasis'), text: c('foreground.subtle'), width: 1.5, dash: '2 3' }
  }
}

/** One hop: a rounded box with its name and state; its links and theirs in the tooltip. */
const HopNode = ({ hop, x, broken }: { hop: Hop; x: number; broken: boolean }) => {
  const theme = useTheme()
  const l = look(theme, hop.status)
  const fg = getColor({ theme, variable: 'foreground.default' })
  return (
    <g data-hop={hop.id} data-status={hop.status}>
      <title>{`${hop.title}: ${hop.links.map((k) => `${k.title} ${WORD[k.status].toLowerCase()}`).join(', ')}`}</title>
      <rect x={x} y={TOP} width={NODE_W} height={NODE_H} rx={8} fill={l.fill} stroke={l.stroke} strokeWidth={l.width} strokeDasharray={l.dash} />
      <text x={x + NODE_W / 2} y={TOP + 24} textAnchor="middle" fontSize={14} fontWeight={600} fill={fg}>
        {hop.title}
      </text>
      <text x={x + NODE_W / 2} y={TOP + 44} textAnchor="middle" fontSize={13} fill={l.text}>
        {WORD[hop.status]}
      </text>
      {broken && (
        <text x={x + NODE_W / 2} y={TOP + NODE_H + 22} textAnchor="middle" fontSize={13} fontWeight={600} fill={l.text} data-testid="chain-picture-broken-label">
          ▲ Broken here
        </text>
      )}
    </g>
  )
}

/**
 * The chain as a picture: Zendesk → webhook → Aissist gateway → AI agent → chat, each hop
 * coloured by its links (Garden's success, warning and danger colours, light and dark), the first
 * broken hop drawn heavier with "Broken here" under it. Its text alternative names the broken hop
 * and the link that failed there. Derived from the declared chain (`shared/doctor/hops.ts`).
 */
export const ChainPicture = ({ links }: { links: readonly LinkState[] }) => {
  const theme = useTheme()
  // useId's colons would end the url(#…) of the arrow markers early in some engines.
  const id = `chain${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`
  const hops = chainHops(links)
  const broken = brokenHop(hops)
  const arrow = getColor({ theme, variable: 'border.emphasis' })
  const danger = getColor({ theme, variable: 'border.dangerEmphasis' })
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      width="100%"
      style={{ maxWidth: W, display: 'block' }}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      data-testid="chain-picture"
      data-broken-hop={broken?.id ?? ''}
    >
      <title id={`${id}-title`}>The chain a message travels</title>
      <desc id={`${id}-desc`} data-testid="chain-picture-text">
        {describeHops(hops)}
      </desc>
      <defs>
        <marker id={`${id}-arrow`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" fill={arrow} />
        </marker>
        <marker id={`${id}-arrow-broken`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" fill={danger} />
        </marker>
      </defs>
      {hops.slice(1).map((hop, i) => {
        const x1 = i * (NODE_W + GAP) + NODE_W + 4
        const into = broken?.id === hop.id
        return (
          <line
            key={hop.id}
            x1={x1}
            x2={x1 + GAP - 8}
            y1={TOP + NODE_H / 2}
            y2={TOP + NODE_H / 2}
            stroke={into ? danger : arrow}
            strokeWidth={into ? 2.5 : 1.5}
            markerEnd={`url(#${id}-arrow${into ? '-broken' : ''})`}
          />
        )
      })}
      {hops.map((hop, i) => (
        <HopNode key={hop.id} hop={hop} x={i * (NODE_W + GAP)} broken={broken?.id === hop.id} />
      ))}
    </svg>
  )
}
