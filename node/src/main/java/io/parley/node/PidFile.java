package io.parley.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** {@code <dataDir>/parley.pid}: how {@code parley drain} finds the node that runs on a data directory. */
final class PidFile {

  static final String NAME = "parley.pid";

  private PidFile() {
  }

  static Path in(Path dataDir) {
    return dataDir.resolve(NAME);
  }

  /** Writes this process's id; the file goes when the process exits normally. */
  static void writeOwn(Path dataDir) throws IOException {
    Path file = in(dataDir);
    Files.writeString(file, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
    file.toFile().deleteOnExit();
  }

  static OptionalLong read(Path dataDir) throws IOException {
    Path file = in(dataDir);
    if (!Files.exists(file)) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).strip()));
    } catch (NumberFormatException garbled) {
      return OptionalLong.empty();
    }
  }
}
