/** Why something is reported: the server's fixed list, with the words the app shows. */
export const REPORT_REASONS = [
  { value: 'spam', label: 'Spam' },
  { value: 'harassment', label: 'Harassment or bullying' },
  { value: 'hate', label: 'Hate speech' },
  { value: 'violence', label: 'Violence or threats' },
  { value: 'sexual', label: 'Sexual content' },
  { value: 'illegal', label: 'Something illegal' },
  { value: 'impersonation', label: 'Pretending to be someone else' },
  { value: 'other', label: 'Something else' },
];

/** What my server roles open: the report queue for moderators (and admins), the rest for admins. */
export function staffAccess(roles = []) {
  const admin = roles.includes('admin');
  return { moderator: admin || roles.includes('moderator'), admin, any: admin || roles.includes('moderator') };
}

/**
 * The decisions a moderator can take on a report: deleting the message only when it is about one
 * (and the message is still there to delete), sanctions only against someone who is not staff.
 */
export function reportActions(report) {
  const actions = [];
  if (report.subject === 'message' && report.excerpt?.message && !report.excerpt.message.deleted) {
    actions.push({ action: 'delete_message', label: 'Delete message' });
  }
  actions.push({ action: 'warn', label: 'Warn' });
  actions.push({ action: 'suspend', label: 'Suspend', needsHours: true });
  if (report.target?.standing?.state !== 'banned') {
    actions.push({ action: 'ban', label: 'Ban' });
  }
  actions.push({ action: 'dismiss', label: 'Dismiss' });
  return actions;
}

/** A person's standing in words: "Banned", "Suspended until …", or null when in good standing. */
export function describeStanding(standing, formatTime = (iso) => new Date(iso).toLocaleString()) {
  if (standing?.state === 'banned') {
    return 'Banned';
  }
  if (standing?.state === 'suspended') {
    return `Suspended until ${formatTime(standing.suspendedUntil)}`;
  }
  return null;
}

/**
 * Reports, moderation and the admin area. The server decides who may (a plain user is refused
 * with 403 whatever the app shows); the app only hides what my roles do not open. My roles come
 * from GET /me and are kept on `store.me.roles`.
 */
export class AdminActions {
  constructor({ api, store }) {
    this.api = api;
    this.store = store;
  }

  /** Loads my roles; resolves with what they open ({@link staffAccess}). */
  async loadRoles() {
    const me = await this.api.me();
    this.store.updateMe({ ...this.store.me, roles: me.roles || [] });
    return staffAccess(me.roles);
  }

  access() {
    return staffAccess(this.store.me?.roles);
  }

  reportMessage(chatId, seq, { reason, note }) {
    return this.api.report({ subject: 'message', chatId, seq, reason, note: note || undefined });
  }

  reportUser(userId, { reason, note }) {
    return this.api.report({ subject: 'user', userId, reason, note: note || undefined });
  }

  reports(status) {
    return this.api.reports(status);
  }

  /** A decision on a report: the moderator's reason is required; a suspension needs its hours. */
  decide(reportId, { action, reason, hours }) {
    return this.api.actOnReport(reportId, { action, reason, hours: action === 'suspend' ? Number(hours) : undefined });
  }

  sanction(userId, { action, reason, hours }) {
    return this.api.actOnUser(userId, { action, reason, hours: action === 'suspend' ? Number(hours) : undefined });
  }

  users(q) {
    return this.api.adminUsers(q || undefined);
  }

  /** Gives or takes a server role; resolves with the account's roles as they now are. */
  async setRole(user, role, granted) {
    await (granted ? this.api.grantRole(user.id, role) : this.api.revokeRole(user.id, role));
    const roles = new Set(user.roles || []);
    if (granted) {
      roles.add(role);
    } else {
      roles.delete(role);
    }
    return [...roles].sort();
  }

  settings() {
    return this.api.serverSettings();
  }

  /** Saves the settings; an empty limit field means "no limit" (0 for the server). */
  saveSettings({ registration, maxAccounts, messageRetentionDays, mediaRetentionDays }) {
    const limit = (value) => (value === '' || value === null || value === undefined ? 0 : Number(value));
    return this.api.saveServerSettings({
      registration, maxAccounts: limit(maxAccounts),
      messageRetentionDays: limit(messageRetentionDays), mediaRetentionDays: limit(mediaRetentionDays),
    });
  }

  /** One chat's retention; empty fields fall back to the server's. */
  setChatRetention(chatId, { messageRetentionDays, mediaRetentionDays }) {
    const days = (value) => (value === '' || value === null || value === undefined ? 0 : Number(value));
    return this.api.setChatRetention(chatId.trim(), { messageRetentionDays: days(messageRetentionDays), mediaRetentionDays: days(mediaRetentionDays) });
  }

  createSignUpInvite(expiresInHours) {
    return this.api.createSignUpInvite(expiresInHours);
  }

  signUpInvites() {
    return this.api.signUpInvites();
  }

  announce(text) {
    return this.api.announce(text);
  }

  myWarnings() {
    return this.api.myWarnings();
  }

  exportMyData() {
    return this.api.exportMyData();
  }
}
