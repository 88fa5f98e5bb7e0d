package io.parley.shared.error;

/**
 * Errors of uploads, downloads and media references (the media service) and of the local object
 * store's signed URLs. Field-shape problems (a missing field, a wrong type, a malformed id) are
 * {@link CommonErrors#INVALID_REQUEST} with a {@code field} detail; the codes here are the
 * domain's own refusals. A refused request changes nothing, and a media refused at completion
 * stays unusable.
 */
public final class MediaErrors {

  /**
   * No such media, or not one the caller may see (or, to attach or complete, not the caller's
   * own): the answers are alike, so nobody learns that a media exists.
   */
  public static final ErrorCode NOT_FOUND = new ErrorCode("media.not_found", 404);
  /** The kind is not image, video, audio or document. */
  public static final ErrorCode INVALID_KIND = new ErrorCode("media.invalid_kind", 422);
  /** The declared content type is not one the kind allows (HEIC, SVG and HTML are never images). */
  public static final ErrorCode TYPE_NOT_ALLOWED = new ErrorCode("media.type_not_allowed", 422);
  /** The declared size, or the stored one, is over the kind's limit. */
  public static final ErrorCode TOO_LARGE = new ErrorCode("media.too_large", 422);
  /** The caller already has as many pending uploads as allowed: complete or cancel some first. */
  public static final ErrorCode TOO_MANY_PENDING = new ErrorCode("media.too_many_pending", 429);
  /** Completed before the bytes were uploaded: upload, then complete again. */
  public static final ErrorCode NOT_UPLOADED = new ErrorCode("media.not_uploaded", 409);
  /** The stored bytes are not the declared size. */
  public static final ErrorCode SIZE_MISMATCH = new ErrorCode("media.size_mismatch", 422);
  /** The bytes are not of the declared type (sniffed from the bytes, whatever the name or header says). */
  public static final ErrorCode TYPE_MISMATCH = new ErrorCode("media.type_mismatch", 422);
  /** The image has more pixels than allowed (a decompression bomb is refused before it is decoded). */
  public static final ErrorCode TOO_MANY_PIXELS = new ErrorCode("media.too_many_pixels", 422);
  /** The bytes claim a known type but cannot be read as one (a truncated or corrupt image). */
  public static final ErrorCode UNREADABLE = new ErrorCode("media.unreadable", 422);
  /** The media is not ready: still pending, or refused at completion. */
  public static final ErrorCode NOT_READY = new ErrorCode("media.not_ready", 409);
  /** The media is of another kind than the message (or, for an avatar, not an image). */
  public static final ErrorCode KIND_MISMATCH = new ErrorCode("media.kind_mismatch", 422);
  /** A message, profile or chat still uses the media, so it cannot be deleted. */
  public static final ErrorCode IN_USE = new ErrorCode("media.in_use", 409);
  /** Too many completions are being checked right now; retry after {@code retryAfterSeconds}. */
  public static final ErrorCode BUSY = new ErrorCode("media.busy", 503);

  /** Local store: the URL's signature does not match (tampered URL, or other headers than signed). */
  public static final ErrorCode URL_INVALID = new ErrorCode("media.url_invalid", 403);
  /** Local store: the signed URL has expired. */
  public static final ErrorCode URL_EXPIRED = new ErrorCode("media.url_expired", 403);
  /** Local store: a valid URL, but the object is not (or no longer) there. */
  public static final ErrorCode OBJECT_NOT_FOUND = new ErrorCode("media.object_not_found", 404);
  /** Local store: the object was uploaded already; an upload URL writes once. */
  public static final ErrorCode OBJECT_EXISTS = new ErrorCode("media.object_exists", 409);
  /** Local store: the Range header asks for bytes beyond the object. */
  public static final ErrorCode RANGE_NOT_SATISFIABLE = new ErrorCode("media.range_not_satisfiable", 416);

  private MediaErrors() {
  }
}
