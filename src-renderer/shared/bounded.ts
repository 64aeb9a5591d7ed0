/**
 * Appends `incoming` to `list`, skipping items whose id is already there, and keeps only the newest
 * `limit`. Returns `list` itself when nothing changed, so React can skip a render.
 */
export function appendBounded<T extends { id: string }>(
  list: readonly T[],
  incoming: readonly T[],
  limit: number,
): readonly T[] {
  if (incoming.length === 0) return list
  const seen = new Set(list.map((item) => item.id))
  const fresh: T[] = []
  for (const item of incoming) {
    if (seen.has(item.id)) continue
    seen.add(item.id)
    fresh.push(item)
  }
  if (fresh.length === 0) return list
  const merged = list.concat(fresh)
  return merged.length > limit ? merged.slice(merged.length - limit) : merged
}

/** Chat lines kept in memory; the DOM holds only the visible ones. */
export const CHAT_LIMIT = 500
