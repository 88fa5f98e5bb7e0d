package io.parley.bench;

import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
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
 * Parley nodes clustered over Hazelcast, each in a process of its own: the node under test, with
 * every role and the embedded PostgreSQL, Redis and Kafka, and peers that run only a gateway and
 * share those backends and signing keys. A peer that holds no client shows by its CPU what the
 * node's clients cost the rest of the cluster; peers that hold clients add gateway capacity.
 */
final class ClusteredPair {

  private final int nodeClusterPort = FreePorts.next();
  private final int[] peerClusterPorts;
  private final int redisPort = FreePorts.next();
  private final int kafkaPort = freePortPair();

  /** The node and one peer. */
  ClusteredPair() {
    this(1);
  }

  /** The node and {@code peers} peers. */
  ClusteredPair(int peers) {
    peerClusterPorts = new int[peers];
    for (int i = 0; i < peers; i++) {
      peerClusterPorts[i] = FreePorts.next();
    }
  }

  /** Starts the node under test (every role), clustered; the peer may join it later. */
  ServerProcess startNode(Vertx vertx, Path work, List<String> jvmOptions, Map<String, String> environment) throws Exception {
    Map<String, String> env = cluster(nodeClusterPort);
    env.put("PARLEY_REDIS_EMBEDDED_PORT", String.valueOf(redisPort));
    env.put("PARLEY_KAFKA_EMBEDDED_PORT", String.valueOf(kafkaPort));
    env.putAll(environment);
    return ServerProcess.start(vertx, work, jvmOptions, env);
  }

  /** Starts the (first) peer, a gateway only, on {@code node}'s backends and keys; ready once it serves. */
  ServerProcess startPeer(Vertx vertx, Path work, List<String> jvmOptions, Map<String, String> environment, ServerProcess node)
    throws Exception {
    return startPeer(vertx, work, jvmOptions, environment, node, 0);
  }

  /** Starts peer number {@code index} (from 0), a gateway only, on {@code node}'s backends and keys. */
  ServerProcess startPeer(Vertx vertx, Path work, List<String> jvmOptions, Map<String, String> environment, ServerProcess node,
                          int index) throws Exception {
    Map<String, String> env = cluster(peerClusterPorts[index]);
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
    // Chat events only to the gateways holding a member (off by default; see ConfigKeys).
    env.put(Config.environmentName(ConfigKeys.REALTIME_ROUTE_BY_INTEREST), "true");
    StringBuilder members = new StringBuilder("127.0.0.1:" + nodeClusterPort);
    for (int port : peerClusterPorts) {
      members.append(",127.0.0.1:").append(port);
    }
    env.put("PARLEY_CLUSTER_MEMBERS", members.toString());
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
