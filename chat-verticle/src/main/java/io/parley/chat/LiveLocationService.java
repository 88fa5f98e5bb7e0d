package io.parley.chat;

import io.parley.chat.MessageRequests.MessageRef;
import io.parley.chat.MessageRequests.PositionUpdate;
import io.parley.shared.db.DbTime;
import io.parley.shared.error.ChatErrors;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Live locations: a {@code live_location} message is sent like any other (numbered, with the time
 * its sharing ends); while it is live its sender moves it and may stop it early.
 *
 * <p>A position is not a numbered change: a stream of positions every few seconds would flood
 * every member's sync and the chat's change log with changes nobody needs after the next one. The
 * last position is kept on the message (history and sync show where it is now) and each update is
 * published once, after its write, as the unnumbered event {@code location.updated} to the chat's
 * members. Stopping is a numbered change ({@code location.stopped}), so every device learns it,
 * however long it was offline.
 */
final class LiveLocationService {

  private final Pool pool;
  private final ChatStore chats;
  private final MessageStore messages;
  private final LiveLocationStore liveLocations;
  private final MessageChanges messageChanges;
  private final Transactions transactions;
  private final ChatEvents events;
  private final Clock clock;

  LiveLocationService(Pool pool, ChatStore chats, MessageStore messages, LiveLocationStore liveLocations,
                      MessageChanges messageChanges, Transactions transactions, ChatEvents events, Clock clock) {
    this.pool = pool;
    this.chats = chats;
    this.messages = messages;
    this.liveLocations = liveLocations;
    this.messageChanges = messageChanges;
    this.transactions = transactions;
    this.events = events;
    this.clock = clock;
  }

  /** The sender's new position, kept as the last one: {@code {chatId, messageSeq, location}}. */
  Future<JsonObject> update(UUID me, PositionUpdate request) {
    UUID chatId = request.chatId();
    long seq = request.messageSeq();
    Instant now = DbTime.now(clock);
    return liveLocations.move(pool, chatId, seq, me, request.latitude(), request.longitude(), now).compose(location -> {
      if (location == null) {
        return explainRefusal(chatId, seq, me, now);
      }
      JsonObject payload = new JsonObject().put("messageSeq", seq).put("userId", me.toString())
        .put("latitude", request.latitude()).put("longitude", request.longitude());
      events.publish(List.of(events.unnumbered("location.updated", chatId, now, ChatEvents.MEMBERS, payload)));
      return Future.succeededFuture(new JsonObject().put("chatId", chatId.toString()).put("messageSeq", seq)
        .put("location", location));
    });
  }

  /** The sender stops sharing before its time; a numbered change. */
  Future<JsonObject> stop(UUID me, MessageRef liveLocation) {
    UUID chatId = liveLocation.chatId();
    long seq = liveLocation.seq();
    Instant now = DbTime.now(clock);
    return transactions.write(tx -> messageChanges.apply(tx, chatId, me, seq, Change.LOCATION_STOPPED, now, (actor, message) -> {
        requireOwnLiveLocation(actor, message, now);
        return liveLocations.stop(tx, chatId, seq, now).map(stopped -> new JsonObject().put("stoppedAt", now.toString()));
      }))
      .map(Change::message);
  }

  /** Why a position update changed nothing: not a member (404), no such message, not mine, not live. */
  private Future<JsonObject> explainRefusal(UUID chatId, long seq, UUID me, Instant now) {
    return chats.membership(pool, chatId, me)
      .compose(member -> messages.reference(pool, chatId, seq).map(MessageStore::found).compose(message -> {
        requireOwnLiveLocation(member, message, now);
        // Live, mine, and I am a member: it ended or was deleted in the moment between.
        return Future.failedFuture(ChatErrors.SHARING_ENDED.exception("This live location is no longer shared"));
      }));
  }

  private static void requireOwnLiveLocation(Membership member, Message message, Instant now) {
    if (!MessageContent.LIVE_LOCATION.equals(message.kind())) {
      throw ChatErrors.NOT_LIVE_LOCATION.exception("This message is not a live location");
    }
    member.requireShareLocation(message.senderId());
    if (!isLive(message, now)) {
      throw ChatErrors.SHARING_ENDED.exception("This live location is no longer shared");
    }
  }

  /** Shared until its time, unless stopped or deleted. */
  static boolean isLive(Message message, Instant now) {
    JsonObject location = message.location();
    return !message.deleted() && location != null && location.getString("stoppedAt") == null
      && Instant.parse(location.getString("liveUntil")).isAfter(now);
  }
}
