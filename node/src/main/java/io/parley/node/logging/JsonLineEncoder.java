package io.parley.node.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import io.parley.shared.infra.NodeServices;
import io.parley.shared.tracing.Correlation;
import io.parley.shared.tracing.Traces;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One JSON object per line: {@code time}, {@code level}, {@code logger}, {@code thread},
 * {@code node}, and, when the line belongs to some work, its {@code correlationId} and
 * {@code traceId}; then {@code message} and {@code error} (the stack trace).
 *
 * <p>The node, correlation and trace are read from the Vert.x context of the logging thread, so
 * this encoder needs a synchronous appender (the console appender is; an async one would lose them).
 */
public final class JsonLineEncoder extends EncoderBase<ILoggingEvent> {

  private static final byte[] NOTHING = new byte[0];

  @Override
  public byte[] headerBytes() {
    return NOTHING;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    JsonObject line = new JsonObject()
      .put("time", Instant.ofEpochMilli(event.getTimeStamp()).toString())
      .put("level", event.getLevel().toString())
      .put("logger", event.getLoggerName())
      .put("thread", event.getThreadName())
      .put("node", NodeServices.currentNodeName());
    putIfPresent(line, "correlationId", Correlation.current());
    putIfPresent(line, "traceId", Traces.currentTraceId());
    line.put("message", event.getFormattedMessage());
    if (event.getThrowableProxy() != null) {
      line.put("error", ThrowableProxyUtil.asString(event.getThrowableProxy()));
    }
    return (line.encode() + "\n").getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public byte[] footerBytes() {
    return NOTHING;
  }

  private static void putIfPresent(JsonObject line, String key, String value) {
    if (value != null) {
      line.put(key, value);
    }
  }
}
