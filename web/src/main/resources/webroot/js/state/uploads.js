import { uuid } from '../ids.js';
import { declaredType, isTransient, refusalOf } from './media-kinds.js';

const AT_ONCE = 3;
const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 30_000;

/**
 * Files on their way to the object store, before their messages exist. Each upload asks the
 * media service for a signed URL, sends the bytes straight to the store (progress reported),
 * has the server check them, and is then handed off to become a message in the outbox, which
 * sends it once like any text. A few run at a time; a chat's uploads are handed off in the
 * order they were chosen, so several photos arrive in that order.
 *
 * Uploads need the network. One started offline, or cut off on the way, waits (as 'waiting',
 * `offline`) and starts again by itself when the network is back, from the beginning with a
 * new upload URL; a completion the server could not check yet is asked again without sending
 * the bytes again. Uploads live in memory only (a File cannot be kept in localStorage): a reload
 * forgets those not yet handed off. Once handed off, the message is in the outbox and survives.
 *
 * Statuses: 'waiting', 'uploading' (with `progress` 0…1), 'checking', 'failed' (with `error`:
 * {text, asDocument}); an upload that is handed off or cancelled is gone.
 */
export class Uploads {
  /**
   * @param api {createMedia, completeMedia, deleteMedia}
   * @param putObject (upload, blob, {onProgress}) => {done, abort}
   * @param handOff (upload) => void: the checked media (`upload.media`) becomes a message
   * @param changed (chatId) => void: an upload of the chat was added, removed or changed status
   * @param online () => boolean: whether the browser thinks it has a network
   */
  constructor({ api, putObject, handOff, changed = () => {}, online = () => true, newId = uuid }) {
    this.api = api;
    this.putObject = putObject;
    this.handOff = handOff;
    this.changed = changed;
    this.online = online;
    this.newId = newId;
    this.items = [];
    this.watchers = new Map();
  }

  /** Queues a file: {chatId, file, kind, caption?, replyTo?, fileName?, durationMs?, peaks?}. */
  add(fields) {
    const upload = {
      localId: this.newId(), createdAt: new Date().toISOString(), caption: '', ...fields,
      status: 'waiting', progress: 0, attempts: 0, error: null, offline: false, mediaId: null, uploaded: false,
    };
    this.items.push(upload);
    this.changed(upload.chatId);
    this.pump();
    return upload;
  }

  of(chatId) {
    return this.items.filter((upload) => upload.chatId === chatId);
  }

  /** Whether anything is still on its way (a reload would lose it). */
  busy() {
    return this.items.some((upload) => upload.status !== 'failed');
  }

  /** Calls `listener(upload)` on each progress step and status change of one upload; returns the unsubscribe. */
  watch(localId, listener) {
    if (!this.watchers.has(localId)) {
      this.watchers.set(localId, new Set());
    }
    this.watchers.get(localId).add(listener);
    return () => this.watchers.get(localId)?.delete(listener);
  }

  /** Stops an upload wherever it is and drops what the server has of it. */
  cancel(localId) {
    const upload = this.find(localId);
    if (!upload) {
      return;
    }
    upload.cancelled = true;
    clearTimeout(upload.retryTimer);
    upload.transfer?.abort();
    this.forgetMedia(upload);
    this.remove(upload);
    this.release(upload.chatId);
    this.pump();
  }

  /** Tries a failed upload again; `asKind` sends it as another kind (a photo the server refused as one, as a file). */
  retry(localId, asKind) {
    const upload = this.find(localId);
    if (!upload || upload.status !== 'failed') {
      return;
    }
    if (asKind) {
      upload.kind = asKind;
      upload.fileName = upload.fileName || upload.file.name || 'file';
    }
    Object.assign(upload, { status: 'waiting', error: null, attempts: 0, uploaded: false });
    this.forgetMedia(upload);
    this.notify(upload, true);
    this.pump();
  }

  /** The network is back: what waited for it starts now. */
  networkBack() {
    this.items.filter((upload) => upload.status === 'waiting').forEach((upload) => {
      clearTimeout(upload.retryTimer);
      upload.held = false;
    });
    this.pump();
  }

