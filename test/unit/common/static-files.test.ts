import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { contentTypeOf, resolveStaticPath } from '../../../src-main/common/static-files'

const root = path.resolve('/srv/out/renderer/assets')

describe('resolveStaticPath', () => {
  it('maps plain and nested names inside the root', () => {
    expect(resolveStaticPath(root, 'index-abc.js')).toBe(path.join(root, 'index-abc.js'))
    expect(resolveStaticPath(root, 'fonts/a%20b.woff2')).toBe(path.join(root, 'fonts', 'a b.woff2'))
  })

  it('refuses anything that could leave the root', () => {
    for (const attempt of [
      '..',
      '../x',
      '%2e%2e/x',
      '..%2fx',
      'a/../../x',
      'a\\..\\x',
      '%00',
      '/etc/passwd',
      'a//b',
      './x',
      '%E0%A4%A',
    ]) {
      expect(resolveStaticPath(root, attempt), attempt).toBeUndefined()
    }
  })
})

describe('contentTypeOf', () => {
  it('knows the build output types', () => {
    expect(contentTypeOf('a.js')).toMatch(/^text\/javascript/)
    expect(contentTypeOf('a.CSS')).toMatch(/^text\/css/)
    expect(contentTypeOf('a.woff2')).toBe('font/woff2')
    expect(contentTypeOf('a.unknown')).toBe('application/octet-stream')
  })
})
