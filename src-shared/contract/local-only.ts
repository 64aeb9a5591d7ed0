import type { RoomConnectionSettings } from './room-connection'
import type { StageSettings } from './stage'

/**
 * Settings that only a caller on this machine (the desktop window, a browser at the console's
 * loopback address) may change, never a moderator over the LAN (issue 9 §5): each one runs a
 * program (the ffmpeg path), reads or writes a file on this computer (file and image sources, the
 * watermark, the recordings folder), or says where a credential is sent (the push destination
 * gets the stream key or a signature made with the push key; the REST API gets the App admin's
 * UserSig; the UserSig URL hands the console its login). A moderator's form shows them locked and
 * sends them back unchanged; main refuses any change to them (ContractCode.localOnly).
 */
export type StageLocalOnlyField =
  'ffmpegPath' | 'source.path' | 'overlays.image' | 'record.dir' | 'target.destination'
export type ConnectionLocalOnlyField = 'tencent.restBaseUrl' | 'tencent.userSigUrl'

/** Every file the program's source and the saved scenes' sources read. */
function sourcePaths(settings: StageSettings): Set<string> {
  const paths = new Set<string>()
  const add = (source: StageSettings['source']) => {
    if (source.kind === 'pip') {
      add(source.main)
      add(source.inset)
    } else if (source.kind === 'image' || source.kind === 'file') {
      paths.add(source.path)
    }
  }
  add(settings.source)
  for (const scene of settings.scenes) add(scene.source)
  return paths
}

/** Where the push goes: the kind and the host it names (the key itself is a secret, kept apart). */
function destination(settings: StageSettings): string {
  const { target } = settings
  switch (target.kind) {
    case 'embedded':
      return 'embedded'
    case 'css':
    case 'trtc':
      return JSON.stringify([target.kind, target.domain, target.playDomain ?? ''])
    case 'rtmp':
      return JSON.stringify(['rtmp', target.url])
  }
}

const imagePaths = (settings: StageSettings): string =>
  JSON.stringify(settings.overlays.flatMap((o) => (o.kind === 'image' ? [o.path] : [])))

/** The local-only Stage fields `after` changes from `before`. */
export function stageLocalOnlyChanges(
  before: StageSettings,
  after: StageSettings,
): StageLocalOnlyField[] {
  const changed: StageLocalOnlyField[] = []
  if ((before.ffmpegPath ?? '') !== (after.ffmpegPath ?? '')) changed.push('ffmpegPath')
  const known = sourcePaths(before)
  if ([...sourcePaths(after)].some((path) => !known.has(path))) changed.push('source.path')
  if (imagePaths(before) !== imagePaths(after)) changed.push('overlays.image')
  if (before.record.dir !== after.record.dir) changed.push('record.dir')
  if (destination(before) !== destination(after)) changed.push('target.destination')
  return changed
}

function connectionTarget(settings: RoomConnectionSettings) {
  return settings.backend === 'tencent'
    ? {
        restBaseUrl: settings.tencent.restBaseUrl,
        custom: settings.tencent.customRestBaseUrl,
        userSigUrl: settings.tencent.userSigUrl ?? '',
      }
    : null
}

/**
 * The local-only room connection fields `after` changes from `before`. Going back to the embedded
 * room sends nothing anywhere; choosing Tencent with the saved URLs changes nothing either.
 */
export function connectionLocalOnlyChanges(
  before: RoomConnectionSettings,
  after: RoomConnectionSettings,
): ConnectionLocalOnlyField[] {
  const next = connectionTarget(after)
  if (!next) return []
  const saved = connectionTarget(before)
  const changed: ConnectionLocalOnlyField[] = []
  if (next.restBaseUrl !== saved?.restBaseUrl || next.custom !== saved.custom)
    changed.push('tencent.restBaseUrl')
  if (next.userSigUrl !== (saved?.userSigUrl ?? '')) changed.push('tencent.userSigUrl')
  return changed
}
