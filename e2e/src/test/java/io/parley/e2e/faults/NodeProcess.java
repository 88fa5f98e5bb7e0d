package io.parley.e2e.faults;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Parley node as a separate process ({@code java -jar parley.jar}), which a fault can kill
 * with SIGKILL, freeze with SIGSTOP and thaw with SIGCONT, and which can be started again on the
 * same ports and data directory.
 */
final class NodeProcess {

  final String name;
  final int httpPort;
  final int clusterPort;
  final List<String> roles;
  private final Path jar;
  private final Path work;
  private final Map<String, String> environment;
  private List<String> members;
  private Process process;
  private int starts;

  NodeProcess(String name, List<String> roles, int httpPort, int clusterPort, List<String> members, Path jar, Path work,
              Map<String, String> environment) {
    this.name = name;
    this.roles = roles;
    this.httpPort = httpPort;
    this.clusterPort = clusterPort;
    this.members = members;
    this.jar = jar;
    this.work = work;
    this.environment = environment;
  }

  /** The Hazelcast members a (re)start dials. */
  void members(List<String> members) {
    this.members = List.copyOf(members);
  }

  boolean isGateway() {
    return roles.contains("gateway");
  }

  void start() throws IOException {
    Path dataDir = work.resolve(name);
    Files.createDirectories(dataDir);
    List<String> command = new ArrayList<>(List.of(
      Path.of(System.getProperty("java.home"), "bin", "java").toString(),
      // Light JVMs: four of them and the backends share two cores.
      "-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
      "-jar", jar.toString(),
      "--cluster", "--cluster-host", "127.0.0.1", "--cluster-port", String.valueOf(clusterPort),
      "--members", String.join(",", members),
      "--roles", String.join(",", roles),
      "--http-port", String.valueOf(httpPort),
      "--data-dir", dataDir.toString()));
    ProcessBuilder builder = new ProcessBuilder(command)
      .redirectErrorStream(true)
      .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve(name + ".log").toFile()));
    builder.environment().putAll(environment);
    builder.environment().put("PARLEY_NODE_NAME", name);
    process = builder.start();
    starts++;
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  /** SIGKILL: no shutdown hook, no goodbye to the cluster, connections reset. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGSTOP: the process holds its sockets but answers nothing, as a member cut off from the network. */
  void freeze() throws IOException, InterruptedException {
    signal("STOP");
  }

  void thaw() throws IOException, InterruptedException {
    signal("CONT");
  }

  /** SIGTERM and wait: a clean stop at the end. */
  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  /** {@code GET /ready} answered 200: every node answers it, whatever its roles. */
  boolean ready() {
    return alive() && status("/ready") == 200;
  }

  /** The status of a GET, or -1 when nothing answers within two seconds. */
  int status(String path) {
    try {
      HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + httpPort + path).toURL().openConnection();
      connection.setConnectTimeout(2_000);
      connection.setReadTimeout(2_000);
      try {
        return connection.getResponseCode();
      } finally {
        connection.disconnect();
      }
    } catch (IOException nothing) {
      return -1;
    }
  }

  /** The body of {@code GET /ready}, or empty. */
  String readiness() {
    try {
      HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + httpPort + "/ready").toURL().openConnection();
      connection.setConnectTimeout(2_000);
      connection.setReadTimeout(3_000);
      try (var in = connection.getResponseCode() >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
        return in == null ? "" : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      } finally {
        connection.disconnect();
      }
    } catch (IOException nothing) {
      return "";
    }
  }

  int starts() {
    return starts;
  }

  private void signal(String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new IOException("kill -" + signal + " " + process.pid() + " failed");
    }
  }

  @Override
  public String toString() {
    return name + roles;
  }
}
