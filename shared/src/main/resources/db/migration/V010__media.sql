-- Media: uploads to object storage and what the media service learnt from their bytes. Owned by
-- the media service. Messages, profiles and chats reference a media by id (messages in
-- media ->> 'id', users and chats in avatar_media_id); what references it decides who may
-- download it and whether it is still needed (see media-verticle's MediaReferences).
CREATE TABLE media (
  id              uuid        PRIMARY KEY,
  owner_id        uuid        NOT NULL REFERENCES users (id),
  kind            text        NOT NULL CHECK (kind IN ('image', 'video', 'audio', 'document')),
  -- pending: waiting for its bytes and completion; ready: checked, usable; rejected: the bytes
  -- were not what was declared (rejection holds the error code); deleting: being removed.
  status          text        NOT NULL CHECK (status IN ('pending', 'ready', 'rejected', 'deleting')),
  -- The declared type, checked against the bytes at completion; what downloads are served as.
  content_type    text        NOT NULL,
  size            bigint      NOT NULL CHECK (size > 0),
  file_name       text,
  -- Where the bytes are: the upload's key while pending; once ready, the key they were sealed
  -- under (S3 copies them out of reach of the still-valid upload URL; the local store writes once).
  object_key      text        NOT NULL,
  width           integer,
  height          integer,
  duration_ms     bigint,
  -- image/jpeg or image/png when a thumbnail was made (images only), under thumbs/<id>.jpg|.png.
  thumbnail_type   text,
  thumbnail_width  integer,
  thumbnail_height integer,
  rejection       text,
  created_at      timestamptz NOT NULL,
  ready_at        timestamptz,
  -- When the orphan job looks at this media next: pending → removed at created + 1 h; ready →
  -- removed then if nothing references it (pushed on by every attach), else looked at again later.
  sweep_at        timestamptz NOT NULL
);

-- The pending-upload cap counts these per user.
CREATE INDEX media_pending_owner ON media (owner_id) WHERE status = 'pending';
CREATE INDEX media_sweep ON media (sweep_at);

-- Who references a media, found from the media's side (downloads, the orphan job).
CREATE INDEX messages_media_id ON messages ((media ->> 'id')) WHERE media IS NOT NULL;
CREATE INDEX users_avatar_media ON users (avatar_media_id) WHERE avatar_media_id IS NOT NULL;
CREATE INDEX chats_avatar_media ON chats (avatar_media_id) WHERE avatar_media_id IS NOT NULL;
