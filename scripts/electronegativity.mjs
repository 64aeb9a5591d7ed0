#!/usr/bin/env node
// Electronegativity (Doyensec's Electron security scanner) on what ships: the built main, preload
// and renderer in out/ (issue 16 §5). `npm test` runs it; it passes with 0 high and 0 medium
// findings, except those written down below with their reason. One line of summary at the end.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { buildIfStale } from './build-if-stale.mjs'

const root = new URL('..', import.meta.url).pathname
const require = createRequire(import.meta.url)

/**
 * Findings accepted after review: the check, the line it flags (a pattern), and why it is safe.
 * A finding that matches none of these fails the run.
 */
export const ACCEPTED = [
  {
    check: 'OPEN_EXTERNAL_JS_CHECK',
    sample: /openExternal\(checked\)/,
    reason:
      'The one openExternal call (src-main/shell/open-external.ts): only http(s) URLs reach it, ' +
      'checked by isExternalWebUrl (src-main/desktop/external-url.ts, unit tested).',
  },
  {
    check: 'PROTOCOL_HANDLER_JS_CHECK',
    sample: /setAsDefaultProtocolClient\(/,
    reason:
      'livedesk:// is registered for moderator invites (src-main/shell/main.ts). A link is untrusted ' +
      'input: parseDeepLink (src-main/desktop/deep-link.ts, unit tested) takes only known actions with ' +
      'bounded parameters, and nothing in a link is run or opened.',
  },
]

/** Findings at medium severity or above that no entry of ACCEPTED covers, and those it covers. */
export function judge(issues) {
  const serious = issues.filter((i) => i.severity.value >= 2)
  const accepted = serious.filter((i) =>
    ACCEPTED.some((a) => a.check === i.id && a.sample.test(i.sample ?? '')),
  )
  return { open: serious.filter((i) => !accepted.includes(i)), accepted }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  buildIfStale({ quiet: true })
  const { version } = JSON.parse(
    readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8'),
  )
  // The scanner's API, not its CSV (which does not escape quotes in the lines it quotes).
  const run = require('@doyensec/electronegativity/dist/runner.js')
  const { issues, errors } = await run({
    input: join(root, 'out'),
    customScan: [],
    excludeFromScan: [],
    isRelative: true,
    isVerbose: false,
    electronVersionOverride: version,
    parserPlugins: [],
  })
  const { open, accepted } = judge(issues)
  const where = (i) => `${i.file}:${i.location.line}:${i.location.column}`
  for (const i of accepted) console.log(`accepted: ${i.id} ${where(i)}`)
  for (const i of open) console.log(`✗ ${i.severity.name} ${i.id} ${where(i)}: ${i.description}`)
  for (const e of errors) console.log(`could not parse ${e.file}: ${e.message ?? e.error ?? ''}`)
  console.log(
    `electronegativity: ${open.length} high or medium findings (${accepted.length} accepted, ${issues.length - open.length - accepted.length} low)`,
  )
  process.exit(open.length || errors.length ? 1 : 0)
}
