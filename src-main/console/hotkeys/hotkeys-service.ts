import { z } from 'zod'
import {
  bindingsProblem,
  defaultBindings,
  HotkeyAction,
  normalBindings,
  type HotkeyBindings,
  type HotkeySnapshot,
} from '../../../src-shared/contract/hotkeys'
import type { SettingsStore } from '../store/settings'

const KEY = 'hotkeys'

/** What is kept: only the bindings, by action; an action added later gets its default. */
const Stored = z.object({
  bindings: z.partialRecord(HotkeyAction, z.string().max(40).nullable()),
})

/** A binding refused with its facts (src-shared/contract/hotkeys.ts words the code). */
export class HotkeyError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly params: Record<string, string>,
  ) {
    super(message)
    this.name = 'HotkeyError'
  }
}

/**
 * The console's keyboard shortcuts (issue 15 §2), kept in the console database with the other
 * settings. Main checks a new set with the same table the renderer shows, so two consoles saving
 * at once cannot leave a conflict behind; every console (and the desktop app's global shortcuts)
 * hears the change.
 */
export class HotkeysService {
  constructor(
    private readonly settings: SettingsStore,
    private readonly changed: (snapshot: HotkeySnapshot) => void,
  ) {}

  snapshot(): HotkeySnapshot {
    const stored = this.settings.get(KEY, Stored, { bindings: {} })
    const bindings = normalBindings(stored.bindings)
    // A stored set that no longer holds together (a newer default took a key): the defaults.
    return { bindings: bindingsProblem(bindings) ? defaultBindings() : bindings }
  }

  save(next: HotkeyBindings): HotkeySnapshot {
    const bindings = normalBindings(next)
    const problem = bindingsProblem(bindings)
    if (problem) {
      const params: Record<string, string> = { action: problem.action, chord: problem.chord }
      if ('other' in problem) params.other = problem.other
      if ('fixed' in problem && problem.fixed) params.fixed = problem.fixed
      throw new HotkeyError(
        problem.code,
        `hotkeys:save: ${problem.chord} cannot be ${problem.action}'s`,
        params,
      )
    }
    this.settings.put(KEY, { bindings })
    const snapshot = { bindings }
    this.changed(snapshot)
    return snapshot
  }
}
