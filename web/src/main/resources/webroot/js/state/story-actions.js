import { uuid } from '../ids.js';

/** What a story may show, by the file's type. */
const KIND_OF = (type) => (type.startsWith('image/') ? 'image' : type.startsWith('video/') ? 'video' : null);

/**
 * What I do with stories and contacts: load the feed, post a photo, video or text story to an
 * audience, view, see who viewed mine, delete, reply (a direct message to the author quoting the
 * story), and keep my contacts. Views reach the API and the store for these only through here.
 */
export class StoryActions {
  constructor({ api, store, fetchImpl = (...args) => fetch(...args) }) {
    this.api = api;
    this.store = store;
    this.fetch = fetchImpl;
    this.mediaUrls = new Map();
  }

  async load() {
    this.store.stories.put(await this.api.stories());
  }

  /** A live story event from the realtime client. */
  apply(event) {
    this.store.stories.apply(event);
  }

  /**
   * Posts a story: `file` (a photo or video, uploaded first) or `text` with its `background`,
   * an optional `caption`, and `audience` {type, userIds?} (my contacts when absent).
   */
  async post({ file, text, background, caption, audience }) {
    const body = {};
    if (file) {
      body.media = { id: await this.upload(file) };
    } else {
      body.text = text;
      body.background = background;
    }
    if (caption) {
      body.caption = caption;
    }
    if (audience && audience.type !== 'contacts') {
      body.audience = { type: audience.type, userIds: audience.userIds };
    }
    const story = await this.api.postStory(body);
    const { author, audience: chosen, ...shown } = story;
    this.store.stories.add(author, { ...shown, audience: chosen, seen: true });
    return story;
  }

  /** Uploads a photo or video for a story: create, PUT the bytes to the signed URL, complete. */
  async upload(file) {
    const kind = KIND_OF(file.type || '');
    if (!kind) {
      throw new Error('A story shows a photo or a video');
    }
    const created = await this.api.createMedia({ kind, contentType: file.type, size: file.size, fileName: file.name });
    const put = await this.fetch(created.upload.url, { method: created.upload.method || 'PUT', headers: created.upload.headers, body: file });
    if (!put.ok) {
      throw new Error(`The upload failed (${put.status})`);
    }
    await this.api.completeMedia(created.id);
    return created.id;
  }

  /** The signed URL of a story's photo or video (asked once per media while it is valid). */
  async mediaUrl(mediaId) {
    const known = this.mediaUrls.get(mediaId);
    if (known && Date.parse(known.expiresAt) > Date.now() + 60_000) {
      return known.url;
    }
    const media = await this.api.media(mediaId);
    this.mediaUrls.set(mediaId, { url: media.url, expiresAt: media.expiresAt });
    return media.url;
  }

  /** I watched a story: recorded once on the server, seen here at once. My own is no view. */
  async view(story) {
    if (story.authorId === this.store.me.id) {
      return;
    }
    this.store.stories.seen(story.id);
    await this.api.viewStory(story.id);
  }

  viewers(storyId) {
    return this.api.storyViewers(storyId);
  }

  async remove(storyId) {
    await this.api.deleteStory(storyId);
    this.store.stories.remove(storyId);
  }

  /** A reply: a text in the direct chat with the story's author, quoting the story; answers the chat id. */
  async reply(story, text) {
    const chat = await this.api.openDirect(story.authorId);
    this.store.upsertChat(chat);
    const message = await this.api.send(chat.id, { clientMessageId: uuid(), text, story: { id: story.id } });
    this.store.putMessages(chat.id, [message]);
    return chat.id;
  }

  // ---- contacts ----

  async loadContacts() {
    this.store.contacts = await this.api.contacts();
    this.store.emit('contacts');
    return this.store.contacts;
  }

  async addContact(userId, name) {
    await this.api.addContact(userId, name);
    return this.loadContacts();
  }

  async removeContact(userId) {
    await this.api.removeContact(userId);
    return this.loadContacts();
  }

  /** People found by their exact phone number (only those who allow it). */
  async findByPhone(phone) {
    const answer = await this.api.lookupPhone(phone);
    return answer.items || [];
  }
}
