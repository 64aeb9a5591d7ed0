import path from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

/**
 * The layers of DESIGN.md ("Folders") hold because lint refuses the imports that would break them.
 * Each probe is linted as if it were a file in that zone: the forbidden import must be reported,
 * and the allowed one beside it must not be.
 */

const root = path.resolve(__dirname, '../../..')
const eslint = new ESLint({ cwd: root })

async function importProblems(file: string, specifier: string): Promise<string[]> {
  const [result] = await eslint.lintText(`import '${specifier}'\n`, {
    filePath: path.join(root, file),
  })
  return (result?.messages ?? [])
    .filter(
      (m) => m.ruleId === 'import-x/no-restricted-paths' || m.ruleId === 'no-restricted-imports',
    )
    .map((m) => m.message)
}

const cases: { zone: string; file: string; refused: string[]; allowed: string[] }[] = [
  {
    zone: 'src-shared imports nothing outside itself',
    file: 'src-shared/probe.ts',
    refused: ['../src-main/common/clock', '../src-renderer/shared/i18n', 'node:fs'],
    allowed: ['./protocol/codes'],
  },
  {
    zone: 'src-main/common imports only src-shared and Node',
    file: 'src-main/common/probe.ts',
    refused: ['../liveroom', '../console/console-app', '../host/browser-host'],
    allowed: ['../../src-shared/protocol/codes', './clock', 'node:fs'],
  },
  {
    zone: 'the live room runs standalone',
    file: 'src-main/liveroom/probe.ts',
    refused: ['../console/console-app', '../host/browser-host', '../shell/window'],
    allowed: ['../common/clock', './im-engine'],
  },
  {
    zone: 'business code never reaches into the IM engine, its store or its REST handlers',
    file: 'src-main/liveroom/business/probe.ts',
    refused: [
      '../im-engine',
      '../store',
      '../store/messages',
      '../rest-api',
      '../message-pipeline',
    ],
    allowed: ['../../common/im-rest-client', '../../../src-shared/protocol/codes'],
  },
  {
    zone: 'the console uses the live room only through its public index',
    file: 'src-main/console/probe.ts',
    refused: ['../liveroom/im-engine', '../liveroom/store', '../host/browser-host'],
    allowed: ['../liveroom', '../common/clock'],
  },
  {
    zone: 'the browser host does not import the live room',
    file: 'src-main/host/probe.ts',
    refused: ['../liveroom', '../liveroom/rest-api', '../shell/window'],
    allowed: ['../console/console-app', '../common/static-files'],
  },
  {
    zone: 'the preload imports only src-shared and electron',
    file: 'src-preload/probe.ts',
    refused: ['../src-main/common/clock', '../src-renderer/shared/i18n'],
    allowed: ['../src-shared/contract', 'electron'],
  },
  {
    zone: 'the renderer never imports src-main',
    file: 'src-renderer/shared/probe.ts',
    refused: ['../../src-main/common/clock', '../../src-preload/index', 'node:path', 'electron'],
    allowed: ['../../src-shared/contract', './i18n'],
  },
  {
    zone: 'the desktop app’s decisions are plain Node, below the shell (issue 16)',
    file: 'src-main/desktop/probe.ts',
    refused: ['../shell/window', '../host/browser-host', 'electron', 'electron-updater'],
    allowed: ['../console/console-app', '../common/clock', '../../src-shared/contract', 'node:fs'],
  },
  {
    zone: 'only the shell imports electron in main',
    file: 'src-main/console/probe-electron.ts',
    refused: ['electron'],
    allowed: [],
  },
]

describe('lint zones (DESIGN.md, Folders)', () => {
  for (const { zone, file, refused, allowed } of cases) {
    it(zone, async () => {
      for (const specifier of refused) {
        expect(await importProblems(file, specifier), `${file} importing ${specifier}`).not.toEqual(
          [],
        )
      }
      for (const specifier of allowed) {
        expect(await importProblems(file, specifier), `${file} importing ${specifier}`).toEqual([])
      }
    })
  }
})
