package io.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract's validators are made once per schema, and they judge bodies exactly as fresh ones do. */
class ValidatorCacheTest {

  private static Vertx vertx;
  private static OpenAPIContract contract;
  private static JsonSchema createChat;

  @BeforeAll
  static void contract() {
    vertx = Vertx.vertx();
    contract = RequestValidation.create(vertx).await().contract();
    Operation operation = contract.operations().stream()
      .filter(candidate -> candidate.getOpenAPIPath().equals("/chats") && candidate.getHttpMethod().name().equals("POST"))
      .findFirst().orElseThrow();
    createChat = operation.getRequestBody().getContent().get("application/json").getSchema();
  }

  @AfterAll
  static void close() {
    vertx.close().await();
  }

  @Test
  void aSchemaGetsOneValidatorWhereTheLibraryMakesOneAPerCall() {
    SchemaRepository raw = contract.getSchemaRepository();
    assertThat(raw.validator(createChat)).as("the library's own repository").isNotSameAs(raw.validator(createChat));

    SchemaRepository cached = ValidatorCache.over(contract).getSchemaRepository();
    assertThat(cached.validator(createChat)).isSameAs(cached.validator(createChat));
  }

  @Test
  void aCachedValidatorJudgesEveryBodyAsAFreshOneDoes() {
    SchemaRepository raw = contract.getSchemaRepository();
    SchemaRepository cached = ValidatorCache.over(contract).getSchemaRepository();
    for (JsonObject body : new JsonObject[] {
        new JsonObject().put("type", "group").put("title", "Book club"),
        new JsonObject().put("type", 7),
        new JsonObject()}) {
      for (int again = 0; again < 2; again++) {
        assertThat(cached.validator(createChat).validate(body).getValid()).as(body.encode())
          .isEqualTo(raw.validator(createChat).validate(body).getValid());
      }
    }
    assertThat(cached.validator(createChat).validate(new JsonObject().put("type", 7)).getValid()).isFalse();
  }
}
