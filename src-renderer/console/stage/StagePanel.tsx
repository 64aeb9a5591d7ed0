import { useState, type CSSProperties, type Ref } from 'react'
import type { StageSnapshot } from '../../../src-shared/contract/stage'
import type { StreamStatus } from '../../../src-shared/contract/stream'
import type { Api } from '../../shared/api'
import { errorMessage } from '../../shared/error-message'
import { FlvPlayer } from '../../shared/FlvPlayer'
import { ConfirmDialog } from '../ConfirmDialog'
import { t } from '../../shared/i18n'
import { reachableUrl } from '../../shared/reachable-url'
import {
  formatBytes,
  formatDuration,
  healthProblems,
  sparklinePoints,
  type HealthSample,
} from './health-history'
import { SIDE_WIDTH } from './monitor-layout'
import { SceneSwitcher } from './Scenes'
import { StageSettingsForm } from './StageSettingsForm'
import { useMonitorArrangement } from './use-monitor-arrangement'
import { useStage } from './use-stage'
import { useHotkeyHandler } from '../hotkeys/hotkey-store'

type Action =
  | 'stream:go-live'
  | 'stream:record'
  | 'stream:end-live'
  | 'stream:stop-recording'
  | 'stream:reconnect-now'

/** Going live: state, the big buttons, the monitor, health with sparklines, and the settings. */
export function StagePanel({ api }: { api: Api }) {
  const { stage, setStage, history, loadError } = useStage(api)
  const [busy, setBusy] = useState(false)
  /** A button's refusal, and the stream's error it was shown over. */
  const [refusal, setRefusal] = useState<{ text: string; over: string } | null>(null)
  const [confirmEnd, setConfirmEnd] = useState(false)
  const { box: stageMain, health: healthBlock, arrangement } = useMonitorArrangement()

  // One error line: the newest of a button's refusal and the stream's own last error.
  const lastError = stage?.status.lastError
  const lastErrorKey = lastError ? `${lastError.code}:${lastError.message}` : ''
  const run = async (action: Action) => {
    setBusy(true)
    setRefusal(null)
    const result = await api.call(action, {})
    setBusy(false)
    if (!result.ok) setRefusal({ text: errorMessage(result.error), over: lastErrorKey })
    else setStage((s) => (s ? { ...s, status: result.value } : s))
  }
  // The show keys (issue 15 §2) do what the buttons beside them would: End asks first.
  useHotkeyHandler('show.goLive', () => {
    const status = stage?.status
    if (!status || busy || status.state === 'stopping') return
    if (status.state !== 'stopped' && status.push !== null) setConfirmEnd(true)
    else void run('stream:go-live')
  })
  useHotkeyHandler('show.record', () => {
    const status = stage?.status
    if (!status || busy || status.state === 'stopping') return
    const recording = status.state !== 'stopped' && (status.recording?.active ?? false)
    void run(recording ? 'stream:stop-recording' : 'stream:record')
  })
  const error =
    refusal && refusal.over === lastErrorKey
      ? refusal.text
      : lastError
        ? errorMessage(lastError)
        : ''

  return (
    <section className="panel stage" aria-label={t('stage.title')}>
      <h2 className="panel-title">{t('stage.title')}</h2>
      {loadError && <p role="alert">{errorMessage(loadError)}</p>}
      {stage && (
        <div className="stage-body">
          {/* One row: what the stage is doing and the buttons that change it. */}
          <div className="stage-top">
            <StateLine status={stage.status} />
            <Actions
              status={stage.status}
              busy={busy}
              onGoLive={() => void run('stream:go-live')}
              onEnd={() => setConfirmEnd(true)}
              onRecord={() => void run('stream:record')}
              onStopRecording={() => void run('stream:stop-recording')}
              onReconnect={() => void run('stream:reconnect-now')}
            />
          </div>
          {confirmEnd && (
            <ConfirmDialog
              title={t('stage.confirmEndTitle')}
              description={t('stage.confirmEnd')}
              confirmLabel={t('stage.endLive')}
              onCancel={() => setConfirmEnd(false)}
              onConfirm={() => {
                setConfirmEnd(false)
                void run('stream:end-live')
              }}
            />
          )}
          <SceneSwitcher api={api} stage={stage} onSwitched={setStage} />
          {/* Its own line, always there, so a new error never moves or covers the health. */}
          <p className="stage-error" role="alert">
            {error}
          </p>
          {/* The rest of the panel's height: the picture as large as fits at 16:9, the health under
              it or beside it, whichever leaves the larger picture. */}
          <div
            ref={stageMain}
            className={`stage-main stage-main-${arrangement}`}
            style={{ '--stage-side': `${SIDE_WIDTH}px` } as CSSProperties}
          >
            <div className="monitor-frame">
              <Monitor stage={stage} />
            </div>
            <Health status={stage.status} history={history} blockRef={healthBlock} />
          </div>
          <Recording status={stage.status} />
          {stage.ffmpegError && (
            <p className="stage-setup-error">{errorMessage(stage.ffmpegError)}</p>
          )}
          <StageSettingsForm api={api} stage={stage} onSaved={setStage}>
            <Setup stage={stage} />
          </StageSettingsForm>
        </div>
      )}
    </section>
  )
}

