package io.parley.backends;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pristine PostgreSQL cluster (initdb'd, with the parley role and database, cleanly shut down)
 * that new data directories are copied from instead of running initdb again: a test run starts
 * a fresh cluster in every test JVM, and initdb costs seconds of CPU each time, a copy a fraction.
 *
 * <p>Whoever comes first makes the template in a directory of its own beside it and renames it
 * into place, so JVMs starting at the same time never see half a template; the losers of that
 * race throw theirs away.
 */
final class PostgresTemplate {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresTemplate.class);
  /** initdb writes this file; zonky, like us, takes a directory that has it for a cluster. */
  private static final String CLUSTER_MARKER = "postgresql.conf";
  /** Left by a running server (the pid file) and by zonky (its lock): never part of a copy. */
  private static final Set<String> RUNTIME_FILES = Set.of(EmbeddedPostgres.PID_FILE, "epg-lock");

  private PostgresTemplate() {
  }

  /** Fills {@code dataDirectory} with a copy of {@code template} (made first if missing), unless it holds a cluster. */
  static void seed(Path template, Path dataDirectory) throws IOException {
    if (Files.exists(dataDirectory.resolve(CLUSTER_MARKER))) {
      return;
    }
    if (!Files.exists(template.resolve(CLUSTER_MARKER))) {
      create(template);
    }
    copy(template, dataDirectory);
    // PostgreSQL refuses a data directory that others may read.
    Files.setPosixFilePermissions(dataDirectory, PosixFilePermissions.fromString("rwx------"));
  }

  private static void create(Path template) throws IOException {
    Path parent = template.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path building = Files.createTempDirectory(parent, template.getFileName() + ".building-");
    long started = System.nanoTime();
    // Started once on its own directory and closed again: initdb, the parley role and database, a clean shutdown.
    EmbeddedPostgres.start(building, Endpoints.LOOPBACK, 0, false).close();
    for (String runtime : RUNTIME_FILES) {
      Files.deleteIfExists(building.resolve(runtime));
    }
    try {
      Files.move(building, template, StandardCopyOption.ATOMIC_MOVE);
      LOG.info("PostgreSQL template cluster made in {} ms: {}", (System.nanoTime() - started) / 1_000_000, template);
    } catch (FileSystemException taken) {
      deleteRecursively(building);
      if (!Files.exists(template.resolve(CLUSTER_MARKER))) {
        throw taken;
      }
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path source : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else if (!RUNTIME_FILES.contains(source.getFileName().toString())) {
          Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  private static void deleteRecursively(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("Could not delete {}", directory, e);
    }
  }
}
