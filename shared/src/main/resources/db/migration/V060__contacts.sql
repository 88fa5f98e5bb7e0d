-- Contacts and phone numbers. Owned by the auth service; the story service reads contacts (and
-- blocks) only through the story_contacts and story_viewers views of V061.

-- An optional phone number in E.164 form (+ and 7 to 15 digits), normalised by the auth service.
-- Numbers are not verified (no SMS), so they are not unique: a unique number would let anyone
-- learn, by trying to set it, that an account has it, whatever its visibility. phone_visibility
-- says who may see the number on my profile and find me by it: everyone signed in, my contacts
-- (the people I added), or nobody; blocks hide it either way.
ALTER TABLE users ADD COLUMN phone text CHECK (phone ~ '^\+[1-9][0-9]{6,14}$');
ALTER TABLE users ADD COLUMN phone_visibility text NOT NULL DEFAULT 'contacts'
  CHECK (phone_visibility IN ('everyone', 'contacts', 'nobody'));
CREATE INDEX users_phone ON users (phone) WHERE phone IS NOT NULL AND deleted_at IS NULL;

-- The people owner_id added (by username, search, a chat or phone number), with a local name
-- only the owner sees. One-sided: being someone's contact says nothing about them being mine.
CREATE TABLE user_contacts (
  owner_id   uuid        NOT NULL REFERENCES users (id),
  contact_id uuid        NOT NULL REFERENCES users (id),
  name       text,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (owner_id, contact_id),
  CHECK (owner_id <> contact_id)
);
-- Whose contact am I: the stories feed starts from here.
CREATE INDEX user_contacts_contact ON user_contacts (contact_id);
