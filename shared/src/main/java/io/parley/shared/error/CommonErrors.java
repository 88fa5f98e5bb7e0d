package io.parley.shared.error;

/** Errors any endpoint may answer, independent of a domain. */
public final class CommonErrors {

  /** The body is not valid JSON, or not a JSON object. */
  public static final ErrorCode MALFORMED_JSON = new ErrorCode("request.malformed_json", 400);
  /** A field is missing, has the wrong type or an invalid value. */
  public static final ErrorCode INVALID_REQUEST = new ErrorCode("request.invalid", 400);
  /** A query or path parameter is malformed or out of range. */
  public static final ErrorCode INVALID_PARAMETER = new ErrorCode("request.invalid_parameter", 400);
  /** The body is larger than the configured limit. */
  public static final ErrorCode BODY_TOO_LARGE = new ErrorCode("request.too_large", 413);
  /** The body has a media type the endpoint does not accept. */
  public static final ErrorCode UNSUPPORTED_MEDIA_TYPE = new ErrorCode("request.unsupported_media_type", 415);
  /** No route matches the path. */
  public static final ErrorCode NOT_FOUND = new ErrorCode("request.not_found", 404);
  /** The route exists but not for this HTTP method. */
  public static final ErrorCode METHOD_NOT_ALLOWED = new ErrorCode("request.method_not_allowed", 405);
  /** No or an invalid access token. */
  public static final ErrorCode UNAUTHENTICATED = new ErrorCode("auth.unauthenticated", 401);
  /** Authenticated, but not allowed to do this. */
  public static final ErrorCode FORBIDDEN = new ErrorCode("auth.forbidden", 403);
  /** Too many requests; the response says when to retry. */
  public static final ErrorCode RATE_LIMITED = new ErrorCode("request.rate_limited", 429);
  /** A service the request needs is not reachable right now (no handler, timeout, backend down). */
  public static final ErrorCode SERVICE_UNAVAILABLE = new ErrorCode("service.unavailable", 503);
  /** This node is shutting down (draining): connect again, the load balancer picks another node. */
  public static final ErrorCode DRAINING = new ErrorCode("service.draining", 503);
  /** The server holds as many connections as it may (its descriptor budget); retry shortly, or another server. */
  public static final ErrorCode AT_CAPACITY = new ErrorCode("service.at_capacity", 503);
  /**
   * An answer that breaks the REST contract (the OpenAPI document) was held back. Only with
   * {@code http.checkResponses} on, as the test suites run: a schema or a service is wrong.
   */
  public static final ErrorCode CONTRACT_VIOLATION = new ErrorCode("server.contract_violation", 500);
  /** An unexpected failure; the details are in the server log under the correlation id. */
  public static final ErrorCode INTERNAL = new ErrorCode("server.internal", 500);

  private CommonErrors() {
  }
}
