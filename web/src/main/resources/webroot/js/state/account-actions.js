/**
 * What a signed-out visitor can do: sign in, or create an account. Both resolve with the server's
 * answer ({user, accessToken, refreshToken, expiresIn}).
 */
export function signInActions(api) {
  return {
    signIn: ({ login, password, deviceName }) => api.login({ login, password, deviceName }),
    signUp: ({ email, username, password, displayName, deviceName, inviteCode }) =>
      api.register({ email, username, password, displayName, deviceName, inviteCode: inviteCode?.trim() || undefined }),
  };
}

/**
 * My own account: my profile, my password, my devices, deleting the account and signing out.
 * Whatever ends this device's session ends it through the {@link Session}, which every tab follows.
 */
export class AccountActions {
  constructor({ api, store, session, media }) {
    this.api = api;
    this.store = store;
    this.session = session;
    this.media = media;
  }

  /** My full profile, fresh from the server. */
  me() {
    return this.api.me();
  }

  /**
   * Saves my name, status text, bio, who sees my last-seen, my phone number (null removes it) and
   * who sees it; the app shows the answer at once.
   */
  async updateProfile({ displayName, statusText, bio, lastSeenVisibility, phone, phoneVisibility }) {
    const updated = await this.api.updateMe({ displayName, statusText, bio, lastSeenVisibility, phone, phoneVisibility });
    this.session.setUser(updated);
    this.store.updateMe(updated);
    return updated;
  }

  /** Uploads a photo and makes it my profile picture (the server checks it is one of my ready images); resolves with my profile. */
  async setAvatar(file, { onProgress } = {}) {
    const media = await this.media.uploadImage(file, { onProgress });
    return this.keepProfile(await this.api.updateMe({ avatarMediaId: media.id }));
  }

  /** Back to initials. */
  async removeAvatar() {
    return this.keepProfile(await this.api.updateMe({ avatarMediaId: null }));
  }

  keepProfile(updated) {
    this.session.setUser(updated);
    this.store.updateMe(updated);
    return updated;
  }

  /** Resolves with {sessionsRevoked}: every other device is signed out, this one stays. */
  changePassword(currentPassword, newPassword) {
    return this.api.changePassword(currentPassword, newPassword);
  }

  /** Deletes my account for good; this device is signed out once the server agreed. */
  async deleteAccount(password) {
    await this.api.deleteAccount(password);
    this.session.end();
  }

  /** My signed-in devices, this one marked `current`. */
  sessions() {
    return this.api.sessions();
  }

  revokeSession(sessionId) {
    return this.api.revokeSession(sessionId);
  }

  /** Signs out every device but this one; resolves with {revoked}. */
  revokeOtherSessions() {
    return this.api.revokeOtherSessions();
  }

  /** Signs this device out; it ends here even when the server cannot be told. */
  async signOut() {
    await this.api.logout().catch(() => {});
    this.session.end();
  }
}
