import type { Api } from '../../shared/api'
import type { RoomState } from '../room-state'
import { LotteryPanel } from './LotteryPanel'
import { NoticePanel } from './NoticePanel'
import { RoomStatePanel } from './RoomStatePanel'
import './show-column.css'

/**
 * The show's own panels (issue 12): the room state with its controls, the notice, and the keyword lottery. One column of the
 * dashboard, so App.tsx places it with one line.
 */
export function ShowColumn({ api, room }: { api: Api; room: RoomState }) {
  return (
    <div className="show-column">
      <RoomStatePanel api={api} state={room.liveState} />
      <NoticePanel api={api} notice={room.notice} />
      <LotteryPanel api={api} lottery={room.lottery} />
    </div>
  )
}
