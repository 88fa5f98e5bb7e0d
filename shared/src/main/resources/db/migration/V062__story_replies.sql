-- A reply to a story is a direct message to its author quoting the story: what the story
-- service said of it when the reply was sent ({id, authorId, kind, media?, text?, background?,
-- caption?, expiresAt}). Owned by the chat service; cleared when the message is deleted for
-- everyone. It is no reference to the story's media: the quote shows its thumbnail while the
-- story lives, and the media goes with the story.
ALTER TABLE messages ADD COLUMN story jsonb;
