import { Body, Chrome, Content, Header, Main, Nav, SkipNav } from '@zendeskgarden/react-chrome'
import { Suspense } from 'react'
import styled from 'styled-components'
import { Dots } from '@zendeskgarden/react-loaders'
import { NavigationProvider, useNavigation } from './navigation'
import { ROUTES } from './routes'
import { ActiveCustomer } from './active-customer'
import { ActiveProfileProvider } from './active-profile'
import { ReportOpener } from '../features/report-viewer/report-opener'

const PageArea = styled.div`
  padding: ${(p) => p.theme.space.lg} ${(p) => p.theme.space.xl};
  max-width: 1100px;
`

const Title = styled.span`
  font-weight: ${(p) => p.theme.fontWeights.semibold};
  margin-right: auto;
  padding-left: ${(p) => p.theme.space.md};
`

const Shell = () => {
  const { route, navigate } = useNavigation()
  const current = ROUTES.find((r) => r.id === route) ?? ROUTES[0]
  const { Page } = current
  return (
    <Chrome isFluid hue="#03363d">
      <ReportOpener />
      <SkipNav
        targetId="main-content"
        onClick={(e) => {
          // Move focus without touching the hash: the hash is the current screen.
          e.preventDefault()
          document.getElementById('main-content')?.focus()
        }}
      >
        Skip to main content
      </SkipNav>
      <Nav aria-label="Capabilities" isExpanded>
        <Nav.List>
        {ROUTES.map(({ id, label, Icon }) => (
          <Nav.Item key={id} isCurrent={id === route} onClick={() => navigate(id)} data-route={id} aria-current={id === route ? 'page' : undefined}>
            <Nav.ItemIcon>
              <Icon />
            </Nav.ItemIcon>
            <Nav.ItemText>{label}</Nav.ItemText>
          </Nav.Item>
        ))}
        </Nav.List>
      </Nav>
      <Body>
        <Header isStandalone={false}>
          <Title>Aissist Zendesk Setup</Title>
          <ActiveCustomer />
        </Header>
        <Content>
          <Main id="main-content" tabIndex={-1} aria-label={current.label}>
            <PageArea>
              <Suspense
                fallback={
                  <div role="status" aria-live="polite" data-testid="screen-loading">
                    <Dots aria-label={`Opening ${current.label}`} />
                  </div>
                }
              >
                <Page />
              </Suspense>
            </PageArea>
          </Main>
        </Content>
      </Body>
    </Chrome>
  )
}

/** The app shell: navigation for every capability, the active customer always visible. */
export const App = () => (
  <NavigationProvider>
    <ActiveProfileProvider>
      <Shell />
    </ActiveProfileProvider>
  </NavigationProvider>
)
