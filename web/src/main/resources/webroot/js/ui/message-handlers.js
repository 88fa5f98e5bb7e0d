import { choose, toast } from './dialog.js';
import { openReportDialog } from './report-dialog.js';
import { openForwardDialog, openReactionsDialog, openReceiptsDialog } from './message-dialogs.js';
import { isManager } from '../state/actions.js';
import { describeReactors } from '../state/reactions.js';

/**
 * What a message's own controls do in the open chat (`chatId()`): delete (for me or everyone), report,
 * react and see who did, receipts, forward, pin, stop a live location, retry or discard a
 * pending one. The part of a message view's context that needs no other view.
 */
export function messageHandlers({ store, actions, realtime, chatId }) {
  const chat = () => store.chats.get(chatId()) || { id: chatId(), type: 'direct' };
  return {
    onDelete: (message) => deleteMessage(message),
    onReport: (message) => openReportDialog({
      title: 'Report message',
      send: (report) => actions.admin.reportMessage(chatId(), message.seq, report),
    }),
    onToggleReaction: (message, emoji) => run(() => actions.toggleReaction(chatId(), message.seq, emoji), 'Could not react'),
    onShowReceipts: (message) => openReceiptsDialog({ store, chatId: chatId(), message }),
    onShowReactions: (message) => openReactionsDialog({ store, actions, chatId: chatId(), message }),
    reactorsOf: async (message, emoji) => {
      const items = await actions.whoReacted(chatId(), message.seq);
      const ids = items.find((item) => item.emoji === emoji)?.userIds || [];
      return describeReactors(ids.map((id) => store.nameOf(id)), emoji);
    },
    onForward: (message) => openForwardDialog({ store, actions, chatId: chatId(), message }),
    canPin: () => mayPin(chat()),
    onTogglePin: (message) => run(() => actions.setPinned(chatId(), message.seq, !message.pinned),
      message.pinned ? 'Could not unpin' : 'Could not pin'),
    onStopLive: (message) => run(() => actions.stopLiveLocation(chatId(), message.seq), 'Could not stop sharing'),
    onRetry: (item) => realtime.outbox.retry(item.clientMessageId),
    onDiscard: (item) => realtime.outbox.discard(item.clientMessageId),
  };

  async function deleteMessage(message) {
    const mine = message.senderId === store.me.id;
    const choices = [{ label: 'Delete for me', value: 'me', kind: 'secondary' }];
    if (mine || (chat().type !== 'direct' && isManager(chat()))) {
      choices.unshift({ label: 'Delete for everyone', value: 'everyone', kind: 'danger' });
    }
    choices.push({ label: 'Cancel', value: null, kind: 'ghost' });
    const scope = await choose({ title: 'Delete message?', message: 'Deleted for everyone, it disappears on every device.', choices });
    if (scope) {
      run(() => actions.deleteMessage(chatId(), message.seq, scope), 'Could not delete the message');
    }
  }
}

/** Owner and admins pin in groups and channels; either person in a direct chat. */
export function mayPin(chat) {
  return chat.type === 'direct' || isManager(chat);
}

/** Runs an action; a failure becomes a notice saying what could not be done, and why. */
export async function run(work, failure) {
  try {
    await work();
  } catch (error) {
    toast(`${failure}: ${error.message}`, { kind: 'error' });
  }
}
