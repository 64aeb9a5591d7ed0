import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import {
  type CatalogueGift,
  type GiftCatalogue,
  giftName,
} from '../../../src-shared/protocol/gift-catalogue'
import type { ViewerSession } from '../../../src-shared/protocol/frames'
import type { TuiGiftMessage, TuiLikeMessage } from '../../../src-shared/protocol/gift-messages'
import { getLocale } from '../../shared/i18n'
import { fetchBalance, fetchCatalogue, fetchLikeTotal, placeOrder } from './gift-api'
import { orderErrorText } from './gift-errors'
import { LikeBatcher } from './like-batcher'

/** How often the page sends the taps it has gathered, as one like message. */
const LIKE_WINDOW_MS = 1000

/** One combo as the page shows it: "<nick> sent <gift> ×<count>", updated while it runs. */

export interface GiftLine {
  comboId: string
  nick: string
  gift: CatalogueGift | undefined
  giftName: string
  count: number
  self: boolean
  at: number
}

/** Gift lines stay this long after their last gift, ms. */
const LINE_MS = 6000
const MAX_LINES = 4
/** A large gift's full-screen moment, ms. */
const SPOTLIGHT_MS = 2500
/** Tencent's kit shows at most 30 floating hearts at once. */
export const MAX_HEARTS = 30
const HEART_MS = 1500

export interface Gifts {
  catalogue: (GiftCatalogue & { senderId: string }) | undefined
  failed: boolean
  balance: number | undefined
  likes: number
  hearts: readonly number[]
  lines: readonly GiftLine[]
  spotlight: GiftLine | null
  count: number
  setCount(count: number): void
  error: string | null
  send(giftId: string): void
  like(): void
  /** A TUIGift message from the business host (App.tsx hands them over). */
  received(gift: TuiGiftMessage): void
  liked(like: TuiLikeMessage): void
}

