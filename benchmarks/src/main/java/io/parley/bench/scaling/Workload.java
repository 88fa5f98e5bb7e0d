package io.parley.bench.scaling;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The load a deployment is planned for. Every figure here is an assumption, named so that it can
 * be argued with; none is measured. Rates are per day or hour on average and multiplied by
 * {@code peakFactor} for the busiest hour.
 *
 * @param registeredUsers accounts
 * @param concurrentUsers users connected at the busiest moment
 * @param devicesPerOnlineUser open connections per connected user (phone, laptop, a second tab)
 * @param sendsPerUserPerDay messages sent per registered user per day
 * @param peakFactor the busiest hour's rate over the day's average
 * @param averageChatSize members of the chat a message goes to (direct chats count 2)
 * @param otherChatEventsPerSend further chat changes per message (receipts, edits, reactions), each
 *                               assumed to cost what a send costs
 * @param recipientsOnlineShare share of a message's recipients connected when it is sent (above the
 *                              population's share online: people talk while they are online)
 * @param presenceChangesPerOnlineUserPerHour online, away and back, offline: status changes announced
 * @param reconnectsPerDevicePerHour connects of a device already counted online (network changes,
 *                                   app resumed, token renewals that reconnect)
 * @param gatewayLossReconnectSeconds when a gateway node dies, the seconds its devices take to
 *                                    reconnect to the others (the clients' backoff spreads them)
 */
public record Workload(long registeredUsers, long concurrentUsers, double devicesPerOnlineUser, double sendsPerUserPerDay,
                       double peakFactor, double averageChatSize, double otherChatEventsPerSend, double recipientsOnlineShare,
                       double presenceChangesPerOnlineUserPerHour, double reconnectsPerDevicePerHour,
                       double gatewayLossReconnectSeconds) {

  /** Issue 15's deployment: 10 million registered, 1 million connected at once. */
  public static Workload tenMillionUsers() {
    return new Workload(10_000_000, 1_000_000, 1.2, 30, 3, 6, 1, 0.3, 6, 2, 30);
  }

  /** Connections open at the peak. */
  double connections() {
    return concurrentUsers * devicesPerOnlineUser;
  }

  /** Messages sent per second in the busiest hour. */
  double sendsPerSecond() {
    return registeredUsers * sendsPerUserPerDay / 86_400 * peakFactor;
  }

  /** Chat changes per second in the busiest hour: messages and what follows them. */
  double chatEventsPerSecond() {
    return sendsPerSecond() * (1 + otherChatEventsPerSend);
  }

  /** Connected devices each message is written to. */
  double liveDevicesPerSend() {
    return (averageChatSize - 1) * recipientsOnlineShare * devicesPerOnlineUser;
  }

  /** Frames of chat events written to devices per second. */
  double deliveriesPerSecond() {
    return chatEventsPerSecond() * liveDevicesPerSend();
  }

  /** Recipients not connected, each one a push decision, per second. */
  double offlineRecipientsPerSecond() {
    return sendsPerSecond() * (averageChatSize - 1) * (1 - recipientsOnlineShare);
  }

  double presenceChangesPerSecond() {
    return concurrentUsers * presenceChangesPerOnlineUserPerHour / 3_600;
  }

  /** Connects per second in steady state (no node lost). */
  double connectsPerSecond() {
    return connections() * reconnectsPerDevicePerHour / 3_600;
  }

  /** The inputs by name, for the plan's table. */
  Map<String, String> describe() {
    Map<String, String> inputs = new LinkedHashMap<>();
    inputs.put("registered users", Format.count(registeredUsers));
    inputs.put("users connected at the peak", Format.count(concurrentUsers));
    inputs.put("devices per connected user", Format.decimal(devicesPerOnlineUser));
    inputs.put("messages sent per registered user per day", Format.decimal(sendsPerUserPerDay));
    inputs.put("peak hour over the day's average", Format.decimal(peakFactor) + "×");
    inputs.put("members of the average chat a message goes to", Format.decimal(averageChatSize));
    inputs.put("other chat changes per message (receipts, edits, reactions; each costs a send)", Format.decimal(otherChatEventsPerSend));
    inputs.put("share of a message's recipients connected", Format.percent(recipientsOnlineShare));
    inputs.put("presence changes per connected user per hour", Format.decimal(presenceChangesPerOnlineUserPerHour));
    inputs.put("reconnects per device per hour", Format.decimal(reconnectsPerDevicePerHour));
    inputs.put("seconds for a lost gateway's devices to reconnect elsewhere", Format.decimal(gatewayLossReconnectSeconds));
    return inputs;
  }
}
