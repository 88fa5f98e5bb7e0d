package io.parley.gateway;

import io.parley.shared.error.ErrorCode;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.Yaml;

/**
 * The REST contract as an OpenAPI 3.1 document, built from the route tables ({@link ApiTables})
 * and the named schemas of {@code openapi/components.yaml}: a route added to a table appears here
 * with its method, path, parameters, authentication, request and success schemas, and the error
 * codes of its domain grouped by status. Nothing else describes the paths, so the document and
 * the routes cannot drift apart.
 */
final class OpenApiDocument {

  static final String COMPONENTS = "openapi/components.yaml";
  static final String BASE_PATH = "/api/v1";
  static final String BEARER = "bearer";
  private static final String JSON = "application/json";

  private OpenApiDocument() {
  }

  /** The document, with {@code serverUrl} as its one server ({@code /api/v1} when served; absolute for validators). */
  static JsonObject build(String serverUrl) {
    JsonObject components = components();
    components.put("securitySchemes", new JsonObject().put(BEARER, new JsonObject()
      .put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT")
      .put("description", "The access token from sign-in, sign-up or refresh, as `Authorization: Bearer <token>`")));
    JsonObject responses = new JsonObject();
    components.put("responses", responses);
    JsonObject paths = new JsonObject();
    Map<ApiRoute, String> ids = ApiTables.operationIds();
    JsonArray tags = new JsonArray();
    for (ApiTables.Table table : ApiTables.ALL) {
      tags.add(new JsonObject().put("name", table.tag()).put("description", table.description()));
      Map<Integer, List<ErrorCode>> errors = byStatus(table.errorCodes());
      errors.forEach((status, codes) -> responses.put(errorResponse(table, status), errorResponse(codes)));
      for (ApiRoute route : table.routes()) {
        JsonObject item = paths.getJsonObject(route.openApiPath());
        if (item == null) {
          item = new JsonObject();
          paths.put(route.openApiPath(), item);
        }
        item.put(route.method().name().toLowerCase(), operation(table, route, ids.get(route), errors.keySet()));
      }
    }
    return new JsonObject()
      .put("openapi", "3.1.0")
      .put("info", new JsonObject()
        .put("title", "Parley REST API")
        .put("version", "1")
        .put("description", "Every operation under /api/v1. Errors share one body, `{\"error\":{\"code\",\"message\"}}`; "
          + "clients switch on the stable `code`, listed per status under each operation. What may change within "
          + "/api/v1 is written down in docs/VERSIONING.md.")
        .put("license", new JsonObject().put("name", "Apache-2.0").put("identifier", "Apache-2.0")))
      .put("servers", new JsonArray().add(new JsonObject().put("url", serverUrl)))
      .put("tags", tags)
      .put("paths", paths)
      .put("components", components);
  }

  private static JsonObject operation(ApiTables.Table table, ApiRoute route, String id, Iterable<Integer> errorStatuses) {
    JsonObject operation = new JsonObject()
      .put("operationId", id)
      .put("tags", new JsonArray().add(table.tag()))
      .put("summary", route.summary() == null ? id : route.summary())
      .put("security", route.signedIn() ? new JsonArray().add(new JsonObject().put(BEARER, new JsonArray())) : new JsonArray());
    if (route.address() != null) {
      operation.put("x-bus-address", route.address());
    }
    JsonArray parameters = new JsonArray();
    route.pathParameters().forEach(name -> parameters.add(new JsonObject().put("name", name).put("in", "path")
      .put("required", true).put("schema", new JsonObject().put("type", "string"))));
    route.query().forEach(name -> parameters.add(new JsonObject().put("name", name).put("in", "query")
      .put("required", false).put("schema", new JsonObject().put("type", "string"))));
    if (!parameters.isEmpty()) {
      operation.put("parameters", parameters);
    }
    if (route.shape() == RequestShape.JSON) {
      operation.put("requestBody", new JsonObject().put("required", true)
        .put("content", new JsonObject().put(JSON, new JsonObject().put("schema", schemaOf(route.takes())))));
    }
    JsonObject responses = new JsonObject();
    if (route.status() == ApiRoute.NO_CONTENT) {
      responses.put("204", new JsonObject().put("description", "Done; no body"));
    } else {
      responses.put(String.valueOf(route.status()), body("Done", route.answers()));
      if (route.status() == 201) {
        // A retried create (the same clientMessageId, an existing direct chat) answers the original.
        responses.put("200", body("The original of a retried or existing one", route.answers()));
      }
    }
    for (int status : errorStatuses) {
      responses.put(String.valueOf(status), new JsonObject().put("$ref", "#/components/responses/" + errorResponse(table, status)));
    }
    return operation.put("responses", responses);
  }

  private static JsonObject body(String description, String schema) {
    return new JsonObject().put("description", description)
      .put("content", new JsonObject().put(JSON, new JsonObject().put("schema", schemaOf(schema))));
  }

  /** A named schema, or any JSON object for a route whose table row names none (the coverage test refuses that). */
  private static JsonObject schemaOf(String name) {
    return name == null ? new JsonObject().put("type", "object") : new JsonObject().put("$ref", "#/components/schemas/" + name);
  }

  private static String errorResponse(ApiTables.Table table, int status) {
    return table.tag() + "." + status;
  }

  private static JsonObject errorResponse(List<ErrorCode> codes) {
    String list = codes.stream().map(code -> "`" + code.code() + "`").collect(Collectors.joining(", "));
    JsonObject codeSchema = new JsonObject().put("enum", new JsonArray(codes.stream().map(ErrorCode::code).toList()));
    JsonObject schema = new JsonObject().put("allOf", new JsonArray()
      .add(new JsonObject().put("$ref", "#/components/schemas/Error"))
      .add(new JsonObject().put("type", "object").put("properties", new JsonObject().put("error",
        new JsonObject().put("type", "object").put("properties", new JsonObject().put("code", codeSchema))))));
    return new JsonObject().put("description", "One of " + list)
      .put("content", new JsonObject().put(JSON, new JsonObject().put("schema", schema)));
  }

  private static Map<Integer, List<ErrorCode>> byStatus(List<ErrorCode> codes) {
    return codes.stream().collect(Collectors.groupingBy(ErrorCode::status, TreeMap::new, Collectors.toList()));
  }

  /** The named schemas, read once from the class path (small: read at start, like the app's page). */
  static JsonObject components() {
    try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(COMPONENTS)) {
      if (in == null) {
        throw new IllegalStateException("The REST contract's schemas are missing from the class path: " + COMPONENTS);
      }
      Object yaml = new Yaml().load(in);
      // Through JSON text: nested maps and lists become JsonObject and JsonArray all the way down.
      return new JsonObject(Json.encode(yaml));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
