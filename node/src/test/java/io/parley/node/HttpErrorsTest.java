package io.parley.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bad requests get the one JSON error shape with the right 4xx status, never a stack trace or 500. */
class HttpErrorsTest {

  @RegisterExtension
  static final TestCluster single = TestCluster.single().build();
  private static Node node;
  private static WebClient http;

  @BeforeAll
  static void client() {
    node = single.member(0);
    http = WebClient.create(single.vertx(), new io.vertx.ext.web.client.WebClientOptions().setLocalAddress(ClientAddresses.next()));
  }

  @Test
  void malformedJsonBodyIs400WithStableCode() {
    HttpResponse<Buffer> response = post("/api/v1/auth/register", Buffer.buffer("{\"email\": oops"));
    assertError(response, 400, "request.malformed_json");
  }

  @Test
  void jsonArrayInsteadOfObjectIs400() {
    HttpResponse<Buffer> response = post("/api/v1/auth/register", Buffer.buffer("[1,2,3]"));
    assertError(response, 400, "request.malformed_json");
  }

  @Test
  void oversizedBodyIs413WithStableCode() {
    String huge = "x".repeat(200_000);
    HttpResponse<Buffer> response = post("/api/v1/auth/register", Buffer.buffer(new JsonObject().put("username", huge).encode()));
    assertError(response, 413, "request.too_large");
  }

  @Test
  void unknownRouteIs404WithStableCode() {
    HttpResponse<Buffer> response = http.get(node.httpPort(), "127.0.0.1", "/api/v1/no/such/thing").send().await();
    assertError(response, 404, "request.not_found");
  }

  @Test
  void everyErrorCarriesTheCorrelationId() {
    HttpResponse<Buffer> response = http.get(node.httpPort(), "127.0.0.1", "/api/v1/no/such/thing")
      .putHeader("X-Correlation-Id", "test-correlation-42").send().await();
    assertThat(response.getHeader("X-Correlation-Id")).isEqualTo("test-correlation-42");
  }

  private HttpResponse<Buffer> post(String path, Buffer body) {
    return http.post(node.httpPort(), "127.0.0.1", path).putHeader("Content-Type", "application/json").sendBuffer(body).await();
  }

  private static void assertError(HttpResponse<Buffer> response, int status, String code) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).startsWith("application/json");
    JsonObject error = response.bodyAsJsonObject().getJsonObject("error");
    assertThat(error.getString("code")).isEqualTo(code);
    assertThat(error.getString("message")).isNotBlank();
  }
}
