/**
 * Words for what the server describes as data: system messages (what happened to a chat),
 * previews, presence. All return plain strings; the views render them as text.
 */
export function describeSystem(system, actorId, store) {
  const data = system || {};
  const actor = store.nameOf(actorId);
  const ids = data.userIds || (data.userId ? [data.userId] : []);
  // "You joined", but "Ann added you": me as the object of the sentence is lower case.
  const list = joined(ids.map((id) => store.nameOf(id)));
  const objects = joined(ids.map((id) => (id === store.me.id ? 'you' : store.nameOf(id))));
  if (data.inviteId && (data.action === 'created' || data.action === 'revoked')) {
    return `${actor} ${data.action} an invite link`;
  }
  switch (data.action) {
    case 'created':
      return data.chatType === 'channel' ? `${actor} created the channel “${data.title}”`
        : data.chatType === 'direct' ? `${actor} started the chat` : `${actor} created the group “${data.title}”`;
    case 'updated':
      return data.title ? `${actor} renamed the chat to “${data.title}”` : `${actor} updated the chat info`;
    case 'added':
      return `${actor} added ${objects}`;
    case 'removed':
      return `${actor} removed ${objects}`;
    case 'left':
      return data.newOwnerId ? `${list || actor} left; ${store.nameOf(data.newOwnerId)} is now the owner` : `${list || actor} left`;
    case 'joined':
      return data.inviteId ? `${list || actor} joined with an invite link` : `${list || actor} joined`;
    case 'role_changed':
      return data.role === 'admin' ? `${actor} made ${objects} an admin` : `${actor} made ${objects} a member`;
    case 'ownership_transferred':
      return `${actor} made ${objects} the owner`;
    default:
      return `${actor} changed the chat`;
  }
}

function joined(names) {
  return names.length <= 2 ? names.join(' and ') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
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
  return `${who}${summarize(last)}`;
}

/** A message in one line of words: its text, or what kind of thing it is. */
export function summarize(message) {
  if (message.deleted) {
    return 'Message deleted';
  }
  const media = MEDIA_LABELS[message.kind];
  if (media) {
    // A chat list's preview carries a media message's caption as its text.
    const caption = (message.media?.caption || message.text || '').replace(/\s+/g, ' ');
    const voice = message.kind === 'audio' && message.media && !message.media.fileName;
    const label = voice ? 'Voice message' : message.kind === 'document' && message.media?.fileName ? message.media.fileName : media.label;
    return `${voice ? '🎤' : media.icon} ${caption || label}`;
  }
  if (message.text) {
    return message.text.replace(/\s+/g, ' ');
  }
  const kinds = { location: '📍 Location', live_location: '📍 Live location' };
  return kinds[message.kind] || `[${message.kind}]`;
}

const MEDIA_LABELS = {
  image: { icon: '🖼', label: 'Photo' },
  video: { icon: '🎬', label: 'Video' },
  audio: { icon: '🎵', label: 'Audio' },
  document: { icon: '📄', label: 'Document' },
};

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
