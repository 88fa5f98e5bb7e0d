package io.parley.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testkit.FreePorts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cluster of {@code docker/local-cluster.sh}, driven by the script itself, exactly as an
 * operator would: three node processes from the shaded jar, the shared backends process and
 * HAProxy, each on free ports, in a directory of their own.
 */
final class LocalCluster implements AutoCloseable {

  static final List<String> NODES = List.of("a", "b", "c");
  private static final long SCRIPT_TIMEOUT_SECONDS = 240;
  private static final String SCRAPE_TOKEN = "local-cluster-scraper";

  private final Path script;
  private final Path directory;
  private final Map<String, String> environment = new HashMap<>();
  private final Map<String, Integer> httpPorts = new HashMap<>();
  private final int balancerPort;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
    // HTTP/1.1: the JDK client's h2c upgrade once left a request hanging past its timeout.
    .version(HttpClient.Version.HTTP_1_1).build();

  LocalCluster(Path script, Path jar, Path directory, Map<String, String> settings) {
    this.script = script;
    this.directory = directory;
    this.balancerPort = FreePorts.next();
    for (String node : NODES) {
      httpPorts.put(node, FreePorts.next());
    }
    environment.putAll(settings);
    environment.put("CLUSTER_DIR", directory.toString());
    environment.put("PARLEY_JAR", jar.toString());
    environment.put("LB_PORT", String.valueOf(balancerPort));
    environment.put("NODE_PORTS", httpPorts.get("a") + " " + httpPorts.get("b") + " " + httpPorts.get("c"));
    environment.put("HAZELCAST_PORTS", FreePorts.next() + " " + FreePorts.next() + " " + FreePorts.next());
    environment.put("BACKEND_PORTS", FreePorts.next() + " " + FreePorts.next() + " " + kafkaPort());
    // /metrics on the API port needs the token: the script passes every PARLEY_* variable to the nodes.
    environment.put("PARLEY_METRICS_TOKEN", SCRAPE_TOKEN);
    environment.put("JAVA_OPTS", "-Xmx320m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
  }

  int balancerPort() {
    return balancerPort;
  }

  int httpPort(String node) {
    return httpPorts.get(node);
  }

  /** The local media store's signing secret the script made: it must never reach a log either. */
  String mediaSecret() throws IOException {
    return Files.readString(directory.resolve("keys/media-local.secret")).strip();
  }

  Path log(String node) {
    return directory.resolve(node + ".log");
  }

  void up() throws Exception {
    // If the test JVM is stopped before its @AfterAll, the cluster's processes must not outlive it.
    Runtime.getRuntime().addShutdownHook(new Thread(this::downQuietly, "local-cluster-down"));
    run("up");
  }

  private void downQuietly() {
    try {
      run("down");
    } catch (Exception | AssertionError ignored) {
      // best effort while the JVM exits
    }
  }

  /** {@code local-cluster.sh stop NODE}: parley drain, which returns once the node has exited. */
  CompletableFuture<String> drain(String node) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return run("stop", node);
      } catch (Exception failure) {
        throw new IllegalStateException(failure);
      }
    });
  }

  void kill(String node) throws Exception {
    run("kill", node);
  }

  void start(String node) throws Exception {
    run("start", node);
  }

  boolean running(String node) throws IOException {
    Path pid = directory.resolve(node + ".pid");
    return Files.exists(pid) && ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).map(ProcessHandle::isAlive).orElse(false);
  }

  /** A gauge of the node's own {@code /metrics}, summed over its series; -1 when it cannot be read. */
  double gauge(String node, String name) {
    try {
      String text = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort(node) + "/metrics"))
        .header("Authorization", "Bearer " + SCRAPE_TOKEN)
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
      Matcher line = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? ([0-9.eE+-]+)$").matcher(text);
      double sum = 0;
      boolean found = false;
      while (line.find()) {
        sum += Double.parseDouble(line.group(2));
        found = true;
      }
      return found ? sum : -1;
    } catch (IOException | InterruptedException unreachable) {
      return -1;
    }
  }

  String run(String... arguments) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("bash", script.toString()));
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process process = builder.start();
    CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
      try {
        return new String(process.getInputStream().readAllBytes());
      } catch (IOException e) {
        return e.toString();
      }
    });
    boolean finished = process.waitFor(SCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (!finished) {
      process.destroyForcibly();
    }
    String printed = output.get(5, TimeUnit.SECONDS);
    assertThat(finished).as("local-cluster.sh " + String.join(" ", arguments) + " finished: " + printed).isTrue();
    assertThat(process.exitValue()).as("local-cluster.sh " + String.join(" ", arguments) + ": " + printed).isZero();
    return printed;
  }

  @Override
  public void close() throws Exception {
    run("down");
  }

  /** Kafka's controller takes the port after the broker's: both must be free. */
  private static int kafkaPort() {
    for (int attempt = 0; attempt < 50; attempt++) {
      int port = FreePorts.next();
      try (ServerSocket next = new ServerSocket()) {
        next.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port + 1));
        return port;
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IllegalStateException("No two consecutive free ports");
  }
}
