import { useEffect, useState } from 'react'
import styled, { css } from 'styled-components'
import { IconButton } from '@zendeskgarden/react-buttons'
import { getColor } from '@zendeskgarden/react-theming'
import CopyIcon from '@zendeskgarden/svg-icons/src/12/copy-stroke.svg?react'
import CheckIcon from '@zendeskgarden/svg-icons/src/12/check-sm-stroke.svg?react'
import { call } from '../lib/api'

const Wrap = styled.span`
  display: inline-flex;
  align-items: flex-start;
  gap: ${(p) => p.theme.space.xxs};
  max-width: 100%;
  vertical-align: top;
`

const Value = styled.code<{ $truncate: boolean }>`
  min-width: 0;
  font-family: ${(p) => p.theme.fonts.mono};
  font-size: ${(p) => p.theme.fontSizes.sm};
  background: ${(p) => getColor({ theme: p.theme, variable: 'background.subtle' })};
  border-radius: ${(p) => p.theme.borderRadii.sm};
  padding: 0 ${(p) => p.theme.space.xxs};
  ${(p) =>
    p.$truncate
      ? css`
          overflow: hidden;
          text-overflow: ellipsis;
          white-space: nowrap;
        `
      : css`
          overflow-wrap: anywhere;
        `}
`

/** A small button that copies `text` and says so for a moment, in words a screen reader hears too. */
export const CopyButton = ({ text, label }: { text: string; label: string }) => {
  const [copied, setCopied] = useState(false)
  useEffect(() => {
    if (!copied) return
    const t = setTimeout(() => setCopied(false), 2000)
    return () => clearTimeout(t)
  }, [copied])
  return (
    <IconButton
      size="small"
      aria-label={copied ? `${label}: copied` : label}
      title={copied ? 'Copied' : label}
      onClick={() => void call('copyText', { text }).then((r) => setCopied(r.ok))}
      data-testid="copy-value"
    >
      {copied ? <CheckIcon /> : <CopyIcon />}
    </IconButton>
  )
}

/**
 * A long value (a URL, an ID) that never pushes the page sideways: it wraps anywhere, or, with
 * `truncate`, ends in an ellipsis with the whole value on hover; either way a button copies it
 * whole. `label` names it for the copy button ("webhook URL").
 */
export const LongValue = ({ value, label, truncate = false, copy = true }: { value: string; label: string; truncate?: boolean; copy?: boolean }) => (
  <Wrap data-testid="long-value">
    <Value $truncate={truncate} title={value}>
      {value}
    </Value>
    {copy && <CopyButton text={value} label={`Copy the ${label}`} />}
  </Wrap>
)

/** A URL inside a sentence; a full stop or comma right after it is the sentence's, not the URL's. */
const URL_IN_TEXT = /(https?:\/\/[^\s;,)]*[^\s;,).])/g

/** A sentence with the URLs in it shown as {@link LongValue}s (each wraps and has a copy button). */
export const TextWithUrls = ({ text, label = 'URL' }: { text: string; label?: string }) => (
  <>
    {text.split(URL_IN_TEXT).map((part, i) => (i % 2 === 1 ? <LongValue key={i} value={part} label={label} /> : part))}
  </>
)
