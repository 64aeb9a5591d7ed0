import { homedir } from 'node:os'
import { join } from 'node:path'

/**
 * Where LiveDesk keeps its data: LIVEDESK_DATA_DIR when set, else the OS's app-data folder
 * (the same place Electron's `app.getPath('userData')` names for an app called LiveDesk).
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (env.LIVEDESK_DATA_DIR) return env.LIVEDESK_DATA_DIR
  switch (platform) {
    case 'win32':
      return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'LiveDesk')
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'LiveDesk')
    default:
      return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'LiveDesk')
  }
}
