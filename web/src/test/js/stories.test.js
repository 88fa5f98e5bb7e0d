import { Store } from '/js/state/store.js';
import { StoryActions } from '/js/state/story-actions.js';
import { RealtimeClient } from '/js/realtime/realtime-client.js';
import { storiesRow } from '/js/ui/stories-row.js';
import { assertEqual, assertTrue, eventually, test } from './harness.js';

const ME = { id: 'me', username: 'me', displayName: 'Me' };
const ALICE = { id: 'alice', username: 'alice', displayName: 'Alice' };
const BOB = { id: 'bob', username: 'bob', displayName: 'Bob' };
const hour = (h) => new Date(Date.UTC(2030, 0, 1, h)).toISOString();
const story = (id, authorId, createdHour, seen = false) => ({
  id, authorId, kind: 'text', text: id, background: '#336699', createdAt: hour(createdHour), expiresAt: hour(createdHour + 24), seen,
});

function wired(api = {}) {
  const store = new Store(ME);
  const calls = [];
  const recording = new Proxy(api, {
    get: (target, name) => (...args) => {
      calls.push([name, ...args]);
      return name in target ? target[name](...args) : Promise.resolve({});
    },
  });
  const uploads = [];
  const fetchImpl = async (url, options) => { uploads.push([url, options.method, options.body]); return { ok: true, status: 200 }; };
  return { store, calls, uploads, actions: new StoryActions({ api: recording, store, fetchImpl }) };
}

test('the feed shows mine first, then authors with unseen stories, then the seen, newest first', () => {
  const { store } = wired();
  store.stories.now = () => Date.parse(hour(5));
  store.stories.put({ items: [
    { author: ALICE, stories: [story('a1', 'alice', 1, true)] },
    { author: BOB, stories: [story('b1', 'bob', 0)] },
    { author: ME, stories: [story('m1', 'me', 2, true)] },
  ] });
  assertEqual(store.stories.visible('me').map((group) => group.author.id), ['me', 'bob', 'alice'], 'order');
  assertEqual(store.stories.visible('me')[1].unseen, 1, 'unseen count');
});

test('live events add a contact\'s story, remove deleted and expired ones, and count views of mine', () => {
  const { store } = wired();
  store.stories.now = () => Date.parse(hour(5));
  let changes = 0;
  store.on('stories', () => { changes += 1; });
  store.stories.put({ items: [{ author: ME, stories: [{ ...story('m1', 'me', 1, true), views: 0 }] }] });
  store.stories.apply({ type: 'story.created', payload: { storyId: 'a1', author: ALICE, story: story('a1', 'alice', 4) } });
  store.stories.apply({ type: 'story.created', payload: { storyId: 'a1', author: ALICE, story: story('a1', 'alice', 4) } });
  assertEqual(store.stories.visible('me').map((group) => group.author.id), ['me', 'alice'], 'appeared once');
  store.stories.apply({ type: 'story.viewed', payload: { storyId: 'm1', viewerId: 'bob' } });
  assertEqual(store.stories.find('m1').story.views, 1, 'a view of mine counted');
  store.stories.apply({ type: 'story.expired', payload: { storyId: 'a1', authorId: 'alice' } });
  assertEqual(store.stories.visible('me').map((group) => group.author.id), ['me'], 'expired gone');
  assertTrue(changes >= 4, 'each change told');
});

test('a story is hidden from the instant it expires, even before its event arrives', () => {
  const { store } = wired();
  store.stories.put({ items: [{ author: ALICE, stories: [story('a1', 'alice', 1)] }] });
  store.stories.now = () => Date.parse(hour(25)) - 1;
  assertEqual(store.stories.visible('me').length, 1, 'just before');
  store.stories.now = () => Date.parse(hour(25));
  assertEqual(store.stories.visible('me').length, 0, 'at expiry');
});

