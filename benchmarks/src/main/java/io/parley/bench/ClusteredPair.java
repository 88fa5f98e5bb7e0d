package io.parley.bench;

import io.parley.testkit.FreePorts;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Two Parley nodes clustered over Hazelcast, each in a process of its own: the node under test,
 * with every role and the embedded PostgreSQL, Redis and Kafka, and a peer that runs only a
 * gateway and shares those backends and signing keys. The peer holds no client: the CPU it spends
 * is what the node's clients cost the rest of the cluster.
 */
final class ClusteredPair {

  private final int nodeClusterPort = FreePorts.next();
  private final int peerClusterPort = FreePorts.next();
  private final int redisPort = FreePorts.next();
  private final int kafkaPort = freePortPair();

  /** Starts the node under test (every role), clustered; the peer may join it later. */
  ServerProcess startNode(Vertx vertx, Path work, List<String> jvmOptions, Map<String, String> environment) throws Exception {
    Map<String, String> env = cluster(nodeClusterPort);
    env.put("PARLEY_REDIS_EMBEDDED_PORT", String.valueOf(redisPort));
    env.put("PARLEY_KAFKA_EMBEDDED_PORT", String.valueOf(kafkaPort));
    env.putAll(environment);
    return ServerProcess.start(vertx, work, jvmOptions, env);
  }

  /** Starts the peer (a gateway only) on {@code node}'s backends and keys; ready once it serves. */
  ServerProcess startPeer(Vertx vertx, Path work, List<String> jvmOptions, Map<String, String> environment, ServerProcess node)
    throws Exception {
    Map<String, String> env = cluster(peerClusterPort);
    env.put("PARLEY_POSTGRES_URI", node.postgresUri());
    env.put("PARLEY_REDIS_URI", "redis://127.0.0.1:" + redisPort);
    env.put("PARLEY_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + kafkaPort);
    env.put("PARLEY_AUTH_KEY_DIR", node.keyDirectory().toString());
    env.putAll(environment);
    return ServerProcess.start(vertx, work, jvmOptions, env, "gateway");
  }

  private Map<String, String> cluster(int ownPort) {
    Map<String, String> env = new HashMap<>();
    env.put("PARLEY_CLUSTER_ENABLED", "true");
    env.put("PARLEY_CLUSTER_PORT", String.valueOf(ownPort));
    env.put("PARLEY_CLUSTER_MEMBERS", "127.0.0.1:" + nodeClusterPort + ",127.0.0.1:" + peerClusterPort);
    return env;
  }

  /** A port whose next one is free too: the embedded Kafka's controller listens on its port + 1. */
  private static int freePortPair() {
    for (int attempt = 0; attempt < 50; attempt++) {
      int port = FreePorts.next();
      try (ServerSocket next = new ServerSocket()) {
        next.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port + 1));
        return port;
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IllegalStateException("No two consecutive free ports on 127.0.0.1");
  }
}
