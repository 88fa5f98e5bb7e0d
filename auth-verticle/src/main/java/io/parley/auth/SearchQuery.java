package io.parley.auth;

import io.parley.shared.error.CommonErrors;
import io.vertx.core.json.JsonObject;
import java.text.Normalizer;
import java.util.Locale;

/**
 * {@code GET /api/v1/users?q=&limit=&offset=}: people by username or display name.
 *
 * @param text   the search text, trimmed and lower-cased
 * @param limit  page size
 * @param offset matches to skip; bounded, as nobody pages through thousands of people
 */
record SearchQuery(String text, int limit, int offset) {

  static final int TEXT_MAX = 64;
  static final int LIMIT_DEFAULT = 20;
  static final int LIMIT_MAX = 50;
  static final int OFFSET_MAX = 500;

  static SearchQuery from(JsonObject body) {
    String text = body.getValue("q") instanceof String q ? q.strip() : "";
    if (text.isEmpty() || text.codePointCount(0, text.length()) > TEXT_MAX
      || text.codePoints().anyMatch(Character::isISOControl)) {
      throw CommonErrors.INVALID_PARAMETER.exception("q is the search text, 1 to " + TEXT_MAX + " characters",
        new JsonObject().put("field", "q"));
    }
    return new SearchQuery(
      Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT),
      Fields.integer(body.getValue("limit"), "limit", LIMIT_DEFAULT, 1, LIMIT_MAX),
      Fields.integer(body.getValue("offset"), "offset", 0, 0, OFFSET_MAX));
  }
}
