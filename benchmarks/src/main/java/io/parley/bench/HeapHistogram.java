package io.parley.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live objects of a JVM, by class, as {@code jcmd <pid> GC.class_histogram} prints them. That
 * command runs a full collection first and counts only the objects that survive it, so its total
 * is the exact live heap: the sum of the sizes of every reachable object, without the free space,
 * region waste or garbage that "heap used" figures include.
 */
record HeapHistogram(long bytes, long instances, Map<String, Count> classes) {

  /** One class's live instances and their bytes. */
  record Count(long instances, long bytes) {
  }

  /** How much a class grew between two histograms. */
  record Growth(String className, long instances, long bytes) {
  }

  private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");
  private static final Pattern TOTAL = Pattern.compile("^Total\\s+(\\d+)\\s+(\\d+)");

  /** Runs a full GC in process {@code pid} and takes its histogram. */
  static HeapHistogram of(long pid) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process process = new ProcessBuilder(Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd", String.valueOf(pid),
      "GC.class_histogram").redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException("jcmd " + pid + " GC.class_histogram failed: " + output);
    }
    return parse(output);
  }

  static HeapHistogram parse(String text) {
    Map<String, Count> classes = new HashMap<>();
    long bytes = -1;
    long instances = -1;
    for (String line : text.split("\n")) {
      Matcher row = ROW.matcher(line);
      if (row.find()) {
        // A class name can appear twice (one per class loader): count them together.
        classes.merge(row.group(3), new Count(Long.parseLong(row.group(1)), Long.parseLong(row.group(2))),
          (a, b) -> new Count(a.instances() + b.instances(), a.bytes() + b.bytes()));
        continue;
      }
      Matcher total = TOTAL.matcher(line);
      if (total.find()) {
        instances = Long.parseLong(total.group(1));
        bytes = Long.parseLong(total.group(2));
      }
    }
    if (bytes < 0) {
      throw new IllegalArgumentException("Not a class histogram: " + text.substring(0, Math.min(200, text.length())));
    }
    return new HeapHistogram(bytes, instances, Map.copyOf(classes));
  }

  /** The {@code top} classes that grew most in bytes since {@code before}. */
  List<Growth> growthSince(HeapHistogram before, int top) {
    Set<String> names = new HashSet<>(classes.keySet());
    names.addAll(before.classes().keySet());
    Count none = new Count(0, 0);
    return names.stream()
      .map(name -> {
        Count now = classes.getOrDefault(name, none);
        Count then = before.classes().getOrDefault(name, none);
        return new Growth(name, now.instances() - then.instances(), now.bytes() - then.bytes());
      })
      .sorted(Comparator.comparingLong(Growth::bytes).reversed())
      .limit(top)
      .toList();
  }

  /** Live instances of one class ({@code io.parley.gateway.realtime.ClientConnection}); 0 if none. */
  long instancesOf(String className) {
    Count count = classes.get(className);
    return count == null ? 0 : count.instances();
  }
}
