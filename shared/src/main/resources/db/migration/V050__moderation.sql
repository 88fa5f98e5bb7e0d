-- Server roles, sanctions, reports, warnings, registration policy and retention (issue 13).
-- Owned by the auth service's moderation part; the chat service reads the retention settings.

-- 'admin' manages the server (roles, settings, invite codes, announcements) and moderates;
-- 'moderator' works the report queue and sanctions plain users.
CREATE TABLE user_roles (
  user_id    uuid        NOT NULL REFERENCES users (id),
  role       text        NOT NULL CHECK (role IN ('admin', 'moderator')),
  -- Null when an operator command or the configured admin emails gave it.
  granted_by uuid        REFERENCES users (id),
  granted_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, role)
);

-- A suspension ends by itself at suspended_until; a ban lasts until a moderator reinstates.
ALTER TABLE users ADD COLUMN suspended_until timestamptz;
ALTER TABLE users ADD COLUMN banned_at timestamptz;

CREATE TABLE reports (
  id             uuid PRIMARY KEY,
  reporter_id    uuid        NOT NULL REFERENCES users (id),
  subject        text        NOT NULL CHECK (subject IN ('message', 'user')),
  -- The reported user, or the sender of the reported message.
  target_user_id uuid        NOT NULL REFERENCES users (id),
  chat_id        uuid,
  message_seq    bigint,
  reason         text        NOT NULL,
  note           text        NOT NULL DEFAULT '',
  -- What the reporter saw when reporting: the message and a few neighbours ({message, before, after}).
  excerpt        jsonb,
  status         text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved', 'dismissed')),
  created_at     timestamptz NOT NULL,
  closed_at      timestamptz,
  closed_by      uuid        REFERENCES users (id),
  -- The action that closed it (delete_message, warn, suspend, ban, dismiss) and the moderator's why.
  action         text,
  action_reason  text,
  CHECK ((subject = 'message') = (chat_id IS NOT NULL AND message_seq IS NOT NULL))
);
CREATE INDEX reports_by_status ON reports (status, created_at DESC);
-- One open report per reporter and thing reported: a second click answers 409, not a duplicate.
CREATE UNIQUE INDEX reports_open_once ON reports (reporter_id, subject, target_user_id, coalesce(chat_id::text, ''),
  coalesce(message_seq, 0)) WHERE status = 'open';

CREATE TABLE user_warnings (
  id           uuid PRIMARY KEY,
  user_id      uuid        NOT NULL REFERENCES users (id),
  moderator_id uuid        NOT NULL REFERENCES users (id),
  report_id    uuid        REFERENCES reports (id),
  reason       text        NOT NULL,
  created_at   timestamptz NOT NULL
);
CREATE INDEX user_warnings_by_user ON user_warnings (user_id, created_at DESC);

-- The one row of server-wide settings. Retention days null = kept for ever.
CREATE TABLE server_settings (
  id                     boolean PRIMARY KEY DEFAULT true CHECK (id),
  registration           text        NOT NULL DEFAULT 'open' CHECK (registration IN ('open', 'invite', 'closed')),
  max_accounts           integer     CHECK (max_accounts > 0),
  message_retention_days integer     CHECK (message_retention_days > 0),
  media_retention_days   integer     CHECK (media_retention_days > 0),
  updated_at             timestamptz,
  updated_by             uuid        REFERENCES users (id)
);
INSERT INTO server_settings (id) VALUES (true);

-- Sign-up invite codes an admin issued; only the SHA-256 of a code is stored.
CREATE TABLE registration_invites (
  code_hash  bytea PRIMARY KEY,
  created_by uuid        NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_by    uuid        REFERENCES users (id),
  used_at    timestamptz
);
CREATE INDEX registration_invites_by_time ON registration_invites (created_at DESC);

-- One chat's retention, over the server's; a null column falls back to the server's value.
CREATE TABLE chat_retention (
  chat_id                uuid PRIMARY KEY REFERENCES chats (id),
  message_retention_days integer     CHECK (message_retention_days > 0),
  media_retention_days   integer     CHECK (media_retention_days > 0),
  updated_at             timestamptz NOT NULL,
  updated_by             uuid        REFERENCES users (id)
);

-- The retention job finds what is old through this index, oldest first, without scanning tombstones.
CREATE INDEX messages_retention ON messages (created_at) WHERE deleted_at IS NULL AND kind <> 'system';
