import { h } from './dom.js';
import { icon } from './icons.js';
import { avatar } from './avatar.js';
import { describeSystem, summarize } from './describe.js';
import { mediaBlock } from './media-view.js';
import { clock, dayKey, dayLabel, hue } from '../format.js';
import { FEATURES } from '../features.js';
import { isLive, liveUntilLabel } from '../state/live-location.js';
import { menuButton, openableActions } from './message-menu.js';

export const QUICK_REACTIONS = ['👍', '❤️', '😂', '😮', '😢', '🙏'];

/**
 * One message as a list item. Every piece of user content (text, names, quotes) goes in as a
 * text node; mentions are split out as text too. `ctx` carries the chat, the store and the
 * handlers for the message's actions.
 */
export function messageView(message, ctx) {
  const { store, chat } = ctx;
  const mine = message.senderId === store.me.id;
  const base = {
    id: `msg-${message.seq}`,
    dataset: { seq: String(message.seq), sender: message.senderId, day: dayKey(message.createdAt), dayLabel: dayLabel(message.createdAt) },
  };
  if (message.kind === 'system' || message.system) {
    return h('li', { ...base, class: 'msg system' },
      h('p', { class: 'system-note' }, describeSystem(message.system, message.senderId, store)));
  }
  const deleted = Boolean(message.deleted);
  const group = chat.type !== 'direct';
  const senderName = store.nameOf(message.senderId);
  const item = h('li', {
    ...base,
    class: ['msg', mine ? 'mine' : 'theirs', deleted && 'deleted'],
    tabindex: '-1',
  },
  group && !mine ? avatar({ id: message.senderId, name: senderName, size: 'sm', mediaId: store.users.get(message.senderId)?.avatarMediaId }) : null,
  h('div', { class: 'msg-body' },
    h('div', { class: ['bubble', ...mediaClasses(deleted ? null : message)] },
      group && !mine ? h('span', { class: ['sender-name', `hue-text-${hue(message.senderId)}`] }, senderName) : null,
      message.forwardedFrom && !deleted ? h('span', { class: 'forwarded' }, icon('forward'),
        h('span', {}, `Forwarded from ${store.nameOf(message.forwardedFrom.senderId)}`)) : null,
      message.replyTo && !deleted ? quote(message.replyTo, ctx) : null,
      message.story && !deleted ? storyQuote(message.story, ctx) : null,
      content(message, deleted, ctx),
      h('span', { class: 'msg-meta' },
        message.pinned && !deleted ? h('span', { class: 'pinned-mark', role: 'img', 'aria-label': 'Pinned', title: 'Pinned' }, icon('pin')) : null,
        message.editedAt && !deleted ? h('span', { class: 'edited' }, 'edited') : null,
        h('time', { datetime: message.createdAt, title: new Date(message.createdAt).toLocaleString() }, clock(message.createdAt)),
        mine && !deleted ? ticks(message, ctx) : null)),
    !deleted && message.reactions?.length ? reactions(message, ctx) : null,
    message.thread?.replyCount && ctx.onOpenThread ? h('button', {
      type: 'button', class: 'thread-link', onclick: () => ctx.onOpenThread(message),
    }, icon('thread'), `${message.thread.replyCount} ${message.thread.replyCount === 1 ? 'reply' : 'replies'}`) : null,
    deleted ? null : actionsBar(message, mine, ctx)),
  deleted ? null : menuButton());
  if (!deleted) {
    openableActions(item);
  }
  return item;
}

