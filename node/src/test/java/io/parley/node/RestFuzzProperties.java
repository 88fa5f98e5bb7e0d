package io.parley.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.gateway.RestApi;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Generated requests to every REST route ({@link RestApi#operations()}, so new routes are fuzzed
 * with no change here): any caller (none, a forged token, the owner, a member, a stranger), any
 * path parameters, query and body. None may get a 5xx; every refusal carries the JSON error shape
 * with one of Parley's stable codes and leaves every table as it was.
 */
class RestFuzzProperties {

  private static final Pattern PARAMETER = Pattern.compile(":[A-Za-z]+");
  /** Routes that can end the caller's own session, after which the fixture signs in again. */
  private static final Set<String> ENDS_SESSIONS = Set.of("POST /auth/logout", "DELETE /sessions/:sessionId", "DELETE /me",
    "POST /me/password", "DELETE /sessions", "POST /auth/refresh");

  private static FuzzFixture world;
  /** The state after the last request, when known: most requests are refused and change nothing, so one read each. */
  private static JsonObject known;

  /** One generated request. */
  record Request(RestApi.Operation operation, int caller, List<String> pathValues, String query, String body) {

    String path() {
      Matcher parameters = PARAMETER.matcher(operation.path());
      StringBuilder path = new StringBuilder("/api/v1");
      int index = 0;
      while (parameters.find()) {
        parameters.appendReplacement(path, Matcher.quoteReplacement(pathValues.get(index++ % pathValues.size())));
      }
      parameters.appendTail(path);
      return path.toString().replace("/api/v1/api/v1", "/api/v1") + (query.isEmpty() ? "" : "?" + query);
    }

    @Override
    public String toString() {
      return operation.key() + " as caller " + caller + ": " + path() + " " + (body.length() > 200 ? body.substring(0, 200) + "…" : body);
    }
  }

  @BeforeContainer
  static void start() throws Exception {
    world = FuzzFixture.start("127.0.0.22");
  }

  @AfterContainer
  static void stop() {
    world.close();
  }

  @Property(tries = 5_000)
  void anyRequestToAnyRouteGetsNo5xxAStableCodeAndARefusalChangesNothing(@ForAll("requests") Request request) {
    JsonObject before = known != null ? known : world.snapshot();
    known = null;
    HttpResponse<Buffer> response = send(request);
    int status = response.statusCode();
    assertThat(status).as(request + " → " + response.bodyAsString()).isLessThan(500);
    if (status >= 400) {
      assertThat(response.getHeader("Content-Type")).as(request.toString()).startsWith("application/json");
      String code = response.bodyAsJsonObject().getJsonObject("error").getString("code");
      assertThat(world.codes).as(request + " → " + code).contains(code);
      known = world.snapshot();
      assertThat(known).as("a refused " + request + " changed nothing").isEqualTo(before);
    } else if (ENDS_SESSIONS.contains(request.operation().key())) {
      world.renewRevokedTokens();
    }
  }

  @Provide
  Arbitrary<Request> requests() {
    List<String> known = world.knownIds();
    return Combinators.combine(
        Arbitraries.of(RestApi.operations()),
        Arbitraries.integers().between(0, 4),
        FuzzValues.pathValue(known).list().ofMinSize(1).ofMaxSize(3),
        FuzzValues.query(known),
        FuzzValues.body(known))
      .as(Request::new);
  }

  private static HttpResponse<Buffer> send(Request request) {
    HttpRequest<Buffer> http = world.http.request(HttpMethod.valueOf(request.operation().method()), request.path());
    String token = switch (request.caller()) {
      case 0 -> null;
      case 1 -> "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.forged";
      default -> world.tokens.get(request.caller() - 2);
    };
    if (token != null) {
      http.putHeader("Authorization", "Bearer " + token);
    }
    return http.putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(request.body())).await();
  }
}
