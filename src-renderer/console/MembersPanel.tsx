import { useId, useState } from 'react'
import type { ContractError, RoomMember } from '../../src-shared/contract'
import { errorMessage } from '../shared/error-message'
import { t } from '../shared/i18n'
import { ModerateButton } from './ModerateButton'
import { formatClock, formatDateTime } from '../shared/time'
import type { MenuTarget } from './ModerationMenu'
import type { RoomState } from './room-state'
import { type MemberSort, memberSorts, sortMembers } from './member-sort'

interface MembersPanelProps {
  room: RoomState
  openKey: string | null
  onModerate(target: MenuTarget): void
  /** Asks the room for its member list; resolves to an error to show, or null. */
  onRefresh(): Promise<ContractError | null>
}

/**
 * Recent members: who is in the room now (newest first) and who left lately, with their role,
 * mute and ban, and the same moderation menu as the chat. Nicks are rendered as text.
 */
export function MembersPanel({ room, openKey, onModerate, onRefresh }: MembersPanelProps) {
  const [refreshing, setRefreshing] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [sort, setSort] = useState<MemberSort>('joined')
  const sortId = useId()
  const online = room.members.filter((member) => member.online).length
  const members = sortMembers(room.members, sort)

  const refresh = async () => {
    setRefreshing(true)
    const failure = await onRefresh()
    setRefreshing(false)
    setError(failure ? t('membersFailed', { reason: errorMessage(failure) }) : null)
  }

  return (
    <section className="panel panel-members" aria-label={t('members')}>
      <div className="panel-head">
        <h2 className="panel-title">
          {t('members')} <span className="panel-count">{online}</span>
        </h2>
        <button
          type="button"
          className="button button-small"
          disabled={refreshing}
          onClick={() => void refresh()}
        >
          {t('refreshMembers')}
        </button>
      </div>
      <div className="member-sort">
        <label htmlFor={sortId}>{t('members.sortBy')}</label>
        <select
          id={sortId}
          value={sort}
          onChange={(event) => setSort(event.target.value as MemberSort)}
        >
          {memberSorts.map((option) => (
            <option key={option} value={option}>
              {t(`members.sort.${option}`)}
            </option>
          ))}
        </select>
      </div>
      {error && (
        <p className="panel-error" role="alert">
          {error}
        </p>
      )}
      {room.membersMissing.length > 0 && (
        // The room's edition may not list everything (Tencent: the online-member list and admins
        // need Premium): say what this list cannot show, not an error.
        <p className="panel-note">
          {room.membersMissing
            .map(({ part, code }) => t(`membersMissing.${part}`, { code }))
            .join(' ')}
        </p>
      )}
      {room.members.length === 0 ? (
        <p className="placeholder">{t('membersEmpty')}</p>
      ) : (
        <ul className="member-list">
          {members.map((member) => (
            <MemberRow
              key={member.userId}
              member={member}
              self={member.userId === room.selfUserId}
              muteUntil={room.mutes.get(member.userId)}
              banUntil={room.bans.get(member.userId)}
              openKey={openKey}
              onModerate={onModerate}
            />
          ))}
        </ul>
      )}
    </section>
  )
}

interface MemberRowProps {
  member: RoomMember
  self: boolean
  muteUntil: number | undefined
  banUntil: number | undefined
  openKey: string | null
  onModerate(target: MenuTarget): void
}

function MemberRow({ member, self, muteUntil, banUntil, openKey, onModerate }: MemberRowProps) {
  const nick = member.nick || member.userId
  const key = `member:${member.userId}`
  return (
    <li className={member.online ? 'member-row' : 'member-row member-row-gone'}>
      <span
        className={member.online ? 'presence presence-online' : 'presence'}
        title={member.online ? t('memberOnline') : t('memberOffline')}
        aria-hidden="true"
      />
      <span className="sr-only">{member.online ? t('memberOnline') : t('memberOffline')}</span>
      <bdi className="member-nick" title={member.userId}>
        {nick}
      </bdi>
      {/* The user ID tells namesakes apart: the one chatting, not the one who left. */}
      <span className="member-id">{member.userId}</span>
      {member.namesakes && (
        <span
          className="badge badge-namesake"
          title={t('namesakeTitle', { ids: member.namesakes.join(', ') })}
        >
          {member.namesakes.length === 1
            ? t('namesakeOne', { id: member.namesakes[0]! })
            : t('namesakeMany', { count: member.namesakes.length })}
        </span>
      )}
      {member.level !== undefined && (
        <span className="badge badge-level" title={t('level.badgeTitle', { level: member.level })}>
          {t('level.badge', { level: member.level })}
        </span>
      )}
      {self && <span className="badge badge-self">{t('you')}</span>}
      {member.role !== 'Member' && (
        <span className={`badge badge-role badge-role-${member.role.toLowerCase()}`}>
          {t(`role.${member.role}`)}
        </span>
      )}
      {muteUntil !== undefined && (
        <span
          className="badge badge-muted"
          title={t('mutedBadgeTitle', { time: formatDateTime(muteUntil) })}
        >
          {t('mutedBadge')}
        </span>
      )}
      {banUntil !== undefined && (
        <span
          className="badge badge-banned"
          title={t('bannedBadgeTitle', { time: formatDateTime(banUntil) })}
        >
          {t('bannedBadge')}
        </span>
      )}
      <time
        className="member-time"
        dateTime={new Date(member.joinTime).toISOString()}
        title={t('memberJoined', { time: formatClock(member.joinTime) })}
      >
        {formatClock(member.joinTime)}
      </time>
      {!self && member.role !== 'Owner' && (
        <ModerateButton
          userId={member.userId}
          nick={nick}
          menuKey={key}
          openKey={openKey}
          onModerate={onModerate}
        />
      )}
    </li>
  )
}
