package io.parley.backends;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and stops an embedded server that an earlier start on the same data directory left
 * running: a node killed with {@code kill -9} cannot stop its child processes, and the orphan then
 * holds the port and the data directory, so the next start would fail with "Address already in
 * use" until someone killed it by hand. The server's pid file in its own data directory names it;
 * only a live process whose command matches the server is stopped, so a reused pid of some other
 * program is never touched.
 */
final class Leftovers {

  private static final Logger LOG = LoggerFactory.getLogger(Leftovers.class);
  private static final Duration POLITE_STOP = Duration.ofSeconds(15);

  private Leftovers() {
  }

  /**
   * Stops the process named by the first line of {@code pidFile} if it is still running as
   * {@code command} (a fragment of its executable's path); answers whether it stopped one.
   */
  static boolean stop(Path pidFile, String command, String what) throws IOException {
    Optional<ProcessHandle> leftover = running(pidFile, command);
    if (leftover.isEmpty()) {
      return false;
    }
    ProcessHandle process = leftover.get();
    LOG.warn("Found {} (pid {}) still running from an earlier start on {}; stopping it before starting a new one",
        what, process.pid(), pidFile.getParent().toAbsolutePath());
    CompletableFuture<ProcessHandle> exited = process.onExit();
    process.destroy();
    if (!waitFor(exited, POLITE_STOP)) {
      LOG.warn("{} (pid {}) did not stop within {} s; killing it", what, process.pid(), POLITE_STOP.toSeconds());
      process.destroyForcibly();
      if (!waitFor(exited, POLITE_STOP)) {
        throw new IOException(what + " (pid " + process.pid() + ") left over from an earlier start could not be stopped");
      }
    }
    LOG.warn("Stopped {} (pid {}) left over from the earlier start", what, process.pid());
    return true;
  }

  /** The live process a pid file names, if it runs {@code command}. */
  static Optional<ProcessHandle> running(Path pidFile, String command) {
    long pid = pidIn(pidFile);
    if (pid <= 0 || pid == ProcessHandle.current().pid()) {
      return Optional.empty();
    }
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(process -> process.info().command().map(path -> path.contains(command)).orElse(false));
  }

  private static long pidIn(Path pidFile) {
    try {
      if (!Files.isRegularFile(pidFile)) {
        return -1;
      }
      String first = Files.readAllLines(pidFile, StandardCharsets.US_ASCII).stream().findFirst().orElse("").trim();
      return Long.parseLong(first);
    } catch (IOException | NumberFormatException unreadable) {
      LOG.debug("Unreadable pid file {}: {}", pidFile, unreadable.getMessage());
      return -1;
    }
  }

  private static boolean waitFor(CompletableFuture<ProcessHandle> exited, Duration timeout) throws IOException {
    try {
      exited.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException stillRunning) {
      return false;
    } catch (ExecutionException unexpected) {
      throw new IOException("Waiting for a leftover server failed", unexpected);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while stopping a leftover server", e);
    }
  }
}
