package io.parley.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Open files of a process and its limit, from {@code /proc}: every socket is one, and this machine
 * caps a process at 20,000 (the hard limit cannot be raised here), the node and the load client
 * alike.
 */
final class Descriptors {

  private Descriptors() {
  }

  static long open(long pid) {
    try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
      return fds.count();
    } catch (IOException gone) {
      return 0;
    }
  }

  /** The soft limit on open files ("Max open files" in {@code /proc/<pid>/limits}). */
  static long limit(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "limits"))) {
        if (line.startsWith("Max open files")) {
          String[] fields = line.substring("Max open files".length()).trim().split("\\s+");
          return fields[0].equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(fields[0]);
        }
      }
    } catch (IOException | RuntimeException unreadable) {
      // not Linux
    }
    return 1_024;
  }

  /** Sockets this process can still open, keeping {@code reserve} for its own files and connections. */
  static long spare(long pid, long reserve) {
    return Math.max(0, limit(pid) - open(pid) - reserve);
  }
}