test('posting a photo uploads it to the signed URL, completes it, then posts the story to the chosen audience', async () => {
  const { store, calls, uploads, actions } = wired({
    createMedia: async () => ({ id: 'media-1', upload: { url: '/objects/put-here', method: 'PUT', headers: { 'Content-Type': 'image/png' } } }),
    postStory: async (body) => ({ id: 's1', author: ME, authorId: 'me', kind: 'image', media: body.media, createdAt: hour(1), expiresAt: hour(25), audience: body.audience }),
  });
  const file = new File([new Uint8Array([1, 2, 3])], 'p.png', { type: 'image/png' });
  await actions.post({ file, caption: 'Hi', audience: { type: 'selected', userIds: ['alice'] } });
  assertEqual(calls[0], ['createMedia', { kind: 'image', contentType: 'image/png', size: 3, fileName: 'p.png' }], 'asked for an upload');
  assertEqual(uploads[0].slice(0, 2), ['/objects/put-here', 'PUT'], 'bytes to the signed URL');
  assertEqual(calls[1], ['completeMedia', 'media-1'], 'completed');
  assertEqual(calls[2], ['postStory', { media: { id: 'media-1' }, caption: 'Hi', audience: { type: 'selected', userIds: ['alice'] } }], 'posted');
  assertEqual(store.stories.find('s1').group.author.id, 'me', 'in my group at once');
});

test('a file that is not a photo or a video is refused before anything is uploaded', async () => {
  const { calls, actions } = wired();
  let refused = null;
  await actions.post({ file: new File(['%PDF'], 'a.pdf', { type: 'application/pdf' }) }).catch((error) => { refused = error; });
  assertTrue(refused !== null, 'refused');
  assertEqual(calls.length, 0, 'nothing asked of the server');
});

test('viewing records a view of someone else\'s story only, and a reply is a direct message quoting the story', async () => {
  const { store, calls, actions } = wired({
    openDirect: async () => ({ id: 'chat-1', type: 'direct' }),
    send: async (chatId, body) => ({ chatId, seq: 1, kind: 'text', text: body.text, story: { id: body.story.id }, senderId: 'me', createdAt: hour(2) }),
  });
  store.stories.put({ items: [{ author: ALICE, stories: [story('a1', 'alice', 1)] }, { author: ME, stories: [story('m1', 'me', 1, true)] }] });
  await actions.view(store.stories.find('a1').story);
  await actions.view(store.stories.find('m1').story);
  assertEqual(calls.filter(([name]) => name === 'viewStory'), [['viewStory', 'a1']], 'one view, not of mine');
  assertTrue(store.stories.find('a1').story.seen, 'seen here at once');
  const chatId = await actions.reply(store.stories.find('a1').story, 'Nice!');
  assertEqual(chatId, 'chat-1', 'the direct chat');
  const send = calls.find(([name]) => name === 'send');
  assertEqual([send[1], send[2].text, send[2].story], ['chat-1', 'Nice!', { id: 'a1' }], 'the reply quotes the story');
});

test('the row shows a ring per author, unseen ones marked, and follows live events', async () => {
  const { store, actions } = wired();
  store.stories.now = () => Date.parse(hour(5));
  const row = storiesRow({ store, actions, onOpenChat: () => {} });
  document.body.append(row.element);
  try {
    store.stories.put({ items: [{ author: ALICE, stories: [story('a1', 'alice', 1, true)] }] });
    store.stories.apply({ type: 'story.created', payload: { author: BOB, story: story('b1', 'bob', 4) } });
    await eventually(() => row.element.querySelectorAll('.story-ring[data-author-id]').length === 2, 'two rings');
    const rings = [...row.element.querySelectorAll('.story-ring[data-author-id]')];
    assertEqual(rings.map((ring) => ring.dataset.authorId), ['bob', 'alice'], 'unseen first');
    assertTrue(rings[0].classList.contains('unseen') && rings[1].classList.contains('seen'), 'marked');
    assertTrue(row.element.querySelector('.story-ring.add') !== null, 'add a story');
  } finally {
    row.element.remove();
  }
});

test('the realtime client hands story events to their own listeners, never to the chat sequencer', () => {
  const client = new RealtimeClient({ transportFactory: () => ({}), session: {}, api: { changesAfter: async () => ({ events: [] }) } });
  const stories = [];
  const chats = [];
  client.on('story', (event) => stories.push(event.type));
  client.on('chat', (event) => chats.push(event.type));
  client.receive({ type: 'story.created', payload: { storyId: 's' } });
  assertEqual(stories, ['story.created'], 'story listener');
  assertEqual(chats, [], 'no chat event');
});
