import type { Api } from '../../shared/api'
import type { RoomState } from '../room-state'
import { AudiencePanel } from './AudiencePanel'
import { LevelRulesPanel } from './LevelRulesPanel'
import { LotteryPanel } from './LotteryPanel'
import { NoticePanel } from './NoticePanel'
import { RoomStatePanel } from './RoomStatePanel'
import './show-column.css'

/**
 * The show's own panels (issue 12): the audience figures, the room state with its controls, the notice, the keyword lottery and the level rules. One column of the
 * dashboard, so App.tsx places it with one line.
 */
export function ShowColumn({ api, room }: { api: Api; room: RoomState }) {
  return (
    <div className="show-column">
      <AudiencePanel audience={room.audience} />
      <RoomStatePanel api={api} state={room.liveState} />
      <NoticePanel api={api} notice={room.notice} />
      <LotteryPanel api={api} lottery={room.lottery} />
      <LevelRulesPanel api={api} />
    </div>
  )
}
