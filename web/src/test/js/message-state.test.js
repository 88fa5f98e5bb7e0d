import { Store } from '/js/state/store.js';
import { Actions } from '/js/state/actions.js';
import { applyReactionChange, describeReactors } from '/js/state/reactions.js';
import { reconcilePins } from '/js/state/pins.js';
import { isLive, moved } from '/js/state/live-location.js';
import { matchParts } from '/js/format.js';
import { describeSystem } from '/js/ui/describe.js';
import { assertEqual, assertTrue, test } from './harness.js';

const ME = { id: 'me', username: 'me', displayName: 'Me' };

function message(seq, fields = {}) {
  return { id: `m${seq}`, chatId: 'c', seq, senderId: 'ann', kind: 'text', text: `text ${seq}`, createdAt: '2026-11-22T08:00:00Z', ...fields };
}

/** Actions on a store, with the realtime client and the REST API stubbed: what the server tells the app, applied. */
function wired({ api = {} } = {}) {
  const store = new Store(ME);
  store.upsertChat({ id: 'c', type: 'group', title: 'Group', role: 'member' });
  const listeners = new Map();
  const realtime = {
    state: 'online',
    on: (type, listener) => listeners.set(type, listener),
    track() {}, forget() {},
    command: async () => ({}),
  };
  const actions = new Actions({ api: { user: async (id) => ({ id, displayName: id }), ...api }, store, realtime, session: {} });
  const tell = (type, payload) => listeners.get('chat')({ type, aggregateId: 'c', payload: { chatId: 'c', ...payload } });
  return { store, actions, tell };
}

test('a reaction change sets the emoji count and marks mine only for my own toggle', async () => {
  let reactions = applyReactionChange(undefined, { emoji: '👍', userId: 'ann', added: true, count: 1 }, 'me');
  assertEqual(reactions, [{ emoji: '👍', count: 1, mine: false }], 'someone else reacted');
  reactions = applyReactionChange(reactions, { emoji: '👍', userId: 'me', added: true, count: 2 }, 'me');
  reactions = applyReactionChange(reactions, { emoji: '🎉', userId: 'bo', added: true, count: 1 }, 'me');
  assertEqual(reactions, [{ emoji: '👍', count: 2, mine: true }, { emoji: '🎉', count: 1, mine: false }], 'mine added');
  assertEqual(applyReactionChange(reactions, { emoji: '🎉', userId: 'bo', added: true, count: 1 }, 'me'), reactions, 'applied twice: same');
  reactions = applyReactionChange(reactions, { emoji: '👍', userId: 'ann', added: false, count: 1 }, 'me');
  assertEqual(reactions[0], { emoji: '👍', count: 1, mine: true }, 'another taking theirs back leaves mine');
  reactions = applyReactionChange(reactions, { emoji: '👍', userId: 'me', added: false, count: 0 }, 'me');
  assertEqual(reactions, [{ emoji: '🎉', count: 1, mine: false }], 'an emoji nobody has any more disappears');
});

test('who reacted reads as a sentence', async () => {
  assertEqual(describeReactors(['Ann'], '👍'), 'Ann reacted with 👍', 'one');
  assertEqual(describeReactors(['Ann', 'Bo'], '👍'), 'Ann and Bo reacted with 👍', 'two');
  assertEqual(describeReactors(['Ann', 'Bo', 'Cy', 'Di'], '👍'), 'Ann, Bo, Cy and Di reacted with 👍', 'four, all named');
  assertEqual(describeReactors(['Ann', 'Bo', 'Cy', 'Di', 'Ed'], '👍'), 'Ann, Bo, Cy and 2 others reacted with 👍', 'five');
});

test('live reaction events change counts on a loaded message, an older change never overrides a newer one', async () => {
  const { store, tell } = wired();
  store.putMessages('c', [message(3, { reactions: [{ emoji: '👍', count: 1, mine: true }] })]);
  tell('reaction.changed', { seq: 7, messageSeq: 3, data: { emoji: '👍', userId: 'ann', added: true, count: 2 }, message: message(3) });
  assertEqual(store.message('c', 3).reactions, [{ emoji: '👍', count: 2, mine: true }], 'counted, mine kept from the history page');
  store.applyReaction('c', 3, { emoji: '👍', userId: 'me', added: true, count: 1 }, 6);
  assertEqual(store.message('c', 3).reactions[0].count, 2, 'an older change (a late answer) is ignored');
  tell('message.edited', { seq: 8, messageSeq: 3, message: message(3, { text: 'edited', editedAt: '2026-11-22T08:01:00Z' }) });
  assertEqual(store.message('c', 3).text, 'edited', 'edited');
  assertEqual(store.message('c', 3).reactions[0].count, 2, 'an edit (a snapshot without reactions) keeps them');
});

