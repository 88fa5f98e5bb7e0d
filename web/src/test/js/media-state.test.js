import { Store } from '/js/state/store.js';
import { MediaActions } from '/js/state/media-actions.js';
import { Uploads } from '/js/state/uploads.js';
import { formatBytes, formatDuration, kindFor, refusalOf } from '/js/state/media-kinds.js';
import { peaksOf, resample } from '/js/state/waveform.js';
import { Outbox, memoryStorage } from '/js/realtime/outbox.js';
import { createApi } from '/js/api.js';
import { ApiError, NetworkError } from '/js/errors.js';
import { UploadCancelled } from '/js/object-upload.js';
import { assertEqual, assertTrue, eventually, test } from './harness.js';

const ME = { id: 'me', username: 'me', displayName: 'Me' };
const file = (name, type, size = 1000) => new File([new Uint8Array(size)], name, { type });

/**
 * The media service and object store as the uploads meet them: created media are pending
 * until their bytes are put and they are completed; `refuse` maps a file name to the refusal
 * its completion gets. Each put is held until the test lets it go (`finish(name)`), so a test
 * decides the order in which uploads arrive.
 */
function mediaServer({ refuse = {} } = {}) {
  const media = new Map();
  const puts = [];
  const calls = [];
  let made = 0;
  const api = {
    createMedia: async (body) => {
      calls.push(['create', body.fileName ?? body.kind]);
      made += 1;
      const id = `media-${made}`;
      media.set(id, { ...body, id, status: 'pending' });
      return { id, status: 'pending', upload: { url: `/objects/uploads/${id}`, method: 'PUT', headers: { 'Content-Type': body.contentType } } };
    },
    completeMedia: async (id) => {
      calls.push(['complete', id]);
      const known = media.get(id);
      const refusal = typeof refuse[known.fileName] === 'function' ? refuse[known.fileName]() : refuse[known.fileName];
      if (refusal) {
        throw refusal;
      }
      if (!known.stored) {
        throw new ApiError(409, 'media.not_uploaded', 'Upload the bytes first');
      }
      known.status = 'ready';
      return { id, kind: known.kind, status: 'ready', contentType: known.contentType, size: known.size, fileName: known.fileName, width: 640, height: 480 };
    },
    deleteMedia: async (id) => {
      calls.push(['delete', id]);
      media.delete(id);
    },
  };
  const putObject = (upload, blob, { onProgress }) => {
    const id = upload.url.split('/').pop();
    let settle;
    const done = new Promise((resolve, reject) => { settle = { resolve, reject }; });
    const put = {
      id, name: media.get(id).fileName ?? media.get(id).kind, onProgress,
      finish: () => { media.get(id).stored = true; onProgress(1); settle.resolve(); },
      fail: (error) => settle.reject(error),
    };
    puts.push(put);
    return { done, abort: () => settle.reject(new UploadCancelled()) };
  };
  const finish = (name) => puts.find((put) => put.name === name).finish();
  return { api, putObject, puts, calls, media, finish };
}

function uploads(server, { online = () => true } = {}) {
  const handedOff = [];
  const queue = new Uploads({ api: server.api, putObject: server.putObject, online, handOff: (upload) => handedOff.push(upload) });
  return { queue, handedOff };
}

test('a file goes as the kind it can be: photos, videos and audio as such, anything else (HEIC too) as a document', async () => {
  assertEqual(kindFor(file('a.jpg', 'image/jpeg'), 'media'), 'image', 'a photo');
  assertEqual(kindFor(file('a.mov', 'video/quicktime'), 'media'), 'video', 'a video');
  assertEqual(kindFor(file('a.heic', 'image/heic'), 'media'), 'document', 'HEIC, which the server refuses as an image');
  assertEqual(kindFor(file('a.pdf', 'application/pdf'), 'media'), 'document', 'a PDF picked as a photo');
  assertEqual(kindFor(file('a.mp3', 'audio/mpeg')), 'audio', 'dropped audio');
  assertEqual(kindFor(file('a.m4a', 'audio/x-m4a'), 'audio'), 'audio', 'an alias');
  assertEqual(kindFor(file('a.jpg', 'image/jpeg'), 'document'), 'document', 'a photo sent as a file');
  assertEqual(kindFor(file('notes', '')), 'document', 'a type the browser does not know');
  assertEqual(kindFor(file('a.svg', 'image/svg+xml')), 'document', 'SVG is never an image');
});

test('sizes, durations and refusals read as people say them', async () => {
  assertEqual([formatBytes(999), formatBytes(1234), formatBytes(1_234_567), formatBytes(25_000_000)], ['999 B', '1.2 kB', '1.2 MB', '25 MB'], 'sizes');
  assertEqual([formatDuration(0), formatDuration(3_400), formatDuration(83_000), formatDuration(3_723_000)], ['0:00', '0:03', '1:23', '1:02:03'], 'durations');
  const tooLarge = Object.assign(new ApiError(422, 'media.too_large', 'A image is at most 26214400 bytes'), { details: { maxBytes: 26_214_400 } });
  assertEqual(refusalOf(tooLarge, 'big.png', 'image'), { text: 'big.png is too large: a photo can be at most 26 MB.', asDocument: false }, 'too large');
  assertTrue(refusalOf(new ApiError(422, 'media.type_mismatch'), 'page.jpg', 'image').text.includes('not what its type says'), 'disguised');
  assertEqual(refusalOf(new ApiError(422, 'media.too_many_pixels'), 'huge.png', 'image').asDocument, true, 'a huge picture can go as a file');
});

