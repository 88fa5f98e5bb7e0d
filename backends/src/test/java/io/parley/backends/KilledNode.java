package io.parley.backends;

import java.nio.file.Path;

/**
 * A stand-in for a node that gets killed: a JVM of its own that starts embedded PostgreSQL and
 * Redis on the given data directory and ports, says {@code READY} and waits to be killed.
 */
public final class KilledNode {

  private KilledNode() {
  }

  public static void main(String[] args) throws Exception {
    EmbeddedBackends.start(EmbeddedBackends.Options.in(Path.of(args[0])).withoutKafka()
        .postgresPort(Integer.parseInt(args[1])).redisPort(Integer.parseInt(args[2])));
    System.out.println("READY");
    System.out.flush();
    Thread.currentThread().join();
  }
}
