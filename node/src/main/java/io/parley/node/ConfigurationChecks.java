package io.parley.node;

import io.parley.node.Doctor.Finding;
import io.parley.node.Doctor.Outcome;
import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import io.vertx.core.json.JsonObject;

/** The configuration part of {@code parley doctor}: values a node would refuse or misuse. */
final class ConfigurationChecks {

  private final JsonObject config;
  private final Map<String, String> environment;
  private final List<Finding> findings;

  ConfigurationChecks(JsonObject config, Map<String, String> environment, List<Finding> findings) {
    this.config = config;
    this.environment = environment;
    this.findings = findings;
  }

  void run() {
    unknownVariables();
    roles();
    port(ConfigKeys.HTTP_PORT);
    cluster();
    tracing();
    keys();
    if (findings.stream().noneMatch(f -> f.check().equals("config"))) {
      add(Outcome.OK, "config", "every value is usable");
    }
  }

  /** A misspelt variable is silently ignored by the node: say so here. */
  private void unknownVariables() {
    Set<String> known = ConfigKeys.ALL.stream().map(Config::environmentName).collect(Collectors.toSet());
    environment.keySet().stream()
      .filter(name -> name.startsWith("PARLEY_") && !known.contains(name))
      .sorted()
      .forEach(name -> add(Outcome.WARN, "config", name + " is not a Parley setting and is ignored"));
  }

  private void roles() {
    try {
      Roles.resolve(Config.strings(config, ConfigKeys.NODE_ROLES));
    } catch (IllegalArgumentException unknown) {
      add(Outcome.FAIL, "config", ConfigKeys.NODE_ROLES + ": " + unknown.getMessage());
    }
  }

  private void port(String key) {
    int port = Config.integer(config, key, -1);
    if (port < 0 || port > 65_535) {
      add(Outcome.FAIL, "config", key + " must be a port number (0-65535)");
    }
  }

  private void cluster() {
    if (!Config.bool(config, ConfigKeys.CLUSTER_ENABLED, false)) {
      return;
    }
    port(ConfigKeys.CLUSTER_PORT);
    String discovery = Config.string(config, ConfigKeys.CLUSTER_DISCOVERY, "tcp");
    switch (discovery) {
      case "tcp" -> {
        List<String> members = Config.strings(config, ConfigKeys.CLUSTER_MEMBERS);
        if (members.isEmpty()) {
          add(Outcome.WARN, "config", ConfigKeys.CLUSTER_MEMBERS + " is empty: this node forms a cluster on its own");
        }
        String host = Config.string(config, ConfigKeys.CLUSTER_HOST, "127.0.0.1");
        boolean remoteMembers = members.stream().anyMatch(member -> !member.startsWith("127.") && !member.startsWith("localhost"));
        if (host.startsWith("127.") && remoteMembers) {
          add(Outcome.FAIL, "config", ConfigKeys.CLUSTER_HOST + " is " + host + " but members are on other hosts: they cannot reach it");
        }
      }
      case "kubernetes" -> {
        if (Config.string(config, ConfigKeys.CLUSTER_KUBERNETES_SERVICE) == null) {
          add(Outcome.FAIL, "config", ConfigKeys.CLUSTER_KUBERNETES_SERVICE + " must name the headless Service of the members");
        }
      }
      default -> add(Outcome.FAIL, "config", ConfigKeys.CLUSTER_DISCOVERY + " must be tcp or kubernetes, not " + discovery);
    }
  }

  private void tracing() {
    String endpoint = Config.string(config, ConfigKeys.TRACING_OTLP_ENDPOINT);
    if (endpoint != null) {
      try {
        URI uri = URI.create(endpoint);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
          add(Outcome.FAIL, "config", ConfigKeys.TRACING_OTLP_ENDPOINT + " must be an http(s) URL such as http://collector:4318/v1/traces");
        }
      } catch (IllegalArgumentException malformed) {
        add(Outcome.FAIL, "config", ConfigKeys.TRACING_OTLP_ENDPOINT + " is not a URL");
      }
    }
    double ratio = Config.decimal(config, ConfigKeys.TRACING_SAMPLE_RATIO, 1.0);
    if (ratio < 0 || ratio > 1) {
      add(Outcome.FAIL, "config", ConfigKeys.TRACING_SAMPLE_RATIO + " must be between 0.0 and 1.0");
    }
  }

  private void keys() {
    Path dataDir = Path.of(Config.string(config, ConfigKeys.NODE_DATA_DIR, "data"));
    Path keyDir = Path.of(Config.string(config, ConfigKeys.AUTH_KEY_DIR, dataDir.resolve("keys").toString()));
    if (!Files.isDirectory(keyDir)) {
      add(Outcome.WARN, "keys", keyDir + " does not exist: a node creates a key there at first start; "
        + "nodes of a cluster must share one (parley rotate-keys --key-dir DIR)");
      return;
    }
    try (Stream<Path> files = Files.list(keyDir)) {
      List<String> names = files.map(file -> file.getFileName().toString()).toList();
      long signing = names.stream().filter(name -> name.endsWith(".key.pem")).count();
      long verifying = names.stream().filter(name -> name.endsWith(".pub.pem")).count();
      if (verifying == 0) {
        add(Outcome.WARN, "keys", "no key in " + keyDir + ": a node creates one at first start");
      } else if (signing == 0) {
        add(Outcome.WARN, "keys", verifying + " public key(s) in " + keyDir + " but no private key: this node cannot sign in anyone");
      } else {
        add(Outcome.OK, "keys", verifying + " key(s) in " + keyDir + ", " + signing + " able to sign");
      }
    } catch (Exception unreadable) {
      add(Outcome.FAIL, "keys", keyDir + " cannot be read: " + unreadable.getMessage());
    }
  }

  private void add(Outcome outcome, String check, String detail) {
    findings.add(new Finding(outcome, check, detail));
  }
}