/**
 * Live with a playback URL: what the server sends back, which proves the push. Otherwise (only
 * recording, or a target nobody can play back) the encoder's own program from the monitor tap.
 */
function Monitor({ stage }: { stage: StageSnapshot }) {
  const { status } = stage
  const playback = status.push?.active && stage.monitorUrl ? stage.monitorUrl : null
  const url = playback ?? stage.programUrl ?? stage.monitorUrl
  return (
    <FlvPlayer
      // A new player for a new source: mpegts.js keeps the old stream's buffers otherwise.
      key={url ?? ''}
      url={url && reachableUrl(url, location.hostname)}
      type={playback === null && stage.programUrl ? 'mpegts' : 'flv'}
      active={status.state === 'started'}
      label={t('stage.monitor')}
    />
  )
}

function StateLine({ status }: { status: StreamStatus }) {
  const live = status.push?.active ?? false
  const label =
    status.state === 'reconnecting'
      ? t('stage.state.reconnecting', { attempt: status.attempt })
      : status.state === 'started' && !live && status.recording?.active
        ? t('stage.state.recording')
        : t(`stage.state.${status.state}`)
  return (
    <div className="stage-state">
      <span className={`on-air on-air-${status.state}`} aria-live="polite">
        {label}
      </span>
      {live && status.recording?.active && (
        <span className="on-air on-air-recording">{t('stage.state.recording')}</span>
      )}
    </div>
  )
}

interface ActionsProps {
  status: StreamStatus
  busy: boolean
  onGoLive(): void
  onEnd(): void
  onRecord(): void
  onStopRecording(): void
  onReconnect(): void
}

/** Go live and Record are two outputs: either starts or stops while the other runs (OBS). */
function Actions(props: ActionsProps) {
  const { status, busy } = props
  const running = status.state !== 'stopped'
  const settling = status.state === 'stopping'
  const live = running && status.push !== null
  const recording = running && (status.recording?.active ?? false)
  return (
    <div className="stage-actions">
      {live ? (
        <button
          type="button"
          className="button button-danger"
          disabled={busy || settling}
          onClick={props.onEnd}
        >
          {t('stage.endLive')}
        </button>
      ) : (
        <button
          type="button"
          className="button button-primary"
          disabled={busy || settling}
          onClick={props.onGoLive}
        >
          {t('stage.goLive')}
        </button>
      )}
      {recording ? (
        <button
          type="button"
          className="button"
          disabled={busy || settling}
          onClick={props.onStopRecording}
        >
          {t('stage.stopRecording')}
        </button>
      ) : (
        <button
          type="button"
          className="button"
          disabled={busy || settling}
          onClick={props.onRecord}
        >
          {t('stage.record')}
        </button>
      )}
      {status.state === 'reconnecting' && (
        <button type="button" className="button" disabled={busy} onClick={props.onReconnect}>
          {t('stage.reconnectNow')}
        </button>
      )}
    </div>
  )
}

