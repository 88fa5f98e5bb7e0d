package io.parley.backends;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresTemplateTest {

  @TempDir
  Path work;

  @Test
  void clustersCopiedFromOneTemplateAnswerAsTheParleyRoleAndKeepTheirRowsApart() throws Exception {
    Path template = work.resolve("template");
    try (EmbeddedPostgres first = EmbeddedPostgres.start(work.resolve("first"), "127.0.0.1", 0, false, template);
         EmbeddedPostgres second = EmbeddedPostgres.start(work.resolve("second"), "127.0.0.1", 0, false, template)) {
      assertThat(template.resolve("postgresql.conf")).exists();
      assertThat(template.resolve(EmbeddedPostgres.PID_FILE)).doesNotExist();
      try (Connection one = DriverManager.getConnection(first.jdbcUrl());
           Connection two = DriverManager.getConnection(second.jdbcUrl());
           Statement inFirst = one.createStatement();
           Statement inSecond = two.createStatement()) {
        inFirst.execute("CREATE TABLE only_in_the_first (id int)");
        try (ResultSet found = inSecond.executeQuery("SELECT to_regclass('only_in_the_first') IS NULL, current_user, "
            + "(SELECT rolsuper FROM pg_roles WHERE rolname = current_user)")) {
          assertThat(found.next()).isTrue();
          assertThat(found.getBoolean(1)).as("the table exists only in the first cluster").isTrue();
          assertThat(found.getString(2)).isEqualTo("parley");
          assertThat(found.getBoolean(3)).isFalse();
        }
      }
    }
    try (EmbeddedPostgres again = EmbeddedPostgres.start(work.resolve("first"), "127.0.0.1", 0, false, template);
         Connection connection = DriverManager.getConnection(again.jdbcUrl());
         Statement statement = connection.createStatement();
         ResultSet kept = statement.executeQuery("SELECT to_regclass('only_in_the_first') IS NOT NULL")) {
      assertThat(kept.next()).isTrue();
      assertThat(kept.getBoolean(1)).as("a restart keeps the cluster instead of copying the template over it").isTrue();
    }
    assertThat(Files.list(work).map(path -> path.getFileName().toString())).containsExactlyInAnyOrder("template", "first", "second");
  }
}
