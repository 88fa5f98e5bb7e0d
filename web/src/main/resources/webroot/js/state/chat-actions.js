/**
 * What I do to a chat beyond its messages: its title and description, my own settings for it,
 * its members and their roles, its invite links, and leaving it. Members and the chat summary
 * are reloaded after a change, so every view shows the answer.
 */
export class ChatActions {
  constructor(actions) {
    this.actions = actions;
    this.api = actions.api;
    this.store = actions.store;
  }

  /** Renames or re-describes a group or channel (its owner and admins); resolves with the chat. */
  async describe(chatId, { title, description }) {
    const updated = await this.api.updateChat(chatId, { title, description });
    this.keep(updated);
    return updated;
  }

  /** Uploads a photo and makes it the group's or channel's picture (its owner and admins); resolves with the chat. */
  async setPicture(chatId, file, { onProgress } = {}) {
    const media = await this.actions.media.uploadImage(file, { onProgress });
    const updated = await this.api.updateChat(chatId, { avatarMediaId: media.id });
    this.keep(updated);
    return updated;
  }

  async removePicture(chatId) {
    const updated = await this.api.updateChat(chatId, { avatarMediaId: null });
    this.keep(updated);
    return updated;
  }

  /** My own pin, mute or archive of a chat ({pinned} | {mutedUntil} | {archived}); resolves with the chat. */
  async setMySettings(chatId, settings) {
    const updated = await this.api.chatSettings(chatId, settings);
    if (this.keep(updated)) {
      // Pinning and archiving move the chat in the list, not only its own row.
      this.store.emit('chats');
    }
    return updated;
  }

  async addMembers(chatId, userIds) {
    await this.api.addMembers(chatId, userIds);
    await this.reloadMembers(chatId);
  }

  async removeMember(chatId, userId) {
    await this.api.removeMember(chatId, userId);
    await this.reloadMembers(chatId);
  }

  /** Makes a member an admin, or an admin a member again. */
  async setRole(chatId, userId, role) {
    await this.api.setRole(chatId, userId, role);
    await this.reloadMembers(chatId);
  }

  /** The owner hands the chat on and stays as an admin; my role and the members are reloaded. */
  async transferOwnership(chatId, userId) {
    await this.api.transferOwnership(chatId, userId);
    await this.actions.refreshChat(chatId).catch(() => {});
    await this.reloadMembers(chatId);
  }

  async leave(chatId) {
    await this.api.leave(chatId);
    this.store.removeChat(chatId);
  }

  // ---- invite links ----

  invites(chatId) {
    return this.api.invites(chatId);
  }

  /** A new link, optionally expiring (an ISO instant) or limited in uses; resolves with it ({token, …}). */
  createInvite(chatId, { expiresAt, maxUses } = {}) {
    return this.api.createInvite(chatId, { expiresAt, maxUses });
  }

  revokeInvite(chatId, token) {
    return this.api.revokeInvite(chatId, token);
  }

  /** What a link leads to ({title, type, memberCount}), before joining. */
  previewInvite(token) {
    return this.api.previewInvite(token);
  }

  /** After a change that succeeded, a failed reload is no failure of the change: the next event reloads them. */
  reloadMembers(chatId) {
    return this.actions.loadMembers(chatId).catch(() => {});
  }

  keep(chat) {
    if (chat?.id) {
      this.store.upsertChat(chat);
      return true;
    }
    return false;
  }
}
