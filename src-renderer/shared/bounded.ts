/**
 * The ids of a list appendBounded returned, so the next call with it need not read the whole list
 * again: at 1,000 lines a second into a list of 10,000 (issue 15 §4), rebuilding the set every batch
 * was most of the batch's cost. A list given that did not come from here (or whose set was handed on
 * to a newer list) is read once.
 */
const idsOf = new WeakMap<readonly unknown[], Set<string>>()

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
  let seen = idsOf.get(list)
  if (!seen) seen = new Set(list.map((item) => item.id))
  const fresh: T[] = []
  const added: string[] = []
  for (const item of incoming) {
    if (seen.has(item.id)) continue
    seen.add(item.id)
    added.push(item.id)
    fresh.push(item)
  }
  if (fresh.length === 0) {
    idsOf.set(list, seen)
    return list
  }
  // The set moves on to the new list; the old one (React's previous state) reads afresh if reused.
  idsOf.delete(list)
  const merged = list.concat(fresh)
  if (merged.length <= limit) {
    idsOf.set(merged, seen)
    return merged
  }
  const dropped = merged.length - limit
  for (let i = 0; i < dropped; i++) seen.delete((merged[i] as T).id)
  const kept = merged.slice(dropped)
  idsOf.set(kept, seen)
  return kept
}

/** Chat lines the viewer page keeps in memory; the DOM holds only the visible ones. */
export const CHAT_LIMIT = 500

/**
 * Drops the entries of `table` (a side table keyed by item id, such as the virtualizer's measured
 * heights) whose item is no longer in `list`, once the table holds `slack` more entries than the
 * list has items; returns how many it dropped. Amortised: one pass over the list per `slack` new
 * keys, not one per batch (issue 15 §4: at 1,000 lines a second the heights of lines long gone
 * doubled the page's heap in five minutes).
 */
export function pruneSideTable<K>(
  table: Map<K, unknown>,
  list: readonly { id: string }[],
  slack: number,
): number {
  if (table.size <= list.length + slack) return 0
  const live = new Set<unknown>(list.map((item) => item.id))
  let dropped = 0
  for (const key of table.keys()) {
    if (live.has(key)) continue
    table.delete(key)
    dropped++
  }
  return dropped
}
