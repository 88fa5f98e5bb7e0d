package io.parley.gateway;

import java.util.ArrayList;
import java.util.List;

/**
 * The whole REST API as data, for tools and tests that must cover every operation (the fuzzers,
 * the authorization matrix): the forwarded routes of every domain table, in mounting order, and
 * the operations the gateway answers itself, all from {@link ApiTables}. A route added to a table appears here with no
 * further change.
 */
public final class RestApi {

  /**
   * One operation: {@code path} is relative to {@code /api/v1} with {@code :name} parameters;
   * {@code address} is the bus address it forwards to (null when the gateway answers it);
   * {@code body} is {@code JSON}, {@code QUERY} or {@code PATH} (nothing but the path).
   */
  public record Operation(String method, String path, String address, boolean signedIn, String body) {

    /** {@code "POST /chats/:chatId/messages"}. */
    public String key() {
      return method + " " + path;
    }
  }

  private RestApi() {
  }

  /** Every operation of {@link ApiTables#ALL}, the tables the gateway mounts and the contract describes. */
  public static List<Operation> operations() {
    List<Operation> all = new ArrayList<>();
    for (ApiRoute route : ApiTables.routes()) {
      all.add(new Operation(route.method().name(), route.path(), route.address(), route.signedIn(), route.shape().name()));
    }
    return all;
  }
}
