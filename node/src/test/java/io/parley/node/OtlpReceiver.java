package io.parley.node;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OTLP/HTTP trace receiver for tests: accepts {@code POST /v1/traces} with the protobuf body an
 * exporter sends and keeps every span. It reads only the protobuf fields a test looks at (trace and
 * span ids, parent, name, kind, string attributes, the resource's {@code service.instance.id}),
 * with a wire-format reader of its own rather than the generated OTLP classes.
 */
final class OtlpReceiver implements AutoCloseable {

  /** One received span; ids in hex, kind as OTLP numbers it (2 server, 3 client, 4 producer, 5 consumer). */
  record ReceivedSpan(String traceId, String spanId, String parentSpanId, String name, int kind, String instance,
                      Map<String, String> attributes) {
    boolean isRoot() {
      return parentSpanId.isEmpty();
    }
  }

  static final int SERVER = 2;
  static final int CLIENT = 3;
  static final int PRODUCER = 4;
  static final int CONSUMER = 5;

  private final HttpServer server;
  private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();

  OtlpReceiver(Vertx vertx) {
    server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      if ("/v1/traces".equals(request.path())) {
        decodeRequest(body);
      }
      request.response().putHeader("Content-Type", "application/x-protobuf").end(Buffer.buffer());
    })).listen(0, "127.0.0.1").await();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.actualPort() + "/v1/traces";
  }

  List<ReceivedSpan> spans() {
    return List.copyOf(spans);
  }

  List<ReceivedSpan> trace(String traceId) {
    return spans.stream().filter(span -> span.traceId().equals(traceId)).toList();
  }

  @Override
  public void close() {
    server.close().await();
  }

  private void decodeRequest(Buffer body) {
    for (Field resourceSpans : fields(body.getBytes())) {
      if (resourceSpans.number == 1) {
        decodeResourceSpans(resourceSpans.bytes);
      }
    }
  }

  private void decodeResourceSpans(byte[] message) {
    String instance = "";
    List<byte[]> scopes = new ArrayList<>();
    for (Field field : fields(message)) {
      if (field.number == 1) {
        instance = attributes(field.bytes, 1).getOrDefault("service.instance.id", "");
      } else if (field.number == 2) {
        scopes.add(field.bytes);
      }
    }
    for (byte[] scope : scopes) {
      for (Field field : fields(scope)) {
        if (field.number == 2) {
          spans.add(span(field.bytes, instance));
        }
      }
    }
  }

  private static ReceivedSpan span(byte[] message, String instance) {
    String traceId = "";
    String spanId = "";
    String parent = "";
    String name = "";
    int kind = 0;
    for (Field field : fields(message)) {
      switch (field.number) {
        case 1 -> traceId = HexFormat.of().formatHex(field.bytes);
        case 2 -> spanId = HexFormat.of().formatHex(field.bytes);
        case 4 -> parent = HexFormat.of().formatHex(field.bytes);
        case 5 -> name = new String(field.bytes, StandardCharsets.UTF_8);
        case 6 -> kind = (int) field.varint;
        default -> { }
      }
    }
    return new ReceivedSpan(traceId, spanId, parent, name, kind, instance, attributes(message, 9));
  }

  /** The string values of the KeyValue messages in field {@code number} of {@code message}. */
  private static Map<String, String> attributes(byte[] message, int number) {
    Map<String, String> attributes = new HashMap<>();
    for (Field field : fields(message)) {
      if (field.number != number) {
        continue;
      }
      String key = null;
      String value = null;
      for (Field part : fields(field.bytes)) {
        if (part.number == 1) {
          key = new String(part.bytes, StandardCharsets.UTF_8);
        } else if (part.number == 2) {
          for (Field any : fields(part.bytes)) {
            if (any.number == 1 && any.bytes != null) {
              value = new String(any.bytes, StandardCharsets.UTF_8);
            } else if (any.number == 3) {
              value = String.valueOf(any.varint);
            }
          }
        }
      }
      if (key != null && value != null) {
        attributes.put(key, value);
      }
    }
    return attributes;
  }

  /** One protobuf field: length-delimited ones carry bytes, varints a number, fixed ones are skipped. */
  private record Field(int number, long varint, byte[] bytes) {
  }

  private static List<Field> fields(byte[] message) {
    List<Field> fields = new ArrayList<>();
    ByteBuffer in = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
    while (in.hasRemaining()) {
      long tag = varint(in);
      int number = (int) (tag >>> 3);
      switch ((int) (tag & 7)) {
        case 0 -> fields.add(new Field(number, varint(in), null));
        case 1 -> fields.add(new Field(number, in.getLong(), null));
        case 2 -> {
          byte[] bytes = new byte[(int) varint(in)];
          in.get(bytes);
          fields.add(new Field(number, 0, bytes));
        }
        case 5 -> fields.add(new Field(number, in.getInt(), null));
        default -> throw new IllegalStateException("Unsupported protobuf wire type in field " + number);
      }
    }
    return fields;
  }

  private static long varint(ByteBuffer in) {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      byte b = in.get();
      value |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new IllegalStateException("Malformed varint");
  }
}
