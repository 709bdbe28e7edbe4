import type { FC, SVGProps } from 'react'
import HomeIcon from '@zendeskgarden/svg-icons/src/16/home-stroke.svg?react'
import PeopleIcon from '@zendeskgarden/svg-icons/src/16/user-group-stroke.svg?react'
import SetupIcon from '@zendeskgarden/svg-icons/src/16/check-badge-stroke.svg?react'
import SendIcon from '@zendeskgarden/svg-icons/src/16/speech-bubble-lightning-bolt-stroke.svg?react'
import AvatarIcon from '@zendeskgarden/svg-icons/src/16/user-circle-stroke.svg?react'
import DiagnoseIcon from '@zendeskgarden/svg-icons/src/16/document-search-stroke.svg?react'
import GearIcon from '@zendeskgarden/svg-icons/src/16/gear-stroke.svg?react'
import type { RouteId } from './navigation'
import { AboutPage } from '../features/about/about-page'
import { EventsPage } from '../features/events/events-page'
import { HomePage } from '../features/home/home-page'
import { ProfilesPage } from '../features/profiles/profiles-page'
import { AvatarPage } from '../features/avatar/avatar-page'
import { SetupPage } from '../features/setup/setup-page'
import { DiagnosePage } from '../features/diagnose/diagnose-page'

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
  { id: 'settings', label: 'Settings & about', Icon: GearIcon, Page: AboutPage }
]