/** A message written here but not yet acknowledged: pending (clock) or refused (retry / discard). */
export function pendingView(item, ctx) {
  const failed = item.status === 'failed';
  return h('li', {
    class: ['msg', 'mine', 'pending', failed && 'failed'],
    dataset: { clientMessageId: item.clientMessageId },
  },
  h('div', { class: 'msg-body' },
    h('div', { class: ['bubble', ...mediaClasses(item)] },
      item.replyTo ? quote(ctx.store.message(item.chatId, item.replyTo) || { seq: item.replyTo }, ctx) : null,
      item.media ? mediaContent({ kind: item.kind, media: item.media, chatId: item.chatId }, ctx)
        : item.location ? locationCard(item.location, item.kind === 'live_location' ? { label: 'Live location' } : {})
          : h('p', { class: 'msg-text' }, item.text),
      h('span', { class: 'msg-meta' },
        h('time', { datetime: item.createdAt }, clock(item.createdAt)),
        failed ? h('span', { class: 'tick failed', role: 'img', 'aria-label': 'Not sent' }, icon('alert'))
          : h('span', { class: 'tick pending-tick', role: 'img', 'aria-label': 'Sending' }, icon('clock')))),
    failed ? h('div', { class: 'failed-actions' },
      h('span', {}, item.error || 'Not sent.'),
      h('button', { type: 'button', class: 'link', onclick: () => ctx.onRetry(item) }, 'Retry'),
      h('button', { type: 'button', class: 'link', onclick: () => ctx.onDiscard(item) }, 'Discard')) : null));
}

function content(message, deleted, ctx) {
  if (deleted) {
    return h('p', { class: 'msg-text deleted-text' }, icon('trash'), ' Message deleted');
  }
  if (message.kind === 'location' && message.location) {
    return locationCard(message.location);
  }
  if (message.kind === 'live_location' && message.location) {
    return liveLocationCard(message, ctx);
  }
  if (message.media && ctx.media) {
    return mediaContent(message, ctx);
  }
  return h('p', { class: 'msg-text' }, textWithMentions(message.text ?? message.media?.caption ?? `[${message.kind}]`, ctx.store));
}

const MEDIA = new Set(['image', 'video', 'audio', 'document']);

/** A media message's bubble is laid out around its media: edge to edge for pictures, with the time over one without a caption. */
function mediaClasses(message) {
  if (!message?.media || !MEDIA.has(message.kind)) {
    return [];
  }
  const visual = message.kind === 'image' || message.kind === 'video';
  return ['has-media', `kind-${message.kind}`, visual && !message.media.caption && 'no-caption'];
}

/** The media (see media-view.js), then its caption, with mentions, as text. */
function mediaContent({ kind, media, chatId, seq }, ctx) {
  return [
    mediaBlock({ kind, media, chatId, seq }, ctx),
    media.caption ? h('p', { class: 'msg-text media-caption' }, textWithMentions(media.caption, ctx.store)) : null,
  ];
}

/** A place as coordinates and a link to a map (no map is embedded: nothing is loaded from elsewhere). */
export function locationCard({ latitude, longitude, label }, { live = false, extra = null } = {}) {
  const lat = Number(latitude);
  const lon = Number(longitude);
  const where = `${Math.abs(lat).toFixed(5)}° ${lat >= 0 ? 'N' : 'S'}, ${Math.abs(lon).toFixed(5)}° ${lon >= 0 ? 'E' : 'W'}`;
  const url = `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=16/${lat}/${lon}`;
  return h('div', { class: ['location-card', live && 'live'] },
    h('span', { class: 'location-icon', 'aria-hidden': 'true' }, icon(live ? 'live' : 'location')),
    h('span', { class: 'location-text' },
      h('span', { class: 'location-label' }, label || 'Shared location'),
      h('span', { class: 'location-coords' }, where),
      extra,
      h('a', { href: url, target: '_blank', rel: 'noopener noreferrer', class: 'location-link' }, 'Open in a map')));
}

/** A live location: where its sender is now, until when, and (for the sender, while live) a stop button. */
function liveLocationCard(message, ctx) {
  const live = isLive(message);
  const location = message.location;
  const mine = message.senderId === ctx.store.me.id;
  const updated = location.updatedAt || message.createdAt;
  return locationCard({ ...location, label: 'Live location' }, {
    live,
    extra: [
      h('span', { class: ['live-status', live && 'on'] }, live ? h('span', { class: 'live-dot', 'aria-hidden': 'true' }) : null,
        liveUntilLabel(message, clock)),
      h('span', { class: 'live-updated' }, h('time', { datetime: updated }, `Updated ${clock(updated)}`)),
      mine && live && ctx.onStopLive ? h('button', {
        type: 'button', class: 'button small live-stop', onclick: () => ctx.onStopLive(message),
      }, icon('stop'), 'Stop sharing') : null,
    ],
  });
}

