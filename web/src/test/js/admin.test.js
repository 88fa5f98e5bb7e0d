import { Store } from '/js/state/store.js';
import { Actions } from '/js/state/actions.js';
import { messageView } from '/js/ui/message-view.js';
import { describeStanding, reportActions, staffAccess } from '/js/state/admin-actions.js';
import { assertEqual, assertTrue, test } from './harness.js';

const ME = { id: 'me', username: 'me', displayName: 'Me' };

/** Actions whose REST API answers with `api` and records what it was asked. */
function wired(api = {}) {
  const store = new Store(ME);
  const calls = [];
  const recording = new Proxy(api, {
    get: (target, name) => (...args) => {
      calls.push([name, ...args]);
      return name in target ? target[name](...args) : Promise.resolve({});
    },
  });
  const realtime = { state: 'online', on() {}, track() {}, forget() {}, command: async () => ({}) };
  const session = { ended: false, user: ME, setUser(user) { this.user = user; }, end() { this.ended = true; } };
  return { store, calls, actions: new Actions({ api: recording, store, realtime, session }) };
}

test('my roles decide what the admin area opens: moderators the queue, admins everything, others nothing', () => {
  assertEqual(staffAccess([]), { moderator: false, admin: false, any: false }, 'a plain user');
  assertEqual(staffAccess(['moderator']), { moderator: true, admin: false, any: true }, 'a moderator');
  assertEqual(staffAccess(['admin']), { moderator: true, admin: true, any: true }, 'an admin moderates too');
  assertEqual(staffAccess(undefined), { moderator: false, admin: false, any: false }, 'roles not known yet');
});

test('the roles come from GET /me and are kept on me', async () => {
  const { actions, store } = wired({ me: async () => ({ ...ME, roles: ['moderator'] }) });
  assertEqual(actions.admin.access().any, false, 'nothing before they are loaded');
  const access = await actions.admin.loadRoles();
  assertEqual(access.moderator, true, 'the answer');
  assertEqual(store.me.roles, ['moderator'], 'kept');
  assertEqual(actions.admin.access().admin, false, 'not an admin');
});

test('a report names the message by chat and number, with a reason and the note only when there is one', async () => {
  const { actions, calls } = wired();
  await actions.admin.reportMessage('c', 7, { reason: 'spam', note: '' });
  await actions.admin.reportUser('u', { reason: 'harassment', note: 'keeps writing' });
  assertEqual(calls, [
    ['report', { subject: 'message', chatId: 'c', seq: 7, reason: 'spam', note: undefined }],
    ['report', { subject: 'user', userId: 'u', reason: 'harassment', note: 'keeps writing' }],
  ], 'what was asked');
});

test('a decision sends hours only for a suspension, as a number', async () => {
  const { actions, calls } = wired();
  await actions.admin.decide('r1', { action: 'suspend', reason: 'cool off', hours: '48' });
  await actions.admin.decide('r2', { action: 'warn', reason: 'be nice', hours: '48' });
  assertEqual(calls, [
    ['actOnReport', 'r1', { action: 'suspend', reason: 'cool off', hours: 48 }],
    ['actOnReport', 'r2', { action: 'warn', reason: 'be nice', hours: undefined }],
  ], 'what was asked');
});

test('the decisions offered fit the report: no delete for a user report or a message already gone, no ban twice', () => {
  const names = (report) => reportActions(report).map((choice) => choice.action);
  const message = { subject: 'message', excerpt: { message: { seq: 3, deleted: false } }, target: { standing: { state: 'good' } } };
  assertEqual(names(message), ['delete_message', 'warn', 'suspend', 'ban', 'dismiss'], 'a message report');
  assertEqual(names({ ...message, excerpt: { message: { seq: 3, deleted: true } } }), ['warn', 'suspend', 'ban', 'dismiss'], 'already deleted');
  assertEqual(names({ subject: 'user', target: { standing: { state: 'banned' } } }), ['warn', 'suspend', 'dismiss'], 'a banned user');
});

test('standing in words, none for good standing', () => {
  assertEqual(describeStanding({ state: 'good' }), null, 'good');
  assertEqual(describeStanding({ state: 'banned' }), 'Banned', 'banned');
  assertEqual(describeStanding({ state: 'suspended', suspendedUntil: '2026-12-01T10:00:00Z' }, (iso) => iso),
    'Suspended until 2026-12-01T10:00:00Z', 'suspended');
});

test('empty limit fields in the settings mean no limit, sent as 0', async () => {
  const { actions, calls } = wired();
  await actions.admin.saveSettings({ registration: 'invite', maxAccounts: '', messageRetentionDays: '90', mediaRetentionDays: null });
  assertEqual(calls, [['saveServerSettings', { registration: 'invite', maxAccounts: 0, messageRetentionDays: 90, mediaRetentionDays: 0 }]],
    'what was asked');
});

test('a role toggled answers the account\'s roles as they now are; a refusal changes nothing', async () => {
  const { actions } = wired();
  const user = { id: 'u', roles: ['moderator'] };
  assertEqual(await actions.admin.setRole(user, 'admin', true), ['admin', 'moderator'], 'granted');
  assertEqual(await actions.admin.setRole(user, 'moderator', false), [], 'revoked');
  const refusing = wired({ grantRole: async () => { throw Object.assign(new Error('auth.forbidden'), { status: 403, code: 'auth.forbidden' }); } });
  let failure = null;
  await refusing.actions.admin.setRole(user, 'admin', true).catch((error) => { failure = error; });
  assertEqual(failure?.code, 'auth.forbidden', 'the refusal reaches the view');
  assertEqual(user.roles, ['moderator'], 'unchanged');
});

test('other people\'s messages can be reported, my own cannot', () => {
  const store = new Store(ME);
  store.upsertChat({ id: 'c', type: 'group', title: 'Group' });
  const reported = [];
  const ctx = { store, chat: store.chats.get('c'), onReply() {}, onDelete() {}, onReport: (message) => reported.push(message.seq) };
  const at = new Date().toISOString();
  const theirs = messageView({ id: 'm1', chatId: 'c', seq: 1, senderId: 'ann', kind: 'text', text: 'rude', createdAt: at }, ctx);
  const mine = messageView({ id: 'm2', chatId: 'c', seq: 2, senderId: 'me', kind: 'text', text: 'mine', createdAt: at }, ctx);
  assertTrue(theirs.querySelector('.act-report') !== null, 'a report button on theirs');
  assertTrue(mine.querySelector('.act-report') === null, 'none on mine');
  theirs.querySelector('.act-report').click();
  assertEqual(reported, [1], 'the handler asked with the message');
});

test('a sign-up passes the invite code only when one was typed', async () => {
  const { signInActions } = await import('/js/state/account-actions.js');
  const asked = [];
  const actions = signInActions({ register: async (body) => { asked.push(body); return {}; } });
  await actions.signUp({ email: 'a@b.org', username: 'a', password: 'p', displayName: 'A', deviceName: 'd', inviteCode: '  ' });
  await actions.signUp({ email: 'a@b.org', username: 'a', password: 'p', displayName: 'A', deviceName: 'd', inviteCode: ' CODE ' });
  assertEqual(asked.map((body) => body.inviteCode), [undefined, 'CODE'], 'the codes sent');
});

test('a chat\'s retention sends its id and 0 for an empty field', async () => {
  const { actions, calls } = wired();
  await actions.admin.setChatRetention(' c1 ', { messageRetentionDays: '30', mediaRetentionDays: '' });
  assertEqual(calls, [['setChatRetention', 'c1', { messageRetentionDays: 30, mediaRetentionDays: 0 }]], 'what was asked');
});
