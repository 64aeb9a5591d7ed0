import {
  commandNames,
  mayActOn,
  ModeratorCode,
  roleMay,
  type CommandName,
  type TargetRole,
} from '../../../src-shared/contract'
import type { Caller, CommandHandlers } from '../contract/dispatch'
import { ModeratorError, type ModeratorTeam } from './moderator-team'

export interface RoleGuardDeps {
  team: ModeratorTeam
  /** Who `userId` is in the room: the owner, one of the team (admin, moderator) or a viewer. */
  targetRole(userId: string): TargetRole
  /** The sender of a chat line the console holds; undefined when it holds none such. */
  senderOf(sequence: number): string | undefined
}

/** The person a command acts on, for the commands that act on one. */
function targetOf(
  name: CommandName,
  input: unknown,
  senderOf: RoleGuardDeps['senderOf'],
): string | null | undefined {
  switch (name) {
    case 'moderation:mute':
    case 'moderation:unmute':
    case 'moderation:kick':
    case 'moderation:ban':
      return (input as { userId: string }).userId
    case 'moderation:delete-message':
      return senderOf((input as { sequence: number }).sequence)
    default:
      return null
  }
}

/**
 * Every command of a moderator's console passes here first (issue 13 §4), so what the page hides
 * is refused too: the invite must still live (a revoked or expired one ends at once, not at the
 * next reconnect), its role must allow the command, and an action on a person only goes
 * downwards — owner > admin > moderator > viewer. The owner's own consoles pass untouched.
 */
export function guardRoles(handlers: CommandHandlers, deps: RoleGuardDeps): CommandHandlers {
  const guarded: Record<string, (input: unknown, caller: Caller) => unknown> = {}
  for (const name of commandNames) {
    const handler = handlers[name] as (input: unknown, caller: Caller) => unknown
    guarded[name] = (input, caller) => {
      if (!caller.moderator) return handler(input, caller)
      const moderator = deps.team.current(caller.moderator.id)
      if (!moderator) {
        throw new ModeratorError(
          ModeratorCode.sessionEnded,
          `The invite of ${caller.moderator.name} was revoked or has expired`,
        )
      }
      if (!roleMay(moderator.role, name)) {
        throw new ModeratorError(
          ModeratorCode.roleForbidden,
          `${name}: not for a console of the ${moderator.role} role`,
          { command: name, role: moderator.role },
        )
      }
      const target = targetOf(name, input, deps.senderOf)
      if (target !== null) {
        // A line the console no longer holds has no sender to check: refused, not guessed.
        const role = target === undefined ? 'unknown' : deps.targetRole(target)
        if (role === 'unknown' || !mayActOn(moderator.role, role)) {
          throw new ModeratorError(
            ModeratorCode.targetProtected,
            `${name}: a ${moderator.role} may not act on ${target ?? 'that line'} (${role})`,
            { command: name, targetRole: role, role: moderator.role },
          )
        }
      }
      return handler(input, { ...caller, moderator })
    }
  }
  return guarded as CommandHandlers
}
