import { Backoff } from '/js/realtime/backoff.js';
import { RealtimeClient } from '/js/realtime/realtime-client.js';
import { assertEqual, assertTrue, eventually, sleep, test } from './harness.js';
import { FakeChatServer, FakeSession } from './fake-chat-server.js';

/** A client on a fake server, recording every chat event it applies and every state it passes. */
function connectedPair({ chats = ['c1'] } = {}) {
  const server = new FakeChatServer();
  const session = new FakeSession();
  const client = new RealtimeClient({
    transportFactory: () => server.hub.transport(),
    session,
    api: server.api(),
    backoff: new Backoff({ initialMs: 10, maxMs: 40 }),
    outboxBackoff: new Backoff({ initialMs: 10, maxMs: 40 }),
  });
  const applied = [];
  const states = [];
  client.on('chat', (event) => applied.push(`${event.payload.chatId}#${event.payload.seq}`));
  client.on('state', (state) => states.push(state));
  chats.forEach((chatId) => client.track(chatId, 0));
  return { server, session, client, applied, states };
}

test('connects, presents the access token on every frame and goes online', async () => {
  const { server, client, states } = connectedPair();
  client.start();
  await eventually(() => client.state === 'online', 'online');
  const register = server.hub.framesOf('register')[0];
  assertEqual(register.address, 'client.events', 'registered address');
  assertEqual(register.headers, { authorization: 'Bearer token-1' }, 'register headers');
  assertEqual(server.hub.framesOf('send')[0].address, 'realtime.auth', 'authentication command');
  assertEqual(states, ['connecting', 'online'], 'states');
  client.stop();
});

test('applies live chat events in order and drops duplicates', async () => {
  const { server, client, applied } = connectedPair();
  client.start();
  await eventually(() => client.state === 'online');
  const first = server.commit('c1', 'message.sent', { text: 'a' });
  server.commit('c1', 'message.sent', { text: 'b' });
  server.hub.deliver('client.events', first);
  server.commit('c1', 'message.edited', { messageId: 'm1', text: 'a2' });
  await eventually(() => applied.length === 3, 'three events');
  await sleep(20);
  assertEqual(applied, ['c1#1', 'c1#2', 'c1#3'], 'applied');
  assertEqual(client.sequencer.duplicates, 1, 'duplicates dropped');
  client.stop();
});

test('fills a gap from the server before applying the event after it', async () => {
  const { server, client, applied } = connectedPair();
  client.start();
  await eventually(() => client.state === 'online');
  await eventually(() => server.syncCalls.length === 1, 'initial catch-up');
  server.syncCalls.length = 0;
  server.commit('c1', 'message.sent', { text: 'a' });
  server.commit('c1', 'message.sent', { text: 'lost on the way' }, { live: false });
  server.commit('c1', 'message.sent', { text: 'c' });
  await eventually(() => applied.length === 3, 'three events');
  assertEqual(applied, ['c1#1', 'c1#2', 'c1#3'], 'applied');
  assertEqual(server.syncCalls, [{ chatId: 'c1', after: 1 }], 'one sync from the cursor');
  client.stop();
});

test('a chat seen for the first time starts from its first event', async () => {
  const { server, client, applied } = connectedPair({ chats: [] });
  client.start();
  await eventually(() => client.state === 'online');
  server.commit('new', 'chat.created', {}, { live: false });
  server.commit('new', 'message.sent', { text: 'hello' });
  await eventually(() => applied.length === 1);
  assertEqual(applied, ['new#2'], 'applied');
  assertEqual(server.syncCalls.filter((call) => call.chatId === 'new'), [], 'no sync');
  client.stop();
});

