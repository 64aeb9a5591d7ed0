import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import importX, { createNodeResolver } from 'eslint-plugin-import-x'

const electronOnly = {
  name: 'electron',
  message: 'Only src-main/shell and the preload import electron (DESIGN.md, Folders).',
}
/** electron-updater requires electron when loaded: it belongs to the shell (issue 16 §2). */
const updaterOnly = {
  name: 'electron-updater',
  message:
    'Only src-main/shell imports electron-updater; the update logic is src-main/desktop/update-service.ts.',
}

/**
 * The layers (DESIGN.md, Folders), as import zones: a file under `target` may not import a file
 * under `from` (except the `except` paths, relative to `from`). Paths are resolved, so a relative
 * import cannot slip past. test/unit/lint-zones.test.ts probes each zone.
 */
const zones = [
  {
    target: './src-shared',
    from: ['./src-main', './src-renderer', './src-preload'],
    message: 'src-shared runs in every process and imports nothing outside itself.',
  },
  {
    target: './src-main/common',
    from: [
      './src-main/console',
      './src-main/liveroom',
      './src-main/host',
      './src-main/shell',
      './src-renderer',
      './src-preload',
    ],
    message: 'src-main/common is what several parts share: it imports only src-shared and Node.',
  },
  {
    target: './src-main/liveroom',
    from: ['./src-main/console', './src-main/host', './src-main/shell', './src-renderer'],
    message: 'The live room runs standalone: it imports only src-shared and src-main/common.',
  },
  {
    target: './src-main/liveroom/business',
    from: './src-main/liveroom',
    except: ['./business'],
    message:
      'Business logic acts only on callbacks and the IM REST API (DESIGN.md): never the IM engine, its store or its REST handlers.',
  },
  {
    target: './src-main/console',
    from: './src-main/liveroom',
    except: ['./index.ts'],
    message: 'The console uses the live room only through its public index (src-main/liveroom).',
  },
  {
    target: './src-main/console',
    from: ['./src-main/host', './src-main/shell', './src-renderer'],
    message: 'The console services are host-agnostic: no host, shell or renderer imports.',
  },
  {
    target: './src-main/host',
    from: ['./src-main/liveroom', './src-main/shell', './src-renderer'],
    message: 'The browser host serves the console; the room is the console’s business.',
  },
  {
    target: './src-main/desktop',
    from: ['./src-main/shell', './src-main/host', './src-main/liveroom', './src-renderer'],
    message:
      'src-main/desktop is what the desktop app decides, in plain Node: the shell imports it, never the reverse.',
  },
  {
    target: './src-preload',
    from: ['./src-main', './src-renderer'],
    message: 'The preload builds window.livedesk from src-shared’s contract and nothing else.',
  },
  {
    target: './src-renderer',
    from: ['./src-main', './src-preload'],
    message: 'The renderer never imports from src-main; talk to main through the contract.',
  },
]

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        createNodeResolver({ extensions: ['.ts', '.tsx', '.mjs', '.js', '.json'] }),
      ],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: import.meta.dirname, zones }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-imports': ['error', { paths: [electronOnly, updaterOnly] }],
    },
  },
  {
    files: [
      'src-main/shell/**/*.ts',
      'src-preload/**/*.ts',
      'test/e2e/electron*.ts',
      'scripts/**',
      // electron-updater's feed logic, run under Node (issue 16 §2); and the shell's harness.
      'test/integration/desktop/**/*.ts',
      'test/support/fake-electron.ts',
    ],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnly, { name: 'react', message: 'src-shared runs in every process.' }],
          patterns: [
            { group: ['node:*'], message: 'src-shared runs in every process: no node:* imports.' },
            {
              group: ['**/src-main/**', '**/src-renderer/**', '../../*'],
              message: 'src-shared imports nothing outside itself.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnly],
          patterns: [{ group: ['node:*'], message: 'The renderer has no Node.' }],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'Untrusted text is rendered as text.',
        },
      ],
    },
  },
)
