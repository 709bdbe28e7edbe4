import type { Command } from 'commander'
import type { CliRuntime } from '../runtime'
import { registerAvatarCommand } from './avatar'
import { registerDoctorCommand } from './doctor'
import { registerEventsCommand } from './events'
import { registerProfileCommand } from './profile'
import { registerSandboxCommand } from './sandbox'
import { registerSetupCommand } from './setup'

/** Adds one subcommand (and its own subcommands) to the program. */
export type RegisterCommand = (program: Command, cli: CliRuntime) => void

/**
 * Every subcommand, in the order `--help` lists them. Each capability adds one line.
 */
export const commandRegistrations: RegisterCommand[] = [registerProfileCommand, registerSandboxCommand, registerAvatarCommand, registerSetupCommand, registerEventsCommand, registerDoctorCommand]
