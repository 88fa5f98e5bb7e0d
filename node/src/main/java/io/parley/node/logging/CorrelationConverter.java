package io.parley.node.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.parley.shared.tracing.Correlation;

/** {@code %correlation} in a text pattern: {@code [id] } for a line of some work, nothing otherwise. */
public final class CorrelationConverter extends ClassicConverter {

  @Override
  public String convert(ILoggingEvent event) {
    String id = Correlation.current();
    return id == null ? "" : "[" + id + "] ";
  }
}
