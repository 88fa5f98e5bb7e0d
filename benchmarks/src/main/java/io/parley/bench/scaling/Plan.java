package io.parley.bench.scaling;

import io.parley.bench.scaling.Measured.Figure;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a workload needs, worked out from the measured costs: arithmetic only, no I/O. Each row is
 * one component sized by one driver: the demand at the peak, what one instance takes at the target
 * utilisation, how many instances, and at what multiple of the peak they would be full. A row whose
 * cost was not measured says so and sizes nothing.
 */
public record Plan(List<Row> rows, List<String> cluster, String firstToSaturate) {

  /**
   * One sized line. {@code instances} is 0 when a figure is missing; {@code saturatesAt} (the
   * multiple of the peak that fills the instances) is NaN then, and for checks that do not grow
   * with the peak.
   */
  public record Row(String component, String sizedBy, String demand, String perInstance, int instances, double saturatesAt) {

    boolean sized() {
      return instances > 0;
    }
  }

  private static final double GIB = 1024.0 * 1024 * 1024;
  /** Redis commands per presence change or arrival: the write, the expiry or activity, and the two reads of the state announced. */
  private static final int REDIS_COMMANDS_PER_PRESENCE_CHANGE = 4;
  /** Partitions Parley creates per topic by default. */
  private static final int DEFAULT_PARTITIONS = 8;

  public static Plan of(Workload w, Hardware h, Measured m) {
    List<Row> rows = new ArrayList<>();
    List<Row> gateway = gatewayRows(w, h, m);
    rows.addAll(gateway);
    int gateways = gateway.stream().mapToInt(Row::instances).max().orElse(h.minimumInstances());
    rows.add(storm(w, h, m, gateways));
    gateways = Math.max(gateways, rows.get(rows.size() - 1).instances());
    Row chat = cores("chat nodes", "CPU per message (node running every role)", w.chatEventsPerSecond(), m.nodeCpuMsPerSend(),
      "changes/s", h.usableNodeCores(), h.nodeCores(), h.minimumInstances());
    rows.add(chat);
    rows.add(postgres(w, h, m));
    rows.add(redis(w, h));
    rows.add(kafka(w, h));
    rows.add(new Row("notify nodes", "push decisions", Format.count(w.offlineRecipientsPerSecond()) + " offline recipients/s",
      "missing: NotifyBenchmark writes no result to benchmarks/results", 0, Double.NaN));
    return new Plan(rows, cluster(w, m, gateways, chat.instances()), firstToSaturate(rows));
  }

  private static List<Row> gatewayRows(Workload w, Hardware h, Measured m) {
    List<Row> rows = new ArrayList<>();
    double connections = w.connections();
    Figure heap = m.heapBytesPerConnection();
    Figure rss = m.rssBytesPerConnection();
    if (heap.known() && rss.known()) {
      double perConnection = heap.value() * h.heapHeadroom() + rss.value();
      double perNode = h.nodeMemoryGiB() * GIB;
      rows.add(sized("gateway nodes", "memory per connection (live heap × " + Format.decimal(h.heapHeadroom()) + " + RSS outside the heap)",
        Format.count(connections) + " connections × " + Format.kib(perConnection) + " = "
          + Format.decimal(connections * perConnection / GIB) + " GiB",
        Format.count(perNode * h.targetUtilisation() / perConnection) + " connections", connections * perConnection, perNode, h));
    } else {
      rows.add(missing("gateway nodes", "memory per connection", heap.known() ? rss : heap));
    }
    rows.add(sized("gateway nodes", "connections allowed per node", Format.count(connections) + " connections",
      Format.count(h.maxConnectionsPerNode() * h.targetUtilisation()) + " connections", connections, h.maxConnectionsPerNode(), h));
    List<String> parts = new ArrayList<>();
    double cores = 0;
    for (Figure missing : List.of(m.idleCoresPer10kConnections(), m.nodeCpuMsPerConnect(), m.deliveriesPerCoreSecond())) {
      if (!missing.known()) {
        parts.add("missing " + missing.name() + " (" + missing.source() + ")");
      }
    }
    if (m.idleCoresPer10kConnections().known()) {
      cores += connections / Measured.IDLE_UNIT * m.idleCoresPer10kConnections().value();
    }
    if (m.nodeCpuMsPerConnect().known()) {
      cores += w.connectsPerSecond() * m.nodeCpuMsPerConnect().value() / 1000;
    }
    if (m.deliveriesPerCoreSecond().known()) {
      cores += w.deliveriesPerSecond() / m.deliveriesPerCoreSecond().value();
    }
    String demand = Format.decimal(cores) + " cores (idle connections, " + Format.count(w.connectsPerSecond()) + " connects/s, "
      + Format.count(w.deliveriesPerSecond()) + " deliveries/s)";
    if (parts.isEmpty()) {
      rows.add(sized("gateway nodes", "CPU", demand, Format.decimal(h.usableNodeCores()) + " cores", cores, h.nodeCores(), h));
    } else {
      rows.add(new Row("gateway nodes", "CPU", "at least " + demand + "; " + String.join("; ", parts),
        Format.decimal(h.usableNodeCores()) + " cores", 0, Double.NaN));
    }
    return rows;
  }

