-- Accounts. Owned by the auth service; other services read users and blocks (a chat needs
-- display names and must refuse blocked people) but never write them.
CREATE EXTENSION IF NOT EXISTS citext;

CREATE TABLE users (
  id              uuid PRIMARY KEY,
  username        citext      NOT NULL UNIQUE,
  email           citext      NOT NULL UNIQUE,
  display_name    text        NOT NULL,
  password_hash   text        NOT NULL,
  bio             text        NOT NULL DEFAULT '',
  status_text     text        NOT NULL DEFAULT '',
  avatar_media_id uuid,
  -- 'everyone' or 'nobody': who may see my last-seen time.
  last_seen_visibility text   NOT NULL DEFAULT 'everyone',
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  -- Set when the account is deleted: personal data is wiped, the row stays so messages keep a sender.
  deleted_at      timestamptz
);

-- blocker_id blocked blocked_id: blocked_id cannot start a chat with, add, or see the presence of blocker_id.
CREATE TABLE user_blocks (
  blocker_id uuid        NOT NULL REFERENCES users (id),
  blocked_id uuid        NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (blocker_id, blocked_id),
  CHECK (blocker_id <> blocked_id)
);
CREATE INDEX user_blocks_blocked ON user_blocks (blocked_id);
