import type { FC, SVGProps } from 'react'
import HomeIcon from '@zendeskgarden/svg-icons/src/16/home-stroke.svg?react'
import PeopleIcon from '@zendeskgarden/svg-icons/src/16/user-group-stroke.svg?react'
import SetupIcon from '@zendeskgarden/svg-icons/src/16/check-badge-stroke.svg?react'
import SendIcon from '@zendeskgarden/svg-icons/src/16/speech-bubble-lightning-bolt-stroke.svg?react'
import AvatarIcon from '@zendeskgarden/svg-icons/src/16/user-circle-stroke.svg?react'
import DiagnoseIcon from '@zendeskgarden/svg-icons/src/16/document-search-stroke.svg?react'
import GearIcon from '@zendeskgarden/svg-icons/src/16/gear-stroke.svg?react'
import { lazyPage, type LazyPage } from './lazy-page'
import type { RouteId } from './navigation'

// Each screen is its own chunk, loaded when first opened: the first render only waits for the shell
// and the screen it lands on (fetched ahead: see main.tsx).
const HomePage = lazyPage(() => import('../features/home/home-page').then((m) => m.HomePage))
const ProfilesPage = lazyPage(() => import('../features/profiles/profiles-page').then((m) => m.ProfilesPage))
const SetupPage = lazyPage(() => import('../features/setup/setup-page').then((m) => m.SetupPage))
const EventsPage = lazyPage(() => import('../features/events/events-page').then((m) => m.EventsPage))
const AvatarPage = lazyPage(() => import('../features/avatar/avatar-page').then((m) => m.AvatarPage))
const DiagnosePage = lazyPage(() => import('../features/diagnose/diagnose-page').then((m) => m.DiagnosePage))
const SettingsPage = lazyPage(() => import('../features/settings/settings-page').then((m) => m.SettingsPage))

export interface RouteDef {
  id: RouteId
  /** The label in the navigation and the page's heading. */
  label: string
  Icon: FC<SVGProps<SVGSVGElement>>
  Page: LazyPage
}

/** The screens, in navigation order; each capability's page plugs in here. */
export const ROUTES: RouteDef[] = [
  { id: 'home', label: 'Start', Icon: HomeIcon, Page: HomePage },
  { id: 'profiles', label: 'Customers', Icon: PeopleIcon, Page: ProfilesPage },
  { id: 'setup', label: 'Guided setup', Icon: SetupIcon, Page: SetupPage },
  { id: 'events', label: 'Test events', Icon: SendIcon, Page: EventsPage },
  { id: 'avatar', label: 'Agent & avatar', Icon: AvatarIcon, Page: AvatarPage },
  { id: 'diagnose', label: 'Diagnose', Icon: DiagnoseIcon, Page: DiagnosePage },
  { id: 'settings', label: 'Settings & about', Icon: GearIcon, Page: SettingsPage }
]