function Health({
  status,
  history,
  blockRef,
}: {
  status: StreamStatus
  history: HealthSample[]
  /** The block as a whole, measured to choose where it goes (beside the monitor or under it). */
  blockRef: Ref<HTMLDivElement>
}) {
  const h = status.health
  const dash = '—'
  const rows: Array<[string, string]> = [
    [t('stage.fps'), h ? h.fps.toFixed(1) : dash],
    [t('stage.bitrate'), h?.bitrateKbps != null ? `${Math.round(h.bitrateKbps)} kbps` : dash],
    // TRTC measures the network path instead of counting frames (issue 17).
    ...(h?.network
      ? ([
          [t('stage.loss'), `${h.network.upLossPercent}%`],
          [t('stage.rtt'), `${Math.round(h.network.rttMs)} ms`],
          [t('stage.network'), h.network.quality ? t(`stage.quality.${h.network.quality}`) : dash],
        ] satisfies Array<[string, string]>)
      : ([
          [t('stage.dropped'), h ? String(h.droppedFrames) : dash],
          [t('stage.skipped'), h ? String(h.skippedFrames) : dash],
          [t('stage.speed'), h?.speed != null ? `${h.speed.toFixed(2)}×` : dash],
        ] satisfies Array<[string, string]>)),
    [t('stage.cpu'), h?.cpuPercent != null ? `${Math.round(h.cpuPercent)}%` : dash],
    [t('stage.sent'), h ? formatBytes(h.bytesOut) : dash],
    [t('stage.duration'), h ? formatDuration(h.durationMs) : dash],
  ]
  const problems = status.state === 'stopped' ? [] : healthProblems(history)
  return (
    <div className="health" ref={blockRef}>
      {/* Stable words (no live numbers), so a screen reader hears each problem once. */}
      <div role="status" className="health-problems">
        {problems.map((problem) => (
          <p key={problem} className="health-problem">
            {t(`stage.problem.${problem}`)}
          </p>
        ))}
      </div>
      <dl aria-label={t('stage.health')}>
        {rows.map(([name, value]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <div className="health-charts">
        <Sparkline label={t('stage.bitrateChart')} values={history.map((s) => s.bitrateKbps)} />
        <Sparkline label={t('stage.fpsChart')} values={history.map((s) => s.fps)} />
      </div>
    </div>
  )
}

/** A 5-minute line with its name written in its corner (the name is also what it is called). */
function Sparkline({ label, values }: { label: string; values: number[] }) {
  const last = values.at(-1)
  return (
    <div className="sparkline">
      <span className="sparkline-caption" aria-hidden="true">
        {label}
      </span>
      <svg
        viewBox="0 0 300 40"
        preserveAspectRatio="none"
        role="img"
        aria-label={last === undefined ? label : `${label}: ${Math.round(last)}`}
      >
        <polyline
          points={sparklinePoints(values, 300, 40)}
          fill="none"
          stroke="currentColor"
          vectorEffect="non-scaling-stroke"
        />
      </svg>
    </div>
  )
}

function Recording({ status }: { status: StreamStatus }) {
  const recording = status.recording
  if (!recording) return null
  return (
    <p className="recording" aria-label={t('stage.recordingLabel')}>
      <span className={recording.active ? 'rec-dot' : 'rec-dot idle'} aria-hidden="true" />
      {/* One line: a long path gives way at its start, so the file's own name stays in sight. */}
      <span className="recording-path" title={recording.path}>
        <bdi>{recording.path}</bdi>
      </span>{' '}
      {recording.parts > 1 && <span>{t('stage.parts', { part: recording.parts })}</span>}{' '}
      <span>{formatBytes(recording.bytes)}</span>
      {recording.parts > 1 && (
        <span>{t('stage.partsTotal', { size: formatBytes(recording.totalBytes) })}</span>
      )}
      {recording.active && recording.disk && <DiskLeft disk={recording.disk} />}
    </p>
  )
}

/** OBS's "disk space available / recording time left" estimate; under 10 minutes it stands out. */
function DiskLeft({ disk }: { disk: { freeBytes: number; secondsLeft: number | null } }) {
  const left = disk.secondsLeft
  return (
    <span className={left !== null && left < 600 ? 'disk-left low' : 'disk-left'}>
      {' · '}
      {t('stage.diskFree', { free: formatBytes(disk.freeBytes) })}
      {left !== null &&
        ` · ${t('stage.diskLeft', { hours: Math.floor(left / 3600), minutes: Math.floor((left % 3600) / 60) })}`}
    </span>
  )
}

/**
 * The encoder this console found and where OBS would push instead: set up once, so it sits at the
 * top of Stream settings, not under the monitor. An encoder that cannot be found is a problem for
 * tonight's show and stays on the Stage itself.
 */
function Setup({ stage }: { stage: StageSnapshot }) {
  return (
    <div className="stage-setup">
      {stage.ffmpeg && (
        <p>{t('stage.ffmpeg', { version: stage.ffmpeg.version, path: stage.ffmpeg.path })}</p>
      )}
      {stage.ffmpeg && stage.ffmpeg.unusableEncoders.length > 0 && (
        <p className="encoders-unusable">
          {t('stage.encodersUnusable', {
            names: stage.ffmpeg.unusableEncoders
              .map((name) => t(`stage.encoder.${name}`))
              .join(', '),
          })}
        </p>
      )}
      {stage.ingest && (
        <>
          <p>{t('stage.obsHint')}</p>
          <dl className="ingest">
            <dt>{t('stage.obsServer')}</dt>
            <dd>
              <code>{stage.ingest.server}</code>
            </dd>
            <dt>{t('stage.obsKey')}</dt>
            <dd>
              <code>{stage.ingest.streamKey}</code>
            </dd>
          </dl>
        </>
      )}
    </div>
  )
}
