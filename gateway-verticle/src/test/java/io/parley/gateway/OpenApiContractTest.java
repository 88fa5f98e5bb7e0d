package io.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.shared.Address;
import io.parley.shared.error.CommonErrors;
import io.parley.testkit.ParleyExtension;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.openapi.contract.OpenAPIContract;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The OpenAPI document against the gateway that serves it: it names exactly the routes mounted
 * under {@code /api/v1}, every route has its schemas, it is valid OpenAPI 3.1, and request bodies
 * that break it are refused with the shared 400 body before any service hears of them.
 */
class OpenApiContractTest {

  private static final List<JsonObject> forwarded = new CopyOnWriteArrayList<>();
  private static GatewayVerticle gateway;

  @RegisterExtension
  static final ParleyExtension parley = ParleyExtension.onSharedBackends()
      .httpOnFreePort()
      .prepare(TestTokens::keys)
      .prepare(OpenApiContractTest::standInChatService)
      .deploy(() -> gateway = new GatewayVerticle())
      .build();

  /** Creates chats as the chat service would, or, for the title "breaks the contract", answers outside it. */
  private static Future<?> standInChatService(Vertx vertx, JsonObject config) {
    vertx.eventBus().<JsonObject>consumer(Address.CHAT_CREATE, request -> {
      forwarded.add(request.body());
      boolean keepsTheContract = !"breaks the contract".equals(request.body().getString("title"));
      request.reply(keepsTheContract ? chat() : new JsonObject().put("id", "not an id"));
    });
    return Future.succeededFuture();
  }

  @Test
  void theDocumentNamesExactlyTheRoutesMountedUnderApiV1() {
    JsonObject document = served();
    Set<String> documented = new HashSet<>();
    document.getJsonObject("paths").forEach(path -> ((JsonObject) path.getValue()).fieldNames()
      .forEach(method -> documented.add(method.toUpperCase() + " " + path.getKey().replaceAll("\\{(\\w+)}", ":$1"))));
    assertThat(documented).containsExactlyInAnyOrderElementsOf(new HashSet<>(gateway.mountedApiRoutes()));
    assertThat(gateway.mountedApiRoutes()).doesNotHaveDuplicates();
  }

  @Test
  void everyRouteHasItsSchemasAndEveryNamedSchemaExists() {
    JsonObject schemas = OpenApiDocument.components().getJsonObject("schemas");
    List<String> missing = new ArrayList<>();
    for (ApiRoute route : ApiTables.routes()) {
      String key = route.method() + " " + route.path();
      if (route.summary() == null) {
        missing.add(key + ": no summary");
      }
      if (route.shape() == RequestShape.JSON && !schemas.containsKey(route.takes())) {
        missing.add(key + ": request schema " + route.takes());
      }
      if (route.status() != ApiRoute.NO_CONTENT && !schemas.containsKey(route.answers())) {
        missing.add(key + ": response schema " + route.answers());
      }
      if (route.shape() != RequestShape.JSON && route.takes() != null) {
        missing.add(key + ": a request schema for a route that reads no body");
      }
    }
    assertThat(missing).isEmpty();
  }

  @Test
  void everySchemaIsUsedSoNoneDescribesSomethingThatIsNotThere() {
    String document = served().encode();
    Set<String> referenced = new HashSet<>();
    Matcher ref = Pattern.compile("#/components/schemas/(\\w+)").matcher(document);
    while (ref.find()) {
      referenced.add(ref.group(1));
    }
    assertThat(referenced).containsAll(OpenApiDocument.components().getJsonObject("schemas").fieldNames());
  }

  @Test
  void theServedDocumentIsValidOpenApi31AndEachOperationNamesItsBusAddressAndErrors() {
    JsonObject document = served();
    assertThat(document.getString("openapi")).isEqualTo("3.1.0");
    assertThat(document.getJsonArray("servers").getJsonObject(0).getString("url")).isEqualTo("/api/v1");
    JsonObject forValidation = document.copy();
    forValidation.getJsonArray("servers").getJsonObject(0).put("url", RequestValidation.SERVER);
    OpenAPIContract contract = OpenAPIContract.from(parley.vertx(), forValidation).await();
    assertThat(contract.operations()).hasSize(ApiTables.routes().size());
    JsonObject send = document.getJsonObject("paths").getJsonObject("/chats/{chatId}/messages").getJsonObject("post");
    assertThat(send.getString("x-bus-address")).isEqualTo(Address.CHAT_MESSAGE_SEND);
    assertThat(send.getJsonObject("responses").fieldNames()).contains("201", "200", "400", "401", "403", "404", "422", "429", "503");
    String notFound = document.getJsonObject("components").getJsonObject("responses").getJsonObject("chats.404").encode();
    assertThat(notFound).contains("chat.not_found", "message.not_found", "request.not_found");
    assertThat(document.getJsonObject("paths").getJsonObject("/auth/login").getJsonObject("post").getJsonArray("security")).isEmpty();
  }

