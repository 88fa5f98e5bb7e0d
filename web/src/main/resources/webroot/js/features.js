/**
 * Features whose controls the app shows only when the server offers them, so there is never a
 * button that leads nowhere. Switch one on here when its REST routes exist.
 */
export const FEATURES = Object.freeze({
  /** POST/GET /chats/{id}/messages/{seq}/reactions. */
  reactions: true,
});
