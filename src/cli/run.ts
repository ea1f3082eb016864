import { readFileSync } from 'node:fs'
import type { CliCommand } from './commands'
import { runDemo, type DemoIo } from './demo/demoCommand'
import { runImport } from './import/importCommand'
import { runRecord } from './recordCommand'
import { runSimulate } from './simulateCommand'
import { runStream } from './streamCommand'
import { usage } from './usage'

/**
 * @internal
 * Runs a parsed command and resolves with the process's exit code. Throws `UsageError` for arguments
 * found bad only while running (an invalid symbol or address); the caller turns it into exit code 2.
 */
export function runCommand(command: CliCommand, io: DemoIo, version: () => string): Promise<number> {
  switch (command.kind) {
    case 'help':
      io.stdout.write(usage(command.command))
      return Promise.resolve(0)
    case 'version':
      io.stdout.write(`${version()}\n`)
      return Promise.resolve(0)
    case 'stream':
      return runStream(command, io)
    case 'simulate':
      return runSimulate(command, io)
    case 'record':
      return runRecord(command, io)
    case 'import':
      return runImport(command, io)
    case 'demo':
      return runDemo(command, io)
  }
}

/** @internal The version in the package.json next to the `dist` folder this file is bundled into. */
export function packageVersion(packageJsonUrl: URL): string {
  try {
    return (JSON.parse(readFileSync(packageJsonUrl, 'utf8')) as { version?: string }).version ?? 'unknown'
  } catch {
    return 'unknown'
  }
}
