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
    register: ({ email, username, password, displayName, deviceName }) =>
      http.post('/auth/register', { email, username, password, displayName, deviceName }, { auth: false }),
    login: ({ login, password, deviceName }) => http.post('/auth/login', { login, password, deviceName }, { auth: false }),

    // ---- me, my devices, people, blocks ----
    logout: () => http.post('/auth/logout'),
    me: () => http.get('/me'),
    updateMe: (fields) => http.patch('/me', fields),
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

    // ---- messages ----
    /** The newest page (no before), the page before a seq, or a thread's replies. Items in seq order. */
    history: (chatId, { before, after, thread, limit = 50 } = {}) =>
      http.get(`${chat(chatId)}/messages${query({ before, after, thread, limit })}`).then((answer) => answer.items),
    send: (chatId, { clientMessageId, text, replyTo, threadRoot, kind = 'text', location }) =>
      http.post(`${chat(chatId)}/messages`, { clientMessageId, kind, text, replyTo, threadRoot, location }),
    edit: (chatId, seq, text) => http.patch(message(chatId, seq), { text }),
    deleteMessage: (chatId, seq, scope) => http.delete(`${message(chatId, seq)}${query({ scope })}`),
    /** Reactions: only used when FEATURES.reactions says the server has these routes. */
    react: (chatId, seq, emoji) => http.post(`${message(chatId, seq)}/reactions`, { emoji }),
    unreact: (chatId, seq, emoji) => http.delete(`${message(chatId, seq)}/reactions/${encodeURIComponent(emoji)}`),
    markRead: (chatId, seq) => http.post(`${chat(chatId)}/read`, { seq }),
    markDelivered: (chatId, seq) => http.post(`${chat(chatId)}/delivered`, { seq }),
    /** Who got and read one of my messages: {status} in direct chats, {readBy, deliveredTo} in groups. */
    receipts: (chatId, seq) => http.get(`${message(chatId, seq)}/receipts`),

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
