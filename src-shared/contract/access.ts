import { z } from 'zod'

/**
 * The close code of a browser host's contract socket whose access link was reset: the page does
 * not reconnect (its cookie is no key any more) but reloads, and is told so.
 */
export const ACCESS_RESET_CLOSE = 4401

/** Which of LiveDesk's listening ports: the console's, the room server's, the RTMP ingest's. */
export const PortService = z.enum(['console', 'room', 'ingest'])
export type PortService = z.infer<typeof PortService>

/**
 * A port kept in the data folder that was taken at this start, and the one chosen instead: the
 * viewer link, the OBS server or the console link changed, and the person has to know.
 */
export const PortChange = z.object({
  service: PortService,
  saved: z.number().int(),
  chosen: z.number().int(),
})
export type PortChange = z.infer<typeof PortChange>

/** How the console is reached, as the caller may know it. */
export const AccessSnapshot = z.object({
  /**
   * The caller is on this machine: the desktop window, or a browser at the console's own loopback
   * address. Only then may it change what local-only.ts lists, or reset the access link.
   */
  thisMachine: z.boolean(),
  /** A browser console runs (always in the browser host; in the desktop app when asked for). */
  browserConsole: z.boolean(),
  /**
   * The console's link with its access token, for moderators: given to callers on this machine
   * only (a LAN moderator already holds it), null otherwise or when no browser console runs.
   */
  consoleUrl: z.string().nullable(),
  /** The same link at each of this machine's LAN addresses (this machine's callers only). */
  lanConsoleUrls: z.array(z.string()),
  /** Moderators on the LAN can open the console (`--host 0.0.0.0`). */
  lan: z.boolean(),
  /** The console is served over HTTPS/WSS (`--tls-cert`, `--tls-key`); else in clear text. */
  encrypted: z.boolean(),
  /** Saved ports that were taken at this start. */
  portChanges: z.array(PortChange),
})
export type AccessSnapshot = z.infer<typeof AccessSnapshot>
