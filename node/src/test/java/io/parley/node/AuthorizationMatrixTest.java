package io.parley.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.gateway.RestApi;
import io.parley.node.Api.Account;
import io.parley.node.Api.Reply;
import io.parley.shared.Address;
import io.parley.testkit.BridgeClient;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Every operation, over REST and over the bridge, against every kind of caller: the owner, an
 * admin, a member, an outsider, a member the owner blocked, a revoked session and a deleted
 * account. Each (operation, caller) that may change anything runs in a scene of its own, so no
 * answer depends on another; reads share one scene per operation.
 * Allowed callers get a 2xx (a bridge reply); the others a 403 or 404 (a bridge failure of that
 * code); revoked sessions and deleted accounts a 401 {@code auth.session_revoked} everywhere (but
 * sign-out, which stays idempotent); an open route whose body is its proof refuses a false one with 401. The
 * table must name every route of {@link RestApi}: a new route fails here until it gets its row.
 */
class AuthorizationMatrixTest {

  private static Vertx vertx;
  /** A client address of its own: the sign-up limits count per address in the JVM's one Redis, for every test class. */
  private static final String CLIENT_ADDRESS = "127.0.0.21";

  /** A refusal: not allowed (403), not there for this caller (404), or refused for the state it is in. */
  private static final Set<Integer> REFUSED = Set.of(403, 404, 409, 410, 422);

  static Api api;
  static Map<Role, Account> callers;
  static Account target;
  static String direct;

  @AfterAll
  static void closeClient() {
    vertx.close().await();
    PermissiveNode.release();
  }

  @BeforeAll
  static void callers() throws Exception {
    vertx = Vertx.vertx();
    // The JVM's permissive node: the matrix makes hundreds of requests as the same few people.
    api = new Api(vertx, PermissiveNode.acquire().httpPort(), CLIENT_ADDRESS);
    Account owner = api.register("owner");
    Account blocked = api.register("blocked");
    direct = api.direct(owner, blocked);
    assertThat(api.post("/api/v1/blocks/" + blocked.id(), owner.token(), null).status()).isEqualTo(204);
    Account revoked = api.register("revoked");
    assertThat(api.post("/api/v1/auth/logout", revoked.token(), null).status()).isEqualTo(204);
    Account deleted = api.register("deleted");
    assertThat(api.call(HttpMethod.DELETE, "/api/v1/me", deleted.token(), new JsonObject().put("password", Users.PASSWORD)).status())
      .isEqualTo(204);
    callers = Map.of(Role.OWNER, owner, Role.ADMIN, api.register("admin"), Role.MEMBER, api.register("member"),
      Role.OUTSIDER, api.register("outsider"), Role.BLOCKED, blocked, Role.REVOKED, revoked, Role.DELETED, deleted);
    target = api.register("target");
  }

  @Test
  void everyRestOperationAnswersEachKindOfCallerAsItsRuleSays() {
    Set<String> covered = MatrixRows.REST.stream().map(MatrixRows.Row::key).collect(Collectors.toSet());
    Set<String> routes = RestApi.operations().stream().map(RestApi.Operation::key).collect(Collectors.toSet());
    assertThat(covered).as("a row for every route of the REST API").containsAll(routes);

    List<String> wrong = new ArrayList<>();
    int cases = 0;
    for (MatrixRows.Row row : MatrixRows.REST) {
      // A read changes nothing: one scene serves every caller. Anything else gets a scene per caller.
      Scene read = "GET".equals(row.method()) ? Scene.create(api, callers, target, direct) : null;
      for (Role role : Role.values()) {
        if (!row.signedIn() && role != Role.OWNER) {
          continue;
        }
        Scene scene = read != null ? read : Scene.create(api, callers, target, direct);
        Account caller = row.ownAccount() && role.live() ? scene.throwaway(api) : callers.get(role);
        Reply reply = api.call(HttpMethod.valueOf(row.method()), row.path(scene, caller), row.signedIn() ? caller.token() : null,
          row.body(scene, caller));
        cases++;
        // Signing out is idempotent, for a session already ended too.
        String verdict = row.key().equals("POST /auth/logout") && !role.live()
          ? (reply.status() == 204 ? null : "expected 204, signing out again")
          : verdict(row.allowed(), role, row.signedIn(), reply.status(), reply.errorCode());
        if (verdict != null) {
          wrong.add(row.key() + " as " + role + ": " + verdict + " (" + reply.status() + " " + reply.text() + ")");
        }
      }
    }
    LoggerFactory.getLogger(AuthorizationMatrixTest.class).info("Authorization matrix: {} REST cases", cases);
    assertThat(wrong).as(cases + " REST cases").isEmpty();
  }

