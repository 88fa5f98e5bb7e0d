/**
 * How the app reacts to what the server tells it: committed chat changes (in order and once each,
 * the realtime client saw to that), the unnumbered ones (receipts, live-location positions) and
 * ephemeral events (typing, presence). Writes the store; asks {@link Actions} for follow-ups
 * (mark read, report delivered, refresh a chat).
 */
export class ChangeHandler {
  constructor(actions) {
    this.actions = actions;
    this.store = actions.store;
  }

  apply(event) {
    const change = event.payload || event;
    const type = event.type || change.type;
    const chatId = change.chatId || event.aggregateId;
    const known = this.store.chats.has(chatId);
    if (change.message && type !== 'message.hidden') {
      // A change that created its message (a send, a system note) carries it under its own number.
      if (change.message.seq === change.seq) {
        this.store.putMessages(chatId, [change.message]);
      } else {
        this.store.updateKnown(chatId, change.message);
      }
    }
    switch (type) {
      case 'message.sent':
        this.onMessageArrived(chatId, change);
        break;
      case 'message.hidden':
        this.actions.hideLocally(chatId, change.messageSeq ?? change.seq);
        break;
      case 'reaction.changed':
        this.store.applyReaction(chatId, change.messageSeq, change.data || {}, change.seq);
        break;
      case 'location.updated':
        this.store.moveLocation(chatId, change.messageSeq, change);
        break;
      case 'location.stopped':
        this.actions.liveSharing.forget(chatId, change.messageSeq);
        break;
      case 'receipt.updated':
        this.onReceipt(chatId, change);
        break;
      case 'chat.invite.changed':
        this.store.emit('invites', chatId);
        break;
      case 'chat.settings.changed':
        this.store.patchChat(chatId, pick(change, ['pinned', 'muted', 'mutedUntil', 'archived', 'pinnedAt']));
        this.store.emit('chats');
        break;
      case 'chat.created':
      case 'chat.updated':
      case 'chat.member.changed':
        this.onChatChanged(chatId, change);
        return;
      default:
        break;
    }
    if (!known && type !== 'receipt.updated' && type !== 'location.updated') {
      this.actions.refreshChat(chatId).catch(() => {});
    }
  }

  onMessageArrived(chatId, change) {
    const message = change.message;
    if (message?.threadRootSeq) {
      this.countThreadReply(chatId, message);
    }
    if (!message || message.senderId === this.store.me.id) {
      return;
    }
    const chat = this.store.chats.get(chatId);
    if (this.actions.viewing === chatId && document.visibilityState !== 'hidden') {
      this.actions.markRead(chatId);
    } else if (chat && message.seq > (chat.readUpTo || 0) && message.kind !== 'system') {
      this.store.patchChat(chatId, { unreadCount: (chat.unreadCount || 0) + 1 });
    }
    this.actions.reportDelivered(chatId, message.seq);
    this.store.setTyping(chatId, message.senderId, false);
  }

  /** A new reply in a thread: its root shows one more, as the server counts it. */
  countThreadReply(chatId, reply) {
    const root = this.store.message(chatId, reply.threadRootSeq);
    if (root && reply.seq > (root.thread?.lastSeq || 0)) {
      this.store.putMessages(chatId, [{ ...root, thread: { replyCount: (root.thread?.replyCount || 0) + 1, lastSeq: reply.seq } }]);
    }
  }

  onReceipt(chatId, change) {
    const userId = change.userId || change.actorId;
    if (!userId) {
      return;
    }
    this.store.setReceipt(chatId, userId, change);
    if (userId === this.store.me.id) {
      const chat = this.store.chats.get(chatId);
      if (this.actions.viewing === chatId) {
        this.actions.markRead(chatId);
      } else if (chat && (change.readUpTo || 0) >= (chat.lastSeq || 0)) {
        this.store.patchChat(chatId, { unreadCount: 0, readUpTo: change.readUpTo });
      } else {
        this.actions.refreshChat(chatId).catch(() => {});
      }
    }
  }

  onChatChanged(chatId, change) {
    const data = change.data || {};
    const action = String(data.action || '');
    const affected = data.userIds || (data.userId ? [data.userId] : []);
    const meGone = affected.includes(this.store.me.id) && /removed|left/.test(action);
    if (meGone) {
      this.store.removeChat(chatId);
      this.actions.realtime.forget(chatId);
      return;
    }
    this.actions.refreshChat(chatId).catch(() => {});
    if (this.store.members.has(chatId)) {
      this.actions.loadMembers(chatId).catch(() => {});
    }
  }

  applyEphemeral(event) {
    if (event.type === 'typing' && event.userId !== this.store.me.id) {
      this.store.setTyping(event.chatId, event.userId, Boolean(event.typing));
    } else if (event.type === 'presence') {
      this.store.setPresence(event.userId, { status: event.status, lastSeen: event.lastSeen });
    }
  }
}

function pick(source, keys) {
  return Object.fromEntries(keys.filter((key) => key in source).map((key) => [key, source[key]]));
}