  /**
   * A gateway node dies: its devices reconnect to the others within the window, on top of their
   * load at the peak. The fewest gateways whose survivors can take that with their spare cores. A
   * check, not a load that grows with the peak: it is not ranked.
   */
  private static Row storm(Workload w, Hardware h, Measured m, int gateways) {
    Figure perConnect = m.nodeCpuMsPerConnect();
    if (!perConnect.known()) {
      return missing("gateway nodes", "reconnects after a gateway is lost", perConnect);
    }
    double spare = h.nodeCores() * (1 - h.targetUtilisation());
    int n = Math.max(2, gateways);
    while (stormCores(w, perConnect.value(), n) > spare) {
      n++;
    }
    double rate = w.connections() / n / (n - 1) / w.gatewayLossReconnectSeconds();
    return new Row("gateway nodes", "reconnects after a gateway is lost",
      Format.count(rate) + " connects/s on each of " + (n - 1) + " survivors = " + Format.decimal(stormCores(w, perConnect.value(), n)) + " cores",
      Format.decimal(spare) + " spare cores", n, Double.NaN);
  }

  private static double stormCores(Workload w, double msPerConnect, int gateways) {
    return w.connections() / gateways / (gateways - 1) / w.gatewayLossReconnectSeconds() * msPerConnect / 1000;
  }

  private static Row postgres(Workload w, Hardware h, Measured m) {
    Figure server = m.serverCpuMsPerSend();
    Figure node = m.nodeCpuMsPerSend();
    Figure connect = m.backendCpuMsPerConnect();
    for (Figure figure : List.of(server, node, connect)) {
      if (!figure.known()) {
        return missing("PostgreSQL workers (Citus, by chat id)", "CPU", figure);
      }
    }
    double perChange = server.value() - node.value();
    double cores = w.chatEventsPerSecond() * perChange / 1000 + w.connectsPerSecond() * connect.value() / 1000;
    return sized("PostgreSQL workers (Citus, by chat id)", "CPU per message and per connect (with Redis's, which the runs count together)",
      Format.decimal(cores) + " cores (" + Format.decimal(perChange) + " ms per change, " + Format.decimal(connect.value()) + " ms per connect)",
      Format.decimal(h.postgresCoresPerWorker() * h.targetUtilisation()) + " cores", cores, h.postgresCoresPerWorker(), h);
  }

  private static Row redis(Workload w, Hardware h) {
    double ops = w.concurrentUsers() / h.presenceHeartbeatSeconds()
      + (w.presenceChangesPerSecond() + w.connectsPerSecond()) * REDIS_COMMANDS_PER_PRESENCE_CHANGE + w.sendsPerSecond();
    return sized("Redis Cluster primaries", "commands/s (presence refresh, changes, arrivals, send limits)", Format.count(ops) + " commands/s",
      Format.count(h.redisOpsPerShard() * h.targetUtilisation()) + " commands/s (assumed)", ops, h.redisOpsPerShard(), h);
  }

