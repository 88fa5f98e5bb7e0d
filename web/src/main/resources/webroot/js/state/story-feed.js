/**
 * The stories I may see, as the server's feed lays them out (my group first, then authors with
 * unseen stories, newest first), kept current by live events: a new story of a contact joins its
 * author's group, a deleted or expired one leaves, my views mark stories seen, and views of my own
 * stories count up. Held by the {@link Store} as `store.stories`; every change emits 'stories'.
 * A story past its expiresAt is never shown, whether or not its expiry event arrived.
 */
export class StoryFeed {
  constructor(emit, now = () => Date.now()) {
    this.emit = emit;
    this.now = now;
    this.groups = [];
  }

  /** The feed from the server. */
  put(feed) {
    this.groups = (feed.items || []).map((group) => ({ author: group.author, stories: [...group.stories] }));
    this.emit();
  }

  /** The groups to show now, mine first, then those with unseen stories, each by its newest story. */
  visible(meId) {
    const live = this.groups
      .map((group) => ({ ...group, stories: group.stories.filter((story) => Date.parse(story.expiresAt) > this.now()) }))
      .filter((group) => group.stories.length > 0)
      .map((group) => ({ ...group, unseen: group.stories.filter((story) => !story.seen).length,
        latestAt: group.stories.at(-1).createdAt }));
    const rank = (group) => (group.author.id === meId ? 0 : group.unseen > 0 ? 1 : 2);
    return live.sort((a, b) => rank(a) - rank(b) || b.latestAt.localeCompare(a.latestAt));
  }

  find(storyId) {
    for (const group of this.groups) {
      const story = group.stories.find((candidate) => candidate.id === storyId);
      if (story) {
        return { group, story };
      }
    }
    return null;
  }

  /** A story posted (by me here, or live from someone): at the end of its author's group. */
  add(author, story) {
    if (this.find(story.id)) {
      return;
    }
    let group = this.groups.find((candidate) => candidate.author.id === author.id);
    if (!group) {
      group = { author, stories: [] };
      this.groups.push(group);
    }
    group.stories.push(story);
    this.emit();
  }

  remove(storyId) {
    const before = this.groups.reduce((count, group) => count + group.stories.length, 0);
    this.groups = this.groups
      .map((group) => ({ ...group, stories: group.stories.filter((story) => story.id !== storyId) }))
      .filter((group) => group.stories.length > 0);
    if (this.groups.reduce((count, group) => count + group.stories.length, 0) !== before) {
      this.emit();
    }
  }

  seen(storyId) {
    const found = this.find(storyId);
    if (found && !found.story.seen) {
      found.story.seen = true;
      this.emit();
    }
  }

  /** Someone viewed one of my stories (the event goes to me only). */
  viewed(storyId) {
    const found = this.find(storyId);
    if (found) {
      found.story.views = (found.story.views || 0) + 1;
      this.emit();
    }
  }

  /** A live story event: {type, payload}. */
  apply(event) {
    const payload = event.payload || {};
    if (event.type === 'story.created' && payload.story && payload.author) {
      this.add(payload.author, payload.story);
    } else if (event.type === 'story.deleted' || event.type === 'story.expired') {
      this.remove(payload.storyId);
    } else if (event.type === 'story.viewed') {
      this.viewed(payload.storyId);
    }
  }
}
