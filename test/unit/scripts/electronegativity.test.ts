import { describe, expect, it } from 'vitest'
// @ts-expect-error: a plain .mjs script without type declarations
import { ACCEPTED, judge } from '../../../scripts/electronegativity.mjs'

type Issue = { id: string; severity: { value: number }; sample?: string }
const issue = (id: string, value: number, sample: string): Issue => ({
  id,
  severity: { value },
  sample,
})

describe('the Electronegativity gate in npm test (issue 16 §5)', () => {
  it('fails on any high or medium finding not written down, and every exception has a reason', () => {
    const { open, accepted } = judge([
      issue('OPEN_EXTERNAL_JS_CHECK', 2, 'void electron.shell.openExternal(checked);'),
      // The same check elsewhere is not covered by the exception.
      issue('OPEN_EXTERNAL_JS_CHECK', 2, 'electron.shell.openExternal(url)'),
      issue('NODE_INTEGRATION_JS_CHECK', 3, 'nodeIntegration: true'),
      issue('CSP_GLOBAL_CHECK', 1, ''),
    ])
    expect(accepted.map((i: Issue) => i.sample)).toEqual([
      'void electron.shell.openExternal(checked);',
    ])
    expect(open.map((i: Issue) => i.id)).toEqual([
      'OPEN_EXTERNAL_JS_CHECK',
      'NODE_INTEGRATION_JS_CHECK',
    ])
    for (const exception of ACCEPTED as { reason: string }[])
      expect(exception.reason.length).toBeGreaterThan(40)
  })
})
