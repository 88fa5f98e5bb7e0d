package io.parley.notify;

import io.parley.notify.RecipientStore.ChatInfo;
import io.parley.shared.event.EventEnvelope;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Turns one domain event into a {@link Plan}: who is told what, by the rules of
 * {@link NotifyRules}. The event shapes are those of {@code chat-verticle/README.md} ("Events")
 * and the auth service's {@code UserEvents}; anything notify does not act on is
 * {@link Plan#NOTHING}, and a payload it cannot read is {@link Plan.Poison}.
 */
final class EventPlanner {

  static final String MESSAGE_SENT = "message.sent";
  static final String CHAT_CREATED = "chat.created";
  static final String MEMBER_CHANGED = "chat.member.changed";
  static final String REACTION_CHANGED = "reaction.changed";
  static final String RECEIPT_UPDATED = "receipt.updated";
  static final String USER_SIGNED_IN = "user.signed_in";
  static final String USER_DELETED = "user.deleted";

  private final RecipientStore recipients;
  private final PresenceReader presence;
  private final Duration maxAge;
  private final Clock clock;

  EventPlanner(RecipientStore recipients, PresenceReader presence, Duration maxAge, Clock clock) {
    this.recipients = recipients;
    this.presence = presence;
    this.maxAge = maxAge;
    this.clock = clock;
  }

  Future<Plan> plan(EventEnvelope event) {
    try {
      Future<Plan> plan = switch (event.type()) {
        case RECEIPT_UPDATED -> Future.succeededFuture(cleared(event.payload()));
        case USER_DELETED -> Future.succeededFuture(new Plan.ForgetUser(uuid(event.payload(), "userId")));
        default -> stale(event) ? Future.succeededFuture(Plan.NOTHING) : tell(event);
      };
      return plan.recover(failure -> failure instanceof IllegalArgumentException || failure instanceof NullPointerException
        || failure instanceof ClassCastException ? Future.succeededFuture(poison(event, failure)) : Future.failedFuture(failure));
    } catch (IllegalArgumentException | NullPointerException | ClassCastException malformed) {
      return Future.succeededFuture(poison(event, malformed));
    }
  }

  private Future<Plan> tell(EventEnvelope event) {
    JsonObject payload = event.payload();
    UUID eventId = UUID.fromString(event.id());
    return switch (event.type()) {
      case MESSAGE_SENT -> messageSent(eventId, payload);
      case REACTION_CHANGED -> reaction(eventId, payload);
      case MEMBER_CHANGED -> "added".equals(payload.getString("change"))
        ? added(eventId, payload, uuids(payload.getJsonArray("userIds")))
        : Future.succeededFuture(Plan.NOTHING);
      case CHAT_CREATED -> added(eventId, payload, uuids(payload.getJsonArray("memberIds", new JsonArray())));
      case USER_SIGNED_IN -> Future.succeededFuture(signedIn(eventId, payload));
      default -> Future.succeededFuture(Plan.NOTHING);
    };
  }

  /** A message: every member but its sender, by their settings; mentions and replies to them count more. */
  private Future<Plan> messageSent(UUID eventId, JsonObject payload) {
    UUID chatId = uuid(payload, "chatId");
    long seq = payload.getLong("seq");
    JsonObject message = payload.getJsonObject("message");
    UUID sender = uuid(message, "senderId");
    if ("system".equals(message.getString("kind"))) {
      return Future.succeededFuture(Plan.NOTHING);
    }
    List<UUID> mentions = uuids(message.getJsonArray("mentions", new JsonArray()));
    JsonObject replyTo = message.getJsonObject("replyTo");
    UUID repliedToSender = replyTo == null || replyTo.getString("senderId") == null ? null : uuid(replyTo, "senderId");
    boolean storyReply = message.getJsonObject("story") != null;
    String preview = Texts.preview(message);
    return deliver(eventId, chatId, seq, sender, null,
      recipient -> NotifyRules.messageKind(recipient.userId(), mentions, repliedToSender, storyReply),
      (chat, kind, recipient) -> Texts.messageBody(kind, chat.type(), chat.actorName(), preview, recipient.hidePreviews()));
  }

  /** A reaction added to someone's message tells that someone (unless they reacted to their own). */
  private Future<Plan> reaction(UUID eventId, JsonObject payload) {
    JsonObject data = payload.getJsonObject("data");
    JsonObject message = payload.getJsonObject("message");
    UUID actor = uuid(payload, "actorId");
    UUID author = uuid(message, "senderId");
    if (!data.getBoolean("added", false) || author.equals(actor)) {
      return Future.succeededFuture(Plan.NOTHING);
    }
    String emoji = data.getString("emoji");
    String preview = Texts.preview(message);
    return deliver(eventId, uuid(payload, "chatId"), payload.getLong("seq"), actor, List.of(author),
      recipient -> Kind.REACTION,
      (chat, kind, recipient) -> Texts.reactionBody(chat.actorName(), emoji, preview, recipient.hidePreviews()));
  }

  /** Being added to a group or channel, at its creation or later; a new direct chat tells nobody yet. */
  private Future<Plan> added(UUID eventId, JsonObject payload, List<UUID> userIds) {
    UUID chatId = uuid(payload, "chatId");
    UUID actor = uuid(payload, "actorId");
    return deliver(eventId, chatId, payload.getLong("seq"), actor, userIds, recipient -> Kind.ADDED,
      (chat, kind, recipient) -> chat.direct() ? null : Texts.addedBody(chat.actorName(), chat.type()));
  }

  private Plan signedIn(UUID eventId, JsonObject payload) {
    UUID userId = uuid(payload, "userId");
    String session = payload.getString("sessionId");
    Notice notice = new Notice(userId, Kind.SIGN_IN, Texts.SIGN_IN_TITLE,
      Texts.signInBody(payload.getString("deviceName"), payload.getString("userAgent")),
      NotifyRules.pushKey(Kind.SIGN_IN, null), null);
    return new Plan.Deliver(eventId, null, null, null, session == null ? null : UUID.fromString(session), List.of(notice));
  }

  private Plan cleared(JsonObject payload) {
    long readUpTo = payload.getLong("readUpTo", 0L);
    return readUpTo <= 0 ? Plan.NOTHING : new Plan.ClearChat(uuid(payload, "userId"), uuid(payload, "chatId"), readUpTo);
  }

  @FunctionalInterface
  private interface Body {
    /** The notice's body, or null when this event tells nobody. */
    String of(ChatInfo chat, Kind kind, Recipient recipient);
  }

  /**
   * The common path of chat events: the chat and the actor, the recipients with their settings,
   * the rules, then presence only for those the rules let through.
   */
  private Future<Plan> deliver(UUID eventId, UUID chatId, long seq, UUID actor, List<UUID> only,
                               Function<Recipient, Kind> kindOf, Body body) {
    return recipients.chat(chatId, actor).compose(chat -> chat == null ? Future.succeededFuture(Plan.NOTHING)
      : recipients.members(chatId, actor, seq, only).compose(members -> {
        List<Recipient> wanted = new ArrayList<>();
        List<Kind> kinds = new ArrayList<>();
        for (Recipient recipient : members) {
          Kind kind = kindOf.apply(recipient);
          if (NotifyRules.wanted(kind, chat.direct(), recipient, clock.instant())) {
            wanted.add(recipient);
            kinds.add(kind);
          }
        }
        return presence.connected(wanted.stream().map(Recipient::userId).toList()).map(connected ->
          notices(eventId, chatId, seq, actor, chat, wanted, kinds, connected, body));
      }));
  }

  private static Plan notices(UUID eventId, UUID chatId, long seq, UUID actor, ChatInfo chat, List<Recipient> wanted,
                              List<Kind> kinds, Set<UUID> connected, Body body) {
    String title = Texts.chatTitle(chat.direct(), chat.title(), chat.actorName());
    List<Notice> notices = new ArrayList<>();
    for (int i = 0; i < wanted.size(); i++) {
      Recipient recipient = wanted.get(i);
      Kind kind = kinds.get(i);
      String text = body.of(chat, kind, recipient);
      if (text != null && NotifyRules.notify(kind, true, connected.contains(recipient.userId()))) {
        notices.add(new Notice(recipient.userId(), kind, title, text, NotifyRules.pushKey(kind, chatId),
          NotifyRules.groupKey(kind, chatId)));
      }
    }
    return notices.isEmpty() ? Plan.NOTHING : new Plan.Deliver(eventId, chatId, seq, actor, null, notices);
  }

  private boolean stale(EventEnvelope event) {
    return event.time().isBefore(clock.instant().minus(maxAge));
  }

  private static Plan poison(EventEnvelope event, Throwable why) {
    return new Plan.Poison("Unreadable " + event.type() + " payload: " + why);
  }

  private static UUID uuid(JsonObject json, String field) {
    return UUID.fromString(json.getString(field));
  }

  private static List<UUID> uuids(JsonArray array) {
    List<UUID> ids = new ArrayList<>(array.size());
    array.forEach(id -> ids.add(UUID.fromString((String) id)));
    return ids;
  }
}