  pump() {
    let running = this.items.filter((upload) => upload.status === 'uploading' || upload.status === 'checking').length;
    for (const upload of this.items) {
      if (running >= AT_ONCE) {
        return;
      }
      if (upload.status !== 'waiting' || upload.held) {
        continue;
      }
      if (!this.online()) {
        if (!upload.offline) {
          upload.offline = true;
          this.notify(upload, true);
        }
        continue;
      }
      running += 1;
      this.run(upload);
    }
  }

  async run(upload) {
    Object.assign(upload, { status: upload.uploaded ? 'checking' : 'uploading', offline: false, progress: upload.uploaded ? 1 : 0 });
    this.notify(upload, true);
    try {
      if (!upload.uploaded) {
        await this.send(upload);
      }
      if (upload.cancelled) {
        return;
      }
      upload.status = 'checking';
      this.notify(upload, true);
      upload.media = await this.api.completeMedia(upload.mediaId);
      if (upload.cancelled) {
        return;
      }
      upload.status = 'ready';
      this.release(upload.chatId);
    } catch (error) {
      if (!upload.cancelled && !error?.cancelled) {
        this.failed(upload, error);
      }
    } finally {
      upload.transfer = null;
      this.pump();
    }
  }

  /** Asks for a signed URL (for a fresh media; an earlier attempt's is dropped) and sends the bytes. */
  async send(upload) {
    this.forgetMedia(upload);
    const created = await this.api.createMedia({
      kind: upload.kind, contentType: declaredType(upload.file), size: upload.file.size, fileName: upload.fileName || undefined,
    });
    upload.mediaId = created.id;
    if (upload.cancelled) {
      this.forgetMedia(upload);
      return;
    }
    upload.transfer = this.putObject(created.upload, upload.file, {
      onProgress: (fraction) => {
        upload.progress = fraction;
        this.notify(upload, false);
      },
    });
    await upload.transfer.done;
    upload.uploaded = true;
  }

  failed(upload, error) {
    if (error?.code === 'media.not_uploaded') {
      // The store does not have the bytes after all: send them again.
      upload.uploaded = false;
    }
    if (isTransient(error) || error?.code === 'media.not_uploaded') {
      upload.attempts += 1;
      upload.status = 'waiting';
      upload.offline = error?.name === 'NetworkError' || !this.online();
      upload.held = true;
      const delay = Math.min(RETRY_MAX_MS, Math.max(RETRY_MIN_MS * 2 ** (upload.attempts - 1), (error?.retryAfter || 0) * 1000));
      upload.retryTimer = setTimeout(() => {
        upload.held = false;
        this.pump();
      }, upload.offline ? RETRY_MAX_MS : delay);
    } else {
      upload.status = 'failed';
      upload.error = refusalOf(error, upload.fileName, upload.kind);
      this.forgetMedia(upload);
      this.release(upload.chatId);
    }
    this.notify(upload, true);
  }

  /**
   * Hands off, in order, the chat's checked uploads that no upload chosen before them is still
   * ahead of (a failed one holds nothing up).
   */
  release(chatId) {
    for (const upload of this.of(chatId)) {
      if (upload.status === 'ready') {
        this.remove(upload);
        this.handOff(upload);
      } else if (upload.status !== 'failed') {
        return;
      }
    }
  }

  /** Drops the media of an earlier attempt on the server (pending, referenced by nothing); the orphan job catches a failed drop. */
  forgetMedia(upload) {
    if (upload.mediaId) {
      this.api.deleteMedia(upload.mediaId).catch(() => {});
      upload.mediaId = null;
    }
    upload.uploaded = false;
  }

  remove(upload) {
    this.items = this.items.filter((item) => item !== upload);
    this.watchers.delete(upload.localId);
    this.changed(upload.chatId);
  }

  find(localId) {
    return this.items.find((upload) => upload.localId === localId);
  }

  notify(upload, statusChanged) {
    this.watchers.get(upload.localId)?.forEach((listener) => listener(upload));
    if (statusChanged) {
      this.changed(upload.chatId);
    }
  }
}