test('reconnects with growing jittered delays and resumes from its cursors without gap or duplicate', async () => {
  const { server, client, applied, states } = connectedPair({ chats: ['c1', 'c2'] });
  client.start();
  await eventually(() => client.state === 'online');
  server.commit('c1', 'message.sent', { text: 'before' });
  await eventually(() => applied.length === 1);

  server.online = false;
  await eventually(() => client.state === 'offline', 'offline');
  server.commit('c1', 'message.sent', { text: 'missed 1' }, { live: false });
  server.commit('c2', 'message.sent', { text: 'missed 2' }, { live: false });
  server.commit('c1', 'message.edited', { messageId: 'm1' }, { live: false });
  await eventually(() => server.hub.connectAttempts.length >= 4, 'several attempts while down');
  server.online = true;
  await eventually(() => client.state === 'online', 'back online', 3_000);
  server.commit('c1', 'message.sent', { text: 'after' });
  await eventually(() => applied.length === 5, 'five events');
  await sleep(20);

  assertEqual(applied.filter((id) => id.startsWith('c1')), ['c1#1', 'c1#2', 'c1#3', 'c1#4'], 'c1 in order, once');
  assertEqual(applied.filter((id) => id.startsWith('c2')), ['c2#1'], 'c2 once');
  assertTrue(server.syncCalls.some((call) => call.chatId === 'c1' && call.after === 1), 'c1 synced from its cursor');
  assertTrue(server.syncCalls.some((call) => call.chatId === 'c2' && call.after === 0), 'c2 synced from its cursor');
  const attempts = server.hub.connectAttempts;
  const gaps = attempts.slice(2).map((at, i) => at - attempts[i + 1]);
  assertTrue(gaps.every((gap) => gap >= 4), `retries wait (gaps ${gaps.map(Math.round)})`);
  assertTrue(states.includes('offline') && states.at(-1) === 'online', 'offline then online');
  client.stop();
});

test('live events arriving during a resync wait until the chat has caught up', async () => {
  const { server, client, applied } = connectedPair();
  client.start();
  await eventually(() => client.state === 'online');
  server.online = false;
  await eventually(() => client.state === 'offline');
  server.commit('c1', 'message.sent', { text: 'missed' }, { live: false });
  server.syncDelayMs = 80;
  server.online = true;
  await eventually(() => client.state === 'online');
  server.commit('c1', 'message.sent', { text: 'live during sync' });
  await eventually(() => applied.length === 2, 'both events', 2_000);
  assertEqual(applied, ['c1#1', 'c1#2'], 'order');
  client.stop();
});

test('messages written offline stay pending and are sent once each, in order, when back', async () => {
  const { server, client } = connectedPair();
  const sent = [];
  client.on('sent', ({ item, message }) => sent.push([item.clientMessageId, message.seq]));
  client.start();
  await eventually(() => client.state === 'online');
  server.online = false;
  await eventually(() => client.state === 'offline');

  const first = client.sendMessage('c1', { text: 'one' });
  const second = client.sendMessage('c1', { text: 'two' });
  await sleep(60);
  assertEqual(client.pending('c1').map((item) => [item.text, item.status]), [['one', 'pending'], ['two', 'pending']], 'pending');
  assertEqual(server.texts('c1'), [], 'nothing stored while offline');

  server.online = true;
  await eventually(() => client.pending('c1').length === 0, 'outbox drained', 3_000);
  assertEqual(server.texts('c1'), ['one', 'two'], 'stored once each, in order');
  assertEqual(sent, [[first.clientMessageId, 1], [second.clientMessageId, 2]], 'acknowledged with their ids');
  const ids = server.posts.filter((post) => post.text === 'one').map((post) => post.clientMessageId);
  assertTrue(ids.every((id) => id === first.clientMessageId), 'every attempt carried the same client message id');
  client.stop();
});

test('a send whose reply was lost is retried with the same id and stored once', async () => {
  const { server, client } = connectedPair();
  client.start();
  await eventually(() => client.state === 'online');
  server.loseNextReply = true;
  client.sendMessage('c1', { text: 'only once' });
  await eventually(() => client.pending('c1').length === 0, 'acknowledged', 3_000);
  assertEqual(server.posts.length, 2, 'posted twice');
  assertEqual(server.texts('c1'), ['only once'], 'stored once');
  client.stop();
});

