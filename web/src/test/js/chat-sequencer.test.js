import { ChatSequencer } from '/js/realtime/chat-sequencer.js';
import { assertEqual, eventually, test } from './harness.js';

const event = (chatId, seq) => ({ type: 'message.sent', payload: { chatId, seq } });

function sequencer(stored, { pageSize = 2 } = {}) {
  const applied = [];
  const calls = [];
  const s = new ChatSequencer({
    fetchAfter: async (chatId, after) => {
      calls.push(after);
      const newer = stored.filter((e) => e.payload.seq > after);
      return { events: newer.slice(0, pageSize), hasMore: newer.length > pageSize };
    },
    apply: (e) => applied.push(e.payload.seq),
  });
  return { s, applied, calls };
}

test('a gap is filled page by page until the server has nothing more', async () => {
  const stored = [1, 2, 3, 4, 5, 6].map((seq) => event('c', seq));
  const { s, applied, calls } = sequencer(stored);
  s.track('c', 1);
  s.accept(stored[5]);
  await eventually(() => applied.length === 5);
  assertEqual(applied, [2, 3, 4, 5, 6], 'applied');
  assertEqual(calls, [1, 3, 5], 'pages');
});

test('a seq the server never shows (not meant for me) does not stall the chat', async () => {
  const stored = [event('c', 1), event('c', 3)];
  const { s, applied } = sequencer(stored);
  s.track('c', 1);
  s.accept(event('c', 3));
  await eventually(() => applied.length === 1);
  s.accept(event('c', 4));
  assertEqual(applied, [3, 4], 'applied');
});

test('events without a seq (not ordered changes) pass straight through', async () => {
  const { s, applied } = sequencer([]);
  const seen = [];
  s.apply = (e) => seen.push(e.type);
  s.accept({ type: 'receipt.updated', payload: { chatId: 'c', userId: 'u', readSeq: 9 } });
  assertEqual(seen, ['receipt.updated'], 'applied');
  assertEqual(applied, [], 'no ordered events');
});
