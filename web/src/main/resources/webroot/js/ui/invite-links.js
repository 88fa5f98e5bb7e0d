import { h, replaceChildren } from './dom.js';
import { icon } from './icons.js';
import { toast } from './dialog.js';
import { shortWhen } from '../format.js';

const EXPIRY = [['', 'Never expires'], ['3600', 'Expires in 1 hour'], ['86400', 'Expires in 1 day'], ['604800', 'Expires in 7 days']];
const USES = [['', 'No limit on uses'], ['1', 'One use'], ['10', '10 uses'], ['100', '100 uses']];
const STATES = { active: 'Active', revoked: 'Revoked', expired: 'Expired', used_up: 'Used up' };

/** The address of an invite link: this app, opened at the join screen. */
export function inviteUrl(token) {
  return `${location.origin}/#/invite/${token}`;
}

/**
 * Invite links of a group or channel, for its owner and admins: create one (optionally expiring or
 * limited in uses), copy it, revoke it; every link with its state and how often it was used. The
 * list follows `chat.invite.changed` changes made anywhere.
 */
export function inviteLinks({ actions, store, chatId }) {
  const list = h('ul', { class: 'invites', 'aria-label': 'Invite links' });
  const expiry = h('select', { class: 'text-input', 'aria-label': 'Link expiry' }, EXPIRY.map(([value, label]) => h('option', { value }, label)));
  const uses = h('select', { class: 'text-input', 'aria-label': 'Link uses' }, USES.map(([value, label]) => h('option', { value }, label)));
  const create = h('button', { type: 'button', class: 'button primary create-invite', onclick: () => createLink() }, icon('link'), 'Create link');
  const element = h('section', { class: 'stack compact invite-links' },
    h('h3', { class: 'section-title' }, 'Invite links'),
    h('p', { class: 'muted' }, 'Anyone with a link can join. Revoke it to stop that.'),
    h('div', { class: 'invite-form' }, expiry, uses, create),
    list);
  const off = store.on('invites', (changed) => changed === chatId && load());
  load();

  async function load() {
    try {
      const invites = await actions.chat.invites(chatId);
      replaceChildren(list, invites.length ? invites.map(row) : h('li', { class: 'muted' }, 'No links yet.'));
    } catch (error) {
      replaceChildren(list, h('li', { class: 'form-error' }, error.message));
    }
  }

  async function createLink() {
    create.disabled = true;
    try {
      const seconds = Number(expiry.value);
      const invite = await actions.chat.createInvite(chatId, {
        expiresAt: seconds ? new Date(Date.now() + seconds * 1000).toISOString() : undefined,
        maxUses: uses.value ? Number(uses.value) : undefined,
      });
      await load();
      await copy(inviteUrl(invite.token), 'Link created and copied');
    } catch (error) {
      toast(`Could not create the link: ${error.message}`, { kind: 'error' });
    } finally {
      create.disabled = false;
    }
  }

  function row(invite) {
    const active = invite.state === 'active';
    const url = inviteUrl(invite.token);
    const details = [
      STATES[invite.state] || invite.state,
      invite.maxUses ? `${invite.uses} of ${invite.maxUses} uses` : `${invite.uses} ${invite.uses === 1 ? 'use' : 'uses'}`,
      invite.expiresAt ? `${active ? 'expires' : 'expired'} ${shortWhen(invite.expiresAt)}` : null,
    ].filter(Boolean).join(' · ');
    return h('li', { class: ['invite', `invite-${invite.state}`], dataset: { token: invite.token } },
      h('input', { class: 'invite-url', readonly: true, value: url, 'aria-label': 'Invite link', onfocus: (event) => event.target.select() }),
      h('div', { class: 'invite-meta' },
        h('span', { class: ['invite-state', active && 'on'] }, details),
        active ? h('span', { class: 'invite-actions' },
          h('button', { type: 'button', class: 'button small ghost copy-invite', onclick: () => copy(url, 'Link copied') }, icon('copy'), 'Copy'),
          h('button', {
            type: 'button', class: 'button small ghost danger-text revoke-invite',
            onclick: () => actions.chat.revokeInvite(chatId, invite.token).then(() => { toast('Link revoked'); return load(); },
              (error) => toast(error.message, { kind: 'error' })),
          }, 'Revoke')) : null));
  }

  return { element, dispose: off };
}

/** Copies to the clipboard where the browser allows it (secure contexts); otherwise shows the link to copy by hand. */
async function copy(text, done) {
  try {
    await navigator.clipboard.writeText(text);
    toast(done);
  } catch {
    toast(`Copy this link: ${text}`, { ms: 8_000 });
  }
}
