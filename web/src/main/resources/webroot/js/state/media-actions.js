import { putObject as xhrPut } from '../object-upload.js';
import { Uploads } from './uploads.js';
import { declaredType, kindFor } from './media-kinds.js';
import { BARS, MAX_DECODED_BYTES, decodePeaks } from './waveform.js';

/** A download URL is used only while it has this long left (the server gives at most an hour). */
const FRESH_MS = 60_000;
/** A media the server shows without URLs (mine, not ready yet) is asked again this soon. */
const NO_URL_MS = 5_000;
const KEPT_PREVIEWS = 60;

/**
 * Photos, videos, voice notes and files: sending them (through {@link Uploads}, then the
 * outbox like any message), the short-lived URLs to show or download a media (one per media
 * until shortly before it expires), a chat's gallery, voice-note waveforms, and single images
 * uploaded for a profile or group picture. The views see media only through this.
 *
 * Store event 'uploads' (chatId): the chat's uploads changed.
 */
export class MediaActions {
  constructor({ api, store, realtime, people, putObject = xhrPut, online = () => globalThis.navigator?.onLine !== false, now = () => Date.now() }) {
    this.api = api;
    this.store = store;
    this.realtime = realtime;
    this.people = people;
    this.putObject = putObject;
    this.now = now;
    this.links = new Map();
    this.previews = new Map();
    this.peaks = new Map();
    this.uploads = new Uploads({
      api, putObject, online,
      handOff: (upload) => this.handOff(upload),
      changed: (chatId) => store.emit('uploads', chatId),
    });
    realtime.on?.('state', (state) => state === 'online' && this.uploads.networkBack());
  }

  // ---- sending ----

  /**
   * Sends files to a chat, one message each, in this order: [{file, kind?, caption?}] where kind
   * is what the attach menu asked for ('media', 'audio', 'document'; nothing when dropped or pasted).
   */
  send(chatId, picks, { replyTo } = {}) {
    return picks.map(({ file, kind, caption }) => {
      const sentAs = kindFor(file, kind);
      return this.uploads.add({
        chatId, file, kind: sentAs, caption: (caption || '').trim(), replyTo,
        fileName: file.name || (sentAs === 'document' ? 'file' : undefined),
        previewUrl: sentAs === 'image' || sentAs === 'video' ? URL.createObjectURL(file) : null,
      });
    });
  }

  /** A voice note recorded here ({@link BARS} levels measured while recording, its length as measured). */
  sendVoiceNote(chatId, blob, { durationMs, peaks, replyTo } = {}) {
    return this.uploads.add({ chatId, file: blob, kind: 'audio', replyTo, durationMs, peaks, previewUrl: URL.createObjectURL(blob) });
  }

  uploadsOf(chatId) {
    return this.uploads.of(chatId);
  }

  watch(localId, listener) {
    return this.uploads.watch(localId, listener);
  }

  cancel(localId) {
    const upload = this.uploads.find(localId);
    this.uploads.cancel(localId);
    if (upload?.previewUrl) {
      URL.revokeObjectURL(upload.previewUrl);
    }
  }

  /** Tries a failed upload again, or (asDocument) sends it as a plain file. */
  retry(localId, { asDocument = false } = {}) {
    this.uploads.retry(localId, asDocument ? 'document' : undefined);
  }

  /** Whether a file is still on its way (leaving the page now would lose it). */
  busy() {
    return this.uploads.busy();
  }

  /** A checked upload becomes a message in the outbox: sent once, kept across a reload. */
  handOff(upload) {
    const media = upload.media;
    this.keepPreview(media.id, upload.previewUrl);
    if (upload.peaks?.length) {
      this.peaks.set(media.id, Promise.resolve(upload.peaks));
    }
    this.realtime.sendMessage(upload.chatId, {
      kind: upload.kind,
      replyTo: upload.replyTo,
      media: {
        id: media.id, caption: upload.caption || undefined, contentType: media.contentType, size: media.size,
        fileName: media.fileName, width: media.width, height: media.height, durationMs: media.durationMs ?? upload.durationMs,
        thumbnail: media.thumbnail,
      },
    });
  }

  /** An image uploaded and checked on its own (a profile or group picture): resolves with the ready media. */
  async uploadImage(file, { onProgress } = {}) {
    const created = await this.api.createMedia({ kind: 'image', contentType: declaredType(file), size: file.size, fileName: file.name || undefined });
    try {
      await this.putObject(created.upload, file, { onProgress }).done;
      return await this.api.completeMedia(created.id);
    } catch (error) {
      this.api.deleteMedia(created.id).catch(() => {});
      throw error;
    }
  }

  // ---- showing ----

  /** The media with download URLs ({url, thumbnailUrl?, expiresAt, …}), asked once until it is about to expire. */
  urls(mediaId) {
    const known = this.links.get(mediaId);
    if (known && (!known.value || this.fresh(known))) {
      return known.promise;
    }
    const entry = { value: null, until: 0 };
    entry.promise = this.api.media(mediaId).then((answer) => {
      entry.value = answer;
      entry.until = answer.url ? Date.parse(answer.expiresAt) || this.now() + FRESH_MS * 5 : this.now() + NO_URL_MS + FRESH_MS;
      return answer;
    });
    entry.promise.catch(() => this.links.get(mediaId) === entry && this.links.delete(mediaId));
    this.links.set(mediaId, entry);
    return entry.promise;
  }

  /** The URLs if known and fresh now, without asking (so a view redrawn shows its image at once). */
  cachedUrls(mediaId) {
    const known = this.links.get(mediaId);
    return known?.value?.url && this.fresh(known) ? known.value : null;
  }

  fresh(entry) {
    return entry.until - this.now() > FRESH_MS;
  }

  /** The local copy of a file I just sent (a blob: URL), while it is kept. */
  previewOf(mediaId) {
    return this.previews.get(mediaId) || null;
  }

  keepPreview(mediaId, url) {
    if (!url) {
      return;
    }
    this.previews.set(mediaId, url);
    if (this.previews.size > KEPT_PREVIEWS) {
      const [oldest, oldUrl] = this.previews.entries().next().value;
      this.previews.delete(oldest);
      URL.revokeObjectURL(oldUrl);
    }
  }

  /** The bars of a voice note: measured here, or decoded from its bytes once; [] when too large to fetch for that. */
  waveform(mediaId, size) {
    if (!this.peaks.has(mediaId)) {
      const work = size > MAX_DECODED_BYTES ? Promise.resolve([])
        : this.urls(mediaId).then((answer) => fetch(answer.url)).then((response) => response.arrayBuffer())
          .then((bytes) => decodePeaks(bytes, BARS));
      work.catch(() => this.peaks.delete(mediaId));
      this.peaks.set(mediaId, work);
    }
    return this.peaks.get(mediaId);
  }

  /** A page of a chat's media messages, newest first (all kinds, or one); `before` a seq for older ones. */
  async gallery(chatId, { kind, before } = {}) {
    const items = await this.api.chatMedia(chatId, { kind, before });
    await this.people?.learn(items.map((message) => message.senderId));
    return items;
  }
}
