import { h, replaceChildren } from './dom.js';
import { icon } from './icons.js';
import { avatar } from './avatar.js';
import { attachButton, filesOf } from './attach.js';
import { canRecord, voiceRecorder } from './voice-recorder.js';
import { summarize } from './describe.js';

/**
 * The message composer: multi-line text that grows as you write, Enter to send, Shift+Enter for
 * a new line, Esc to cancel a reply or an edit, ↑ in an empty composer to edit your last
 * message, and @mention autocompletion from the chat's members.
 *
 * Handlers: onSend(text, replyTo), onSaveEdit(message, text), onTyping(), onEditLast(),
 * onShareLocation() (offered only where the browser can locate: secure contexts); with
 * onFiles(files, kind) a paperclip attaches files and pasted files are attached too; with
 * onVoiceNote(blob, {durationMs, peaks}) a microphone records voice notes (where the browser
 * can), in place of the send button while nothing is written.
 */
export function composer({ store, onSend, onSaveEdit, onTyping, onEditLast, onShareLocation, onFiles, onVoiceNote }) {
  let chatId = null;
  let replyTo = null;
  let editing = null;
  let suggestions = [];
  let selected = 0;

  const input = h('textarea', {
    class: 'composer-input', rows: 1, placeholder: 'Write a message…', 'aria-label': 'Message',
    maxlength: 4000, 'aria-autocomplete': 'list', 'aria-controls': 'mention-list',
  });
  const context = h('div', { class: 'composer-context', hidden: true });
  const mentionList = h('ul', { class: 'mention-list', id: 'mention-list', role: 'listbox', 'aria-label': 'Mention someone', hidden: true });
  const sendButton = h('button', { type: 'submit', class: 'send-button', 'aria-label': 'Send', title: 'Send (Enter)' }, icon('send'));
  const locationButton = globalThis.isSecureContext && navigator.geolocation
    ? h('button', { type: 'button', class: 'icon-button composer-extra', 'aria-label': 'Share my location', title: 'Share my location', onclick: () => onShareLocation() }, icon('location'))
    : null;
  const attach = onFiles ? attachButton({ onFiles: (files, kind) => onFiles(files, kind) }) : null;
  const recorder = onVoiceNote && canRecord() ? voiceRecorder({
    onDone: (blob, recorded) => onVoiceNote(blob, recorded),
    onEnd: () => { row.hidden = false; input.focus(); },
  }) : null;
  const micButton = recorder ? h('button', {
    type: 'button', class: 'send-button voice-button', 'aria-label': 'Record a voice message', title: 'Record a voice message',
    onclick: () => { row.hidden = true; recorder.start(); },
  }, icon('mic')) : null;
  const row = h('div', { class: 'composer-row' }, attach?.element, locationButton, input, sendButton, micButton);
  const form = h('form', { class: ['composer', recorder && 'can-record'], 'aria-label': 'Write a message', onsubmit: (event) => { event.preventDefault(); submit(); } },
    mentionList, context, row, recorder?.element);

  input.addEventListener('paste', (event) => {
    const files = onFiles ? filesOf(event.clipboardData) : [];
    if (files.length) {
      event.preventDefault();
      onFiles(files);
    }
  });
  input.addEventListener('input', () => {
    written();
    grow();
    updateSuggestions();
    if (input.value.trim() && !editing) {
      onTyping();
    }
  });
  input.addEventListener('keydown', (event) => {
    if (!mentionList.hidden && handleSuggestionKey(event)) {
      return;
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submit();
    } else if (event.key === 'Escape' && (replyTo || editing)) {
      event.preventDefault();
      clearContext();
    } else if (event.key === 'ArrowUp' && input.value === '' && !editing) {
      event.preventDefault();
      onEditLast();
    }
  });

  function submit() {
    const text = input.value.replace(/\s+$/, '');
    if (!text.trim()) {
      return;
    }
    if (editing) {
      onSaveEdit(editing, text);
    } else {
      onSend(text, replyTo?.seq);
    }
    input.value = '';
    clearContext();
    grow();
    input.focus();
  }

  /** While something is written the send button shows, else the microphone (where there is one). */
  function written() {
    form.classList.toggle('has-text', input.value.trim() !== '' || Boolean(editing));
  }

  function grow() {
    input.style.height = 'auto';
    input.style.height = `${Math.min(input.scrollHeight, 180)}px`;
  }

  function showContext(kind, label, text) {
    replaceChildren(context,
      icon(kind === 'edit' ? 'edit' : 'reply'),
      h('div', { class: 'composer-context-text' },
        h('span', { class: 'composer-context-label' }, label),
        h('span', { class: 'composer-context-quote' }, text)),
      h('button', { type: 'button', class: 'icon-button', 'aria-label': kind === 'edit' ? 'Cancel editing' : 'Cancel reply', onclick: clearContext },
        icon('close')));
    context.hidden = false;
    context.dataset.kind = kind;
  }

  function clearContext() {
    if (editing) {
      input.value = '';
      grow();
    }
    replyTo = null;
    editing = null;
    context.hidden = true;
    replaceChildren(context);
    written();
  }

  // ---- mentions ----

  function mentionQuery() {
    const before = input.value.slice(0, input.selectionStart);
    const match = /(^|\s)@([A-Za-z0-9_]{0,32})$/.exec(before);
    return match ? match[2].toLowerCase() : null;
  }

  function updateSuggestions() {
    const q = mentionQuery();
    const members = store.members.get(chatId) || [];
    suggestions = q === null ? [] : members
      .filter((member) => member.userId !== store.me.id)
      .filter((member) => member.username?.toLowerCase().startsWith(q) || member.displayName?.toLowerCase().startsWith(q))
      .slice(0, 6);
    selected = 0;
    renderSuggestions();
  }

  function renderSuggestions() {
    mentionList.hidden = suggestions.length === 0;
    input.setAttribute('aria-expanded', String(!mentionList.hidden));
    replaceChildren(mentionList, suggestions.map((member, index) => h('li', {
      role: 'option', id: `mention-${index}`, class: ['mention-option', index === selected && 'selected'],
      'aria-selected': index === selected ? 'true' : 'false',
      onmousedown: (event) => { event.preventDefault(); pick(member); },
    }, avatar({ id: member.userId, name: member.displayName, size: 'xs' }),
    h('span', { class: 'mention-name' }, member.displayName), h('span', { class: 'mention-username' }, `@${member.username}`))));
    if (!mentionList.hidden) {
      input.setAttribute('aria-activedescendant', `mention-${selected}`);
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  function handleSuggestionKey(event) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      selected = (selected + (event.key === 'ArrowDown' ? 1 : suggestions.length - 1)) % suggestions.length;
      renderSuggestions();
      return true;
    }
    if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      pick(suggestions[selected]);
      return true;
    }
    if (event.key === 'Escape') {
      event.preventDefault();
      suggestions = [];
      renderSuggestions();
      return true;
    }
    return false;
  }

  function pick(member) {
    const cursor = input.selectionStart;
    const before = input.value.slice(0, cursor).replace(/@([A-Za-z0-9_]{0,32})$/, `@${member.username} `);
    input.value = before + input.value.slice(cursor);
    input.selectionStart = before.length;
    input.selectionEnd = before.length;
    suggestions = [];
    renderSuggestions();
    input.focus();
  }

  return {
    element: form,
    /** Switches to another chat: clears the draft state. */
    setChat(id, { canPost = true, reason } = {}) {
      if (chatId !== id) {
        recorder?.cancel();
        clearContext();
        input.value = '';
        grow();
      }
      chatId = id;
      form.hidden = !canPost;
      form.dataset.reason = reason || '';
    },
    reply(message) {
      editing = null;
      replyTo = message;
      showContext('reply', `Reply to ${store.nameOf(message.senderId)}`, summarize(message));
      input.focus();
    },
    edit(message) {
      replyTo = null;
      editing = message;
      showContext('edit', 'Edit message', message.text || '');
      input.value = message.text || '';
      written();
      grow();
      input.focus();
      input.setSelectionRange(input.value.length, input.value.length);
    },
    focus() {
      input.focus();
    },
    /** Files dropped on the conversation: attached as if picked. */
    attachFiles(files) {
      onFiles?.(files);
    },
    /** The message being replied to (its seq), for something sent outside the text box (files, a voice note); the reply ends. */
    takeReply() {
      const seq = replyTo?.seq;
      if (replyTo) {
        clearContext();
      }
      return seq;
    },
  };
}
