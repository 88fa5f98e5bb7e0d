/**
 * Words for what the server describes as data: system messages (what happened to a chat),
 * previews, presence. All return plain strings; the views render them as text.
 */
export function describeSystem(system, actorId, store) {
  const data = system || {};
  const actor = store.nameOf(actorId);
  const people = (data.userIds || (data.userId ? [data.userId] : [])).map((id) => store.nameOf(id));
  const list = people.length <= 2 ? people.join(' and ') : `${people.slice(0, -1).join(', ')} and ${people.at(-1)}`;
  switch (data.action) {
    case 'created':
      return data.chatType === 'channel' ? `${actor} created the channel “${data.title}”`
        : data.chatType === 'direct' ? `${actor} started the chat` : `${actor} created the group “${data.title}”`;
    case 'updated':
      return data.title ? `${actor} renamed the chat to “${data.title}”` : `${actor} updated the chat info`;
    case 'added':
      return `${actor} added ${list}`;
    case 'removed':
      return `${actor} removed ${list}`;
    case 'left':
      return `${list || actor} left`;
    case 'joined':
      return `${list || actor} joined`;
    case 'role_changed':
      return data.role === 'admin' ? `${actor} made ${list} an admin` : `${actor} made ${list} a member`;
    case 'ownership_transferred':
      return `${actor} made ${list} the owner`;
    default:
      return `${actor} changed the chat`;
  }
}

/** The one-line preview of a chat's newest message for the chat list. */
export function describePreview(chat, store) {
  const last = chat.lastMessage;
  if (!last) {
    return chat.type === 'direct' ? 'Say hello' : 'No messages yet';
  }
  if (last.system || last.kind === 'system') {
    return describeSystem(last.system, last.senderId, store);
  }
  const who = last.senderId === store.me.id ? 'You: ' : chat.type === 'direct' ? '' : `${store.nameOf(last.senderId)}: `;
  if (last.deleted) {
    return `${who}Message deleted`;
  }
  const text = last.text ?? `[${last.kind}]`;
  return `${who}${text.replace(/\s+/g, ' ')}`;
}

export function presenceLabel(state) {
  switch (state?.status) {
    case 'online':
      return 'online';
    case 'away':
      return 'away';
    case 'busy':
      return 'busy';
    default:
      return null;
  }
}
