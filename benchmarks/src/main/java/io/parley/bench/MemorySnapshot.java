package io.parley.bench;

import io.vertx.ext.web.client.WebClient;
import java.util.Map;

/**
 * A node's memory at one moment: its live heap by class (after the full GC the histogram runs),
 * its JVM's resident memory right after that GC, the native memory the JVM says it committed (if it
 * tracks it), its open files, and what it counts of its own bridge connections.
 */
record MemorySnapshot(HeapHistogram heap, long rssBytes, Map<String, Long> nativeKiB, long openFiles, RealtimeGauges.Reading gauges) {

  static MemorySnapshot take(ServerProcess node, RealtimeGauges gauges, WebClient http) throws Exception {
    HeapHistogram heap = HeapHistogram.of(node.pid());
    long rss = node.jvmRssBytes();
    return new MemorySnapshot(heap, rss, NativeMemory.committedKiB(node.pid()), Descriptors.open(node.pid()),
      gauges.read(http, node.httpPort()).await());
  }

  /** Live heap bytes per connection more than {@code before}, over {@code connections} more connections. */
  double heapPerConnection(MemorySnapshot before, long connections) {
    return (heap.bytes() - before.heap().bytes()) / (double) connections;
  }

  /** Resident bytes per connection more than {@code before}. */
  double rssPerConnection(MemorySnapshot before, long connections) {
    return (rssBytes - before.rssBytes()) / (double) connections;
  }
}
