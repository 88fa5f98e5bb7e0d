/**
 * The pinned messages of a chat, newest pin first. Every message the app learns about (a history
 * page, a live change, an answer) says whether it is pinned now, so the list follows from them:
 * a pin puts the message on top, an unpin or a delete for everyone takes it off, an edit updates
 * it in place. Returns the same array when nothing changed.
 */
export function reconcilePins(pins, message) {
  const index = pins.findIndex((pinned) => pinned.seq === message.seq);
  if (message.pinned && !message.deleted) {
    if (index < 0) {
      return [message, ...pins];
    }
    const next = [...pins];
    next[index] = message;
    return next;
  }
  return index < 0 ? pins : pins.filter((pinned) => pinned.seq !== message.seq);
}