  @Test
  void everyBridgeCommandAnswersEachKindOfCallerAsItsRuleSays() throws Exception {
    Set<String> commands = MatrixRows.BRIDGE.stream().map(MatrixRows.Command::address).collect(Collectors.toSet());
    assertThat(commands).as("a row for every command a browser may send").containsAll(Address.BRIDGE_SERVICE_COMMANDS)
      .contains(Address.REALTIME_AUTH, Address.REALTIME_TYPING, Address.REALTIME_PRESENCE, Address.REALTIME_LOCATION);
    List<String> wrong = new ArrayList<>();
    int cases = 0;
    for (MatrixRows.Command command : MatrixRows.BRIDGE) {
      // No bridge command takes anyone's place in a scene: one per command.
      Scene scene = Scene.create(api, callers, target, direct);
      for (Role role : Role.values()) {
        Account caller = callers.get(role);
        try (BridgeClient device = BridgeClient.connect(vertx, "127.0.0.1", api.port(), "/eventbus").await()) {
          String reply = "reply-" + UUID.randomUUID();
          device.send(command.address(), command.body(scene, caller), new JsonObject().put("authorization", "Bearer " + caller.token()), reply);
          JsonObject frame = device.next(f -> reply.equals(f.getString("address")) || "err".equals(f.getString("type")), Users.WAIT);
          cases++;
          String verdict = bridgeVerdict(command.allowed(), role, frame);
          if (verdict != null) {
            wrong.add(command.address() + " as " + role + ": " + verdict + " (" + frame + ")");
          }
        }
      }
    }
    LoggerFactory.getLogger(AuthorizationMatrixTest.class).info("Authorization matrix: {} bridge cases", cases);
    assertThat(wrong).as(cases + " bridge cases").isEmpty();
  }

  /** Null when the answer is what the rule says; else what is wrong. */
  private static String verdict(Set<Role> allowed, Role role, boolean signedIn, int status, String code) {
    if (signedIn && !role.live()) {
      return status == 401 && "auth.session_revoked".equals(code) ? null : "expected 401 auth.session_revoked";
    }
    if (allowed.contains(role)) {
      return status >= 200 && status < 300 ? null : "expected it allowed";
    }
    if (!signedIn && status == 401 && code != null) {
      // An open route whose body is its proof (a push's delivery receipt) refuses a false one as unauthenticated.
      return null;
    }
    return REFUSED.contains(status) && code != null ? null : "expected a refusal (403, 404, or 409/410/422 for the state)";
  }

  private static String bridgeVerdict(Set<Role> allowed, Role role, JsonObject frame) {
    if (frame == null) {
      return "no answer";
    }
    if (!role.live()) {
      return "session_revoked".equals(frame.getString("body")) ? null : "expected session_revoked";
    }
    boolean answered = "rec".equals(frame.getString("type"));
    if (allowed.contains(role)) {
      return answered ? null : "expected it allowed";
    }
    Integer failure = frame.getInteger("failureCode");
    return !answered && failure != null && (failure == 403 || failure == 404) ? null : "expected a 403 or 404 failure";
  }

  /** The kinds of caller. */
  enum Role {
    OWNER, ADMIN, MEMBER, OUTSIDER, BLOCKED, REVOKED, DELETED;

    static final Set<Role> ANYONE = EnumSet.of(OWNER, ADMIN, MEMBER, OUTSIDER, BLOCKED);
    static final Set<Role> MEMBERS = EnumSet.of(OWNER, ADMIN, MEMBER, BLOCKED);
    static final Set<Role> MANAGERS = EnumSet.of(OWNER, ADMIN);
    static final Set<Role> AUTHOR = EnumSet.of(MEMBER);

    boolean live() {
      return this != REVOKED && this != DELETED;
    }
  }
}
