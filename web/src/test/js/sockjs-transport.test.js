import { SockJSEventBusTransport } from '/js/realtime/sockjs-transport.js';
import { CommandError } from '/js/realtime/transport.js';
import { assertEqual, assertTrue, eventually, test } from './harness.js';

/** Plays the SockJS client's part: records what is written, lets the test push frames in. */
class FakeSockJS {
  static last;

  constructor(url) {
    this.url = url;
    this.sent = [];
    this.listeners = {};
    FakeSockJS.last = this;
    setTimeout(() => this.onopen?.(), 1);
  }

  send(text) { this.sent.push(JSON.parse(text)); }
  addEventListener(type, fn) { this.listeners[type] = fn; }
  close() { setTimeout(() => this.onclose?.(), 1); }
  push(frame) { this.onmessage({ data: JSON.stringify(frame) }); }
}

function transport(options = {}) {
  let n = 0;
  return new SockJSEventBusTransport('/eventbus', { SockJS: FakeSockJS, newId: () => `r${++n}`, ...options });
}

test('writes standard bridge frames with headers and resolves replies', async () => {
  const t = transport();
  await t.connect();
  const received = [];
  t.subscribe('client.events', { authorization: 'Bearer x' }, (body) => received.push(body));
  const reply = t.send('realtime.typing', { chatId: 'c', typing: true }, { authorization: 'Bearer x' });
  const socket = FakeSockJS.last;
  assertEqual(socket.sent, [
    { type: 'register', address: 'client.events', headers: { authorization: 'Bearer x' } },
    { type: 'send', address: 'realtime.typing', headers: { authorization: 'Bearer x' }, body: { chatId: 'c', typing: true }, replyAddress: 'r1' },
  ], 'frames');
  socket.push({ type: 'rec', address: 'r1', body: { ok: true } });
  assertEqual(await reply, { ok: true }, 'reply');
  socket.push({ type: 'rec', address: 'client.events', body: { type: 'presence' } });
  assertEqual(received, [{ type: 'presence' }], 'event');
  t.close();
});

test('a failed command rejects with its status and stable code', async () => {
  const t = transport();
  await t.connect();
  const reply = t.send('realtime.typing', {}, {});
  FakeSockJS.last.push({ type: 'err', address: 'r1', failureCode: 403, failureType: 'RECIPIENT_FAILURE',
    message: '{"code":"chat.not_member","message":"Not a member"}' });
  try {
    await reply;
    throw new Error('should have failed');
  } catch (error) {
    assertTrue(error instanceof CommandError, 'a CommandError');
    assertEqual([error.status, error.code, error.message], [403, 'chat.not_member', 'Not a member'], 'error');
  }
  t.close();
});

test('pings to keep the bridge connection alive and reports the refusal that closed it', async () => {
  const t = transport({ pingIntervalMs: 10 });
  await t.connect();
  let closed = null;
  t.onClose((event) => { closed = event; });
  const socket = FakeSockJS.last;
  await eventually(() => socket.sent.some((frame) => frame.type === 'ping'), 'ping');
  socket.push({ type: 'err', body: 'token_expired' });
  socket.onclose();
  assertEqual(closed, { reason: 'token_expired' }, 'close reason');
  assertEqual(t.state, 'closed', 'state');
});

test('a connection that falls silent is closed', async () => {
  const t = transport({ pingIntervalMs: 5, silenceTimeoutMs: 30 });
  await t.connect();
  let closed = null;
  t.onClose((event) => { closed = event; });
  await eventually(() => closed !== null, 'closed after silence', 1_000);
  assertEqual(closed.reason, 'network', 'reason');
});

test('pending commands fail when the connection closes', async () => {
  const t = transport();
  await t.connect();
  const reply = t.send('realtime.auth', {}, {});
  FakeSockJS.last.onclose();
  let failed = false;
  await reply.catch(() => { failed = true; });
  assertTrue(failed, 'rejected');
});
