import { LiveSharing } from '/js/state/live-sharing.js';
import { memoryStorage } from '/js/realtime/outbox.js';
import { assertEqual, assertTrue, eventually, sleep, test } from './harness.js';

/** A browser position source the test moves by hand. */
class FakeGeolocation {
  constructor() {
    this.watchers = new Map();
    this.next = 1;
  }

  watchPosition(success) {
    const id = this.next++;
    this.watchers.set(id, success);
    return id;
  }

  clearWatch(id) {
    this.watchers.delete(id);
  }

  moveTo(latitude, longitude) {
    this.watchers.forEach((success) => success({ coords: { latitude, longitude } }));
  }
}

function sharing({ send = async () => ({}), storage = memoryStorage() } = {}) {
  const geolocation = new FakeGeolocation();
  const sent = [];
  const stopped = [];
  const live = new LiveSharing({
    geolocation, storage, minIntervalMs: 60,
    sendPosition: (share, position) => { sent.push({ seq: share.seq, ...position }); return send(share, position); },
    stopSharing: async (share) => { stopped.push(share.seq); },
  });
  return { live, geolocation, sent, stopped, storage };
}

const soon = (ms) => new Date(Date.now() + ms).toISOString();

test('live sharing sends at most one position per interval, always the newest', async () => {
  const { live, geolocation, sent } = sharing();
  live.start('c', 7, soon(60_000));
  geolocation.moveTo(1.0000001, 2);
  geolocation.moveTo(1.1, 2.1);
  geolocation.moveTo(1.2, 2.2);
  await sleep(20);
  assertEqual(sent, [], 'nothing within the first interval (the message carries the first position)');
  await eventually(() => sent.length === 1, 'one send');
  assertEqual(sent[0], { seq: 7, latitude: 1.2, longitude: 2.2 }, 'the newest position');
  await sleep(100);
  assertEqual(sent.length, 1, 'no repeat without a new position');
  geolocation.moveTo(1.3, 2.3);
  await eventually(() => sent.length === 2, 'the next one');
  live.stopAll();
});

test('stopping ends the share on the server and stops watching the position', async () => {
  const { live, geolocation, sent, stopped } = sharing();
  live.start('c', 7, soon(60_000));
  assertEqual(geolocation.watchers.size, 1, 'watching');
  await live.stop('c', 7);
  assertEqual(stopped, [7], 'stopped on the server');
  assertEqual(geolocation.watchers.size, 0, 'not watching');
  geolocation.moveTo(5, 5);
  await sleep(100);
  assertEqual(sent, [], 'nothing sent after the stop');
});

test('a share the server says is over stops being watched', async () => {
  const ended = Object.assign(new Error('ended'), { status: 410 });
  const { live, geolocation } = sharing({ send: async () => { throw ended; } });
  live.start('c', 7, soon(60_000));
  geolocation.moveTo(1, 1);
  await eventually(() => !live.isSharing('c', 7), 'forgotten');
  assertEqual(geolocation.watchers.size, 0, 'not watching');
});

test('a share ends by itself at its time, and a reload resumes only live ones', async () => {
  const storage = memoryStorage([{ chatId: 'c', seq: 1, liveUntil: soon(-1_000) }, { chatId: 'c', seq: 2, liveUntil: soon(60_000) }]);
  const { live } = sharing({ storage });
  live.resume();
  assertEqual(live.active('c').map((share) => share.seq), [2], 'the expired one is dropped');
  assertEqual(storage.load().map((share) => share.seq), [2], 'and forgotten');
  live.start('c', 3, soon(80));
  assertTrue(live.isSharing('c', 3), 'sharing');
  await eventually(() => !live.isSharing('c', 3), 'ended at its time');
  live.stopAll();
});
