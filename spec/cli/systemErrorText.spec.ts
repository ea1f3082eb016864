import { systemErrorText } from '../../src/cli/systemErrorText'

// Issue 20: a CLI user reads "no such file", not only Node's code for it.
it('says a known system error in words, with its code after them', () => {
  const missing = Object.assign(new Error("ENOENT: no such file or directory, open 'x'"), { code: 'ENOENT' })
  expect(systemErrorText(missing)).toBe('no such file or folder (ENOENT)')
  expect(systemErrorText(Object.assign(new Error('x'), { code: 'EACCES' }))).toBe('permission denied (EACCES)')
})

it('keeps an unknown code as it is, and a plain error as its message', () => {
  expect(systemErrorText(Object.assign(new Error('x'), { code: 'EWHATEVER' }))).toBe('EWHATEVER')
  expect(systemErrorText(new Error('not a tape: line 1 is not JSON'))).toBe('not a tape: line 1 is not JSON')
  expect(systemErrorText('odd')).toBe('odd')
})
