import { execFile } from 'node:child_process'
import { join } from 'node:path'

// examples/dashboard/serve.mjs as a command: --help, and its own words for bad options (exit 2).

const SERVE = join(__dirname, '..', '..', 'examples', 'dashboard', 'serve.mjs')

function serve(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) =>
    execFile(process.execPath, [SERVE, ...args], (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    ),
  )
}

it('prints its usage for --help and -h, and exits 0', async () => {
  for (const flag of ['--help', '-h']) {
    const result = await serve(flag)
    expect(result).toMatchObject({ code: 0, stderr: '' })
    expect(result.stdout).toMatch(/^Usage: node examples\/dashboard\/serve\.mjs \[options\]/)
    for (const option of ['--port', '--host', '--url', '--seed', '--help']) expect(result.stdout).toContain(option)
  }
})

it.each([
  [['--bogus'], 'unknown option --bogus'],
  [['--port'], '--port needs a value'],
  [['--port', '-1'], 'invalid --port "-1": expected a whole number from 0 to 65535'],
  [['--port', 'x'], 'invalid --port "x"'],
  [['--url', 'http://h/'], 'invalid --url "http://h/"'],
  [['--seed', 'x'], 'invalid --seed "x"'],
])('rejects %j with its own message and exit code 2', async (args, message) => {
  const result = await serve(...args)
  expect(result.code).toBe(2)
  expect(result.stdout).toBe('')
  const [error, hint, ...rest] = result.stderr.split('\n')
  expect(error).toMatch(/^dashboard: /)
  expect(error).toContain(message)
  expect(hint).toBe("Run 'node examples/dashboard/serve.mjs --help' for more.")
  expect(rest).toEqual([''])
})