/** A reply to a story: whose story, and its text or caption (the story itself may be gone by now). */
function storyQuote(story, ctx) {
  const mine = story.authorId === ctx.store.me.id;
  const what = story.kind === 'text' ? story.text : story.caption || (story.kind === 'video' ? 'Video' : 'Photo');
  return h('div', { class: 'quote story-quote', 'aria-label': `Reply to ${mine ? 'your' : 'a'} story` },
    h('span', { class: 'quote-sender' }, mine ? 'Replied to your story' : `Story of ${ctx.store.nameOf(story.authorId)}`),
    h('span', { class: 'quote-text' }, what || ''));
}

function quote(replyTo, ctx) {
  const original = ctx.store.message(ctx.chat.id, replyTo.seq);
  const senderId = original?.senderId || replyTo.senderId;
  const deleted = original ? original.deleted : replyTo.deleted;
  const text = deleted ? 'Message deleted' : (original ? summarize(original) : replyTo.text ?? (replyTo.kind ? summarize(replyTo) : '…'));
  return h('button', {
    type: 'button', class: 'quote', 'aria-label': `Reply to ${ctx.store.nameOf(senderId)}: ${text}`,
    onclick: () => ctx.onJumpTo(replyTo.seq),
  }, h('span', { class: 'quote-sender' }, senderId ? ctx.store.nameOf(senderId) : 'Message'),
  h('span', { class: 'quote-text' }, text));
}

/** Sent ✓, delivered ✓✓, read ✓✓ (coloured); in groups the ticks open "read by". */
export function ticks(message, ctx) {
  const receipt = ctx.store.receiptOf(ctx.chat.id, message.seq);
  const label = { sent: 'Sent', delivered: 'Delivered', read: 'Read' }[receipt.status];
  const glyph = icon(receipt.status === 'sent' ? 'check' : 'checks');
  if (ctx.chat.type === 'direct' || ctx.chat.type === 'channel') {
    return h('span', { class: ['tick', `tick-${receipt.status}`], role: 'img', 'aria-label': label, title: label,
      dataset: { status: receipt.status } }, glyph);
  }
  const readBy = receipt.readBy.map((id) => ctx.store.nameOf(id));
  return h('button', {
    type: 'button', class: ['tick', 'tick-button', `tick-${receipt.status}`], dataset: { status: receipt.status },
    'aria-label': `${label}${readBy.length ? `, read by ${readBy.join(', ')}` : ''}`,
    title: readBy.length ? `Read by ${readBy.join(', ')}` : label,
    onclick: () => ctx.onShowReceipts(message),
  }, glyph);
}

/**
 * The reactions under a message: one chip per emoji with its count (pressed when mine; a click
 * toggles mine), who reacted shown on hover or focus, and a button listing everyone.
 */
function reactions(message, ctx) {
  return h('div', { class: 'reactions', role: 'group', 'aria-label': 'Reactions' },
    message.reactions.map((reaction) => {
      const chip = h('button', {
        type: 'button',
        disabled: !FEATURES.reactions,
        class: ['reaction', reaction.mine && 'mine'],
        'aria-pressed': reaction.mine ? 'true' : 'false',
        'aria-label': `${reaction.emoji} ${reaction.count}${reaction.mine ? ', including you' : ''}`,
        dataset: { emoji: reaction.emoji },
        onclick: () => ctx.onToggleReaction(message, reaction.emoji),
      }, h('span', { class: 'reaction-emoji' }, reaction.emoji), h('span', { class: 'reaction-count' }, String(reaction.count)));
      if (ctx.reactorsOf) {
        const hint = () => ctx.reactorsOf(message, reaction.emoji).then((text) => { chip.title = text; }, () => {});
        chip.addEventListener('pointerenter', hint, { once: true });
        chip.addEventListener('focus', hint, { once: true });
      }
      return chip;
    }),
    ctx.onShowReactions ? h('button', {
      type: 'button', class: 'reaction reaction-who', 'aria-label': 'Who reacted', title: 'Who reacted',
      onclick: () => ctx.onShowReactions(message),
    }, icon('users')) : null);
}

