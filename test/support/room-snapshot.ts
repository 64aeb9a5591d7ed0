import type { RoomSnapshot } from '../../src-shared/contract'

/** A connected room's snapshot with nothing in it, for tests that feed a consumer of snapshots. */
export function roomSnapshot(over: Partial<RoomSnapshot> = {}): RoomSnapshot {
  return {
    roomId: 'r',
    name: 'Room',
    selfUserId: 'owner',
    connection: 'connected',
    viewerUrl: '',
    muteAll: false,
    messages: [],
    online: { count: 2, peak: 2 },
    people: { members: [], mutes: [], bans: [] },
    delivery: { load: null, shedRecent: { High: 0, Normal: 0, Low: 0, Lowest: 0 }, tightRecent: 0 },
    roomState: null,
    notice: { notification: '', introduction: '', history: [] },
    lottery: null,
    audience: null,
    ...over,
  }
}
