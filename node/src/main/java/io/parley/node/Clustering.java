package io.parley.node;

import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.List;

/**
 * Hazelcast for the clustered event bus: explicit TCP/IP members, or in Kubernetes the members
 * the API lists for a headless Service (never multicast or cloud auto-detection), bound to the configured host, starting from Vert.x's own Hazelcast settings
 * so its subscription and lock maps keep their required configuration.
 */
final class Clustering {

  static final String TCP = "tcp";
  static final String KUBERNETES = "kubernetes";

  private Clustering() {
  }

  static HazelcastClusterManager clusterManager(JsonObject config) {
    String host = Config.string(config, ConfigKeys.CLUSTER_HOST, "127.0.0.1");
    int port = Config.integer(config, ConfigKeys.CLUSTER_PORT, 5701);
    List<String> members = Config.strings(config, ConfigKeys.CLUSTER_MEMBERS);

    com.hazelcast.config.Config hazelcast = ConfigUtil.loadConfig();
    hazelcast.setClusterName(Config.string(config, ConfigKeys.CLUSTER_NAME, "parley"));
    hazelcast.setProperty("hazelcast.logging.type", "slf4j");
    hazelcast.setProperty("hazelcast.phone.home.enabled", "false");
    // Members that vanish without saying goodbye are declared dead within seconds, not minutes.
    hazelcast.setProperty("hazelcast.max.no.heartbeat.seconds", "10");
    hazelcast.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    // A member that was declared dead and comes back (a paused VM, a healed partition) finds
    // itself alone and merges back; by default the first look happens only after five minutes.
    hazelcast.setProperty("hazelcast.merge.first.run.delay.seconds", "10");
    hazelcast.setProperty("hazelcast.merge.next.run.delay.seconds", "10");
    hazelcast.getJetConfig().setEnabled(false);

    NetworkConfig network = hazelcast.getNetworkConfig();
    network.setPort(port).setPortAutoIncrement(false);
    network.setPublicAddress(host + ":" + port);
    network.getInterfaces().setEnabled(true).setInterfaces(List.of(host));
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    if (KUBERNETES.equals(Config.string(config, ConfigKeys.CLUSTER_DISCOVERY, TCP))) {
      // Members are the ready endpoints of a headless Service, read from the Kubernetes API with
      // the pod's service account (it needs get/list on endpoints, pods and services).
      join.getTcpIpConfig().setEnabled(false);
      var kubernetes = join.getKubernetesConfig().setEnabled(true)
        .setProperty("service-name", Config.string(config, ConfigKeys.CLUSTER_KUBERNETES_SERVICE, "parley-cluster"))
        .setProperty("service-port", String.valueOf(port));
      String namespace = Config.string(config, ConfigKeys.CLUSTER_KUBERNETES_NAMESPACE);
      if (namespace != null) {
        kubernetes.setProperty("namespace", namespace);
      }
    } else {
      hazelcast.setProperty("hazelcast.discovery.enabled", "false");
      join.getTcpIpConfig().setEnabled(true).setMembers(members.isEmpty() ? List.of(host + ":" + port) : members);
    }
    return new HazelcastClusterManager(hazelcast);
  }

  static EventBusOptions eventBusOptions(JsonObject config) {
    String host = Config.string(config, ConfigKeys.CLUSTER_HOST, "127.0.0.1");
    return new EventBusOptions()
      .setHost(host)
      .setPort(Config.integer(config, ConfigKeys.CLUSTER_EVENT_BUS_PORT, 0))
      .setClusterPublicHost(host);
  }
}
