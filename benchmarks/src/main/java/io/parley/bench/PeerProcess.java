package io.parley.bench;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A peer server of a benchmark in a process of its own, so that its CPU is counted alone: started
 * from a command line, its output in a log, ready when {@code GET /ready} on its port answers 200.
 */
final class PeerProcess implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PeerProcess.class);

  private final Process process;
  private final int port;

  private PeerProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Runs {@code command} (the peer called {@code name}) in {@code directory} and waits until it serves {@code port}. */
  static PeerProcess start(Vertx vertx, String name, List<String> command, Path directory, Path logFile, int port) throws Exception {
    Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
      .redirectOutput(logFile.toFile()).start();
    PeerProcess peer = new PeerProcess(process, port);
    try {
      ServerProcess.awaitReady(vertx, process, port, logFile);
    } catch (Exception notReady) {
      peer.close();
      throw notReady;
    }
    log.info("Peer {}: pid {}, port {}, output in {}", name, process.pid(), port, logFile);
    return peer;
  }

  int port() {
    return port;
  }

  /** CPU time so far of the process (every thread of it), in seconds. */
  double cpuSeconds() {
    return ServerProcess.cpuSecondsOf(process.pid());
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