  @Test
  void aMistypedFieldIsRefusedWith400NamingTheFieldAndForwardsNothing() {
    int before = forwarded.size();
    HttpResponse<Buffer> response = post("/api/v1/chats", token(), new JsonObject().put("type", "group").put("title", 42));
    assertThat(response.statusCode()).isEqualTo(400);
    JsonObject error = response.bodyAsJsonObject().getJsonObject("error");
    assertThat(error.getString("code")).isEqualTo(CommonErrors.INVALID_REQUEST.code());
    assertThat(error.getString("field")).isEqualTo("title");
    assertThat(forwarded).hasSize(before);
  }

  @Test
  void aMissingRequiredFieldIsRefusedWith400AndABodyThatMatchesIsForwardedAsSent() {
    HttpResponse<Buffer> missing = post("/api/v1/chats", token(), new JsonObject().put("title", "no type"));
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo(CommonErrors.INVALID_REQUEST.code());
    assertThat(missing.bodyAsJsonObject().getJsonObject("error").getString("field")).isEqualTo("type");

    JsonObject body = new JsonObject().put("type", "group").put("title", "ok").put("somethingNew", true);
    HttpResponse<Buffer> valid = post("/api/v1/chats", token(), body);
    assertThat(valid.statusCode()).isEqualTo(201);
    assertThat(forwarded).last().isEqualTo(body);
  }

  @Test
  void aBodyThatIsNotJsonKeepsItsOwnCodeAndNoTokenStillMeans401() {
    HttpResponse<Buffer> notJson = parley.http().post("/api/v1/chats").bearerTokenAuthentication(token())
      .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("{nope")).await();
    assertThat(notJson.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo(CommonErrors.MALFORMED_JSON.code());
    HttpResponse<Buffer> anonymous = post("/api/v1/chats", null, new JsonObject().put("title", 42));
    assertThat(anonymous.statusCode()).isEqualTo(401);
  }

  @Test
  void theReferenceIsServedWithoutInlineScriptUnderAPolicyOfItsOwn() {
    HttpResponse<Buffer> page = parley.http().get("/api/docs").send().await();
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.getHeader("Content-Security-Policy")).isEqualTo(ApiDocs.POLICY).contains("script-src 'self';");
    String html = page.bodyAsString();
    assertThat(Pattern.compile("<script(?![^>]*\\ssrc=)").matcher(html).find()).as("an inline script").isFalse();
    assertThat(html).contains("/api/docs/ui/swagger-ui-bundle.js", "/api/docs/start.js");
    assertThat(parley.http().get("/api/docs/ui/swagger-ui-bundle.js").send().await().statusCode()).isEqualTo(200);
    assertThat(parley.http().get("/api/docs/start.js").send().await().bodyAsString()).contains("/api/v1/openapi.json");
    HttpResponse<Buffer> api = parley.http().get("/api/v1/openapi.json").send().await();
    assertThat(api.getHeader("Content-Security-Policy")).isEqualTo(SecurityHeaders.contentSecurityPolicy(null));
  }

  @Test
  void withTheCheckOnAnAnswerOutsideTheContractIsHeldBackAs500() {
    HttpResponse<Buffer> response = post("/api/v1/chats", token(), new JsonObject().put("type", "group").put("title", "breaks the contract"));
    assertThat(response.statusCode()).isEqualTo(500);
    JsonObject error = response.bodyAsJsonObject().getJsonObject("error");
    assertThat(error.getString("code")).isEqualTo(CommonErrors.CONTRACT_VIOLATION.code());
    assertThat(error.getString("message")).contains("POST /api/v1/chats answered 201");
  }

  /** A chat as the chat service answers one. */
  private static JsonObject chat() {
    String now = java.time.Instant.now().toString();
    return new JsonObject().put("id", UUID.randomUUID().toString()).put("type", "group").put("title", "ok")
      .put("createdAt", now).put("lastActivityAt", now).put("memberCount", 1).put("lastSeq", 1).put("unreadCount", 0)
      .put("role", "owner").put("readUpTo", 1).put("deliveredUpTo", 1).put("pinned", false).put("muted", false)
      .put("archived", false);
  }

  private static JsonObject served() {
    HttpResponse<Buffer> response = parley.http().get("/api/v1/openapi.json").send().await();
    assertThat(response.statusCode()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  private static HttpResponse<Buffer> post(String path, String token, JsonObject body) {
    var request = parley.http().request(HttpMethod.POST, path);
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    return request.sendJsonObject(body).await();
  }

  private static String token() {
    return TestTokens.of(parley.vertx(), parley.config()).accessToken(UUID.randomUUID().toString(), UUID.randomUUID().toString());
  }
}
