package io.parley.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the soak counted, and whether its invariants held. */
final class SoakResult {

  private static final Logger log = LoggerFactory.getLogger(SoakResult.class);

  private final Duration duration;
  private final Map<String, AtomicLong> counts;
  private final SoakSampler sampler;
  long acknowledged;
  long lostFromHistory;
  long duplicatedInHistory;
  long unacknowledgedDuplicates;
  long deliveriesExpected;
  long deliveriesMissing;
  long liveDuplicates;
  long syncDuplicates;

  SoakResult(Duration duration, Map<String, AtomicLong> counts, SoakSampler sampler) {
    this.duration = duration;
    this.counts = counts;
    this.sampler = sampler;
  }

  boolean held() {
    AtomicLong wrongDownloads = counts.get("photo.downloads.wrong");
    return lostFromHistory == 0 && duplicatedInHistory == 0 && unacknowledgedDuplicates == 0 && deliveriesMissing == 0
      && liveDuplicates == 0 && syncDuplicates == 0 && (wrongDownloads == null || wrongDownloads.get() == 0);
  }

  void print() {
    List<SoakSampler.Sample> samples = sampler.samples();
    SoakSampler.Sample first = samples.get(Math.min(1, samples.size() - 1));
    SoakSampler.Sample last = samples.get(samples.size() - 1);
    log.info("SOAK RESULT after {} min: {}", duration.toMinutes(), held() ? "invariants held" : "INVARIANTS BROKEN");
    log.info("  acknowledged sends {}: lost from history {}, twice in history {}, unacknowledged duplicates {}",
      acknowledged, lostFromHistory, duplicatedInHistory, unacknowledgedDuplicates);
    log.info("  deliveries expected after resync {}: missing {}; duplicates on one connection {}, within one sync {}",
      deliveriesExpected, deliveriesMissing, liveDuplicates, syncDuplicates);
    log.info("  counts {}", counts);
    log.info("  heap after GC {} -> {} MiB, RSS {} -> {} MiB, fds {} -> {}, threads {} -> {} (minute {} -> {})",
      first.heapUsedMiB(), last.heapUsedMiB(), first.rssMiB(), last.rssMiB(), first.fds(), last.fds(),
      first.threads(), last.threads(), first.minute(), last.minute());
    log.info("  backends RSS {} -> {} MiB, backend fds {} -> {}", first.childRssMiB(), last.childRssMiB(), first.childFds(), last.childFds());
  }
}
