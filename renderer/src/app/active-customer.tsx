import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react'
import { Tag } from '@zendeskgarden/react-tags'
import { getColor } from '@zendeskgarden/react-theming'
import styled from 'styled-components'
import ChevronIcon from '@zendeskgarden/svg-icons/src/12/chevron-down-stroke.svg?react'
import { accountLabel, useActiveProfile } from './active-profile'
import { useNavigation } from './navigation'

// The switcher's popup (Garden's combobox and the customer list) is its own chunk, loaded when the
// header's button is first pointed at, focused or opened: the first render only draws the button.
const loadSwitcher = () => import('./customer-switcher').then((m) => ({ default: m.CustomerSwitcher }))
const CustomerSwitcher = lazy(loadSwitcher)

/** Asked of the window by any screen that offers "Switch customer": the header's switcher opens. */
const OPEN_EVENT = 'aissist:open-customer-switcher'

/** Opens the header's customer switcher (the one place customers are switched from). */
export const openCustomerSwitcher = (): void => {
  window.dispatchEvent(new Event(OPEN_EVENT))
}

const Anchor = styled.div`
  position: relative;
  min-width: 0;
  margin-inline-end: ${(p) => p.theme.space.md};
`

/** Looks like a select, as Garden draws one: a bordered control with a chevron, not text. */
const Trigger = styled.button`
  display: flex;
  align-items: center;
  gap: ${(p) => p.theme.space.xs};
  max-width: 100%;
  min-width: 0;
  height: ${(p) => p.theme.space.base * 8}px;
  padding: 0 ${(p) => p.theme.space.sm};
  border: ${(p) => p.theme.borders.sm} ${(p) => getColor({ theme: p.theme, variable: 'border.emphasis' })};
  border-radius: ${(p) => p.theme.borderRadii.md};
  background: ${(p) => getColor({ theme: p.theme, variable: 'background.default' })};
  color: ${(p) => getColor({ theme: p.theme, variable: 'foreground.default' })};
  font: inherit;
  cursor: pointer;
  &:hover {
    border-color: ${(p) => getColor({ theme: p.theme, variable: 'border.primaryEmphasis' })};
  }
  &[aria-expanded='true'] {
    border-color: ${(p) => getColor({ theme: p.theme, variable: 'border.primaryEmphasis' })};
  }
  svg {
    flex: none;
  }
`

const Clip = styled.span`
  min-width: 0;
  overflow: hidden;
  text-overflow: ellipsis;
  white-space: nowrap;
`

const Account = styled(Clip)`
  color: ${(p) => getColor({ theme: p.theme, variable: 'foreground.subtle' })};
  @media (max-width: 760px) {
    display: none;
  }
`

const AppId = styled(Tag)`
  @media (max-width: 1100px) {
    display: none;
  }
`

/**
 * The customer whose Zendesk account actions will write to, always visible in the header, as a
 * control: name, account, and a chevron. Opening it shows the switcher (type to filter, each
 * customer's last result); choosing one switches every screen at once.
 */
export const ActiveCustomer = () => {
  const { profile, loading, select } = useActiveProfile()
  const { navigate } = useNavigation()
  const [open, setOpen] = useState(false)
  const [said, setSaid] = useState('')
  const trigger = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    const onOpen = (): void => {
      trigger.current?.focus()
      setOpen(true)
    }
    window.addEventListener(OPEN_EVENT, onOpen)
    return () => window.removeEventListener(OPEN_EVENT, onOpen)
  }, [])

  const close = useCallback((returnFocus: boolean) => {
    setOpen(false)
    if (returnFocus) trigger.current?.focus()
  }, [])
  const choose = useCallback(
    (id: string, name: string) => {
      setOpen(false)
      trigger.current?.focus()
      void select(id).then(() => setSaid(`Now working on ${name}.`))
    },
    [select]
  )

  if (loading) return <span data-testid="active-customer">…</span>
  const label = profile ? `Customer: ${profile.name}, ${accountLabel(profile)}. Switch customer` : 'No customer selected. Choose a customer'
  return (
    <Anchor>
      <Trigger
        ref={trigger}
        type="button"
        data-testid="active-customer"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-label={label}
        title={profile ? `${profile.name} — ${accountLabel(profile)}, app ID ${profile.appId}` : undefined}
        onPointerEnter={() => void loadSwitcher()}
        onFocus={() => void loadSwitcher()}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault()
            setOpen(true)
          }
        }}
      >
        {profile ? (
          <>
            <Clip as="strong">{profile.name}</Clip>
            <Account>{accountLabel(profile)}</Account>
            <AppId size="small" hue="grey">
              app {profile.appId.slice(0, 6)}…{profile.appId.slice(-4)}
            </AppId>
            {profile.keySecretStatus === 'missing' && (
              <Tag size="small" hue="dangerHue" data-testid="active-credentials-missing">
                Credentials missing
              </Tag>
            )}
          </>
        ) : (
          <Clip>No customer selected</Clip>
        )}
        <ChevronIcon aria-hidden="true" />
      </Trigger>
      {open && (
        <Suspense fallback={null}>
          <CustomerSwitcher
            activeId={profile?.id ?? null}
            onSelect={choose}
            onClose={close}
            onManage={() => {
              setOpen(false)
              navigate('profiles')
            }}
          />
        </Suspense>
      )}
      <span role="status" aria-live="polite" style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
        {said}
      </span>
    </Anchor>
  )
}
