import { Store } from '/js/state/store.js';
import { Actions } from '/js/state/actions.js';
import { assertEqual, assertTrue, test } from './harness.js';

const ME = { id: 'me', username: 'me', displayName: 'Me' };

/** Actions over a store with one group, the REST API answering with `api`, and what was asked of it recorded. */
function wired(api = {}) {
  const store = new Store(ME);
  store.upsertChat({ id: 'g', type: 'group', title: 'Group', role: 'owner', pinned: false, lastActivityAt: '2026-11-22T08:00:00Z' });
  const calls = [];
  const recording = new Proxy(api, {
    get: (target, name) => (...args) => {
      calls.push([name, ...args]);
      return name in target ? target[name](...args) : Promise.resolve({});
    },
  });
  const realtime = { state: 'online', on() {}, track() {}, forget() {}, command: async () => ({}) };
  const session = { ended: false, user: ME, setUser(user) { this.user = user; }, end() { this.ended = true; } };
  const actions = new Actions({ api: recording, store, realtime, session });
  const events = [];
  ['chats', 'chat', 'members', 'users', 'me'].forEach((type) => store.on(type, (value) => events.push(value ? `${type}:${value}` : type)));
  return { store, actions, calls, session, events };
}

const refused = (code) => async () => {
  throw Object.assign(new Error(code), { status: 403, code });
};

test('my own settings for a chat are kept from the answer, and the list is re-sorted', async () => {
  const { store, actions, calls, events } = wired({ chatSettings: async (chatId, settings) => ({ id: chatId, ...settings, pinnedAt: '2026-11-22T09:00:00Z' }) });
  const answer = await actions.chat.setMySettings('g', { pinned: true });
  assertEqual(answer.pinned, true, 'the answer');
  assertEqual(calls, [['chatSettings', 'g', { pinned: true }]], 'what was asked');
  assertTrue(store.chats.get('g').pinned && store.chats.get('g').title === 'Group', 'kept, merged with what was known');
  assertTrue(events.includes('chats'), 'the chat list told to re-sort');
});

test('a refused settings change leaves the chat as it was', async () => {
  const { store, actions } = wired({ chatSettings: refused('chat.not_member') });
  let failure = null;
  await actions.chat.setMySettings('g', { archived: true }).catch((error) => { failure = error; });
  assertEqual(failure?.code, 'chat.not_member', 'the refusal reaches the view');
  assertEqual(store.chats.get('g').archived, undefined, 'unchanged');
});

test('leaving a chat takes it off my list; a refused leave keeps it', async () => {
  const kept = wired({ leave: refused('chat.owner_must_transfer') });
  await kept.actions.chat.leave('g').catch(() => {});
  assertTrue(kept.store.chats.has('g'), 'kept after a refusal');
  const { store, actions, events } = wired({ leave: async () => ({}) });
  await actions.chat.leave('g');
  assertTrue(!store.chats.has('g'), 'gone');
  assertTrue(events.includes('chats'), 'the list told');
});

test('a change to the members reloads them, and a failed reload is no failure of the change', async () => {
  let members = [{ userId: 'me', role: 'owner' }];
  const { store, actions, calls } = wired({
    addMembers: async (chatId, userIds) => { members = [...members, ...userIds.map((userId) => ({ userId, role: 'member' }))]; },
    members: async () => {
      if (!members) {
        throw new TypeError('Failed to fetch');
      }
      return members;
    },
    presence: async () => [],
    setRole: async () => ({}),
  });
  await actions.chat.addMembers('g', ['ann', 'bo']);
  assertEqual(store.members.get('g').map((member) => member.userId), ['me', 'ann', 'bo'], 'reloaded after adding');
  assertEqual(calls.filter(([name]) => name === 'addMembers'), [['addMembers', 'g', ['ann', 'bo']]], 'added once');
  members = null;
  await actions.chat.setRole('g', 'ann', 'admin');
  assertEqual(calls.filter(([name]) => name === 'setRole'), [['setRole', 'g', 'ann', 'admin']], 'the role change asked for');
  assertEqual(store.members.get('g').length, 3, 'the members shown before, until the next reload');
});

test('renaming a group keeps the answer; an answer without a chat changes nothing', async () => {
  const { store, actions } = wired({ updateChat: async (chatId, fields) => ({ id: chatId, ...fields }) });
  await actions.chat.describe('g', { title: 'Hikers', description: 'Saturdays' });
  assertEqual([store.chats.get('g').title, store.chats.get('g').description], ['Hikers', 'Saturdays'], 'renamed');
  const other = wired({ updateChat: async () => ({}) });
  await other.actions.chat.describe('g', { title: 'Hikers' });
  assertEqual(other.store.chats.get('g').title, 'Group', 'nothing to keep');
});

test('people found by name become known, so they are shown by name wherever they appear', async () => {
  const { store, actions } = wired({ searchUsers: async () => [{ id: 'ann', username: 'ann', displayName: 'Ann Lee' }] });
  const found = await actions.people.find('an');
  assertEqual(found.map((user) => user.id), ['ann'], 'found');
  assertEqual(store.nameOf('ann'), 'Ann Lee', 'known by name');
});

test('saving my profile updates the session and every view of me', async () => {
  const { store, actions, session, events } = wired({ updateMe: async (fields) => ({ ...ME, ...fields }) });
  await actions.account.updateProfile({ displayName: 'Me Myself', bio: 'hi' });
  assertEqual(session.user.displayName, 'Me Myself', 'the session (other tabs, a reload)');
  assertEqual(store.me.displayName, 'Me Myself', 'the store');
  assertEqual(store.users.get('me').bio, 'hi', 'the people the store knows');
  assertTrue(events.includes('me'), 'the views told');
});

test('deleting my account signs this device out only once the server agreed', async () => {
  const wrong = wired({ deleteAccount: async () => { throw Object.assign(new Error('wrong'), { status: 401, code: 'auth.wrong_password' }); } });
  await wrong.actions.account.deleteAccount('nope').catch(() => {});
  assertTrue(!wrong.session.ended, 'still signed in after a refusal');
  const { actions, session, calls } = wired({ deleteAccount: async () => ({}) });
  await actions.account.deleteAccount('right password');
  assertEqual(calls, [['deleteAccount', 'right password']], 'asked with the password');
  assertTrue(session.ended, 'signed out');
});

test('signing out ends the session even when the server cannot be told', async () => {
  const { actions, session } = wired({ logout: async () => { throw new TypeError('Failed to fetch'); } });
  await actions.account.signOut();
  assertTrue(session.ended, 'signed out here');
});
