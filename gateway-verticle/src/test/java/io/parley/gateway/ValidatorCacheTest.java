package io.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

  @Test
  void threadsAskingForANewSchemaAtOnceAllGetTheSameValidator() throws Exception {
    SchemaRepository cached = ValidatorCache.over(contract).getSchemaRepository();
    int threads = 8;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Validator>> asked = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        asked.add(pool.submit(() -> {
          start.await();
          return cached.validator(createChat);
        }));
      }
      start.countDown();
      Validator first = asked.get(0).get();
      for (Future<Validator> answer : asked) {
        assertThat(answer.get()).isSameAs(first);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
