import { Option, type Command } from 'commander'
import { EX_USAGE } from '../exit-codes'

/** What a command that works on one customer receives after {@link addCustomerOption}. */
export interface CustomerOption {
  /** The customer's name or id, from `--customer` or its old spelling `--profile`. */
  customer: string
}

/**
 * Adds `-c, --customer <customer>` (required) to a command that works on one customer, and keeps
 * `-p, --profile <customer>`, its old spelling, working but out of the help: scripts written
 * before the rename still run. The value ends up in `opts.customer` either way.
 */
export const addCustomerOption = (cmd: Command): Command =>
  cmd
    .option('-c, --customer <customer>', 'the customer (name or id)')
    .addOption(new Option('-p, --profile <customer>', 'the same as --customer (its old name)').hideHelp())
    .hook('preAction', (command) => {
      const { customer, profile } = command.opts<{ customer?: string; profile?: string }>()
      if (customer === undefined && profile === undefined) {
        command.error("error: required option '-c, --customer <customer>' not specified", { exitCode: EX_USAGE, code: 'commander.missingMandatoryOptionValue' })
      }
      if (customer !== undefined && profile !== undefined && customer !== profile) {
        command.error(`error: --customer "${customer}" and --profile "${profile}" name different customers; give one`, { exitCode: EX_USAGE, code: 'commander.conflictingOption' })
      }
      command.setOptionValue('customer', customer ?? profile)
    })