test('my toggle applies its answer at once, and its live event afterwards changes nothing', async () => {
  const change = { seq: 5, messageSeq: 2, type: 'reaction.changed', data: { emoji: '❤️', userId: 'me', added: true, count: 1 }, message: message(2) };
  const { store, actions, tell } = wired({ api: { react: async () => structuredClone(change) } });
  store.putMessages('c', [message(2)]);
  await actions.toggleReaction('c', 2, '❤️');
  assertEqual(store.message('c', 2).reactions, [{ emoji: '❤️', count: 1, mine: true }], 'after the answer');
  tell('reaction.changed', structuredClone(change));
  assertEqual(store.message('c', 2).reactions, [{ emoji: '❤️', count: 1, mine: true }], 'after the event too');
});

test('pins follow the messages: a pin goes on top, an edit updates it, an unpin or delete takes it off', async () => {
  const first = message(1, { pinned: true });
  let pins = reconcilePins([], first);
  pins = reconcilePins(pins, message(4, { pinned: true }));
  assertEqual(pins.map((pin) => pin.seq), [4, 1], 'newest pin first');
  pins = reconcilePins(pins, message(1, { pinned: true, text: 'changed' }));
  assertEqual(pins[1].text, 'changed', 'edited in place');
  assertTrue(reconcilePins(pins, message(9)) === pins, 'an unrelated message changes nothing');
  pins = reconcilePins(pins, message(4, { pinned: false }));
  pins = reconcilePins(pins, message(1, { pinned: false, deleted: true }));
  assertEqual(pins, [], 'unpinned and deleted');
});

test('the pinned list of a chat follows live pin and unpin events once it is loaded', async () => {
  const { store, tell } = wired();
  const seen = [];
  store.on('pins', (chatId) => seen.push(chatId));
  tell('message.pinned', { seq: 3, messageSeq: 1, message: message(1, { pinned: true }) });
  assertEqual(store.pinsOf('c'), [], 'not followed before it was loaded');
  store.setPins('c', [message(1, { pinned: true })]);
  tell('message.pinned', { seq: 4, messageSeq: 2, message: message(2, { pinned: true }) });
  assertEqual(store.pinsOf('c').map((pin) => pin.seq), [2, 1], 'pinned on top');
  tell('message.unpinned', { seq: 5, messageSeq: 1, message: message(1, { pinned: false }) });
  assertEqual(store.pinsOf('c').map((pin) => pin.seq), [2], 'unpinned');
  assertEqual(seen, ['c', 'c', 'c'], 'pins events');
});

test('search words are found case-insensitively and the parts give the text back', async () => {
  const parts = matchParts('Call me at NOON, call!', 'noon call');
  assertEqual(parts, [{ text: 'Call', match: true }, { text: ' me at ', match: false }, { text: 'NOON', match: true },
    { text: ', ', match: false }, { text: 'call', match: true }, { text: '!', match: false }], 'parts');
  assertEqual(matchParts('a (b) [c]', '(b) [c').map((part) => part.text).join(''), 'a (b) [c]', 'special characters are text');
  assertEqual(matchParts('Äpfel und äpfel', 'ÄPFEL').filter((part) => part.match).length, 2, 'beyond ASCII');
  assertEqual(matchParts('nothing', ''), [{ text: 'nothing', match: false }], 'no query');
});

