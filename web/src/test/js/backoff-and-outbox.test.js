import { Backoff } from '/js/realtime/backoff.js';
import { Outbox, memoryStorage } from '/js/realtime/outbox.js';
import { NetworkError } from '/js/errors.js';
import { assertEqual, eventually, test } from './harness.js';

test('pending messages survive a reload through their storage and keep their ids', async () => {
  const storage = memoryStorage();
  const offline = new Outbox({ send: () => Promise.reject(new NetworkError()), storage,
    backoff: new Backoff({ initialMs: 1_000 }) });
  const item = offline.add('c', { text: 'kept' });
  await eventually(() => offline.flushing === null);
  offline.stop();

  const posted = [];
  const reloaded = new Outbox({ send: async (pending) => { posted.push(pending.clientMessageId); return { id: 'm' }; }, storage });
  assertEqual(reloaded.pending('c').map((pending) => pending.text), ['kept'], 'restored');
  await reloaded.flush();
  assertEqual(posted, [item.clientMessageId], 'sent with the original id');
  assertEqual(storage.load(), [], 'storage emptied');
});

test('a failed message can be retried or discarded', async () => {
  let refuse = true;
  const outbox = new Outbox({ send: async () => { if (refuse) { const e = new Error('no'); e.status = 422; throw e; } return {}; } });
  const item = outbox.add('c', { text: 'x' });
  await eventually(() => item.status === 'failed');
  refuse = false;
  outbox.retry(item.clientMessageId);
  await eventually(() => outbox.pending('c').length === 0, 'sent on retry');
  refuse = true;
  const other = outbox.add('c', { text: 'y' });
  await eventually(() => outbox.flushing === null);
  outbox.discard(other.clientMessageId);
  assertEqual(outbox.pending('c'), [], 'discarded');
});

test('backoff never waits less than half its step', async () => {
  const backoff = new Backoff({ initialMs: 10, maxMs: 100 });
  for (let i = 0; i < 50; i += 1) {
    const delay = backoff.next();
    const step = Math.min(100, 10 * 2 ** i);
    if (delay < step / 2 || delay > step) {
      throw new Error(`delay ${delay} outside [${step / 2}, ${step}]`);
    }
  }
});
