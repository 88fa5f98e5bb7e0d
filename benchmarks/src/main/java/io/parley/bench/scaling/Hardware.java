package io.parley.bench.scaling;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one instance of each component is, and how full it may run. The Parley figures per core
 * come from the benchmarks; the capacities of Redis and Kafka are not measured here and are stated
 * as assumptions, to be replaced by measurements of the real instances.
 *
 * @param nodeCores cores of one Parley node
 * @param nodeMemoryGiB memory of one Parley node given to connections (heap and native)
 * @param heapHeadroom heap to provision per byte of live heap (a collector needs room to work)
 * @param maxConnectionsPerNode connections one gateway node is allowed (its file limit, and what a
 *                              node's loss sends elsewhere at once)
 * @param postgresCoresPerWorker cores of one PostgreSQL (Citus) worker
 * @param redisOpsPerShard commands one Redis Cluster primary serves per second (assumed)
 * @param kafkaEventsPerPartition events one partition's consumer handles per second (assumed)
 * @param targetUtilisation the share of any capacity the plan uses at the peak
 * @param minimumInstances fewest instances of any role, for availability
 * @param presenceHeartbeatSeconds how often a node refreshes each of its users in Redis (the
 *                                 product's presence TTL of 45 s, refreshed three times per TTL)
 */
public record Hardware(int nodeCores, double nodeMemoryGiB, double heapHeadroom, long maxConnectionsPerNode,
                       int postgresCoresPerWorker, double redisOpsPerShard, double kafkaEventsPerPartition,
                       double targetUtilisation, int minimumInstances, double presenceHeartbeatSeconds) {

  /** 8-core nodes with 16 GiB for connections, 16-core database workers, everything at half its capacity at the peak. */
  public static Hardware typical() {
    return new Hardware(8, 16, 2, 100_000, 16, 100_000, 2_000, 0.5, 3, 15);
  }

  /** Node cores usable at the peak. */
  double usableNodeCores() {
    return nodeCores * targetUtilisation;
  }

  Map<String, String> describe() {
    Map<String, String> inputs = new LinkedHashMap<>();
    inputs.put("cores per Parley node", String.valueOf(nodeCores));
    inputs.put("memory per gateway node for connections", Format.decimal(nodeMemoryGiB) + " GiB");
    inputs.put("heap provisioned per byte of live heap", Format.decimal(heapHeadroom) + "×");
    inputs.put("connections allowed per gateway node", Format.count(maxConnectionsPerNode));
    inputs.put("cores per PostgreSQL worker", String.valueOf(postgresCoresPerWorker));
    inputs.put("commands per second per Redis primary (assumed, not measured)", Format.count(redisOpsPerShard));
    inputs.put("events per second per Kafka partition's consumer (assumed, not measured)", Format.count(kafkaEventsPerPartition));
    inputs.put("target utilisation at the peak", Format.percent(targetUtilisation));
    inputs.put("fewest instances of a role", String.valueOf(minimumInstances));
    inputs.put("presence refresh per user, seconds", Format.decimal(presenceHeartbeatSeconds));
    return inputs;
  }
}
