import { describe, expect, it } from 'vitest'
import {
  commandNames,
  mayActOn,
  roleHears,
  roleMay,
  type TargetRole,
} from '../../../src-shared/contract'

describe('moderator roles (issue 13 §4)', () => {
  it('lets an action go only downwards: owner > admin > moderator > viewer', () => {
    const targets: TargetRole[] = ['owner', 'admin', 'moderator', 'viewer']
    expect(targets.filter((t) => mayActOn('owner', t))).toEqual(targets)
    expect(targets.filter((t) => mayActOn('admin', t))).toEqual(['moderator', 'viewer'])
    expect(targets.filter((t) => mayActOn('moderator', t))).toEqual(['viewer'])
  })

  it('gives a moderator the moderation commands only, and an admin the room switches too', () => {
    const moderator = commandNames.filter((name) => roleMay('moderator', name))
    const admin = commandNames.filter((name) => roleMay('admin', name))
    expect(commandNames.every((name) => roleMay('owner', name))).toBe(true)
    for (const name of moderator) {
      expect(name).toMatch(
        /^(app:get-(info|access|identity)|room:get-|moderation:|filters:|review:|audit:|safety:get|hotkeys:get$|layout:)/,
      )
    }
    expect(moderator).toContain('moderation:mute')
    expect(moderator).not.toContain('room:send-message')
    expect(moderator).not.toContain('hotkeys:save')
    expect(admin).not.toContain('levels:set-member') // the membership flag is the owner's
    expect(admin.filter((name) => !moderator.includes(name)).sort()).toEqual([
      'room:set-mute-all',
      'safety:save-settings',
    ])
    expect(admin.some((name) => /^(stage|stream|moderators|gifts|lottery):/.test(name))).toBe(false)
  })

  it("keeps the owner's events from a moderator's console", () => {
    expect(roleHears('moderator', 'moderators:changed')).toBe(false)
    expect(roleHears('admin', 'stream:status-changed')).toBe(false)
    expect(roleHears('moderator', 'room:messages-received')).toBe(true)
    expect(roleHears('owner', 'moderators:changed')).toBe(true)
  })
})
