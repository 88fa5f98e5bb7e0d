package io.parley.shared.error;

/**
 * Errors of stories (the story service). Field-shape problems (a missing field, a wrong type, a
 * malformed id) are {@link CommonErrors#INVALID_REQUEST} with a {@code field} detail; a media that
 * is not the poster's ready image or video answers the media service's own codes
 * ({@link MediaErrors#NOT_FOUND}, {@link MediaErrors#NOT_READY}, {@link MediaErrors#KIND_MISMATCH}).
 * A refused request changes nothing.
 */
public final class StoryErrors {

  /**
   * No such story, or not one the caller may see now: outside its audience (blocks included),
   * expired, or deleted. All answered alike, so nobody learns that a story exists; for the
   * author-only operations (viewers, delete) also any story not the caller's own.
   */
  public static final ErrorCode NOT_FOUND = new ErrorCode("story.not_found", 404);
  /** A story is exactly one of a media ({@code media:{id}}) or a text on a background. */
  public static final ErrorCode INVALID_CONTENT = new ErrorCode("story.invalid_content", 422);
  /** A text story's text is empty or longer than {@code story.maxTextLength}. */
  public static final ErrorCode INVALID_TEXT = new ErrorCode("story.invalid_text", 422);
  /** The caption is longer than {@code story.maxCaptionLength}. */
  public static final ErrorCode INVALID_CAPTION = new ErrorCode("story.invalid_caption", 422);
  /** A text story's background is not a colour {@code #rrggbb}. */
  public static final ErrorCode INVALID_BACKGROUND = new ErrorCode("story.invalid_background", 422);
  /**
   * The audience type is not {@code contacts}, {@code selected} or {@code contacts_except}, or its
   * {@code userIds} do not fit it (missing for {@code selected}, given for {@code contacts}, more
   * than {@code story.maxAudienceIds}).
   */
  public static final ErrorCode INVALID_AUDIENCE = new ErrorCode("story.invalid_audience", 422);
  /** A listed audience member is not one of the poster's contacts (detail {@code userId}). */
  public static final ErrorCode NOT_A_CONTACT = new ErrorCode("story.not_a_contact", 422);
  /** The poster already has {@code story.maxActivePerAuthor} stories that have not expired. */
  public static final ErrorCode TOO_MANY_ACTIVE = new ErrorCode("story.too_many_active", 429);

  private StoryErrors() {
  }
}
