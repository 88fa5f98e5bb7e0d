package io.parley.gateway;

import io.vertx.core.file.FileSystem;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.OpenAPIVersion;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Path;
import io.vertx.openapi.contract.SecurityRequirement;
import io.vertx.openapi.contract.SecurityScheme;
import io.vertx.openapi.contract.Server;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contract with one schema validator per schema, made once. vertx-openapi 5.0.8 asks the
 * contract's schema repository for a new validator on every request and response it checks,
 * and each new one copies the repository's whole lookup of the document's schemas: 14% of a
 * node's CPU under the REST fuzzer, for validators that never change. A validator holds only its
 * schema and that lookup, so one per schema serves every request on every thread.
 */
final class ValidatorCache implements OpenAPIContract {

  private final OpenAPIContract contract;
  private final SchemaRepository schemas;

  private ValidatorCache(OpenAPIContract contract) {
    this.contract = contract;
    this.schemas = new CachingRepository(contract.getSchemaRepository());
  }

  static OpenAPIContract over(OpenAPIContract contract) {
    return contract instanceof ValidatorCache ? contract : new ValidatorCache(contract);
  }

  @Override
  public SchemaRepository getSchemaRepository() {
    return schemas;
  }

  @Override
  public Operation operation(String operationId) {
    return contract.operation(operationId);
  }

  @Override
  public List<Operation> operations() {
    return contract.operations();
  }

  @Override
  public List<Path> getPaths() {
    return contract.getPaths();
  }

  @Override
  public JsonObject getRawContract() {
    return contract.getRawContract();
  }

  @Override
  public OpenAPIVersion getVersion() {
    return contract.getVersion();
  }

  @Override
  public List<Server> getServers() {
    return contract.getServers();
  }

  @Override
  public Path findPath(String urlPath) {
    return contract.findPath(urlPath);
  }

  @Override
  public Operation findOperation(String urlPath, HttpMethod method) {
    return contract.findOperation(urlPath, method);
  }

  @Override
  public List<SecurityRequirement> getSecurityRequirements() {
    return contract.getSecurityRequirements();
  }

  @Override
  public SecurityScheme securityScheme(String name) {
    return contract.securityScheme(name);
  }

  /**
   * The contract's repository, remembering the validator of each schema (the contract's schemas
   * are fixed objects). Every validated request reads the map, from every event loop, so reads
   * take no lock: the map is replaced, never changed, and only a schema's first use (a few
   * hundred in all) copies it.
   */
  private static final class CachingRepository implements SchemaRepository {

    private final SchemaRepository repository;
    private volatile Map<JsonSchema, Validator> validators = new IdentityHashMap<>();

    CachingRepository(SchemaRepository repository) {
      this.repository = repository;
    }

    @Override
    public Validator validator(JsonSchema schema) {
      Validator known = validators.get(schema);
      return known != null ? known : remember(schema);
    }

    private synchronized Validator remember(JsonSchema schema) {
      Validator known = validators.get(schema);
      if (known != null) {
        return known;
      }
      Validator made = repository.validator(schema);
      Map<JsonSchema, Validator> next = new IdentityHashMap<>(validators);
      next.put(schema, made);
      validators = next;
      return made;
    }

    @Override
    public SchemaRepository dereference(JsonSchema schema) {
      repository.dereference(schema);
      return this;
    }

    @Override
    public SchemaRepository dereference(String uri, JsonSchema schema) {
      repository.dereference(uri, schema);
      return this;
    }

    @Override
    public SchemaRepository preloadMetaSchema(FileSystem fs) {
      repository.preloadMetaSchema(fs);
      return this;
    }

    @Override
    public SchemaRepository preloadMetaSchema(FileSystem fs, Draft draft) {
      repository.preloadMetaSchema(fs, draft);
      return this;
    }

    @Override
    public Validator validator(String ref) {
      return repository.validator(ref);
    }

    @Override
    public Validator validator(String ref, JsonSchemaOptions options) {
      return repository.validator(ref, options);
    }

    @Override
    public Validator validator(JsonSchema schema, JsonSchemaOptions options, boolean dereference) {
      return repository.validator(schema, options, dereference);
    }

    @Override
    public JsonObject resolve(JsonObject schema) {
      return repository.resolve(schema);
    }

    @Override
    public JsonSchema find(String pointer) {
      return repository.find(pointer);
    }
  }
}
