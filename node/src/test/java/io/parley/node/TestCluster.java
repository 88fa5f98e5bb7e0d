package io.parley.node;

import io.parley.testkit.FreePorts;
import io.parley.testkit.ParleyExtension;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Real nodes for one test class, on the JVM's shared backends, started before its tests and closed
 * after them; the extension's own Vert.x is the class's client. Every node after the first gets
 * the first one's signing keys, as the nodes of one deployment share theirs.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final TestCluster cluster = TestCluster.clustered(List.of("gateway"), List.of("auth", "chat")).build();
 * }</pre>
 */
final class TestCluster extends ParleyExtension {

  static final List<String> EVERY_ROLE = List.of("all");

  private final boolean clustered;
  private final List<List<String>> roles;
  private final List<Node> nodes = new ArrayList<>();

  private TestCluster(Builder<TestCluster> builder, boolean clustered, List<List<String>> roles) {
    super(builder);
    this.clustered = clustered;
    this.roles = roles;
  }

  /** One node with every role, not clustered. */
  static Builder<TestCluster> single() {
    return ParleyExtension.builder(builder -> new TestCluster(builder, false, List.of(EVERY_ROLE)));
  }

  /** Hazelcast members on loopback, one a list of roles; the builder's config applies to each. */
  @SafeVarargs
  static Builder<TestCluster> clustered(List<String>... rolesOfEachNode) {
    List<List<String>> roles = List.of(rolesOfEachNode);
    return ParleyExtension.builder(builder -> new TestCluster(builder, true, roles));
  }

  /** The started node number {@code index}, in the order the roles were given. */
  Node member(int index) {
    return nodes.get(index);
  }

  List<Node> members() {
    return List.copyOf(nodes);
  }

  @Override
  protected void beforeDeploy() throws Exception {
    nodes.clear();
    int[] clusterPorts = new int[roles.size()];
    for (int i = 0; i < clusterPorts.length; i++) {
      clusterPorts[i] = FreePorts.next();
    }
    for (int i = 0; i < roles.size(); i++) {
      JsonObject config = TestNodes.fresh(roles.get(i).toArray(String[]::new)).mergeIn(config().copy(), true);
      if (clustered) {
        // Only members already listening: a node dialling a port where nobody listens yet retries for
        // seconds, and on loopback such a dial can even connect to itself and take the port away.
        TestNodes.clustered(config, clusterPorts[i], Arrays.copyOf(clusterPorts, i + 1));
      }
      if (!nodes.isEmpty()) {
        config.put("auth", nodes.get(0).config().getJsonObject("auth").copy());
      }
      nodes.add(closing(Node.start(config)));
    }
  }
}
