import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { resolveIdentity } from '../../../src-main/liveroom/identity'

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'livedesk-identity-'))
})
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('resolveIdentity', () => {
  it('generates an identity once and keeps it, readable only by the owner', () => {
    const first = resolveIdentity({ dataDir: dir, env: {} })
    expect(first.sdkAppId).toBeGreaterThanOrEqual(1_400_000_000)
    expect(first.secretKey).toMatch(/^[0-9a-f]{64}$/)
    expect(resolveIdentity({ dataDir: dir, env: {} })).toEqual(first)
    const mode = fs.statSync(path.join(dir, 'identity.json')).mode & 0o777
    expect(mode).toBe(0o600)
  })

  it('prefers options, then the environment, over the stored identity', () => {
    const stored = resolveIdentity({ dataDir: dir, env: {} })
    const env = { LIVEDESK_SDKAPPID: '1400000777', LIVEDESK_SECRET_KEY: 'from-env' }
    expect(resolveIdentity({ dataDir: dir, env })).toEqual({
      sdkAppId: 1400000777,
      secretKey: 'from-env',
    })
    expect(resolveIdentity({ dataDir: dir, env, sdkAppId: 5, secretKey: 'opt' })).toEqual({
      sdkAppId: 5,
      secretKey: 'opt',
    })
    expect(resolveIdentity({ dataDir: dir, env: {} })).toEqual(stored)
  })

  it('explains a malformed LIVEDESK_SDKAPPID', () => {
    expect(() => resolveIdentity({ dataDir: dir, env: { LIVEDESK_SDKAPPID: '14x' } })).toThrow(
      /LIVEDESK_SDKAPPID must be a positive integer/,
    )
  })
})

describe('resolveIdentity with everything given', () => {
  it('writes no identity file it would never use', () => {
    const own = fs.mkdtempSync(path.join(os.tmpdir(), 'livedesk-identity-'))
    try {
      expect(resolveIdentity({ dataDir: own, env: {}, sdkAppId: 7, secretKey: 'k' })).toEqual({
        sdkAppId: 7,
        secretKey: 'k',
      })
      expect(fs.existsSync(path.join(own, 'identity.json'))).toBe(false)
    } finally {
      fs.rmSync(own, { recursive: true, force: true })
    }
  })
})
