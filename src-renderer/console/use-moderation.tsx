import { useCallback, useEffect, useRef, useState } from 'react'
import { PERMANENT_SECONDS, type ContractError } from '../../src-shared/contract'
import type { Api } from '../shared/api'
import { errorMessage } from '../shared/error-message'
import { t } from '../shared/i18n'
import { formatUntil } from '../shared/time'
import { ConfirmDialog } from './ConfirmDialog'
import { ModerationMenu, type MenuTarget, type ModerationChoice } from './ModerationMenu'
import { MuteDialog } from './MuteDialog'
import type { RoomState } from './room-state'

type Action = Exclude<ModerationChoice, { kind: 'mute-custom' }>
type Destructive = Extract<ModerationChoice, { kind: 'kick' } | { kind: 'ban' }>
type Pending =
  | { kind: 'mute-dialog'; target: MenuTarget }
  | { kind: 'confirm'; target: MenuTarget; action: Destructive }

/**
 * One member's moderation, from whichever button opened it (a chat line's or a member row's): the
 * menu, the "Mute…" form, the confirmation of kicks and bans, the contract call, and its result
 * or error in words through `announce`.
 */
export function useModeration(api: Api, room: RoomState, announce: (text: string) => void) {
  const [menu, setMenu] = useState<MenuTarget | null>(null)
  const [pending, setPending] = useState<Pending | null>(null)
  /** Where focus goes once a dialog has closed (a modal dialog keeps it inside until then). */
  const focusAfterDialog = useRef<HTMLElement | null>(null)

  useEffect(() => {
    if (pending !== null) return
    const trigger = focusAfterDialog.current
    focusAfterDialog.current = null
    if (trigger?.isConnected) trigger.focus()
  }, [pending])

  const toggleMenu = useCallback(
    (target: MenuTarget) => setMenu((open) => (open?.key === target.key ? null : target)),
    [],
  )
  const closeMenu = useCallback(
    (restoreFocus: boolean) => {
      if (restoreFocus && menu?.trigger.isConnected) menu.trigger.focus()
      setMenu(null)
    },
    [menu],
  )

  const perform = async ({ userId, nick }: MenuTarget, action: Action) => {
    const failed = (error: ContractError) =>
      announce(t('moderationFailed', { nick, reason: errorMessage(error) }))
    switch (action.kind) {
      case 'mute': {
        announce(t('moderating', { nick }))
        const result = await api.call('moderation:mute', { userId, seconds: action.seconds })
        if (!result.ok) return failed(result.error)
        const { muteUntil } = result.value
        const now = Date.now()
        return announce(
          muteUntil > now
            ? t('mutedResult', { nick, time: formatUntil(muteUntil, now) })
            : t('unmutedResult', { nick }),
        )
      }
      case 'unmute': {
        announce(t('unmuting', { nick }))
        const result = await api.call('moderation:unmute', { userId })
        return result.ok ? announce(t('unmutedResult', { nick })) : failed(result.error)
      }
      case 'kick': {
        announce(t('kicking', { nick }))
        const result = await api.call('moderation:kick', { userId })
        return result.ok ? announce(t('kickedResult', { nick })) : failed(result.error)
      }
      case 'ban': {
        announce(t('banning', { nick }))
        const result = await api.call('moderation:ban', {
          userId,
          seconds: action.seconds,
          ...(action.deleteRecent ? { deleteRecent: true } : {}),
        })
        if (!result.ok) return failed(result.error)
        return announce(
          action.seconds === PERMANENT_SECONDS
            ? t('bannedPermanentResult', { nick })
            : t('bannedResult', { nick, time: formatUntil(result.value.banUntil, Date.now()) }),
        )
      }
      case 'delete-message': {
        announce(t('deletingMessage', { nick }))
        const result = await api.call('moderation:delete-message', { sequence: action.sequence })
        return result.ok ? announce(t('deletedMessageResult', { nick })) : failed(result.error)
      }
      case 'set-member': {
        announce(t('settingMember', { nick }))
        const result = await api.call('levels:set-member', { userId, member: action.member })
        if (!result.ok) return failed(result.error)
        const level = String(result.value.level)
        return announce(
          t(result.value.member ? 'madeMemberResult' : 'removedMemberResult', { nick, level }),
        )
      }
      case 'unban': {
        announce(t('unbanning', { nick }))
        const result = await api.call('moderation:ban', { userId, seconds: 0 })
        return result.ok ? announce(t('unbannedResult', { nick })) : failed(result.error)
      }
    }
  }

  const refocus = (target: MenuTarget) => {
    if (target.trigger.isConnected) target.trigger.focus()
  }

  const choose = (choice: ModerationChoice) => {
    const target = menu
    if (!target) return
    setMenu(null)
    act(target, choice)
  }

  /** A choice as if made in the target's menu (a chat line's hotkey, issue 13 §7). */
  const act = (target: MenuTarget, choice: ModerationChoice) => {
    if (choice.kind === 'mute-custom') return setPending({ kind: 'mute-dialog', target })
    if (choice.kind === 'kick' || choice.kind === 'ban') {
      return setPending({ kind: 'confirm', target, action: choice })
    }
    refocus(target)
    void perform(target, choice)
  }

  const settle = (target: MenuTarget, action: Action | null) => {
    focusAfterDialog.current = target.trigger
    setPending(null)
    if (action) void perform(target, action)
  }

  const overlay = (
    <>
      {menu && (
        <ModerationMenu
          target={menu}
          muted={room.mutes.has(menu.userId)}
          banned={room.bans.has(menu.userId)}
          member={room.members.find((m) => m.userId === menu.userId)?.member}
          onChoose={choose}
          onClose={closeMenu}
        />
      )}
      {pending?.kind === 'mute-dialog' && (
        <MuteDialog
          nick={pending.target.nick}
          onMute={(seconds) => settle(pending.target, { kind: 'mute', seconds })}
          onCancel={() => settle(pending.target, null)}
        />
      )}
      {pending?.kind === 'confirm' && (
        <ConfirmDialog
          {...confirmation(pending.target.nick, pending.action)}
          option={
            pending.action.kind === 'ban'
              ? {
                  label: t('banDeleteRecent'),
                  checked: pending.action.deleteRecent === true,
                  onChange: (checked) =>
                    setPending({
                      ...pending,
                      action: {
                        ...(pending.action as Extract<Destructive, { kind: 'ban' }>),
                        deleteRecent: checked,
                      },
                    }),
                }
              : undefined
          }
          onConfirm={() => settle(pending.target, pending.action)}
          onCancel={() => settle(pending.target, null)}
        />
      )}
    </>
  )

  return { toggleMenu, act, openKey: menu?.key ?? null, overlay }
}

function confirmation(nick: string, action: Destructive) {
  if (action.kind === 'kick') {
    return {
      title: t('kickConfirmTitle', { nick }),
      description: t('kickConfirmBody', { nick }),
      confirmLabel: t('kick'),
    }
  }
  const title =
    action.seconds === PERMANENT_SECONDS
      ? t('banConfirmTitlePermanent', { nick })
      : action.seconds === 86_400
        ? t('banConfirmTitleDay', { nick })
        : action.seconds === 3600
          ? t('banConfirmTitleHour', { nick })
          : t('banConfirmTitle', {
              nick,
              time: formatUntil(Date.now() + action.seconds * 1000, Date.now()),
            })
  return { title, description: t('banConfirmBody', { nick }), confirmLabel: t('banConfirm') }
}