export function useGifts(options: {
  session: ViewerSession | null
  roomId: string
  /** Sends one like message with `count` taps at Low priority; true when the room took it. */
  sendLike: (count: number) => Promise<boolean>
}): Gifts {
  const { session, roomId } = options
  const [catalogue, setCatalogue] = useState<Gifts['catalogue']>()
  const [failed, setFailed] = useState(false)
  const [balance, setBalance] = useState<number>()
  const [likes, setLikes] = useState(0)
  const [hearts, setHearts] = useState<readonly number[]>([])
  const [lines, setLines] = useState<readonly GiftLine[]>([])
  const [spotlight, setSpotlight] = useState<GiftLine | null>(null)
  const [count, setCount] = useState(1)
  const [error, setError] = useState<string | null>(null)
  const sendLike = useRef(options.sendLike)
  useEffect(() => {
    sendLike.current = options.sendLike
  })
  const heartId = useRef(0)
  const spotlit = useRef(new Set<string>())

  useEffect(() => {
    let live = true
    void fetchCatalogue().then((loaded) => {
      if (!live) return
      if (loaded) setCatalogue(loaded)
      else setFailed(true)
    })
    return () => {
      live = false
    }
  }, [])

  useEffect(() => {
    if (!session) return
    let live = true
    void fetchBalance(session).then((value) => live && value !== undefined && setBalance(value))
    void fetchLikeTotal(roomId).then(
      (total) => live && total !== undefined && setLikes((now) => Math.max(now, total)),
    )
    return () => {
      live = false
    }
  }, [session, roomId])

  const byId = useMemo(
    () => new Map((catalogue?.gifts ?? []).map((gift) => [gift.id, gift])),
    [catalogue],
  )

  // Lines slide out once their combo has been quiet for a while.
  useEffect(() => {
    if (lines.length === 0) return
    const oldest = Math.min(...lines.map((line) => line.at))
    const timer = setTimeout(
      () => setLines((now) => now.filter((line) => Date.now() - line.at < LINE_MS)),
      Math.max(50, oldest + LINE_MS - Date.now()),
    )
    return () => clearTimeout(timer)
  }, [lines])

  useEffect(() => {
    if (!spotlight) return
    const timer = setTimeout(() => setSpotlight(null), SPOTLIGHT_MS)
    return () => clearTimeout(timer)
  }, [spotlight])

  const show = useCallback(
    (comboId: string, line: Omit<GiftLine, 'comboId' | 'at'>, add: boolean) => {
      const at = Date.now()
      setLines((now) => {
        const old = now.find((l) => l.comboId === comboId)
        const next: GiftLine = old
          ? { ...old, count: add ? old.count + line.count : Math.max(old.count, line.count), at }
          : { ...line, comboId, at }
        return [...now.filter((l) => l.comboId !== comboId), next].slice(-MAX_LINES)
      })
      if (line.gift?.tier === 'large' && !spotlit.current.has(comboId)) {
        spotlit.current.add(comboId)
        setSpotlight({ ...line, comboId, at })
      }
    },
    [],
  )

  const send = useCallback(
    (giftId: string) => {
      if (!session) return
      const gift = byId.get(giftId)
      const chosen = count
      // Never disabled while an order is in flight: each click is its own order.
      void placeOrder(session, { groupId: roomId, giftId, count: chosen }).then((result) => {
        if (!result.ok) {
          setError(orderErrorText(result))
          const known = result.data?.balance
          if (typeof known === 'number') setBalance(known)
          return
        }
        setError(null)
        // Answers may arrive out of order; a balance only goes down.
        setBalance((now) =>
          now === undefined ? result.answer.balance : Math.min(now, result.answer.balance),
        )
        if (result.answer.repeated) return
        show(
          result.answer.comboId,
          {
            nick: session.nick,
            gift,
            giftName: gift ? giftName(gift, getLocale()) : giftId,
            count: result.answer.count,
            self: true,
          },
          true,
        )
      })
    },
    [session, roomId, byId, count, show],
  )

  const batcher = useRef<LikeBatcher | null>(null)
  useEffect(() => {
    const likes = new LikeBatcher({
      setTimer: (run, ms) => {
        const timer = setTimeout(run, ms)
        return () => clearTimeout(timer)
      },
      send: (taps) => sendLike.current(taps),
      // A like message counts toward the room's per-person flood limit like a chat line (more
      // than 3 in 2 s blocks the sender's messages for 10 s): one a second leaves room to chat
      // while tapping; a half-second window got a fast tapper blocked, likes and chat alike.
      windowMs: LIKE_WINDOW_MS,
    })
    batcher.current = likes
    return () => likes.close()
  }, [])

  const like = useCallback(() => {
    batcher.current?.tap()
    setLikes((now) => now + 1)
    const id = ++heartId.current
    setHearts((now) => [...now, id].slice(-MAX_HEARTS))
    setTimeout(() => setHearts((now) => now.filter((h) => h !== id)), HEART_MS)
  }, [])

  const received = useCallback(
    (message: TuiGiftMessage) => {
      const { data } = message
      const combo = data.gift.extInfo?.liveDesk
      // One's own gifts were shown when they were billed.
      if (session && data.sender.userId === session.userId) return
      const gift = byId.get(data.gift.giftId)
      show(
        combo?.comboId ?? `${data.sender.userId}:${data.gift.giftId}:${Date.now()}`,
        {
          nick: data.sender.userName || data.sender.userId,
          gift,
          giftName: gift ? giftName(gift, getLocale()) : data.gift.giftName,
          count: combo?.comboTotal ?? data.giftCount,
          self: false,
        },
        combo === undefined,
      )
    },
    [session, byId, show],
  )

  const liked = useCallback((message: TuiLikeMessage) => {
    const total = message.data.totalLikeCount
    if (total !== undefined) setLikes((now) => Math.max(now, total))
  }, [])

  return {
    catalogue,
    failed,
    balance,
    likes,
    hearts,
    lines,
    spotlight,
    count,
    setCount,
    error,
    send,
    like,
    received,
    liked,
  }
}
