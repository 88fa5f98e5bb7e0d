package io.parley.backends;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresTest {

  @TempDir
  Path dataDirectory;

  @Test
  void connectsAsTheParleyRoleWithoutSuperuserRightsToTheParleyDatabase() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dataDirectory, "127.0.0.1", 0);
         Connection connection = DriverManager.getConnection(postgres.jdbcUrl());
         Statement statement = connection.createStatement();
         ResultSet result = statement.executeQuery(
             "SELECT current_user, current_database(), rolsuper FROM pg_roles WHERE rolname = current_user")) {
      assertThat(result.next()).isTrue();
      assertThat(result.getString(1)).isEqualTo("parley");
      assertThat(result.getString(2)).isEqualTo("parley");
      assertThat(result.getBoolean(3)).isFalse();
    }
  }

  @Test
  void restartingOnAnExistingClusterKeepsTheParleyDatabaseInsteadOfFailingToCreateIt() throws Exception {
    try (EmbeddedPostgres first = EmbeddedPostgres.start(dataDirectory, "127.0.0.1", 0)) {
      assertThat(first.uri()).endsWith("/parley");
    }
    try (EmbeddedPostgres second = EmbeddedPostgres.start(dataDirectory, "127.0.0.1", 0);
         Connection connection = DriverManager.getConnection(second.jdbcUrl())) {
      assertThat(connection.isValid(2)).isTrue();
    }
  }
}
