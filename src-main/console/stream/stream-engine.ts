import type { StreamSettings, StreamStatus } from '../../../src-shared/contract/stream'
import type { Overlay } from './ffmpeg-args'
import { redactUrl } from './ffmpeg-progress'

/**
 * What the Stage drives (DESIGN.md "Stream engine"): OBS-style states and health snapshots behind
 * one interface, whichever engine does the work — ffmpeg (stream-supervisor.ts) or Tencent's TRTC
 * SDK (trtc-engine.ts, issue 17).
 */
export interface StreamEngine {
  /** A snapshot, never a delta. */
  status(): StreamStatus
  /** Called on every state change and health update; returns the unsubscribe. */
  onStatus(listener: (status: StreamStatus) => void): () => void
  /** The files the current or last recording wrote, in order. */
  recordedFiles(): string[]
  /** The frame being drawn about now, for layers that follow the picture; null if unknown. */
  encoderFrame(): number | null
  /** Checks the settings, starts, and resolves once the stream is up (or rejects, coded). */
  start(input: unknown, extra?: { layers?: Overlay[] }): Promise<StreamStatus>
  stop(): Promise<StreamStatus>
  /** A push joins a running recording. */
  startPush(url: string): Promise<StreamStatus>
  /** The push ends; a recording goes on. */
  stopPush(): Promise<StreamStatus>
  startRecording(record: NonNullable<StreamSettings['record']>): Promise<StreamStatus>
  stopRecording(): Promise<StreamStatus>
  /** Another source for the program, without ending the push. */
  switchSource(input: unknown): Promise<StreamStatus>
  /** Skips the wait before the next reconnect attempt, where the engine waits. */
  reconnectNow(): void
}

/** What an engine knows of itself, from which `engineStatus` makes its snapshot. */
export type EngineFacts = Omit<StreamStatus, 'outputActive' | 'outputReconnecting'>

/**
 * The snapshot every engine reports for its facts: the output counts as active while started or
 * reconnecting, and the push URL's key never leaves main (redactUrl).
 */
export function engineStatus(facts: EngineFacts): StreamStatus {
  return {
    ...facts,
    outputActive: facts.state === 'started' || facts.state === 'reconnecting',
    outputReconnecting: facts.state === 'reconnecting',
    push: facts.push ? { ...facts.push, url: redactUrl(facts.push.url) } : null,
  }
}
