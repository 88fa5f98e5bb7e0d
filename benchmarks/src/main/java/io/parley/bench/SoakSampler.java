package io.parley.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Memory and file descriptors, sampled every minute: this JVM (the node and the load generator
 * share it) and its child processes (the embedded PostgreSQL backends and Redis).
 */
final class SoakSampler {

  private static final Logger log = LoggerFactory.getLogger(SoakSampler.class);
  private static final long MIB = 1024 * 1024;

  /** One minute's sample. */
  record Sample(long minute, long heapUsedMiB, long rssMiB, long fds, long threads, long childRssMiB, long childFds,
                Map<String, Long> counts) {
  }

  private final List<Sample> samples = new ArrayList<>();
  private final long started = System.nanoTime();

  private final Path postmasterPid;

  SoakSampler(Path dataDir) {
    this.postmasterPid = dataDir.resolve("embedded").resolve("postgres").resolve("postmaster.pid");
  }

  void sample(Map<String, AtomicLong> counts) {
    System.gc();
    long minute = Math.round((System.nanoTime() - started) / 60e9);
    Map<String, Long> snapshot = new TreeMap<>();
    counts.forEach((name, value) -> snapshot.put(name, value.get()));
    long[] children = children();
    Sample sample = new Sample(minute,
      ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / MIB,
      rssKiB(ProcessHandle.current().pid()) / 1024,
      fds(ProcessHandle.current().pid()),
      ManagementFactory.getThreadMXBean().getThreadCount(),
      children[0] / 1024, children[1], snapshot);
    samples.add(sample);
    log.info("soak minute {}: heap {} MiB, RSS {} MiB, fds {}, threads {}, backends RSS {} MiB, backend fds {}, {}",
      sample.minute(), sample.heapUsedMiB(), sample.rssMiB(), sample.fds(), sample.threads(), sample.childRssMiB(),
      sample.childFds(), snapshot);
  }

  List<Sample> samples() {
    return samples;
  }

  /**
   * Total RSS (KiB) and descriptors of the backends: every descendant process (Redis) and the
   * PostgreSQL postmaster with its backends (pg_ctl detaches it from this JVM).
   */
  private long[] children() {
    long[] totals = new long[2];
    List<ProcessHandle> backends = new ArrayList<>(ProcessHandle.current().descendants().toList());
    try {
      long pid = Long.parseLong(Files.readAllLines(postmasterPid).get(0).trim());
      ProcessHandle.of(pid).ifPresent(postmaster -> {
        backends.add(postmaster);
        backends.addAll(postmaster.descendants().toList());
      });
    } catch (IOException | RuntimeException noPostgres) {
      log.debug("No PostgreSQL pid: {}", noPostgres.toString());
    }
    backends.forEach(child -> {
      totals[0] += rssKiB(child.pid());
      totals[1] += fds(child.pid());
    });
    return totals;
  }

  private static long rssKiB(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException gone) {
      return 0;
    }
    return 0;
  }

  private static long fds(long pid) {
    try (Stream<Path> open = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
      return open.count();
    } catch (IOException gone) {
      return 0;
    }
  }
}
