package io.parley.node.deployment;

import static io.parley.node.deployment.YamlFiles.at;
import static io.parley.node.deployment.YamlFiles.list;
import static io.parley.node.deployment.YamlFiles.string;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.node.NodeConfig;
import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * {@code docker/compose.yaml}, checked without a container engine: every reference in it (images
 * and their build files, services named in dependencies, volumes, mounted files, settings) points
 * at something that exists, and the values a node reads are ones a node accepts.
 */
class ComposeFileTest {

  static final Path DOCKER = Path.of(System.getProperty("parley.deployment"));
  static final Set<String> KNOWN_VARIABLES = ConfigKeys.ALL.stream().map(Config::environmentName).collect(Collectors.toSet());
  private static final Pattern SECRET_NAME = Pattern.compile("PASSWORD|SECRET|TOKEN|PRIVATE");
  private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Z0-9_]+)(:?[?-][^}]*)?}");

  private final Map<String, Object> compose = YamlFiles.documents(DOCKER.resolve("compose.yaml")).get(0);
  private final Map<String, Object> services = at(compose, "services");

  @Test
  void everyServiceRunsAPinnedImageAndTheParleyImageIsBuiltFromTheDockerfile() {
    assertThat(services).containsKeys("postgres", "redis", "kafka", "minio", "media-bucket", "parley-a", "parley-b", "parley-c",
      "balancer", "prometheus", "grafana");
    services.forEach((name, definition) -> {
      String image = string(YamlFiles.map(definition, name), "image");
      assertThat(image).as("image of " + name).isNotNull().contains(":").doesNotEndWith(":latest");
    });
    assertThat(string(service("postgres"), "image")).isEqualTo("postgres:16");
    assertThat(string(service("redis"), "image")).isEqualTo("redis:7");
    for (String node : parleyNodes()) {
      assertThat(string(service(node), "image")).isEqualTo(ManifestsTest.PARLEY_IMAGE);
      Path context = DOCKER.resolve(string(service(node), "build", "context")).normalize();
      assertThat(context.resolve(string(service(node), "build", "dockerfile"))).isRegularFile();
      assertThat(context.resolve("node/pom.xml")).as("the build context is the repository").isRegularFile();
    }
  }

  @Test
  void dependenciesNameServicesAndWaitForWhatTheServiceCanReport() {
    services.forEach((name, definition) -> at(YamlFiles.map(definition, name), "depends_on").forEach((dependency, how) -> {
      assertThat(services).as(name + " depends on " + dependency).containsKey(dependency);
      String condition = string(YamlFiles.map(how, dependency), "condition");
      switch (condition) {
        case "service_healthy" -> assertThat(at(service(dependency), "healthcheck")).as(dependency + " has a health check").isNotEmpty();
        case "service_completed_successfully" -> assertThat(string(service(dependency), "restart")).as(dependency + " runs once").isEqualTo("no");
        case "service_started" -> { }
        default -> throw new AssertionError("Unknown condition " + condition);
      }
    }));
    for (String node : parleyNodes()) {
      assertThat(at(service(node), "depends_on")).containsKeys("postgres", "redis", "kafka", "keys", "migrate", "media-bucket");
    }
  }

  @Test
  void namedVolumesAreDeclaredAndMountedFilesExist() {
    Set<String> declared = at(compose, "volumes").keySet();
    services.forEach((name, definition) -> {
      for (Object mount : list(YamlFiles.map(definition, name), "volumes")) {
        String source = String.valueOf(mount).split(":")[0];
        if (source.startsWith(".")) {
          assertThat(DOCKER.resolve(source)).as("file mounted into " + name).exists();
        } else {
          assertThat(declared).as("volume of " + name).contains(source);
        }
      }
    });
  }

  @Test
  void everyParleyVariableIsASettingAndTheBalancersVariablesAreTheOnesItsConfigurationUses() throws Exception {
    for (String node : parleyNodes()) {
      assertThat(environment(node).keySet()).as("settings of " + node).allSatisfy(key -> assertThat(KNOWN_VARIABLES).contains(key));
    }
    assertThat(environment("migrate").keySet()).allSatisfy(key -> assertThat(KNOWN_VARIABLES).contains(key));
    String haproxy = Files.readString(DOCKER.resolve("haproxy/haproxy.cfg"));
    Set<String> used = new java.util.TreeSet<>();
    Matcher variables = Pattern.compile("\"\\$\\{([A-Z0-9_]+)}\"").matcher(haproxy);
    while (variables.find()) {
      used.add(variables.group(1));
    }
    assertThat(environment("balancer").keySet()).containsExactlyInAnyOrderElementsOf(used);
    assertThat(environment("balancer").get("PARLEY_GATEWAY_1")).isEqualTo("parley-a:8080");
    assertThat(environment("balancer").get("PARLEY_GATEWAY_2")).isEqualTo("parley-b:8080");
  }

  @Test
  void noSecretIsWrittenInTheFile() {
    services.keySet().forEach(name -> environment(name).forEach((key, value) -> {
      if (SECRET_NAME.matcher(key).find()) {
        assertThat(value).as(name + " " + key).matches("\\$\\{[A-Z_]+:\\?[^}]+}");
      }
      if (value.matches("^[a-z]+://[^/@]*:[^/@]*@.*")) {
        assertThat(value).as("password in the URI of " + name + " " + key).matches("^[a-z]+://[^:/@]+:\\$\\{[A-Z_]+:\\?[^}]+}@.*");
      }
    }));
  }

  @Test
  void nodesGetLongerToStopThanTheirDrainAndAreHealthyOnlyWhenReady() throws Exception {
    for (String node : parleyNodes()) {
      JsonObject config = effectiveConfig(node);
      long drainMs = Config.longValue(config, ConfigKeys.DRAIN_UNREADY_DELAY_MS, 0)
        + 1000 * Config.longValue(config, ConfigKeys.DRAIN_TIMEOUT_SECONDS, 0);
      assertThat(seconds(string(service(node), "stop_grace_period")) * 1000).as("stop grace of " + node).isGreaterThan(drainMs);
      String check = String.join(" ", list(service(node), "healthcheck", "test").stream().map(String::valueOf).toList());
      assertThat(check).contains("/dev/tcp/127.0.0.1/" + Config.integer(config, ConfigKeys.HTTP_PORT, 0)).contains("GET /ready");
      assertThat(Config.bool(config, ConfigKeys.EMBEDDED_ALLOWED, true)).as("no embedded database in " + node).isFalse();
    }
  }

  @Test
  void clusterMembersAreTheNodesOwnAddressesAndRolesCoverEveryDomain() throws Exception {
    Set<String> addresses = parleyNodes().stream()
      .map(node -> string(service(node), "networks", "parley", "ipv4_address") + ":5701").collect(Collectors.toSet());
    Set<String> roles = new java.util.HashSet<>();
    for (String node : parleyNodes()) {
      JsonObject config = effectiveConfig(node);
      assertThat(Set.copyOf(Config.strings(config, ConfigKeys.CLUSTER_MEMBERS))).isEqualTo(addresses);
      assertThat(Config.string(config, ConfigKeys.CLUSTER_HOST) + ":" + Config.integer(config, ConfigKeys.CLUSTER_PORT, 0))
        .isIn(addresses);
      roles.addAll(Config.strings(config, ConfigKeys.NODE_ROLES));
    }
    assertThat(roles).contains("gateway", "auth", "chat", "media");
    assertThat(Config.strings(effectiveConfig("parley-a"), ConfigKeys.NODE_ROLES)).contains("gateway");
    assertThat(Config.strings(effectiveConfig("parley-b"), ConfigKeys.NODE_ROLES)).contains("gateway");
  }

  @Test
  void prometheusScrapesEveryNodeAndGrafanaLoadsTheDashboard() throws Exception {
    Map<String, Object> prometheus = YamlFiles.documents(DOCKER.resolve("prometheus/prometheus.yml")).get(0);
    List<Object> targets = list(YamlFiles.maps(list(YamlFiles.maps(list(prometheus, "scrape_configs")).get(0), "static_configs")).get(0),
      "targets");
    assertThat(targets).containsExactlyInAnyOrderElementsOf(parleyNodes().stream().map(node -> node + ":9100").toList());
    Map<String, Object> datasources = YamlFiles.documents(DOCKER.resolve("grafana/provisioning/datasources/prometheus.yaml")).get(0);
    assertThat(string(YamlFiles.maps(list(datasources, "datasources")).get(0), "url")).isEqualTo("http://prometheus:9090");
    Map<String, Object> dashboards = YamlFiles.documents(DOCKER.resolve("grafana/provisioning/dashboards/parley.yaml")).get(0);
    String path = string(YamlFiles.maps(list(dashboards, "providers")).get(0), "options", "path");
    assertThat(list(service("grafana"), "volumes")).contains("./grafana/dashboards:" + path + ":ro");
    assertThat(DOCKER.resolve("grafana/dashboards/parley.json")).isRegularFile();
  }

  private List<String> parleyNodes() {
    return services.keySet().stream().filter(name -> name.matches("parley-[a-z]")).sorted().toList();
  }

  private Map<String, Object> service(String name) {
    return at(services, name);
  }

  private Map<String, String> environment(String service) {
    Map<String, String> environment = new HashMap<>();
    at(service(service), "environment").forEach((key, value) -> environment.put(key, value == null ? "" : String.valueOf(value)));
    return environment;
  }

  /** The configuration a node of this service runs with: the defaults, then its environment (secrets left unset). */
  private JsonObject effectiveConfig(String service) throws Exception {
    Map<String, String> environment = new HashMap<>(environment(service));
    environment.replaceAll((key, value) -> INTERPOLATION.matcher(value).replaceAll(""));
    return NodeConfig.load(null, environment, new JsonObject());
  }

  private static long seconds(String duration) {
    assertThat(duration).matches("\\d+s");
    return Long.parseLong(duration.substring(0, duration.length() - 1));
  }
}
