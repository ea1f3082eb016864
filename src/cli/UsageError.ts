import type { CommandName } from './commands'

/**
 * @internal
 * Bad command-line arguments: the program prints the message on one line, then the usage, and exits 2.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError'
  constructor(
    message: string,
    /** Whose usage to print. */
    readonly command?: CommandName,
  ) {
    super(message)
  }
}
