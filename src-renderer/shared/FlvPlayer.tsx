import { useEffect, useRef, useState } from 'react'
import { t } from './i18n'

/**
 * A live HTTP-FLV (or MPEG-TS) stream through mpegts.js, tuned for low latency: the console's
 * monitor and the viewer's player. mpegts.js loads only when there is something to play.
 */
export function FlvPlayer({
  url,
  type = 'flv',
  active,
  label,
  muted = true,
}: {
  url: string | null
  /** The container: the rooms' streams are FLV, the encoder's own program MPEG-TS. */
  type?: 'flv' | 'mpegts'
  active: boolean
  label: string
  /** Autoplay needs muted video; the viewer unmutes with the player's own controls. */
  muted?: boolean
}) {
  const video = useRef<HTMLVideoElement>(null)
  const [failed, setFailed] = useState(false)

  useEffect(() => {
    const element = video.current
    if (!url || !active || !element) return
    let player: { destroy(): void } | null = null
    let cancelled = false
    void import('mpegts.js').then(({ default: mpegts }) => {
      if (cancelled || !mpegts.isSupported()) {
        if (!cancelled) setFailed(true)
        return
      }
      const p = mpegts.createPlayer(
        { type, isLive: true, url },
        {
          enableStashBuffer: false,
          liveBufferLatencyChasing: true,
          liveBufferLatencyMaxLatency: 1.5,
          liveBufferLatencyMinRemain: 0.3,
        },
      )
      p.on(mpegts.Events.ERROR, () => setFailed(true))
      p.attachMediaElement(element)
      p.load()
      element.muted = muted
      void element.play().catch(() => undefined)
      player = p
      setFailed(false)
    })
    return () => {
      cancelled = true
      player?.destroy()
    }
  }, [url, type, active, muted])

  return (
    <figure className="monitor">
      <video ref={video} aria-label={label} muted={muted} playsInline controls={!muted} />
      {(!url || !active || failed) && (
        <figcaption className="monitor-idle">
          {!url ? t('player.none') : failed ? t('player.failed') : t('player.offAir')}
        </figcaption>
      )}
    </figure>
  )
}
