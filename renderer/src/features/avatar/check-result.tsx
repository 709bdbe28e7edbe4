import styled from 'styled-components'
import { Button } from '@zendeskgarden/react-buttons'
import { Notification } from '@zendeskgarden/react-notifications'
import { Table } from '@zendeskgarden/react-tables'
import { Code, LG, MD } from '@zendeskgarden/react-typography'
import type { z } from 'zod'
import type { AvatarCheckResult, AvatarRewriteSchema } from '../../../../shared/contract/avatar'
import { Tag } from '@zendeskgarden/react-tags'
import { VerdictBadge } from './verdict-badge'
import { Row, Stack } from '../../components/stack'
import { LongValue } from '../../components/long-value'

const Url = styled(Code)`
  word-break: break-all;
`

const Hops = styled.ol`
  margin: 0;
  padding-left: ${(p) => p.theme.space.lg};
  li {
    margin-bottom: ${(p) => p.theme.space.xxs};
    word-break: break-all;
  }
`

const formatBytes = (n: number | null): string => (n === null ? '—' : n < 1024 ? `${n} B` : `${(n / 1024).toFixed(1)} kB`)

/**
 * Everything the check found, in the order a person reasons about it: the verdict; the rewrite
 * from a share page to the direct link and why; each redirect; the problems with their fixes; the
 * image's facts. "Use this URL" saves the direct link on the profile in one click.
 */
export const CheckResult = ({ result, currentUrl, onUse }: { result: AvatarCheckResult; currentUrl: string; onUse(url: string): void }) => {
  const better = result.rewrite.changed && result.checkedUrl !== currentUrl
  return (
    <Stack data-testid="avatar-result">
      <Row>
        <LG tag="h2">Result</LG>
        <VerdictBadge verdict={result.verdict} />
      </Row>
      <MD data-testid="avatar-result-for">
        For <LongValue value={result.rewrite.from} label="checked URL" />
      </MD>
      {result.rewrite.changed && (
        <Notification type="info" data-testid="avatar-rewrite">
          <Notification.Title>Rewritten to the direct image link</Notification.Title>
          <MD>{result.rewrite.reason}</MD>
          <MD>
            From <Url size="small">{result.rewrite.from}</Url>
          </MD>
          <MD>
            To <Url size="small">{result.rewrite.to}</Url>
          </MD>
        </Notification>
      )}
      {better && (
        <Row>
          <Button isPrimary size="small" onClick={() => onUse(result.checkedUrl)} data-testid="avatar-use-url">
            Use this URL
          </Button>
          <MD>Saves the direct link as this customer's avatar URL.</MD>
        </Row>
      )}
      {result.problems.map((p) => (
        <Notification key={p.code} type={result.verdict === 'needs-attention' ? 'warning' : 'error'} data-testid="avatar-problem" data-code={p.code}>
          <Notification.Title>{p.message}</Notification.Title>
          <strong>What to do: </strong>
          {p.fix}
        </Notification>
      ))}
      {result.alternatives.length > 0 && (
        <div>
          <MD isBold>Other direct links to try</MD>
          <ul>
            {result.alternatives.map((a) => (
              <li key={a.url}>
                <Url size="small">{a.url}</Url> — {a.reason}{' '}
                <Button size="small" isBasic onClick={() => onUse(a.url)}>
                  Use
                </Button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {result.redirects.length > 0 && (
        <div>
          <MD isBold>Requests made</MD>
          <Hops data-testid="avatar-hops">
            {result.redirects.map((h, i) => (
              <li key={`${i}-${h.url}`}>
                <Code size="small">{h.status ?? 'no answer'}</Code> <Url size="small">{h.url}</Url>
                {h.location && (
                  <>
                    {' '}
                    → <Url size="small">{h.location}</Url>
                  </>
                )}
              </li>
            ))}
          </Hops>
        </div>
      )}
      <Table size="small" aria-label="Image facts">
        <Table.Body>
          {[
            ['Status', result.status === null ? '—' : String(result.status)],
            ['Content type', result.contentType ?? '—'],
            ['Size', formatBytes(result.bytes)],
            ['Image', result.image ? `${result.image.format.toUpperCase()} ${result.image.width} × ${result.image.height}${result.image.animated ? ', animated' : ''}` : '—'],
            ['Cropped to', result.crop ? `a centred ${result.crop.width} × ${result.crop.height} square` : result.image ? 'nothing (already square)' : '—'],
            ['Final address', result.finalUrl ?? '—'],
            ['Time', `${Math.round(result.timeMs)} ms`]
          ].map(([k, v]) => (
            <Table.Row key={k}>
              <Table.Cell width="25%">
                <MD isBold>{k}</MD>
              </Table.Cell>
              <Table.Cell data-testid={`avatar-fact-${k.toLowerCase().replace(/[^a-z]+/g, '-')}`}>{v}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </Stack>
  )
}

/** When the link itself is wrong (a folder, a document): what it is and how to get an image link, without fetching. */
export const LinkProblems = ({ rewrite }: { rewrite: z.infer<typeof AvatarRewriteSchema> }) => (
  <Stack data-testid="avatar-result">
    <Row>
      <LG tag="h2">Result</LG>
      <Tag hue="dangerHue" data-testid="avatar-verdict" data-verdict="not-an-image-link">
        Not an image link
      </Tag>
    </Row>
    <MD>{rewrite.reason} Nothing was fetched.</MD>
    {rewrite.problems.map((p) => (
      <Notification key={p.code} type="error" data-testid="avatar-problem" data-code={p.code}>
        <Notification.Title>{p.message}</Notification.Title>
        <strong>What to do: </strong>
        {p.fix}
      </Notification>
    ))}
  </Stack>
)
