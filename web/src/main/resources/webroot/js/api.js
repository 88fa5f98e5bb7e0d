import { query } from './http.js';

/**
 * Every call the app makes to the REST API under /api/v1, one small function each, so the
 * shapes of the server's contract live in this file only.
 */
export function createApi(http) {
  const chat = (chatId) => `/chats/${encodeURIComponent(chatId)}`;
  const message = (chatId, seq) => `${chat(chatId)}/messages/${encodeURIComponent(seq)}`;

  return {
    // ---- accounts (public) ----
    register: ({ email, username, password, displayName, deviceName, inviteCode }) =>
      http.post('/auth/register', { email, username, password, displayName, deviceName, inviteCode }, { auth: false }),
    login: ({ login, password, deviceName }) => http.post('/auth/login', { login, password, deviceName }, { auth: false }),

    // ---- me, my devices, people, blocks ----
    logout: () => http.post('/auth/logout'),
    me: () => http.get('/me'),
    updateMe: (fields) => http.patch('/me', fields),
    /** Answers {sessionsRevoked}: every other device is signed out. */
    changePassword: (currentPassword, newPassword) => http.post('/me/password', { currentPassword, newPassword }),
    deleteAccount: (password) => http.delete('/me', { password }),
    sessions: () => http.get('/sessions').then((answer) => answer.sessions),
    revokeSession: (sessionId) => http.delete(`/sessions/${encodeURIComponent(sessionId)}`),
    revokeOtherSessions: () => http.delete('/sessions'),
    searchUsers: (q, limit = 20) => http.get(`/users${query({ q, limit })}`).then((answer) => answer.users),
    user: (userId) => http.get(`/users/${encodeURIComponent(userId)}`),
    blocks: () => http.get('/blocks').then((answer) => answer.blocks),
    block: (userId) => http.post(`/blocks/${encodeURIComponent(userId)}`),
    unblock: (userId) => http.delete(`/blocks/${encodeURIComponent(userId)}`),
    presence: (userIds) => http.get(`/presence${query({ userIds: userIds.join(',') })}`).then((answer) => answer.presence),

    // ---- chats ----
    chats: (cursor) => http.get(`/chats${query({ cursor, limit: 100 })}`),
    chat: (chatId) => http.get(chat(chatId)),
    openDirect: (userId) => http.post('/chats', { type: 'direct', userId }),
    createGroup: ({ type, title, memberIds, isPublic, description }) =>
      http.post('/chats', { type, title, memberIds, public: isPublic, description }),
    updateChat: (chatId, fields) => http.patch(chat(chatId), fields),
    chatSettings: (chatId, settings) => http.put(`${chat(chatId)}/settings`, settings),
    members: (chatId) => http.get(`${chat(chatId)}/members${query({ limit: 100 })}`).then((answer) => answer.items),
    addMembers: (chatId, userIds) => http.post(`${chat(chatId)}/members`, { userIds }),
    removeMember: (chatId, userId) => http.delete(`${chat(chatId)}/members/${encodeURIComponent(userId)}`),
    setRole: (chatId, userId, role) => http.put(`${chat(chatId)}/members/${encodeURIComponent(userId)}/role`, { role }),
    leave: (chatId) => http.post(`${chat(chatId)}/leave`),
    transferOwnership: (chatId, userId) => http.post(`${chat(chatId)}/owner`, { userId }),
    /** Public groups and channels by title, most members first: {items: [{id, type, title, description, memberCount, joined}]}. */
    publicChats: (q, cursor) => http.get(`/chats/public${query({ q, cursor, limit: 20 })}`),
    join: (chatId) => http.post(`${chat(chatId)}/join`),

    // ---- invite links ----
    invites: (chatId) => http.get(`${chat(chatId)}/invites`).then((answer) => answer.items),
    createInvite: (chatId, { expiresAt, maxUses } = {}) => http.post(`${chat(chatId)}/invites`, { expiresAt, maxUses }),
    revokeInvite: (chatId, token) => http.delete(`${chat(chatId)}/invites/${encodeURIComponent(token)}`),
    /** What a link leads to: {title, type, memberCount}. */
    previewInvite: (token) => http.get(`/invites/${encodeURIComponent(token)}`),
    joinInvite: (token) => http.post(`/invites/${encodeURIComponent(token)}/join`),

    // ---- messages ----
    /** The newest page (no before), the page before a seq, or a thread's replies. Items in seq order. */
    history: (chatId, { before, after, thread, limit = 50 } = {}) =>
      http.get(`${chat(chatId)}/messages${query({ before, after, thread, limit })}`).then((answer) => answer.items),
    /**
     * A media message names a ready media of mine and its caption; what the media is, the server asks the media service.
     * A reply to a story carries {story: {id}} (in the direct chat with its author).
     */
    send: (chatId, { clientMessageId, text, replyTo, threadRoot, kind = 'text', location, media, story }) =>
      http.post(`${chat(chatId)}/messages`, {
        clientMessageId, kind, text, replyTo, threadRoot, location, media: media ? { id: media.id, caption: media.caption || undefined } : undefined,
        story,
      }),
    edit: (chatId, seq, text) => http.patch(message(chatId, seq), { text }),
    deleteMessage: (chatId, seq, scope) => http.delete(`${message(chatId, seq)}${query({ scope })}`),
    /** Toggles my reaction; answers with the change ({seq, messageSeq, data: {emoji, userId, added, count}, message}). */
    react: (chatId, seq, emoji) => http.post(`${message(chatId, seq)}/reactions`, { emoji }),
    /** Who reacted: [{emoji, count, userIds}]. */
    reactions: (chatId, seq) => http.get(`${message(chatId, seq)}/reactions`).then((answer) => answer.items),
    pin: (chatId, seq, pinned) => http.put(`${message(chatId, seq)}/pin`, { pinned }),
    /** The chat's pinned messages, newest pin first. */
    pins: (chatId) => http.get(`${chat(chatId)}/pins`).then((answer) => answer.items),
    /** A copy of the message in another of my chats (idempotent by clientMessageId); answers with the copy. */
    forward: (chatId, seq, toChatId, clientMessageId) => http.post(`${message(chatId, seq)}/forward`, { toChatId, clientMessageId }),
    /** Moves my live location (while it is live); DELETE stops sharing it. */
    moveLocation: (chatId, seq, { latitude, longitude }) => http.post(`${message(chatId, seq)}/location`, { latitude, longitude }),
    stopLocation: (chatId, seq) => http.delete(`${message(chatId, seq)}/location`),
    /** Messages of my chats (or one) matching q, newest first: {items, nextCursor?}. */
    search: ({ q, chatId, cursor, limit = 20 }) => http.get(`/search${query({ q, chatId, cursor, limit })}`),
    markRead: (chatId, seq) => http.post(`${chat(chatId)}/read`, { seq }),
    markDelivered: (chatId, seq) => http.post(`${chat(chatId)}/delivered`, { seq }),
    /** Who got and read one of my messages: {status} in direct chats, {readBy, deliveredTo} in groups. */
    receipts: (chatId, seq) => http.get(`${message(chatId, seq)}/receipts`),

    /** A chat's media messages, newest first (one kind, or all); `before` a seq for older ones. */
    chatMedia: (chatId, { kind, before, limit = 50 } = {}) =>
      http.get(`${chat(chatId)}/media${query({ kind, before, limit })}`).then((answer) => answer.items),

    // ---- media (the bytes go to the object store through the signed URLs these answers carry) ----
    /** Asks for an upload: {id, status:'pending', upload:{url, method, headers}, expiresAt}. */
    createMedia: ({ kind, contentType, size, fileName }) => http.post('/media', { kind, contentType, size, fileName }),
    /** The server checks what was stored: the ready media with its metadata, or a 422 media.* refusal. */
    completeMedia: (mediaId) => http.post(`/media/${encodeURIComponent(mediaId)}/complete`),
    /** The media with short-lived download URLs: {…, url, thumbnailUrl?, expiresAt}. */
    media: (mediaId) => http.get(`/media/${encodeURIComponent(mediaId)}`),
    deleteMedia: (mediaId) => http.delete(`/media/${encodeURIComponent(mediaId)}`),

    // ---- reports, moderation, the admin area (the server checks the role) ----
    /** Report a message I can see, or a user: {subject:'message', chatId, seq} or {subject:'user', userId}, with {reason, note}. */
    report: (report) => http.post('/reports', report),
    /** The warnings moderators gave me: [{id, reason, at}]. */
    myWarnings: () => http.get('/me/warnings').then((answer) => answer.items),
    /** Everything the server keeps about me, as one JSON document. */
    exportMyData: () => http.get('/me/export'),
    /** The queue: [{id, subject, reason, note, excerpt?, reporter, target, status, ...}], oldest first. */
    reports: (status = 'open') => http.get(`/moderation/reports${query({ status, limit: 100 })}`).then((answer) => answer.items),
    actOnReport: (reportId, { action, reason, hours }) =>
      http.post(`/moderation/reports/${encodeURIComponent(reportId)}/actions`, { action, reason, hours }),
    actOnUser: (userId, { action, reason, hours }) =>
      http.post(`/moderation/users/${encodeURIComponent(userId)}/actions`, { action, reason, hours }),
    /** Accounts with roles and standing: [{id, username, email, displayName, roles, standing: {state, suspendedUntil?}}]. */
    adminUsers: (q) => http.get(`/admin/users${query({ q, limit: 100 })}`).then((answer) => answer.items),
    grantRole: (userId, role) => http.put(`/admin/users/${encodeURIComponent(userId)}/roles/${encodeURIComponent(role)}`),
    revokeRole: (userId, role) => http.delete(`/admin/users/${encodeURIComponent(userId)}/roles/${encodeURIComponent(role)}`),
    /** {registration: 'open'|'invite'|'closed', maxAccounts, messageRetentionDays, mediaRetentionDays} (null = no limit). */
    serverSettings: () => http.get('/admin/settings'),
    saveServerSettings: (settings) => http.put('/admin/settings', settings),
    /** A sign-up code, shown once: {code, expiresAt}. */
    createSignUpInvite: (expiresInHours) => http.post('/admin/invites', { expiresInHours }),
    signUpInvites: () => http.get('/admin/invites').then((answer) => answer.items),
    announce: (text) => http.post('/admin/announcements', { text }),
    /** One chat's retention over the server's (0 or empty = the server's). */
    setChatRetention: (chatId, { messageRetentionDays, mediaRetentionDays }) =>
      http.put(`/admin/chats/${encodeURIComponent(chatId)}/retention`, { messageRetentionDays, mediaRetentionDays }),

    // ---- contacts ----
    /** My contacts: [{user, name?, phone?, addedAt}]. */
    contacts: () => http.get('/contacts').then((answer) => answer.items),
    /** Adds (or renames) a contact; answers {user, name?, addedAt}. */
    addContact: (userId, name) => http.post('/contacts', { userId, name }),
    removeContact: (userId) => http.delete(`/contacts/${encodeURIComponent(userId)}`),
    /** The people who gave this exact number and let me find them by it (rate limited). */
    lookupPhone: (phone) => http.post('/users/lookup', { phone }),

    // ---- stories ----
    /** The active stories I may see: {items: [{author, stories: [{id, kind, seen, …}], unseen, latestAt}]}, mine first. */
    stories: () => http.get('/stories'),
    /** {media: {id}} or {text, background}, with caption? and audience? {type, userIds?}; answers the story. */
    postStory: (story) => http.post('/stories', story),
    viewStory: (storyId) => http.post(`/stories/${encodeURIComponent(storyId)}/views`),
    /** Who viewed my story: [{userId, viewedAt, user}]. */
    storyViewers: (storyId) => http.get(`/stories/${encodeURIComponent(storyId)}/views`).then((answer) => answer.items),
    deleteStory: (storyId) => http.delete(`/stories/${encodeURIComponent(storyId)}`),

    // ---- notifications and Web Push ----
    /** My notifications, newest first: {items: [{id, type, chatId?, seq?, title, body, count, createdAt, read}], unread}. */
    notifications: ({ before, limit = 30 } = {}) => http.get(`/notifications${query({ before, limit })}`),
    /** Answers {unread}. */
    readNotifications: (ids) => http.post('/notifications/read', { ids }),
    readAllNotifications: () => http.post('/notifications/read', { all: true }),
    deleteNotification: (id) => http.delete(`/notifications/${encodeURIComponent(id)}`),
    /** {hidePreviews, reactions}. */
    notificationSettings: () => http.get('/notifications/settings'),
    saveNotificationSettings: (settings) => http.put('/notifications/settings', settings),
    /** {mode: 'all'|'mentions'|'none', mutedUntil?, hidePreviews}. */
    chatNotifications: (chatId) => http.get(`${chat(chatId)}/notifications`),
    setChatNotifications: (chatId, setting) => http.put(`${chat(chatId)}/notifications`, setting),
    vapidKey: () => http.get('/push/vapid-key', { auth: false }).then((answer) => answer.publicKey),
    /** This browser's PushSubscription.toJSON(): {endpoint, keys: {p256dh, auth}}. */
    subscribePush: (subscription) => http.post('/push/subscriptions', subscription),
    unsubscribePush: (endpoint) => http.delete('/push/subscriptions', { endpoint }),

    /**
     * The changes of a chat after a seq, shaped like live events ({type, payload}), for the
     * realtime client's gap filling and resume.
     */
    changesAfter: (chatId, after, limit = 100) =>
      http.get(`${chat(chatId)}/changes${query({ after, limit })}`).then((answer) => ({
        events: answer.events.map((change) => ({ type: change.type, payload: change })),
        hasMore: Boolean(answer.hasMore),
      })),
  };
}
