import { lazy, type FC, type SVGProps } from 'react'
import HomeIcon from '@zendeskgarden/svg-icons/src/16/home-stroke.svg?react'
import PeopleIcon from '@zendeskgarden/svg-icons/src/16/user-group-stroke.svg?react'
import SetupIcon from '@zendeskgarden/svg-icons/src/16/check-badge-stroke.svg?react'
import SendIcon from '@zendeskgarden/svg-icons/src/16/speech-bubble-lightning-bolt-stroke.svg?react'
import AvatarIcon from '@zendeskgarden/svg-icons/src/16/user-circle-stroke.svg?react'
import DiagnoseIcon from '@zendeskgarden/svg-icons/src/16/document-search-stroke.svg?react'
import GearIcon from '@zendeskgarden/svg-icons/src/16/gear-stroke.svg?react'
import type { RouteId } from './navigation'

// Each screen is its own chunk, loaded when first opened: the first render only waits for the shell
// and the screen it lands on.
const HomePage = lazy(() => import('../features/home/home-page').then((m) => ({ default: m.HomePage })))
const ProfilesPage = lazy(() => import('../features/profiles/profiles-page').then((m) => ({ default: m.ProfilesPage })))
const SetupPage = lazy(() => import('../features/setup/setup-page').then((m) => ({ default: m.SetupPage })))
const EventsPage = lazy(() => import('../features/events/events-page').then((m) => ({ default: m.EventsPage })))
const AvatarPage = lazy(() => import('../features/avatar/avatar-page').then((m) => ({ default: m.AvatarPage })))
const DiagnosePage = lazy(() => import('../features/diagnose/diagnose-page').then((m) => ({ default: m.DiagnosePage })))
const SettingsPage = lazy(() => import('../features/settings/settings-page').then((m) => ({ default: m.SettingsPage })))

export interface RouteDef {
  id: RouteId
  /** The label in the navigation and the page's heading. */
  label: string
  Icon: FC<SVGProps<SVGSVGElement>>
  Page: FC
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
