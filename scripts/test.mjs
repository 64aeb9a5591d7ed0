#!/usr/bin/env node
// `npm test`: every check CI runs, in order, ending with one line `N passed, N failed`.
// Static checks count one each; vitest and Playwright count their tests.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { buildIfStale } from './build-if-stale.mjs'
import { preflight } from './preflight.mjs'

if (!preflight()) {
  console.log('\n0 passed, 1 failed')
  process.exit(1)
}

const root = new URL('..', import.meta.url).pathname
const results = join(root, 'out/test-results')
rmSync(results, { recursive: true, force: true })
mkdirSync(results, { recursive: true })
const bin = (name) => join(root, 'node_modules/.bin', name)
let passed = 0
let failed = 0
let skipped = 0

function step(title, cmd, args) {
  console.log(`\n── ${title}`)
  const r = spawnSync(cmd, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, FORCE_COLOR: '0' },
  })
  return r.status === 0
}

function check(title, cmd, args) {
  if (step(title, cmd, args)) passed++
  else {
    failed++
    console.log(`✗ ${title} failed`)
  }
}

check('typecheck (node)', bin('tsc'), ['-p', 'tsconfig.node.json', '--noEmit'])
check('typecheck (web)', bin('tsc'), ['-p', 'tsconfig.web.json', '--noEmit'])
check('lint', bin('eslint'), ['--max-warnings', '0', '.'])
check('format', bin('prettier'), ['--check', '.'])

const vitestJson = join(results, 'vitest.json')
step('unit and integration (vitest)', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestJson}`,
])
if (existsSync(vitestJson)) {
  const report = JSON.parse(readFileSync(vitestJson, 'utf8'))
  passed += report.numPassedTests
  failed += report.numFailedTests + (report.numFailedTestSuites ?? 0)
  skipped += report.numPendingTests + (report.numTodoTests ?? 0)
} else failed++

console.log('\n── build')
buildIfStale({ quiet: true })

// Electronegativity on the built app (issue 16 §5): 0 high, 0 medium, exceptions written down.
check('security scan (Electronegativity)', process.execPath, [
  join(root, 'scripts/electronegativity.mjs'),
])

const pwJson = join(results, 'playwright.json')
step('end to end (Playwright, Chromium + Electron)', bin('playwright'), ['test'])
if (existsSync(pwJson)) {
  const { stats, suites } = JSON.parse(readFileSync(pwJson, 'utf8'))
  passed += stats.expected + stats.flaky
  failed += stats.unexpected
  skipped += stats.skipped
  for (const reason of skipReasons(suites)) console.log(`skipped: ${reason}`)
} else failed++

console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
process.exit(failed ? 1 : 0)

function* skipReasons(suites) {
  for (const suite of suites ?? []) {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        for (const a of t.annotations ?? [])
          if (a.type === 'skip') yield `${spec.title}: ${a.description}`
      }
    }
    yield* skipReasons(suite.suites)
  }
}
