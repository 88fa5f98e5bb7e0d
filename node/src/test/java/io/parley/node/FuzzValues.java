package io.parley.node;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * The raw material of the fuzzers: the field names Parley's requests read, values that have broken
 * servers before (a NUL, a date past PostgreSQL's range, a number past a long, a cursor that
 * decodes to nonsense), the real ids of the fixture's world, and plain random text.
 */
final class FuzzValues {

  static final String FAR_FUTURE = "+294277-01-01T00:00:00Z";

  /** Every field name a request body or query of Parley reads, and a few it does not. */
  static final List<String> FIELDS = List.of(
    "clientMessageId", "kind", "text", "media", "location", "replyTo", "threadRoot", "title", "description", "memberIds",
    "userIds", "userId", "type", "public", "pinned", "mutedUntil", "archived", "role", "emoji", "seq", "toChatId",
    "expiresAt", "maxUses", "latitude", "longitude", "liveUntil", "cursor", "limit", "after", "before", "thread", "q",
    "login", "password", "email", "username", "displayName", "deviceName", "refreshToken", "currentPassword",
    "newPassword", "lastSeenVisibility", "status", "scope", "chatId", "messageSeq", "typing", "label", "avatarMediaId",
    "__proto__", "", "x-parley-user");

  private FuzzValues() {
  }

  static Arbitrary<String> text() {
    return Arbitraries.frequencyOf(
      net.jqwik.api.Tuple.of(4, Arbitraries.strings().ofMaxLength(30)),
      net.jqwik.api.Tuple.of(2, Arbitraries.strings().all().ofMaxLength(12)),
      net.jqwik.api.Tuple.of(6, special()),
      net.jqwik.api.Tuple.of(1, Arbitraries.strings().withChars('x').ofMinLength(4_000).ofMaxLength(5_000)));
  }

  private static Arbitrary<String> special() {
    return Arbitraries.oneOf(
      Arbitraries.of("", " ", "a\u0000b", "\u0000", FAR_FUTURE, "2030-01-01T00:00:00Z", "-0001-01-01T00:00:00Z",
        "1969-12-31T23:59:59Z", "99999999999999999999", "-1", "0", "1e309", "NaN", "' OR 1=1 --", "<script>alert(1)</script>",
        "%ZZ", "../../etc/passwd", "\uD800", "👍", "🎉", "everyone", "me", "admin", "owner", "member", "group", "direct",
        "channel", "text", "image", "live_location", "busy", "online", "nobody", UUID.randomUUID().toString(), cursor()));
  }

  /** A base64url cursor of parts the server would never write. */
  static String cursor() {
    String raw = "u|" + FAR_FUTURE + "|" + UUID.randomUUID();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  static Arbitrary<Object> scalar(List<String> knownIds) {
    return Arbitraries.oneOf(
      text().map(Object.class::cast),
      Arbitraries.of(knownIds).map(Object.class::cast),
      Arbitraries.longs().map(Object.class::cast),
      Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE, 0L, -1L, 1L, 2L, 3L).map(Object.class::cast),
      Arbitraries.doubles().map(Object.class::cast),
      Arbitraries.of(true, false).map(Object.class::cast),
      Arbitraries.just(null));
  }

  static Arbitrary<Object> value(List<String> knownIds) {
    return Arbitraries.frequencyOf(
      net.jqwik.api.Tuple.of(6, scalar(knownIds)),
      net.jqwik.api.Tuple.of(1, scalar(knownIds).list().ofMaxSize(4).map(list -> (Object) new JsonArray(list))),
      net.jqwik.api.Tuple.of(1, object(knownIds, scalar(knownIds)).map(Object.class::cast)));
  }

  static Arbitrary<JsonObject> object(List<String> knownIds, Arbitrary<Object> values) {
    Arbitrary<String> names = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(9, Arbitraries.of(FIELDS)),
      net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMaxLength(10)));
    return Arbitraries.maps(names, values).ofMaxSize(6).map(map -> {
      JsonObject json = new JsonObject();
      map.forEach(json::put);
      return json;
    });
  }

  /** A body: mostly JSON objects of real field names, sometimes something that is not a JSON object at all. */
  static Arbitrary<String> body(List<String> knownIds) {
    return Arbitraries.frequencyOf(
      net.jqwik.api.Tuple.of(8, object(knownIds, value(knownIds)).map(JsonObject::encode)),
      net.jqwik.api.Tuple.of(1, Arbitraries.of("", "{", "[]", "null", "42", "\"text\"", "{\"a\":", "{\"text\":\"a\\u0000b\"}",
        "{\"limit\":1e999}", "[{}]", "{}{}")),
      net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMaxLength(40)));
  }

  /** A query string: real and invented names, hostile values, sometimes an encoding that does not decode. */
  static Arbitrary<String> query(List<String> knownIds) {
    Arbitrary<String> pair = net.jqwik.api.Combinators.combine(Arbitraries.of(FIELDS), scalar(knownIds))
      .as((name, value) -> encode(name) + "=" + encode(String.valueOf(value)));
    return Arbitraries.frequencyOf(
      net.jqwik.api.Tuple.of(8, pair.list().ofMaxSize(4).map(pairs -> String.join("&", pairs))),
      net.jqwik.api.Tuple.of(1, Arbitraries.of("%ZZ=1", "q=%", "a=%E0%A4%A", "%00=%00", "=&=&", "cursor=" + cursor())));
  }

  /** A path parameter: a real id, a random one, or anything (percent-encoded so the request line stays valid). */
  static Arbitrary<String> pathValue(List<String> knownIds) {
    return Arbitraries.frequencyOf(
      net.jqwik.api.Tuple.of(4, Arbitraries.of(knownIds)),
      net.jqwik.api.Tuple.of(2, Arbitraries.create(() -> UUID.randomUUID().toString())),
      net.jqwik.api.Tuple.of(3, text().filter(value -> !value.isEmpty()).map(FuzzValues::encode)));
  }

  static String encode(String value) {
    return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
