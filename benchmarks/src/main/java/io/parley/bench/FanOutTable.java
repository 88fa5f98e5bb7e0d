package io.parley.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A fan-out run's figures as one Markdown table in the log, servers side by side at each rate. */
final class FanOutTable {

  private static final Logger log = LoggerFactory.getLogger(FanOutTable.class);

  private FanOutTable() {
  }

  static void log(JsonObject result) {
    StringBuilder table = new StringBuilder("Fan-out\n")
      .append("| scenario | sends/s | server | deliveries/s | p50 / p99 / p999 ms | server CPU-s | deliveries per server CPU-s | lost |\n")
      .append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
    JsonArray servers = result.getJsonArray("servers");
    for (Object layout : result.getJsonArray("layouts")) {
      String scenario = ((JsonObject) layout).getString("scenario");
      for (int row = 0; ; row++) {
        boolean any = false;
        for (Object each : servers) {
          JsonObject server = (JsonObject) each;
          JsonObject measured = server.getJsonObject(scenario);
          JsonArray steps = measured == null ? new JsonArray() : measured.getJsonArray("steps");
          if (row < steps.size()) {
            any = true;
            table.append(row(scenario, server.getString("server"), steps.getJsonObject(row))).append('\n');
          }
        }
        if (!any) {
          break;
        }
      }
    }
    for (Object each : servers) {
      JsonObject server = (JsonObject) each;
      if (server.containsKey("skipped")) {
        table.append(server.getString("server")).append(" skipped: ").append(server.getString("skipped")).append('\n');
      }
    }
    log.info("{}", table);
  }

  private static String row(String scenario, String server, JsonObject step) {
    JsonObject latency = step.getJsonObject("latencyMillis");
    return String.format("| %s | %d | %s | %,.0f | %.2f / %.2f / %.2f | %.2f | %,.0f | %,d |", scenario, step.getInteger("rate"), server,
      step.getDouble("deliveriesPerSecond"), latency.getDouble("p50"), latency.getDouble("p99"), latency.getDouble("p999"),
      step.getDouble("serverCpuSeconds"), step.getDouble("deliveriesPerServerCpuSecond"), step.getLong("lost"));
  }
}
