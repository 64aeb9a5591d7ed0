import { AccountQueries } from './accounts'
import { AttributeQueries } from './attributes'
import { BanQueries } from './bans'
import { type Db, openDatabase, type OpenDatabaseOptions } from '../../common/sqlite'
import { GroupQueries } from './groups'
import { MessageQueries } from './messages'
import { migrations } from './migrations'
import { MuteQueries } from './mutes'
import { ProfileQueries } from './profiles'
import { ViewerIdentityQueries } from './viewer-identities'
import { SignOutQueries } from './sign-outs'

export type { GroupProfile, GroupProfileChanges, GroupRow } from './groups'
export type { StoredMessage } from './messages'
export type { Ban } from './bans'
export type { ViewerIdentity } from './viewer-identities'
export type { Db } from '../../common/sqlite'

export interface Store {
  readonly db: Db
  readonly groups: GroupQueries
  readonly profiles: ProfileQueries
  readonly messages: MessageQueries
  readonly mutes: MuteQueries
  readonly accounts: AccountQueries
  readonly bans: BanQueries
  readonly attributes: AttributeQueries
  readonly viewerIdentities: ViewerIdentityQueries
  readonly signOuts: SignOutQueries
  close(): void
}

export function createStore(db: Db): Store {
  return {
    db,
    groups: new GroupQueries(db),
    profiles: new ProfileQueries(db),
    messages: new MessageQueries(db),
    mutes: new MuteQueries(db),
    accounts: new AccountQueries(db),
    bans: new BanQueries(db),
    attributes: new AttributeQueries(db),
    viewerIdentities: new ViewerIdentityQueries(db),
    signOuts: new SignOutQueries(db),
    close: () => db.close(),
  }
}

export function openStore(file: string, options: OpenDatabaseOptions = {}): Store {
  return createStore(openDatabase(file, migrations, 'The room database', options))
}
