package io.parley.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the JVM itself says it has committed, by category (Java Heap, Thread, Code, GC, Compiler,
 * Arena, Other — where direct buffers go …), from {@code jcmd <pid> VM.native_memory summary}. It
 * explains RSS apart from the heap; it needs the process to run with
 * {@code -XX:NativeMemoryTracking=summary}, and says nothing (an empty map) otherwise. Memory that
 * native libraries allocate by themselves and the allocator's own overhead are not in it.
 */
final class NativeMemory {

  /** The JVM option that turns the tracking on. */
  static final String TRACKING = "-XX:NativeMemoryTracking=summary";

  private static final Pattern CATEGORY = Pattern.compile("^-\\s+(.+?) \\(reserved=\\d+KB, committed=(\\d+)KB\\)");

  private NativeMemory() {
  }

  /** Committed KiB by category; empty when the process does not track its native memory. */
  static Map<String, Long> committedKiB(long pid) throws IOException, InterruptedException {
    Map<String, Long> categories = new TreeMap<>();
    if (!tracked(pid)) {
      return categories;
    }
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process process = new ProcessBuilder(Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd", String.valueOf(pid),
      "VM.native_memory", "summary").redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor(60, TimeUnit.SECONDS);
    for (String line : output.split("\n")) {
      Matcher category = CATEGORY.matcher(line.trim());
      if (category.find()) {
        categories.put(category.group(1).trim(), Long.parseLong(category.group(2)));
      }
    }
    return categories;
  }

  /** Whether the process was started with the tracking on (asking jcmd otherwise costs a JVM start for nothing). */
  private static boolean tracked(long pid) throws IOException {
    return new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline")), StandardCharsets.UTF_8)
      .contains("NativeMemoryTracking=summary");
  }

  /** Bytes each category grew by from {@code before} to {@code after}, per connection, for those that moved. */
  static Map<String, Double> growthPerConnection(Map<String, Long> before, Map<String, Long> after, long connections) {
    Map<String, Double> growth = new TreeMap<>();
    after.forEach((name, kib) -> {
      long delta = kib - before.getOrDefault(name, 0L);
      if (delta != 0) {
        growth.put(name, Math.round(delta * 1024.0 / connections * 10) / 10.0);
      }
    });
    return growth;
  }
}
