-- Chat extras: invite links, public chat search, and the private change log. Owned by the chat
-- service. (Live locations need no schema: a live_location message keeps {latitude, longitude,
-- label?, liveUntil, updatedAt?, stoppedAt?} in messages.location, updated in place.)

-- Invite links to a group or channel. The token is the link: 128 random bits, base64url. Joining
-- locks the row, so uses never exceed max_uses however many people join at once.
CREATE TABLE chat_invites (
  token      text PRIMARY KEY,
  -- Names the link in the chat's system messages and events, where the token must not appear.
  id         uuid        NOT NULL UNIQUE,
  chat_id    uuid        NOT NULL REFERENCES chats (id),
  created_by uuid        NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL,
  expires_at timestamptz,
  max_uses   int CHECK (max_uses > 0),
  uses       int         NOT NULL DEFAULT 0,
  revoked_at timestamptz,
  CHECK (max_uses IS NULL OR uses <= max_uses)
);
-- A chat's links, newest first.
CREATE INDEX chat_invites_by_chat ON chat_invites (chat_id, created_at DESC);

-- Public groups and channels are found by any part of their title (pg_trgm is created by V003).
CREATE INDEX chats_public_title ON chats USING gin (title gin_trgm_ops) WHERE is_public;

-- A member's private changes (delete for me; pin, mute, archive of a chat), numbered per user so
-- that the user's other devices receive them through sync, in order, like the chats' own changes.
-- private_heads.last_seq is the user's counter: taking the next number locks the row, so one
-- user's private changes are numbered gap-free in commit order (the per-user chats.last_seq).
CREATE TABLE private_heads (
  user_id  uuid   PRIMARY KEY REFERENCES users (id),
  last_seq bigint NOT NULL
);

CREATE TABLE private_changes (
  user_id     uuid        NOT NULL,
  seq         bigint      NOT NULL,
  -- message.hidden, chat.settings.changed
  type        text        NOT NULL,
  chat_id     uuid        NOT NULL,
  message_seq bigint,
  -- chat.settings.changed: the settings as they became {pinned, pinnedAt?, muted, mutedUntil?, archived}.
  data        jsonb       NOT NULL DEFAULT '{}',
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (user_id, seq)
);