test('a live location moves with newer reports only and ends at its time or when stopped', async () => {
  const now = Date.parse('2026-11-22T08:00:00Z');
  const live = message(5, { kind: 'live_location', location: { latitude: 1, longitude: 2, liveUntil: '2026-11-22T09:00:00Z' } });
  assertTrue(isLive(live, now), 'live before its time');
  assertTrue(!isLive(live, Date.parse('2026-11-22T09:00:01Z')), 'not after it');
  assertTrue(!isLive({ ...live, location: { ...live.location, stoppedAt: '2026-11-22T08:10:00Z' } }, now), 'not once stopped');
  const there = moved(live, { latitude: 3, longitude: 4, time: '2026-11-22T08:05:00Z' });
  assertEqual([there.location.latitude, there.location.longitude], [3, 4], 'moved');
  assertTrue(moved(there, { latitude: 9, longitude: 9, time: '2026-11-22T08:04:00Z' }) === there, 'an older report is ignored');
  assertTrue(moved(message(6), { latitude: 9, longitude: 9 }).location === undefined, 'a text message is not moved');
});

test('position events move a loaded live location; a stop elsewhere ends my sharing on this device', async () => {
  const { store, actions, tell } = wired();
  const liveUntil = new Date(Date.now() + 60_000).toISOString();
  store.putMessages('c', [message(5, { senderId: 'me', kind: 'live_location', location: { latitude: 1, longitude: 2, liveUntil } })]);
  actions.liveSharing.geolocation = { watchPosition: () => 1, clearWatch() {} };
  actions.liveSharing.start('c', 5, liveUntil);
  tell('location.updated', { messageSeq: 5, userId: 'me', latitude: 1.5, longitude: 2.5, time: new Date().toISOString() });
  assertEqual(store.message('c', 5).location.latitude, 1.5, 'moved');
  assertTrue(actions.liveSharing.isSharing('c', 5), 'sharing');
  tell('location.stopped', { seq: 9, messageSeq: 5, message: message(5, { senderId: 'me', kind: 'live_location',
    location: { latitude: 1.5, longitude: 2.5, liveUntil, stoppedAt: new Date().toISOString() } }) });
  assertTrue(!actions.liveSharing.isSharing('c', 5), 'no longer sharing');
  assertTrue(!isLive(store.message('c', 5)), 'shown as ended');
});

test('a change to a message outside the loaded window leaves no lone message there, but still moves the pins', async () => {
  const { store, tell } = wired();
  store.putMessages('c', [message(40), message(41)]);
  store.setPins('c', []);
  tell('message.pinned', { seq: 42, messageSeq: 3, message: message(3, { pinned: true }) });
  tell('reaction.changed', { seq: 43, messageSeq: 3, data: { emoji: '👍', userId: 'ann', added: true, count: 1 }, message: message(3, { pinned: true }) });
  assertEqual([...store.history('c').bySeq.keys()], [40, 41], 'the window');
  assertEqual(store.pinsOf('c').map((pin) => pin.seq), [3], 'pinned');
  tell('chat.member.changed', { seq: 44, messageSeq: 44, data: { action: 'joined', userIds: ['bo'] },
    message: message(44, { kind: 'system', system: { action: 'joined', userIds: ['bo'] } }) });
  assertEqual([...store.history('c').bySeq.keys()], [40, 41, 44], 'a message a change created is added');
});

test('system notes name invite links, joins through them and handovers, with me in the right case', async () => {
  const store = new Store(ME);
  store.rememberUser({ id: 'ann', displayName: 'Ann' });
  store.rememberUser({ id: 'bo', displayName: 'Bo' });
  assertEqual(describeSystem({ action: 'created', inviteId: 'i1' }, 'ann', store), 'Ann created an invite link', 'created');
  assertEqual(describeSystem({ action: 'revoked', inviteId: 'i1' }, 'me', store), 'You revoked an invite link', 'revoked');
  assertEqual(describeSystem({ action: 'joined', userIds: ['bo'], inviteId: 'i1' }, 'bo', store), 'Bo joined with an invite link', 'joined');
  assertEqual(describeSystem({ action: 'ownership_transferred', userIds: ['me'] }, 'ann', store), 'Ann made you the owner', 'to me');
  assertEqual(describeSystem({ action: 'added', userIds: ['me', 'bo'] }, 'ann', store), 'Ann added you and Bo', 'added');
  assertEqual(describeSystem({ action: 'left', userIds: ['ann'], newOwnerId: 'bo' }, 'ann', store), 'Ann left; Bo is now the owner', 'left');
  assertEqual(describeSystem({ action: 'created', chatType: 'group', title: 'G' }, 'me', store), 'You created the group “G”', 'chat created');
});
