import { Tag } from '@zendeskgarden/react-tags'
import styled from 'styled-components'
import { accountLabel, useActiveProfile } from './active-profile'
import { useNavigation } from './navigation'

const Wrapper = styled.button`
  display: flex;
  align-items: center;
  gap: ${(p) => p.theme.space.xs};
  margin-right: ${(p) => p.theme.space.md};
  background: none;
  border: 0;
  color: inherit;
  font: inherit;
  cursor: pointer;
  border-radius: ${(p) => p.theme.borderRadii.md};
  padding: ${(p) => p.theme.space.xxs} ${(p) => p.theme.space.xs};
`

/**
 * The customer whose Zendesk account actions will write to, always visible in the header: name,
 * account and app ID. Clicking it opens the customer list to switch.
 */
export const ActiveCustomer = () => {
  const { profile, loading } = useActiveProfile()
  const { navigate } = useNavigation()
  if (loading) return <span data-testid="active-customer">…</span>
  return (
    <Wrapper type="button" data-testid="active-customer" onClick={() => navigate('profiles')} aria-label={profile ? `Active customer: ${profile.name}. Switch customer` : 'No customer selected. Choose a customer'}>
      {profile ? (
        <>
          <strong>{profile.name}</strong>
          <span>{accountLabel(profile)}</span>
          <Tag size="small" hue="grey" title="App ID">
            app {profile.appId.slice(0, 6)}…{profile.appId.slice(-4)}
          </Tag>
          {profile.keySecretStatus === 'missing' && (
            <Tag size="small" hue="dangerHue" data-testid="active-credentials-missing">
              Credentials missing
            </Tag>
          )}
        </>
      ) : (
        <span>No customer selected</span>
      )}
    </Wrapper>
  )
}
