package io.parley.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

/** Ports for servers a test starts itself (HTTP, cluster members), so parallel builds never collide. */
public final class FreePorts {

  /**
   * Below Linux's ephemeral range (32768–60999 by default), where the kernel picks the local port
   * of every outgoing connection and of every server bound to port 0. A port handed out from that
   * range could be taken by another test JVM's connection before our server bound it (a cluster
   * member once failed to start so); here only a server that chose the same port can take it.
   */
  private static final int LOWEST = 10_000;
  private static final int HIGHEST = 32_000;
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
  /**
   * Ports handed out by any JVM of this machine, as locked files: the build runs modules side by
   * side, and a port one JVM handed out may wait many seconds for its server (a node starting)
   * while another JVM finds it still free. That happened: another module's node took the port of
   * a cluster member, whose balancer then sent requests to the wrong node. The locks last as long
   * as the JVM that took them.
   */
  private static final Path RESERVATIONS = Path.of(System.getProperty("java.io.tmpdir"), "parley-test-ports");
  private static final List<FileLock> HELD = new CopyOnWriteArrayList<>();

  private FreePorts() {
  }

  /**
   * A TCP port on 127.0.0.1 that was free when this returned and that this JVM has not handed out
   * before. Prefer letting a server bind port 0 and asking it which port it got; use this when
   * the port must be known before the server starts, such as a node configuration naming its peers.
   */
  public static int next() {
    for (int attempt = 0; attempt < 1_000; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST);
      if (HANDED_OUT.add(port) && free(port) && reserved(port)) {
        return port;
      }
    }
    throw new UncheckedIOException(new IOException("No free TCP port on 127.0.0.1 between " + LOWEST + " and " + HIGHEST));
  }

  /** Whether this JVM now holds the machine-wide reservation of {@code port}; false when another JVM does. */
  private static boolean reserved(int port) {
    try {
      Files.createDirectories(RESERVATIONS);
      FileChannel channel = FileChannel.open(RESERVATIONS.resolve(port + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        return false;
      }
      HELD.add(lock);
      return true;
    } catch (OverlappingFileLockException | IOException unavailable) {
      return false;
    }
  }

  private static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException taken) {
      return false;
    }
  }
}
