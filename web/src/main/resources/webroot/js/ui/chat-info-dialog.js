import { h } from './dom.js';
import { openDialog } from './dialog.js';
import { directInfo } from './chat-info-direct.js';
import { groupInfo } from './chat-info-group.js';
import { mySettings } from './chat-info-settings.js';
import { mediaGallery } from './chat-info-media.js';

/**
 * Chat info: for a direct chat the other person (chat-info-direct.js), for groups and channels
 * their details and members (chat-info-group.js); then the chat's shared media
 * (chat-info-media.js) and my own pin / mute / archive (chat-info-settings.js). Each part gets
 * the same context: the chat's id, `current()` (the chat as the store has it now), actions,
 * store, `close()`, `subscribe(off)` for store listeners that end with the dialog, and
 * `onLeft(chatId)`.
 */
export function openChatInfo({ chatId, actions, store, onLeft }) {
  const chat = store.chats.get(chatId);
  if (!chat) {
    return;
  }
  const subscriptions = [];
  openDialog({
    onClose: () => subscriptions.forEach((off) => off()),
    title: chat.type === 'direct' ? 'Contact info' : chat.type === 'channel' ? 'Channel info' : 'Group info',
    className: 'dialog-info',
    build: (close) => {
      const ctx = {
        chatId, actions, store, close, onLeft,
        current: () => store.chats.get(chatId) || chat,
        subscribe: (off) => subscriptions.push(off),
      };
      return h('div', { class: 'stack' }, chat.type === 'direct' ? directInfo(ctx) : groupInfo(ctx), mediaGallery(ctx), mySettings(ctx));
    },
  });
}
