package io.parley.node.deployment;

import static io.parley.node.deployment.YamlFiles.at;
import static io.parley.node.deployment.YamlFiles.list;
import static io.parley.node.deployment.YamlFiles.maps;
import static io.parley.node.deployment.YamlFiles.string;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.node.NodeConfig;
import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code docker/k8s/}, checked without a cluster: every manifest parses, and the references between
 * them hold (selectors and the pods they select, probe and target ports, config maps and secrets,
 * the service account and its role, the autoscaler's target), with settings a node accepts.
 */
class ManifestsTest {

  static final String PARLEY_IMAGE = "parley/parley:0.1.0";
  private static final Path K8S = ComposeFileTest.DOCKER.resolve("k8s");

  private final List<Map<String, Object>> manifests = new ArrayList<>();

  ManifestsTest() {
    for (Path file : YamlFiles.files(K8S)) {
      manifests.addAll(YamlFiles.documents(file));
    }
  }

  @Test
  void everyManifestNamesItsApiKindAndName() {
    assertThat(manifests).hasSizeGreaterThanOrEqualTo(15);
    for (Map<String, Object> manifest : manifests) {
      assertThat(string(manifest, "apiVersion")).isNotBlank();
      assertThat(string(manifest, "kind")).isNotBlank();
      assertThat(string(manifest, "metadata", "name")).as(manifest.toString()).isNotBlank();
    }
    assertThat(names("Deployment")).containsExactlyInAnyOrder("parley-gateway", "parley-auth", "parley-chat", "parley-media", "parley-notify",
      "parley-story");
    assertThat(kinds()).contains("ConfigMap", "Secret", "Service", "ServiceAccount", "Role", "RoleBinding",
      "PodDisruptionBudget", "HorizontalPodAutoscaler", "Job");
  }

  @Test
  void eachDeploymentRunsOneRoleSelectsItsPodsAndProbesReadyAndHealth() throws Exception {
    Set<String> roles = new java.util.HashSet<>();
    for (Map<String, Object> deployment : of("Deployment")) {
      Map<String, Object> labels = at(deployment, "spec", "template", "metadata", "labels");
      assertThat(labels).containsAllEntriesOf(at(deployment, "spec", "selector", "matchLabels"));
      Map<String, Object> container = container(deployment);
      assertThat(string(container, "image")).isEqualTo(PARLEY_IMAGE);
      Map<String, Integer> ports = ports(container);
      assertThat(ports).containsEntry("http", 8080).containsKey("hazelcast");
      assertThat(string(container, "readinessProbe", "httpGet", "path")).isEqualTo("/ready");
      assertThat(string(container, "livenessProbe", "httpGet", "path")).isEqualTo("/health");
      assertThat(ports).containsKeys(string(container, "readinessProbe", "httpGet", "port"),
        string(container, "livenessProbe", "httpGet", "port"));
      assertThat(at(container, "resources", "requests")).containsKeys("cpu", "memory");
      assertThat(at(container, "resources", "limits")).containsKey("memory");
      JsonObject config = effectiveConfig(container);
      assertThat(Config.integer(config, ConfigKeys.HTTP_PORT, 0)).isEqualTo(ports.get("http"));
      assertThat(Config.integer(config, ConfigKeys.CLUSTER_PORT, 0)).isEqualTo(ports.get("hazelcast"));
      assertThat(Config.integer(config, ConfigKeys.METRICS_PORT, 0)).as("the management port Prometheus scrapes")
        .isEqualTo(ports.get("metrics"))
        .isEqualTo(Integer.parseInt(string(deployment, "spec", "template", "metadata", "annotations", "prometheus.io/port")));
      List<String> nodeRoles = Config.strings(config, ConfigKeys.NODE_ROLES);
      assertThat(nodeRoles).hasSize(1);
      assertThat(labels).containsEntry("role", nodeRoles.get(0));
      roles.addAll(nodeRoles);
    }
    assertThat(roles).containsExactlyInAnyOrder("gateway", "auth", "chat", "media", "notify", "story");
  }

  @Test
  void podsGetLongerToTerminateThanTheirDrain() throws Exception {
    for (Map<String, Object> deployment : of("Deployment")) {
      JsonObject config = effectiveConfig(container(deployment));
      long drainMs = Config.longValue(config, ConfigKeys.DRAIN_UNREADY_DELAY_MS, 0)
        + 1000 * Config.longValue(config, ConfigKeys.DRAIN_TIMEOUT_SECONDS, 0);
      long graceMs = 1000 * Long.parseLong(string(deployment, "spec", "template", "spec", "terminationGracePeriodSeconds"));
      assertThat(graceMs).as("termination grace of " + string(deployment, "metadata", "name")).isGreaterThan(drainMs);
      assertThat(Config.bool(config, ConfigKeys.EMBEDDED_ALLOWED, true)).isFalse();
    }
  }

  @Test
  void servicesBudgetsAndTheAutoscalerPointAtDeployments() {
    for (Map<String, Object> service : of("Service")) {
      Map<String, Object> selector = at(service, "spec", "selector");
      List<Map<String, Object>> selected = of("Deployment").stream()
        .filter(deployment -> at(deployment, "spec", "template", "metadata", "labels").entrySet().containsAll(selector.entrySet()))
        .toList();
      assertThat(selected).as("pods of service " + string(service, "metadata", "name")).isNotEmpty();
      for (Map<String, Object> port : maps(list(service, "spec", "ports"))) {
        selected.forEach(deployment -> assertThat(ports(container(deployment))).containsKey(string(port, "targetPort")));
      }
    }
    Map<String, Object> gateways = at(named("Service", "parley"), "spec", "selector");
    assertThat(gateways).containsEntry("role", "gateway");
    for (Map<String, Object> budget : of("PodDisruptionBudget")) {
      Map<String, Object> selector = at(budget, "spec", "selector", "matchLabels");
      assertThat(of("Deployment")).anyMatch(deployment -> at(deployment, "spec", "selector", "matchLabels").equals(selector));
    }
    assertThat(of("PodDisruptionBudget")).hasSize(6);
    Map<String, Object> autoscaler = of("HorizontalPodAutoscaler").get(0);
    assertThat(string(autoscaler, "spec", "scaleTargetRef", "kind")).isEqualTo("Deployment");
    assertThat(string(autoscaler, "spec", "scaleTargetRef", "name")).isEqualTo("parley-gateway");
    assertThat(Integer.parseInt(string(autoscaler, "spec", "minReplicas"))).isGreaterThanOrEqualTo(2);
  }

  @Test
  void hazelcastFindsMembersThroughTheHeadlessServiceWithTheRightsItNeeds() throws Exception {
    JsonObject config = effectiveConfig(container(of("Deployment").get(0)));
    assertThat(Config.string(config, ConfigKeys.CLUSTER_DISCOVERY)).isEqualTo("kubernetes");
    Map<String, Object> headless = named("Service", Config.string(config, ConfigKeys.CLUSTER_KUBERNETES_SERVICE));
    assertThat(string(headless, "spec", "clusterIP")).isEqualTo("None");
    assertThat(string(headless, "spec", "publishNotReadyAddresses")).isEqualTo("true");
    assertThat(maps(list(headless, "spec", "ports"))).anyMatch(port ->
      Integer.parseInt(string(port, "port")) == Config.integer(config, ConfigKeys.CLUSTER_PORT, 0));

    for (Map<String, Object> deployment : of("Deployment")) {
      assertThat(names("ServiceAccount")).contains(string(deployment, "spec", "template", "spec", "serviceAccountName"));
      assertThat(podEnvironmentSources(container(deployment))).containsEntry("PARLEY_CLUSTER_HOST", "status.podIP")
        .containsEntry("PARLEY_NODE_NAME", "metadata.name");
    }
    Map<String, Object> binding = of("RoleBinding").get(0);
    Map<String, Object> role = named("Role", string(binding, "roleRef", "name"));
    assertThat(maps(list(binding, "subjects"))).allMatch(subject -> names("ServiceAccount").contains(string(subject, "name")));
    assertThat(maps(list(role, "rules"))).anyMatch(rule -> list(rule, "resources").containsAll(List.of("endpoints", "pods"))
      && list(rule, "verbs").containsAll(List.of("get", "list")));
  }

  @Test
  void configMapsAndSecretsArePresentAndHoldOnlySettingsANodeKnows() {
    for (Map<String, Object> deployment : of("Deployment")) {
      for (Map<String, Object> source : maps(list(container(deployment), "envFrom"))) {
        if (!at(source, "configMapRef").isEmpty()) {
          assertThat(names("ConfigMap")).contains(string(source, "configMapRef", "name"));
        }
        if (!at(source, "secretRef").isEmpty()) {
          assertThat(names("Secret")).contains(string(source, "secretRef", "name"));
        }
      }
      for (Map<String, Object> volume : maps(list(deployment, "spec", "template", "spec", "volumes"))) {
        assertThat(names("Secret")).contains(string(volume, "secret", "secretName"));
      }
      for (Map<String, Object> variable : maps(list(container(deployment), "env"))) {
        assertThat(ComposeFileTest.KNOWN_VARIABLES).contains(string(variable, "name"));
      }
    }
    for (Map<String, Object> configMap : of("ConfigMap")) {
      assertThat(at(configMap, "data").keySet()).allSatisfy(key -> assertThat(ComposeFileTest.KNOWN_VARIABLES).contains(key));
    }
    for (Map<String, Object> secret : of("Secret")) {
      assertThat(at(secret, "data")).as("no secret value is written in the manifests").isEmpty();
      assertThat(at(secret, "stringData")).isEmpty();
    }
    Map<String, Object> job = of("Job").get(0);
    Map<String, Object> migrate = maps(list(job, "spec", "template", "spec", "containers")).get(0);
    assertThat(string(migrate, "image")).isEqualTo(PARLEY_IMAGE);
    assertThat(list(migrate, "args")).containsExactly("migrate");
  }

  private List<Map<String, Object>> of(String kind) {
    return manifests.stream().filter(manifest -> kind.equals(string(manifest, "kind"))).toList();
  }

  private Map<String, Object> named(String kind, String name) {
    return of(kind).stream().filter(manifest -> name.equals(string(manifest, "metadata", "name"))).findFirst()
      .orElseThrow(() -> new AssertionError("No " + kind + " named " + name));
  }

  private Set<String> names(String kind) {
    return of(kind).stream().map(manifest -> string(manifest, "metadata", "name")).collect(Collectors.toSet());
  }

  private Set<String> kinds() {
    return manifests.stream().map(manifest -> string(manifest, "kind")).collect(Collectors.toSet());
  }

  private static Map<String, Object> container(Map<String, Object> deployment) {
    List<Map<String, Object>> containers = maps(list(deployment, "spec", "template", "spec", "containers"));
    assertThat(containers).hasSize(1);
    return containers.get(0);
  }

  private static Map<String, Integer> ports(Map<String, Object> container) {
    Map<String, Integer> ports = new HashMap<>();
    maps(list(container, "ports")).forEach(port -> ports.put(string(port, "name"), Integer.parseInt(string(port, "containerPort"))));
    return ports;
  }

  /** Variables a pod takes from its own fields (name, address): their field paths. */
  private static Map<String, String> podEnvironmentSources(Map<String, Object> container) {
    Map<String, String> sources = new HashMap<>();
    maps(list(container, "env")).forEach(variable -> {
      String field = string(variable, "valueFrom", "fieldRef", "fieldPath");
      if (field != null) {
        sources.put(string(variable, "name"), field);
      }
    });
    return sources;
  }

  /** What a node in this container runs with: defaults, the config map, its own plain variables. */
  private JsonObject effectiveConfig(Map<String, Object> container) throws Exception {
    Map<String, String> environment = new HashMap<>();
    for (Map<String, Object> source : maps(list(container, "envFrom"))) {
      if (!at(source, "configMapRef").isEmpty()) {
        at(named("ConfigMap", string(source, "configMapRef", "name")), "data")
          .forEach((key, value) -> environment.put(key, String.valueOf(value)));
      }
    }
    maps(list(container, "env")).stream().filter(variable -> string(variable, "value") != null)
      .forEach(variable -> environment.put(string(variable, "name"), string(variable, "value")));
    return NodeConfig.load(null, environment, new JsonObject());
  }
}
