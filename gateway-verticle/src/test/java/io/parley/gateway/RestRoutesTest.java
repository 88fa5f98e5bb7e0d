package io.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.shared.Address;
import io.parley.shared.Headers;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.error.CommonErrors;
import io.parley.testkit.ParleyExtension;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The REST route tables at a real gateway: every route reaches its bus address with the body
 * shaped as its entry says and the caller stamped from the token, and answers with its status.
 * The services are played by stand-ins that echo what reached them.
 */
class RestRoutesTest {

  private static final List<ApiRoute> ROUTES = ApiTables.ALL.stream().filter(ApiTables.Table::forwarded)
    .flatMap(table -> table.routes().stream()).toList();
  private static final String USER = UUID.randomUUID().toString();
  private static final String SESSION = UUID.randomUUID().toString();

  private static final List<String> forwarded = new CopyOnWriteArrayList<>();

  @RegisterExtension
  static final ParleyExtension parley = ParleyExtension.onSharedBackends()
      .httpOnFreePort()
      // The stand-ins echo what reached them, which is no answer of the contract's.
      .config(ConfigKeys.HTTP_CHECK_RESPONSES, false)
      .prepare(TestTokens::keys)
      .prepare(RestRoutesTest::echoingServices)
      .deploy(GatewayVerticle::new)
      .build();

  private static WebClient http;
  private static TestTokens tokens;

  /** Every address a route forwards to answers with what reached it: the address, the body and the headers. */
  private static Future<?> echoingServices(Vertx vertx, JsonObject config) {
    ROUTES.stream().map(ApiRoute::address).distinct().forEach(address ->
      vertx.eventBus().<JsonObject>consumer(address, request -> {
        forwarded.add(address);
        JsonObject headers = new JsonObject();
        request.headers().forEach(header -> headers.put(header.getKey(), header.getValue()));
        Integer status = request.body().getInteger("replyStatus");
        request.reply(new JsonObject().put("address", address).put("body", request.body()).put("headers", headers),
          status == null ? new DeliveryOptions() : new DeliveryOptions().addHeader(Headers.REPLY_STATUS, status.toString()));
      }));
    return Future.succeededFuture();
  }

  @BeforeAll
  static void clients() {
    // No User-Agent of the client's own: one test checks that an absent one is not forwarded.
    http = WebClient.create(parley.vertx(), new WebClientOptions().setUserAgentEnabled(false)
      .setDefaultHost("127.0.0.1").setDefaultPort(parley.httpPort()));
    tokens = TestTokens.of(parley.vertx(), parley.config());
  }

  @Test
  void everyRouteReachesItsAddressWithItsPathParametersAndAnswersItsStatus() {
    for (ApiRoute route : ROUTES) {
      String path = route.path().replaceAll(":(\\w+)", "value-of-$1");
      HttpResponse<Buffer> response = send(route.method(), path, route.signedIn(), example(route));
      assertThat(response.statusCode()).as(route.method() + " " + route.path()).isEqualTo(route.status());
      if (route.status() == 204) {
        assertThat(response.body()).as(route.path()).isNull();
        assertThat(forwarded).last().isEqualTo(route.address());
        continue;
      }
      JsonObject echo = response.bodyAsJsonObject();
      assertThat(echo.getString("address")).as(route.method() + " " + route.path()).isEqualTo(route.address());
      for (String param : route.path().split("/")) {
        if (param.startsWith(":")) {
          assertThat(echo.getJsonObject("body").getString(param.substring(1))).isEqualTo("value-of-" + param.substring(1));
        }
      }
    }
  }

  @Test
  void pathParametersAreWrittenOverTheBodyAndTheQuery() {
    JsonObject edit = send(HttpMethod.PATCH, "/chats/mine", true, new JsonObject().put("chatId", "theirs").put("title", "t"))
      .bodyAsJsonObject().getJsonObject("body");
    assertThat(edit).isEqualTo(new JsonObject().put("chatId", "mine").put("title", "t"));

    JsonObject history = send(HttpMethod.GET, "/chats/mine/messages?chatId=theirs&limit=5&limit=6", true, null)
      .bodyAsJsonObject().getJsonObject("body");
    assertThat(history).isEqualTo(new JsonObject().put("chatId", "mine").put("limit", "5"));
  }

