-- Messaging core. Owned by the chat service.
--
-- Every change in a chat (a message, an edit, a delete, a reaction, a pin, a membership or
-- settings change) takes the chat's next sequence number from chats.last_seq, in the same
-- transaction that stores it. The UPDATE of the chat row is what serialises writers of one chat,
-- so the numbers are gap-free and commit in order; chat_changes keeps one row per number, which
-- is what sync reads.

CREATE TABLE chats (
  id               uuid PRIMARY KEY,
  type             text        NOT NULL CHECK (type IN ('direct', 'group', 'channel')),
  title            text        NOT NULL DEFAULT '',
  description      text        NOT NULL DEFAULT '',
  avatar_media_id  uuid,
  -- Public groups and channels can be found and joined freely; private ones only by invitation.
  is_public        boolean     NOT NULL DEFAULT false,
  created_by       uuid        NOT NULL REFERENCES users (id),
  created_at       timestamptz NOT NULL,
  last_seq         bigint      NOT NULL DEFAULT 0,
  -- Time of the newest message: the chat list is ordered by it.
  last_activity_at timestamptz NOT NULL,
  member_count     int         NOT NULL DEFAULT 0,
  -- Direct chats only: the two people, smaller id first. The unique constraint is what makes two
  -- concurrent "open a chat with Bob" requests end up in the same chat.
  direct_user_low  uuid REFERENCES users (id),
  direct_user_high uuid REFERENCES users (id),
  CONSTRAINT chats_direct_pair UNIQUE (direct_user_low, direct_user_high),
  CHECK ((type = 'direct') = (direct_user_low IS NOT NULL AND direct_user_high IS NOT NULL)),
  CHECK (direct_user_low < direct_user_high)
);

CREATE TABLE chat_members (
  chat_id         uuid        NOT NULL REFERENCES chats (id),
  user_id         uuid        NOT NULL REFERENCES users (id),
  role            text        NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
  joined_at       timestamptz NOT NULL,
  -- The change that (last) added this member: sync without a cursor for the chat starts there.
  joined_seq      bigint      NOT NULL,
  -- Set when the member left or was removed; the row stays for receipts and to end their sync
  -- at left_seq, the change that told them.
  left_at         timestamptz,
  left_seq        bigint,
  left_reason     text CHECK (left_reason IN ('left', 'removed')),
  -- Receipt watermarks: everything up to these sequence numbers reached / was read by a device
  -- of this member. They only move forward; delivered_up_to >= read_up_to.
  delivered_up_to bigint      NOT NULL DEFAULT 0,
  read_up_to      bigint      NOT NULL DEFAULT 0,
  -- Private to the member: pinned chats come first in their list, most recently pinned first.
  pinned_at       timestamptz,
  muted_until     timestamptz,
  archived        boolean     NOT NULL DEFAULT false,
  PRIMARY KEY (chat_id, user_id),
  CHECK ((left_at IS NULL) = (left_seq IS NULL))
);
-- My chats (the chat list, sync, search), including the ones I left.
CREATE INDEX chat_members_by_user ON chat_members (user_id, chat_id);
-- Owner hand-over on leave: the oldest admin, else the oldest member.
CREATE INDEX chat_members_seniority ON chat_members (chat_id, joined_at, user_id) WHERE left_at IS NULL;

-- Messages, partitioned by chat: one chat's history lives in one partition and every query
-- names its chat, so a query touches one partition's indexes.
CREATE TABLE messages (
  chat_id            uuid        NOT NULL REFERENCES chats (id),
  seq                bigint      NOT NULL,
  id                 uuid        NOT NULL,
  sender_id          uuid        NOT NULL,
  -- The sender's own id for the message: a retried send with the same id is the same message.
  -- Null for system messages.
  client_message_id  text,
  kind               text        NOT NULL CHECK (kind IN
                       ('text', 'image', 'video', 'audio', 'document', 'location', 'live_location', 'system')),
  text               text,
  -- Media kinds: {id, mime, size, width?, height?, durationMs?, fileName?, caption?}.
  media              jsonb,
  -- Location: {latitude, longitude, label?}.
  location           jsonb,
  -- System messages: what happened ({action, userIds, ...}); clients render the sentence.
  system             jsonb,
  mentions           uuid[]      NOT NULL DEFAULT '{}',
  reply_to_seq       bigint,
  thread_root_seq    bigint,
  -- On a thread root: how many replies it has and the newest one.
  thread_reply_count int         NOT NULL DEFAULT 0,
  thread_last_seq    bigint,
  -- Forwarded copies keep where they came from: {chatId, seq, senderId}.
  forwarded_from     jsonb,
  created_at         timestamptz NOT NULL,
  edited_at          timestamptz,
  -- Deleted for everyone: the content columns are cleared, the row stays as a tombstone.
  deleted_at         timestamptz,
  pinned_at          timestamptz,
  pinned_by          uuid,
  search             tsvector GENERATED ALWAYS AS
                       (to_tsvector('simple', coalesce(text, '') || ' ' || coalesce(media ->> 'caption', ''))) STORED,
  PRIMARY KEY (chat_id, seq)
) PARTITION BY HASH (chat_id);

CREATE UNIQUE INDEX messages_client_id ON messages (chat_id, sender_id, client_message_id);
CREATE INDEX messages_thread ON messages (chat_id, thread_root_seq, seq) WHERE thread_root_seq IS NOT NULL;
CREATE INDEX messages_media ON messages (chat_id, kind, seq) WHERE kind IN ('image', 'video', 'audio', 'document');
CREATE INDEX messages_pinned ON messages (chat_id, seq) WHERE pinned_at IS NOT NULL;
CREATE INDEX messages_search ON messages USING gin (search);

-- The change log sync reads: one row per sequence number of a chat. It never holds message
-- content (that stays in messages, so a delete for everyone really removes it); a change about a
-- message names it by message_seq.
CREATE TABLE chat_changes (
  chat_id     uuid        NOT NULL,
  seq         bigint      NOT NULL,
  -- message.sent, message.edited, message.deleted, message.pinned, message.unpinned,
  -- reaction.changed, chat.created, chat.updated, chat.member.changed
  type        text        NOT NULL,
  message_seq bigint,
  actor_id    uuid        NOT NULL,
  data        jsonb       NOT NULL DEFAULT '{}',
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (chat_id, seq)
) PARTITION BY HASH (chat_id);

DO $$
BEGIN
  FOR remainder IN 0..15 LOOP
    EXECUTE format('CREATE TABLE messages_p%s PARTITION OF messages FOR VALUES WITH (MODULUS 16, REMAINDER %s)',
                   lpad(remainder::text, 2, '0'), remainder);
    EXECUTE format('CREATE TABLE chat_changes_p%s PARTITION OF chat_changes FOR VALUES WITH (MODULUS 16, REMAINDER %s)',
                   lpad(remainder::text, 2, '0'), remainder);
  END LOOP;
END $$;

-- "Delete for me": hidden from one member only.
CREATE TABLE message_hides (
  chat_id uuid   NOT NULL,
  user_id uuid   NOT NULL,
  seq     bigint NOT NULL,
  PRIMARY KEY (chat_id, user_id, seq)
);

CREATE TABLE message_reactions (
  chat_id    uuid        NOT NULL,
  seq        bigint      NOT NULL,
  user_id    uuid        NOT NULL,
  emoji      text        NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (chat_id, seq, user_id, emoji)
);
