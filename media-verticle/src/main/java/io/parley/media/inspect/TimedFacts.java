package io.parley.media.inspect;

/**
 * What the container of a video or audio file says about it; each value is null where the file
 * does not say (a live-recorded WebM has no duration in its header, an audio file no size).
 */
public record TimedFacts(Long durationMs, Integer width, Integer height) {

  static final TimedFacts UNKNOWN = new TimedFacts(null, null, null);

  static TimedFacts duration(double seconds) {
    return Double.isFinite(seconds) && seconds >= 0 ? new TimedFacts(Math.round(seconds * 1000), null, null) : UNKNOWN;
  }
}
