-- Stories: a photo, a video or a text posted to an audience for story.ttlSeconds. Owned by the
-- story service (story-verticle). Media reference a story's media through stories.media_id (see
-- media-verticle's MediaReferences); expired rows are removed by the story service's expiry job,
-- but every query filters by expires_at itself, so a story is gone at that instant.
CREATE TABLE stories (
  id           uuid        PRIMARY KEY,
  author_id    uuid        NOT NULL REFERENCES users (id),
  kind         text        NOT NULL CHECK (kind IN ('image', 'video', 'text')),
  -- image and video: the ready media and what the media service said of it (never the client).
  media_id     uuid,
  media        jsonb,
  -- text: the words and a background colour #rrggbb.
  text         text,
  background   text,
  caption      text,
  -- contacts: the author's contacts at the time of asking; selected: those of audience_ids who
  -- are the author's contacts; contacts_except: the contacts but audience_ids.
  audience     text        NOT NULL CHECK (audience IN ('contacts', 'selected', 'contacts_except')),
  audience_ids uuid[]      NOT NULL DEFAULT '{}',
  created_at   timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  CHECK ((kind = 'text') = (media_id IS NULL)),
  CHECK ((kind = 'text') = (text IS NOT NULL AND background IS NOT NULL)),
  CHECK (expires_at > created_at)
);
-- An author's active stories (the feed, the active cap).
CREATE INDEX stories_author ON stories (author_id, expires_at);
-- The expiry job walks this.
CREATE INDEX stories_expiry ON stories (expires_at);
-- Who references a media, from the media's side (downloads, the orphan job).
CREATE INDEX stories_media ON stories (media_id) WHERE media_id IS NOT NULL;

-- One row per viewer and story, the first view's time; gone with its story.
CREATE TABLE story_views (
  story_id  uuid        NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
  viewer_id uuid        NOT NULL REFERENCES users (id),
  viewed_at timestamptz NOT NULL,
  PRIMARY KEY (story_id, viewer_id)
);

-- A poster's possible audience: the live accounts they have as contacts now, less anyone in a
-- block with them, either way. Through this view (and story_viewers) the story service reads
-- the auth service's contacts and blocks; it never names those tables.
CREATE VIEW story_contacts AS
  SELECT c.owner_id AS author_id, c.contact_id
  FROM user_contacts c
  JOIN users v ON v.id = c.contact_id AND v.deleted_at IS NULL
  WHERE NOT EXISTS (SELECT 1 FROM user_blocks b
                    WHERE b.blocker_id = c.owner_id AND b.blocked_id = c.contact_id
                       OR b.blocker_id = c.contact_id AND b.blocked_id = c.owner_id);

-- Who may see a story besides its author: the one definition of an audience, used by the feed,
-- every check of one story, the live delivery of its events and media downloads. A viewer is
-- one of the author's contacts now (so removing a contact, or a block, takes the stories away at
-- once) who fits the story's audience. Time is the caller's: every use adds expires_at > its
-- clock's now, so a story is gone at that instant and tests can move the clock.
CREATE VIEW story_viewers AS
  SELECT s.id AS story_id, s.author_id, c.contact_id AS viewer_id
  FROM stories s
  JOIN story_contacts c ON c.author_id = s.author_id
  WHERE s.audience = 'contacts'
     OR s.audience = 'selected' AND c.contact_id = ANY (s.audience_ids)
     OR s.audience = 'contacts_except' AND NOT c.contact_id = ANY (s.audience_ids);