function actionsBar(message, mine, ctx) {
  const picker = h('div', { class: 'reaction-picker', role: 'group', 'aria-label': 'Choose a reaction', hidden: true },
    QUICK_REACTIONS.map((emoji) => h('button', {
      type: 'button', class: 'reaction-choice', 'aria-label': `React with ${emoji}`, dataset: { emoji },
      onclick: () => { picker.hidden = true; ctx.onToggleReaction(message, emoji); },
    }, emoji)));
  picker.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      picker.hidden = true;
      picker.previousElementSibling?.querySelector('.act-react')?.focus();
    }
  });
  const canEdit = mine && message.kind === 'text';
  const canPin = ctx.canPin?.(message);
  return [
    h('div', { class: 'msg-actions', role: 'toolbar', 'aria-label': 'Message actions' },
      FEATURES.reactions && h('button', {
        type: 'button', class: 'icon-button act-react', 'aria-label': 'React', title: 'React',
        onclick: () => { picker.hidden = !picker.hidden; if (!picker.hidden) { picker.querySelector('button').focus(); } },
      }, icon('smile')),
      h('button', { type: 'button', class: 'icon-button act-reply', 'aria-label': 'Reply', title: 'Reply', onclick: () => ctx.onReply(message) }, icon('reply')),
      ctx.onOpenThread && !message.threadRootSeq ? h('button', {
        type: 'button', class: 'icon-button act-thread', 'aria-label': 'Reply in thread', title: 'Reply in thread', onclick: () => ctx.onOpenThread(message),
      }, icon('thread')) : null,
      ctx.onForward ? h('button', {
        type: 'button', class: 'icon-button act-forward', 'aria-label': 'Forward', title: 'Forward', onclick: () => ctx.onForward(message),
      }, icon('forward')) : null,
      canPin ? h('button', {
        type: 'button', class: ['icon-button', 'act-pin', message.pinned && 'on'], 'aria-label': message.pinned ? 'Unpin' : 'Pin',
        title: message.pinned ? 'Unpin' : 'Pin', onclick: () => ctx.onTogglePin(message),
      }, icon('pin')) : null,
      canEdit ? h('button', { type: 'button', class: 'icon-button act-edit', 'aria-label': 'Edit', title: 'Edit', onclick: () => ctx.onEdit(message) }, icon('edit')) : null,
      h('button', { type: 'button', class: 'icon-button act-delete', 'aria-label': 'Delete', title: 'Delete', onclick: () => ctx.onDelete(message) }, icon('trash')),
      !mine && ctx.onReport ? h('button', {
        type: 'button', class: 'icon-button act-report', 'aria-label': 'Report', title: 'Report to the moderators', onclick: () => ctx.onReport(message),
      }, icon('flag')) : null),
    FEATURES.reactions ? picker : null,
  ];
}

/** Text with @mentions of known people highlighted; every part is a text node. */
function textWithMentions(text, store) {
  const usernames = new Set([...store.users.values()].map((user) => user.username?.toLowerCase()).filter(Boolean));
  const parts = [];
  let last = 0;
  for (const match of text.matchAll(/@([A-Za-z0-9_]{3,32})/g)) {
    if (!usernames.has(match[1].toLowerCase())) {
      continue;
    }
    parts.push(text.slice(last, match.index));
    parts.push(h('span', { class: 'mention' }, match[0]));
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return parts;
}
