import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

const electronOnly = {
  name: 'electron',
  message: 'Only src-main/shell and the preload import electron (DESIGN.md, Folders).',
}
const noMain = {
  group: ['**/src-main/**', '../../src-main/*', '../src-main/*'],
  message: 'The renderer never imports from src-main; talk to main through the contract.',
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-imports': ['error', { paths: [electronOnly] }],
    },
  },
  {
    files: ['src-main/shell/**/*.ts', 'src-preload/**/*.ts', 'test/e2e/electron*.ts', 'scripts/**'],
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
    files: ['src-main/liveroom/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnly],
          patterns: [
            {
              group: ['**/console/**', '**/host/**', '**/shell/**', '**/src-renderer/**'],
              message: 'The live room runs standalone: it imports only src-shared.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/console/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnly],
          patterns: [
            {
              group: ['**/host/**', '**/shell/**', '**/src-renderer/**'],
              message:
                'The console services are host-agnostic: no host, shell or renderer imports.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/host/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnly],
          patterns: [
            {
              group: ['**/shell/**', '**/src-renderer/**'],
              message: 'The browser host runs without Electron.',
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
          patterns: [noMain, { group: ['node:*'], message: 'The renderer has no Node.' }],
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