test('several files arrive in the order chosen, whichever upload finishes first', async () => {
  const server = mediaServer();
  const { queue, handedOff } = uploads(server);
  ['one.jpg', 'two.jpg', 'three.jpg'].forEach((name) => queue.add({ chatId: 'c', file: file(name, 'image/jpeg'), kind: 'image', fileName: name }));
  await eventually(() => server.puts.length === 3, 'three uploads running at once');
  server.finish('three.jpg');
  server.finish('two.jpg');
  await eventually(() => queue.of('c').filter((upload) => upload.status === 'ready').length === 2, 'two checked');
  assertEqual(handedOff.length, 0, 'nothing handed off while the first is still on its way');
  server.puts[0].onProgress(0.5);
  assertEqual(queue.of('c')[0].progress, 0.5, 'progress followed');
  server.finish('one.jpg');
  await eventually(() => handedOff.length === 3, 'all handed off');
  assertEqual(handedOff.map((upload) => upload.fileName), ['one.jpg', 'two.jpg', 'three.jpg'], 'in the order chosen');
  assertEqual(handedOff.map((upload) => upload.media.status), ['ready', 'ready', 'ready'], 'each checked by the server');
  assertEqual(queue.of('c'), [], 'none left');
});

test('a cancelled upload stops, its media is dropped on the server and it never becomes a message', async () => {
  const server = mediaServer();
  const { queue, handedOff } = uploads(server);
  const big = queue.add({ chatId: 'c', file: file('film.mp4', 'video/mp4'), kind: 'video', fileName: 'film.mp4' });
  queue.add({ chatId: 'c', file: file('after.jpg', 'image/jpeg'), kind: 'image', fileName: 'after.jpg' });
  await eventually(() => server.puts.length === 2, 'both uploading');
  server.finish('after.jpg');
  queue.cancel(big.localId);
  await eventually(() => handedOff.length === 1, 'the next one no longer waits for it');
  assertEqual(handedOff[0].fileName, 'after.jpg', 'only the other one');
  assertTrue(server.calls.some(([call, id]) => call === 'delete' && id === 'media-1'), 'the pending media dropped');
  assertTrue(!server.calls.some(([call, id]) => call === 'complete' && id === 'media-1'), 'never completed');
});

test('a refused file says why and holds nothing up; sent again as a file it goes', async () => {
  const server = mediaServer({ refuse: { 'page.jpg': () => new ApiError(422, 'media.type_mismatch', 'The bytes are text/html') } });
  const { queue, handedOff } = uploads(server);
  const disguised = queue.add({ chatId: 'c', file: file('page.jpg', 'image/jpeg'), kind: 'image', fileName: 'page.jpg' });
  queue.add({ chatId: 'c', file: file('fine.jpg', 'image/jpeg'), kind: 'image', fileName: 'fine.jpg' });
  await eventually(() => server.puts.length === 2);
  server.finish('fine.jpg');
  server.finish('page.jpg');
  await eventually(() => disguised.status === 'failed' && handedOff.length === 1, 'refused, the other sent');
  assertTrue(disguised.error.text.startsWith('page.jpg is not what its type says'), `in words: ${disguised.error.text}`);
  assertEqual(disguised.error.asDocument, true, 'sending it as a file is offered');
  assertTrue(server.calls.some(([call, id]) => call === 'delete' && id === 'media-1'), 'the refused media dropped');
  queue.retry(disguised.localId, 'document');
  await eventually(() => server.puts.length === 3, 'uploaded again');
  assertEqual(server.calls.filter(([call]) => call === 'create').at(-1), ['create', 'page.jpg'], 'asked for anew');
  assertEqual(server.media.get(server.puts[2].id).kind, 'document', 'as a document');
});

test('an upload started offline waits for the network, then goes by itself', async () => {
  const server = mediaServer();
  let online = false;
  const { queue, handedOff } = uploads(server, { online: () => online });
  const upload = queue.add({ chatId: 'c', file: file('beach.jpg', 'image/jpeg'), kind: 'image', fileName: 'beach.jpg' });
  assertEqual([upload.status, upload.offline, server.calls.length], ['waiting', true, 0], 'waiting, nothing asked');
  online = true;
  queue.networkBack();
  await eventually(() => server.puts.length === 1, 'started when the network came back');
  server.finish('beach.jpg');
  await eventually(() => handedOff.length === 1, 'handed off');
});

