package io.parley.bench;

import io.vertx.core.Vertx;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real users of a node, in groups, each with a token the node accepts. Tokens are signed before
 * any clock starts: signing is the client's cost, not the server's.
 */
record BenchUsers(List<String> ids, List<String> tokens, int groups) {

  private static final Logger log = LoggerFactory.getLogger(BenchUsers.class);

  static BenchUsers create(Vertx vertx, ServerProcess server, int count, int groupSize, String prefix) throws Exception {
    Pool pool = server.postgres(vertx);
    List<String> ids;
    try {
      ids = BenchNode.insertUsers(pool, count, prefix);
    } finally {
      pool.close().await();
    }
    JWTAuth signer = server.tokens(vertx);
    int groups = BenchGroups.create(vertx, server, signer, ids, groupSize);
    List<String> tokens = new ArrayList<>(count);
    ids.forEach(id -> tokens.add(ServerProcess.token(signer, id)));
    log.info("{} users in {} groups of {}, each with a token", count, groups, groupSize);
    return new BenchUsers(List.copyOf(ids), List.copyOf(tokens), groups);
  }

  int size() {
    return ids.size();
  }
}
