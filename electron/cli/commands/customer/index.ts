import type { RegisterCommand } from '../index'
import { registerKeychainCommands } from './keychain'
import { registerRecordCommands } from './records'
import { registerSecretCommands } from './secrets'
import { registerTransferCommands } from './transfer'

/**
 * `aissist-zd customer …` (or its old name `profile …`): the vault on the command line, for
 * support engineers who script. The vault (keytar, zod) is imported only when a subcommand runs.
 */
export const register: RegisterCommand = (customer, cli) => {
  registerRecordCommands(customer, cli)
  registerTransferCommands(customer, cli)
  registerSecretCommands(customer, cli)
  registerKeychainCommands(customer, cli)
}