  @Test
  void aFixedPathIsMatchedBeforeAParameterInTheSamePlace() {
    assertThat(send(HttpMethod.GET, "/chats/public?q=x", true, null).bodyAsJsonObject().getString("address"))
      .isEqualTo(Address.CHAT_PUBLIC_SEARCH);
  }

  @Test
  void theCallerIsStampedFromTheTokenAndTheConnection() {
    HttpResponse<Buffer> response = http.get("/api/v1/me")
      .bearerTokenAuthentication(token())
      .putHeader("User-Agent", "RestRoutesTest/1")
      .putHeader("X-Correlation-Id", "corr-12345678")
      .send().await();
    assertThat(response.bodyAsJsonObject().getJsonObject("headers")).isEqualTo(new JsonObject()
      .put(Headers.USER_ID, USER)
      .put(Headers.SESSION_ID, SESSION)
      .put(Headers.CLIENT_ADDRESS, "127.0.0.1")
      .put(Headers.USER_AGENT, "RestRoutesTest/1")
      .put(Headers.CORRELATION_ID, "corr-12345678"));
  }

  @Test
  void anOpenRouteCarriesNoIdentityAndAnAbsentUserAgentIsNotWrittenAsText() {
    JsonObject headers = send(HttpMethod.POST, "/auth/login", false, example(HttpMethod.POST, "/auth/login"))
      .bodyAsJsonObject().getJsonObject("headers");
    assertThat(headers.fieldNames()).containsExactlyInAnyOrder(Headers.CLIENT_ADDRESS, Headers.CORRELATION_ID);
  }

  @Test
  void aServiceMayChooseTheStatusExceptOfANoContentRoute() {
    assertThat(send(HttpMethod.POST, "/chats", true, example(HttpMethod.POST, "/chats").put("replyStatus", 200)).statusCode())
      .isEqualTo(200);
    assertThat(send(HttpMethod.DELETE, "/me", true, example(HttpMethod.DELETE, "/me").put("replyStatus", 200)).statusCode())
      .isEqualTo(204);
  }

  @Test
  void signedInRoutesRefuseAMissingTokenWith401AndForwardNothing() {
    int before = forwarded.size();
    for (ApiRoute route : ROUTES.stream().filter(ApiRoute::signedIn).toList()) {
      HttpResponse<Buffer> response = send(route.method(), route.path().replaceAll(":(\\w+)", "x"), false, new JsonObject());
      assertThat(response.statusCode()).as(route.method() + " " + route.path()).isEqualTo(401);
      assertThat(response.bodyAsJsonObject().getJsonObject("error").getString("code"))
        .isEqualTo(CommonErrors.UNAUTHENTICATED.code());
    }
    assertThat(forwarded).hasSize(before);
  }

  @Test
  void aBodyThatIsNotAJsonObjectIsRefusedWith400AndForwardsNothing() {
    int before = forwarded.size();
    HttpResponse<Buffer> response = http.request(HttpMethod.PATCH, "/api/v1/chats/mine")
      .bearerTokenAuthentication(token())
      .putHeader("Content-Type", "application/json")
      .sendBuffer(Buffer.buffer("[1,2]")).await();
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getJsonObject("error").getString("code"))
      .isEqualTo(CommonErrors.MALFORMED_JSON.code());
    assertThat(forwarded).hasSize(before);
  }

  /** A body the contract accepts: its request schema's example, or an empty object for a route without required fields. */
  private static JsonObject example(ApiRoute route) {
    JsonObject schema = route.takes() == null ? null
      : OpenApiDocument.components().getJsonObject("schemas").getJsonObject(route.takes());
    return schema == null || schema.getJsonArray("examples") == null ? new JsonObject()
      : schema.getJsonArray("examples").getJsonObject(0).copy();
  }

  private static JsonObject example(HttpMethod method, String path) {
    return example(ROUTES.stream().filter(r -> r.method() == method && r.path().equals(path)).findFirst().orElseThrow());
  }

  private static HttpResponse<Buffer> send(HttpMethod method, String path, boolean signedIn, JsonObject body) {
    HttpRequest<Buffer> request = http.request(method, "/api/v1" + path);
    if (signedIn) {
      request.bearerTokenAuthentication(token());
    }
    return (body == null ? request.send() : request.sendJsonObject(body)).await();
  }

  private static String token() {
    return tokens.accessToken(USER, SESSION);
  }
}