  private static Row kafka(Workload w, Hardware h) {
    double events = w.chatEventsPerSecond();
    int partitions = Math.max(DEFAULT_PARTITIONS, (int) Math.ceil(events / (h.kafkaEventsPerPartition() * h.targetUtilisation())));
    return new Row("Kafka partitions of parley.chats", "events/s (keyed by chat id)", Format.count(events) + " events/s",
      Format.count(h.kafkaEventsPerPartition() * h.targetUtilisation()) + " events/s (assumed)", partitions,
      partitions * h.kafkaEventsPerPartition() / events);
  }

  private static Row cores(String component, String sizedBy, double perSecond, Figure msPerOperation, String unit,
                           double usable, double full, int minimum) {
    if (!msPerOperation.known()) {
      return missing(component, sizedBy, msPerOperation);
    }
    double cores = perSecond * msPerOperation.value() / 1000;
    int instances = Math.max(minimum, (int) Math.ceil(cores / usable));
    return new Row(component, sizedBy, Format.decimal(cores) + " cores (" + Format.count(perSecond) + " " + unit + " × "
      + Format.decimal(msPerOperation.value()) + " ms)", Format.decimal(usable) + " cores", instances, instances * full / cores);
  }

  private static Row sized(String component, String sizedBy, String demand, String perInstance, double needed, double fullInstance,
                           Hardware h) {
    int instances = Math.max(h.minimumInstances(), (int) Math.ceil(needed / (fullInstance * h.targetUtilisation())));
    return new Row(component, sizedBy, demand, perInstance, instances, instances * fullInstance / needed);
  }

  private static Row missing(String component, String sizedBy, Figure figure) {
    return new Row(component, sizedBy, "missing " + figure.name() + " (" + figure.source() + ")", "", 0, Double.NaN);
  }

  /** What crosses the Hazelcast cluster per event, with the gateways and chat nodes planned. */
  private static List<String> cluster(Workload w, Measured m, int gateways, int chatNodes) {
    List<String> lines = new ArrayList<>();
    double recipients = w.liveDevicesPerSend();
    double nodesWithRecipient = gateways * (1 - Math.pow(1 - 1.0 / gateways, recipients));
    lines.add("Members: at least " + (gateways + chatNodes) + " (" + gateways + " gateways, " + chatNodes
      + " chat nodes; auth, media, notify and story nodes not sized here).");
    lines.add("With realtime.routeByInterest, a chat event goes only to the gateways holding a recipient (" + Format.decimal(recipients)
      + " connected devices per message, on " + Format.decimal(nodesWithRecipient) + " gateways on average): "
      + Format.count(w.chatEventsPerSecond() * nodesWithRecipient) + " messages/s; sent to every gateway, as before the"
      + " routing by chat interest, it would be " + Format.count(w.chatEventsPerSecond() * gateways) + " messages/s."
      + " Membership changes still go to every gateway; they are rare beside messages.");
    lines.add("A presence change goes to every gateway: " + Format.count(w.presenceChangesPerSecond()) + " changes/s × " + gateways
      + " = " + Format.count(w.presenceChangesPerSecond() * gateways) + " messages/s.");
    Figure peer = m.peerCpuMsPerConnect();
    lines.add(peer.known()
      ? "A connect writes nothing to the cluster; another node spends " + Format.decimal(peer.value()) + " ms of CPU per connect ("
        + peer.source() + "): " + Format.decimal(w.connectsPerSecond() * peer.value() / 1000 * (gateways + chatNodes - 1))
        + " cores over the cluster at " + Format.count(w.connectsPerSecond()) + " connects/s."
      : "A connect writes nothing to the cluster; its cost on the other nodes is missing (" + peer.source() + ").");
    return lines;
  }

  private static String firstToSaturate(List<Row> rows) {
    Row first = rows.stream().filter(row -> Double.isFinite(row.saturatesAt())).min(Comparator.comparingDouble(Row::saturatesAt)).orElse(null);
    List<String> unknown = rows.stream().filter(row -> !row.sized()).map(row -> row.component() + " (" + row.sizedBy() + ")").toList();
    String known = first == null ? "Nothing can be ranked: every row misses a figure."
      : first.component() + ", by " + first.sizedBy() + ": full at " + Format.decimal(first.saturatesAt()) + "× the peak.";
    return unknown.isEmpty() ? known : known + " Not ranked, for a missing figure: " + String.join(", ", unknown) + ".";
  }
}