test('a refused message is marked failed and does not block the ones after it', async () => {
  const { server, client } = connectedPair();
  client.start();
  await eventually(() => client.state === 'online');
  client.sendMessage('c1', { text: 'forbidden' });
  client.sendMessage('c1', { text: 'fine' });
  await eventually(() => client.pending('c1').length === 1, 'one left');
  assertEqual(client.pending('c1')[0].status, 'failed', 'status');
  assertEqual(server.texts('c1'), ['fine'], 'stored');
  client.stop();
});

test('a refreshed access token is presented on the open connection', async () => {
  const { server, session, client } = connectedPair();
  client.start();
  await eventually(() => client.state === 'online');
  session.refresh();
  await eventually(() => server.hub.framesOf('send').length === 2, 'second auth frame');
  const renewal = server.hub.framesOf('send')[1];
  assertEqual([renewal.address, renewal.headers.authorization], ['realtime.auth', 'Bearer token-2'], 'renewal');
  assertEqual(client.state, 'online', 'still online');
  client.stop();
});

test('a connection closed for an expired token reconnects with a fresh one', async () => {
  const { server, session, client } = connectedPair();
  client.start();
  await eventually(() => client.state === 'online');
  server.hub.dropAll('token_expired');
  await eventually(() => session.forcedRefreshes === 1, 'forced refresh');
  await eventually(() => client.state === 'online', 'online again');
  assertEqual(server.hub.framesOf('register').at(-1).headers.authorization, 'Bearer token-2', 'fresh token');
  client.stop();
});

test('an ended session stops the client and says so', async () => {
  const { server, session, client } = connectedPair();
  let unauthorized = 0;
  client.on('unauthorized', () => { unauthorized += 1; });
  client.start();
  await eventually(() => client.state === 'online');
  session.ended = true;
  server.hub.dropAll('token_expired');
  await eventually(() => unauthorized === 1, 'unauthorized');
  assertEqual(client.state, 'stopped', 'state');
  await sleep(60);
  assertEqual(server.hub.open.size, 0, 'no connection');
});

test('typing and presence bypass the sequencer', async () => {
  const { server, client } = connectedPair();
  const ephemeral = [];
  client.on('ephemeral', (event) => ephemeral.push(event.type));
  client.start();
  await eventually(() => client.state === 'online');
  server.hub.deliver('client.events', { type: 'typing', chatId: 'c1', userId: 'u2', typing: true });
  server.hub.deliver('client.events', { type: 'presence', userId: 'u2', status: 'online' });
  await eventually(() => ephemeral.length === 2);
  assertEqual(ephemeral, ['typing', 'presence'], 'ephemeral events');
  client.stop();
});

test('backoff delays grow, stay within [d/2, d] and are capped', async () => {
  const low = new Backoff({ initialMs: 100, maxMs: 1_000, random: () => 0 });
  const high = new Backoff({ initialMs: 100, maxMs: 1_000, random: () => 0.999999 });
  assertEqual([1, 2, 3, 4, 5].map(() => low.next()), [50, 100, 200, 400, 500], 'lower bounds');
  assertEqual([1, 2, 3, 4, 5].map(() => high.next()), [100, 200, 400, 800, 1000], 'upper bounds');
  high.reset();
  assertEqual(high.next(), 100, 'after reset');
});

test('a node shutting down picks when its clients come back', async () => {
  const { server, client } = connectedPair();
  client.start();
  await eventually(() => client.state === 'online');
  server.hub.deliver('client.events', { type: 'server.shutdown', reconnectInMs: 120 });
  await sleep(10);
  const attemptsBefore = server.hub.connectAttempts.length;
  server.hub.dropAll('network');
  await eventually(() => client.state === 'offline');
  const delay = client.nextAttemptAt - Date.now();
  assertTrue(delay > 80 && delay <= 120, `waits the server's delay (${delay} ms)`);
  await eventually(() => client.state === 'online', 'back', 2_000);
  assertEqual(server.hub.connectAttempts.length, attemptsBefore + 1, 'one reconnect');
  client.stop();
});
