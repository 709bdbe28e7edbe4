import { useEffect, useMemo, useRef, useState } from 'react'
import styled from 'styled-components'
import { Button } from '@zendeskgarden/react-buttons'
import { Combobox, Field, Option } from '@zendeskgarden/react-dropdowns'
import { getColor } from '@zendeskgarden/react-theming'
import type { ProfileView } from '../../../shared/contract/vault'
import { call } from '../lib/api'
import { StatusTag } from '../components/status-tag'
import { accountLabel } from './active-profile'
import { useLastResults, whenText, type LastResult } from './use-last-results'

const Panel = styled.div`
  position: absolute;
  top: calc(100% + ${(p) => p.theme.space.xxs});
  inset-inline-end: 0;
  z-index: 1000;
  width: min(380px, calc(100vw - 16px));
  padding: ${(p) => p.theme.space.sm};
  border: 1px solid ${(p) => getColor({ theme: p.theme, variable: 'border.default' })};
  border-radius: ${(p) => p.theme.borderRadii.md};
  background: ${(p) => getColor({ theme: p.theme, variable: 'background.raised' })};
  box-shadow: ${(p) => p.theme.shadows.lg(`${p.theme.space.base * 4}px`, `${p.theme.space.base * 6}px`, getColor({ theme: p.theme, variable: 'shadow.large' }))};
  display: flex;
  flex-direction: column;
  gap: ${(p) => p.theme.space.sm};
`

const OptionText = styled.span`
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: ${(p) => p.theme.space.xxs} ${(p) => p.theme.space.xs};
  overflow-wrap: anywhere;
`

const LabelRow = styled.div`
  display: flex;
  flex-wrap: wrap;
  justify-content: space-between;
  align-items: baseline;
  gap: ${(p) => p.theme.space.xs};
`

/** A customer's last result as a tag and when, or that there is none yet. */
const LastResultText = ({ last }: { last: LastResult | null | undefined }) =>
  last === undefined ? null : last === null ? (
    <span>Not diagnosed yet</span>
  ) : (
    <>
      <StatusTag status={last.verdict} size="small" /> <span>{whenText(last.at)}</span>
    </>
  )

export interface CustomerSwitcherProps {
  activeId: string | null
  /** Switches to the customer (closes the switcher). */
  onSelect(id: string, name: string): void
  /** Closes without switching; `returnFocus` puts the focus back on the header's button. */
  onClose(returnFocus: boolean): void
  onManage(): void
}

/**
 * The header's customer switcher, loaded when first opened: a Garden combobox over every customer
 * (type to filter by name or account), each with its last diagnose result and when. Enter or a
 * click switches; Escape closes; "Manage customers" opens the list.
 */
export const CustomerSwitcher = ({ activeId, onSelect, onClose, onManage }: CustomerSwitcherProps) => {
  const [profiles, setProfiles] = useState<ProfileView[] | null>(null)
  const [filter, setFilter] = useState('')
  const last = useLastResults(profiles)
  const panel = useRef<HTMLDivElement>(null)

  useEffect(() => {
    void call('listProfiles', {}).then((r) => setProfiles(r.ok ? r.value.profiles : []))
  }, [])

  // Leaving the switcher (a click or Tab elsewhere) closes it.
  useEffect(() => {
    const onDown = (e: PointerEvent): void => {
      if (!panel.current?.parentElement?.contains(e.target as Node)) onClose(false)
    }
    document.addEventListener('pointerdown', onDown)
    return () => document.removeEventListener('pointerdown', onDown)
  }, [onClose])

  const shown = useMemo(() => {
    const f = filter.trim().toLowerCase()
    return (profiles ?? []).filter((p) => !f || p.name.toLowerCase().includes(f) || accountLabel(p).toLowerCase().includes(f))
  }, [profiles, filter])

  return (
    <Panel
      ref={panel}
      role="dialog"
      aria-label="Switch customer"
      data-testid="customer-switcher"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation()
          onClose(true)
        }
      }}
      onBlur={(e) => {
        if (e.relatedTarget && !panel.current?.contains(e.relatedTarget as Node)) onClose(false)
      }}
    >
      <Field>
        <LabelRow>
          <Field.Label>Switch customer</Field.Label>
          <Button size="small" isLink onClick={onManage} data-testid="switcher-manage">
            Manage customers
          </Button>
        </LabelRow>
        <Field.Hint>Type to filter by name or account.</Field.Hint>
        <Combobox
          isAutocomplete
          isExpanded
          inputValue={filter}
          selectionValue={activeId}
          listboxMaxHeight="320px"
          inputProps={{ autoFocus: true }}
          data-testid="customer-switcher-input"
          onChange={(c) => {
            if (c.type === 'input:keyDown:Escape') return onClose(true)
            if (c.inputValue !== undefined && c.type === 'input:change') setFilter(c.inputValue)
            if (c.type === 'option:click' || c.type === 'input:keyDown:Enter') {
              // Choosing the customer already active just closes the switcher.
              const chosen = typeof c.selectionValue === 'string' ? profiles?.find((p) => p.id === c.selectionValue) : undefined
              if (chosen && chosen.id !== activeId) onSelect(chosen.id, chosen.name)
              else onClose(true)
            }
          }}
        >
          {profiles === null ? (
            <Option value="" label="Loading customers…" isDisabled />
          ) : shown.length === 0 ? (
            <Option value="" label={profiles.length ? 'No customer matches' : 'No customers yet'} isDisabled />
          ) : (
            shown.map((p) => (
              <Option key={p.id} value={p.id} label={p.name} data-testid="switcher-option" data-profile-name={p.name}>
                <OptionText>
                  <strong>{p.name}</strong>
                  <LastResultText last={last ? (last.get(p.id) ?? null) : undefined} />
                </OptionText>
                <Option.Meta>{accountLabel(p)}</Option.Meta>
              </Option>
            ))
          )}
        </Combobox>
      </Field>
    </Panel>
  )
}

