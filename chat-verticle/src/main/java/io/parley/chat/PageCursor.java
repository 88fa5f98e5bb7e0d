package io.parley.chat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Keyset pages (chats, search results, public chats) and their cursors: where the previous page
 * ended, its sort fields joined by {@code |}, base64url. Clients only hand them back; one this
 * server did not produce is 400 {@code request.invalid_parameter}.
 */
final class PageCursor {

  private PageCursor() {
  }

  /**
   * A page read with one row more than {@code limit}: {@code {nextCursor?, items}}, the cursor
   * naming where the last item shown sorts, present only when more follow.
   */
  static <T> JsonObject page(List<T> found, int limit, Function<T, Object> view, Function<T, String> cursorAfter) {
    JsonObject page = new JsonObject();
    if (found.size() > limit) {
      page.put("nextCursor", cursorAfter.apply(found.get(limit - 1)));
    }
    return page.put("items", new JsonArray(found.stream().limit(limit).map(view).toList()));
  }

  static String encode(Object... parts) {
    String raw = Arrays.stream(parts).map(String::valueOf).collect(Collectors.joining("|"));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /** The position a cursor names, read from its parts ({@code reader} throws on anything else); null for none. */
  static <T> T decode(String cursor, Function<String[], T> reader) {
    if (cursor == null) {
      return null;
    }
    try {
      return reader.apply(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|"));
    } catch (RuntimeException malformed) {
      throw Fields.badParameter("cursor", "cursor is not one this server produced");
    }
  }
}
