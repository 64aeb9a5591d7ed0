import {
  SdkEvent,
  type ChatPort,
  type SdkEventHandler,
  type SdkEventName,
  type SdkGroupProfile,
  type SdkMessage,
} from '../../../src-main/console/room/chat-port'

/** The SDK as the port sees it: records calls, answers like the SDK, and fires events on demand. */
export class FakeChatPort implements ChatPort {
  readonly calls: string[] = []
  private readonly handlers = new Map<string, Set<SdkEventHandler>>()
  profile: SdkGroupProfile = {
    groupID: '@TGS#aLIVE01',
    name: 'Friday show',
    type: 'AVChatRoom',
    ownerID: 'anchor',
    muteAllMembers: true,
    memberCount: 12,
  }
  loginError: unknown = null
  joinError: unknown = null
  sendError: unknown = null
  /** What getGroupOnlineMemberCount answers; an `{code, message}` is thrown, as the SDK rejects. */
  onlineCount: number | { code: number; message: string } = 12
  /** SDK_READY follows login, as the SDK does once signed in. */
  readyOnLogin = true

  async login(userId: string, userSig: string) {
    this.calls.push(`login ${userId} ${userSig}`)
    if (this.loginError) throw this.loginError
    if (this.readyOnLogin) queueMicrotask(() => this.fire(SdkEvent.SDK_READY, undefined))
  }
  async joinGroup(groupId: string) {
    this.calls.push(`joinGroup ${groupId}`)
    if (this.joinError) throw this.joinError
  }
  async getGroupProfile(groupId: string) {
    this.calls.push(`getGroupProfile ${groupId}`)
    return this.profile
  }
  async sendText(groupId: string, text: string, priority: string): Promise<SdkMessage> {
    this.calls.push(`sendText ${groupId} ${text} ${priority}`)
    if (this.sendError) throw this.sendError
    return {
      ID: 'anchor-1',
      type: 'TIMTextElem',
      payload: { text },
      conversationID: `GROUP${groupId}`,
      to: groupId,
      from: 'anchor',
      time: 1_700_000_000,
      priority,
      nick: 'Anchor',
      sequence: 7,
    }
  }
  async setGroupMemberMuteTime(groupId: string, userId: string, seconds: number) {
    this.calls.push(`setGroupMemberMuteTime ${groupId} ${userId} ${seconds}`)
  }
  async getGroupOnlineMemberCount(groupId: string) {
    this.calls.push(`getGroupOnlineMemberCount ${groupId}`)
    if (typeof this.onlineCount !== 'number') throw this.onlineCount
    return this.onlineCount
  }
  async setMuteAllMembers(groupId: string, on: boolean) {
    this.calls.push(`setMuteAllMembers ${groupId} ${on}`)
  }
  async setGroupNotice(groupId: string, notification: string, introduction: string) {
    this.calls.push(`setGroupNotice ${groupId} ${notification} ${introduction}`)
  }
  async deleteGroupMember(groupId: string, userId: string, reason: string, seconds: number) {
    this.calls.push(`deleteGroupMember ${groupId} ${userId} ${reason} ${seconds}`)
  }
  on(event: SdkEventName, handler: SdkEventHandler) {
    if (!this.handlers.has(event)) this.handlers.set(event, new Set())
    this.handlers.get(event)!.add(handler)
  }
  off(event: SdkEventName, handler: SdkEventHandler) {
    this.handlers.get(event)?.delete(handler)
  }
  async logout() {
    this.calls.push('logout')
  }
  async destroy() {
    this.calls.push('destroy')
  }
  fire(name: string, data: unknown) {
    for (const handler of [...(this.handlers.get(name) ?? [])]) handler({ name, data })
  }
  listenerCount(): number {
    return [...this.handlers.values()].reduce((n, set) => n + set.size, 0)
  }
}
