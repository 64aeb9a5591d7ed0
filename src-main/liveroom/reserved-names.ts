import type { Store } from './store'

/**
 * The names a newcomer may not look like (issue 9, §7): each room's owner and admins and the App
 * admins — their user IDs and their nicks — except the person themselves (the host signing in
 * under their own name). A room server holds a handful of rooms, so reading them per check is
 * cheap.
 */
export function reservedNames(
  store: Store,
  appAdmins: readonly string[],
  except?: string,
): string[] {
  const people = new Set<string>(appAdmins)
  for (const groupId of store.groups.ids()) {
    const group = store.groups.get(groupId)
    if (group?.ownerId) people.add(group.ownerId)
    for (const admin of store.groups.admins(groupId)) people.add(admin)
  }
  if (except !== undefined) people.delete(except)
  const names: string[] = []
  for (const userId of people) {
    names.push(userId)
    const nick = store.profiles.nick(userId)
    if (nick) names.push(nick)
  }
  return names
}
