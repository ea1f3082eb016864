import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { STREAM_TOPICS } from '../../src/cli/streamTopics'
import type { CommandName } from '../../src/cli/commands'
import { usage } from '../../src/cli/usage'

// docs/cli.md is written by hand; these checks keep it in step with what the command accepts.
const page = readFileSync(resolve(__dirname, '../../docs/cli.md'), 'utf8')

/** The text of `## <command>` up to the next `## ` heading. */
const section = (command: CommandName): string =>
  page.split(/^## /m).find((s) => s.startsWith(`${command}\n`)) ?? ''

describe('docs/cli.md', () => {
  it.each(['stream', 'simulate', 'record', 'demo'] as const)('documents every option of %s', (command) => {
    const options = [...new Set(usage(command).match(/--[a-z][a-z-]+/g))]
    expect(options.length).toBeGreaterThan(2)
    const documented = section(command)
    const missing = options.filter((option) => !documented.includes(`\`${option}`))
    expect(missing).toEqual([])
  })

  it('documents import tardis and its --out', () => {
    expect(section('import')).toContain('binance-dex-rx import tardis <path>... --out <tape>')
    expect(section('import')).toContain('`--out')
  })

  it('lists every stream topic in the topic table', () => {
    for (const { name, key } of STREAM_TOPICS) {
      const argument = key === 'none' ? 'none' : key
      expect(section('stream')).toContain(`| \`${name}\` | ${argument} |`)
    }
  })

  it('states the three exit codes', () => {
    expect(page).toMatch(/\| 0 \| done/)
    expect(page).toMatch(/\| 1 \| failed/)
    expect(page).toMatch(/\| 2 \| bad arguments/)
  })
})