test('cut off while sending, an upload starts again with a fresh URL; a completion the server could not check is asked again without the bytes', async () => {
  let busy = true;
  const server = mediaServer({ refuse: { 'song.mp3': () => (busy ? new ApiError(503, 'media.busy', 'busy') : null) } });
  const { queue, handedOff } = uploads(server);
  const upload = queue.add({ chatId: 'c', file: file('song.mp3', 'audio/mpeg'), kind: 'audio', fileName: 'song.mp3' });
  await eventually(() => server.puts.length === 1);
  server.puts[0].fail(new NetworkError(new Error('gone')));
  await eventually(() => upload.status === 'waiting' && upload.offline, 'waiting for the network');
  queue.networkBack();
  await eventually(() => server.puts.length === 2, 'a second attempt');
  assertEqual(server.calls.filter(([call]) => call === 'create').length, 2, 'with a new upload URL');
  assertTrue(server.calls.some(([call, id]) => call === 'delete' && id === 'media-1'), 'the first media dropped');
  server.puts[1].finish();
  await eventually(() => upload.status === 'waiting' && upload.attempts === 2 && upload.uploaded, 'the check refused for now (busy)');
  busy = false;
  queue.networkBack();
  await eventually(() => handedOff.length === 1, 'checked on the second ask');
  assertEqual(server.puts.length, 2, 'the bytes were not sent again');
});

test('a media message goes to the outbox once, with its id and caption only, and survives a reload', async () => {
  const storage = memoryStorage();
  const posted = [];
  const api = createApi({ post: async (path, body) => { posted.push({ path, body }); return { seq: 5, ...body }; } });
  let refuseNetwork = true;
  const outbox = new Outbox({
    storage,
    send: (item) => (refuseNetwork ? Promise.reject(new NetworkError()) : api.send(item.chatId, item)),
  });
  const server = mediaServer();
  const store = new Store(ME);
  const media = new MediaActions({ api: server.api, store, realtime: { sendMessage: (chatId, draft) => outbox.add(chatId, draft) }, putObject: server.putObject });
  media.send('c', [{ file: file('cat.jpg', 'image/jpeg'), kind: 'media', caption: '  our cat  ' }], { replyTo: 3 });
  await eventually(() => server.puts.length === 1);
  server.finish('cat.jpg');
  await eventually(() => outbox.pending('c').length === 1, 'in the outbox');
  const [item] = storage.load();
  assertEqual([item.kind, item.media.id, item.media.caption, item.media.width, item.replyTo], ['image', 'media-1', 'our cat', 640, 3], 'kept to show while pending');
  outbox.stop();
  refuseNetwork = false;
  const reloaded = new Outbox({ storage, send: (pending) => api.send(pending.chatId, pending) });
  await reloaded.flush();
  await reloaded.flush();
  assertEqual(posted.length, 1, 'sent once');
  assertEqual(posted[0].path, '/chats/c/messages', 'to the chat');
  assertEqual(posted[0].body, { clientMessageId: item.clientMessageId, kind: 'image', replyTo: 3, media: { id: 'media-1', caption: 'our cat' } },
    'what the server takes: the id and the caption, never the metadata the client knows');
});

test('download URLs are asked once while fresh, again shortly before they expire, and a failure is not kept', async () => {
  let now = Date.parse('2026-11-22T10:00:00Z');
  let asked = 0;
  let fail = false;
  const api = {
    media: async (id) => {
      asked += 1;
      if (fail) {
        throw new NetworkError();
      }
      return { id, url: `/objects/media/${id}?n=${asked}`, thumbnailUrl: `/objects/thumbs/${id}.jpg`, expiresAt: new Date(now + 3_600_000).toISOString() };
    },
  };
  const media = new MediaActions({ api, store: new Store(ME), realtime: {}, now: () => now });
  const [a, b] = await Promise.all([media.urls('m1'), media.urls('m1')]);
  assertEqual([asked, a.url, b.url], [1, '/objects/media/m1?n=1', '/objects/media/m1?n=1'], 'one request for both');
  assertEqual(media.cachedUrls('m1').url, '/objects/media/m1?n=1', 'known without asking');
  now += 58 * 60_000;
  await media.urls('m1');
  assertEqual(asked, 1, 'still fresh at 58 minutes');
  now += 90_000;
  assertEqual(media.cachedUrls('m1'), null, 'about to expire: not used');
  assertEqual((await media.urls('m1')).url, '/objects/media/m1?n=2', 'asked again');
  fail = true;
  await media.urls('m2').catch(() => {});
  fail = false;
  assertEqual((await media.urls('m2')).id, 'm2', 'asked again after a failure');
});

test('waveforms are the peaks of equal slices, loudest one, silence a thin line', async () => {
  const samples = new Float32Array(400);
  samples[10] = 0.5;
  samples[390] = -1;
  const peaks = peaksOf(samples, 4);
  assertEqual(peaks, [0.5, 0.06, 0.06, 1], 'four bars');
  assertEqual(resample([0, 0.2, 0.4, 0.1], 2), [0.5, 1], 'levels folded into bars');
  assertEqual(peaksOf([], 4), [], 'no samples, no bars');
});
