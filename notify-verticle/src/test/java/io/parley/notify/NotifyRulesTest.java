package io.parley.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NotifyRulesTest {

  private static final Instant NOW = Instant.parse("2030-05-01T12:00:00Z");
  private static final UUID ME = UUID.randomUUID();

  private static Recipient with(Mode mode) {
    return new Recipient(ME, mode, null, null, false, true);
  }

  @Test
  void aMessageIsAMentionOrAReplyOnlyWhenItIsAboutMe() {
    UUID other = UUID.randomUUID();
    assertThat(NotifyRules.messageKind(ME, List.of(other), null, false)).isEqualTo(Kind.MESSAGE);
    assertThat(NotifyRules.messageKind(ME, List.of(other, ME), other, false)).isEqualTo(Kind.MENTION);
    assertThat(NotifyRules.messageKind(ME, List.of(), ME, false)).isEqualTo(Kind.REPLY);
    assertThat(NotifyRules.messageKind(ME, List.of(ME), ME, true)).isEqualTo(Kind.STORY_REPLY);
  }

  @Test
  void modeAllTellsEverythingAndNoneNothing() {
    for (Kind kind : List.of(Kind.MESSAGE, Kind.MENTION, Kind.REPLY, Kind.REACTION, Kind.ADDED)) {
      assertThat(NotifyRules.wanted(kind, false, with(Mode.ALL), NOW)).as(kind.wire).isTrue();
      assertThat(NotifyRules.wanted(kind, false, with(Mode.NONE), NOW)).as(kind.wire).isFalse();
      assertThat(NotifyRules.wanted(kind, true, with(Mode.NONE), NOW)).as(kind.wire).isFalse();
    }
  }

  @Test
  void modeMentionsKeepsWhatIsAboutMeAndEveryDirectMessage() {
    assertThat(NotifyRules.wanted(Kind.MESSAGE, false, with(Mode.MENTIONS), NOW)).isFalse();
    assertThat(NotifyRules.wanted(Kind.MESSAGE, true, with(Mode.MENTIONS), NOW)).isTrue();
    for (Kind kind : List.of(Kind.MENTION, Kind.REPLY, Kind.STORY_REPLY, Kind.REACTION, Kind.ADDED)) {
      assertThat(NotifyRules.wanted(kind, false, with(Mode.MENTIONS), NOW)).as(kind.wire).isTrue();
    }
  }

  @Test
  void eitherMuteSilencesTheChatUntilItEnds() {
    Recipient muted = new Recipient(ME, Mode.ALL, NOW.plusSeconds(60), null, false, true);
    Recipient listMuted = new Recipient(ME, Mode.ALL, null, NOW.plusSeconds(60), false, true);
    Recipient expired = new Recipient(ME, Mode.ALL, NOW.minusSeconds(1), NOW.minusSeconds(1), false, true);
    for (Kind kind : List.of(Kind.MESSAGE, Kind.MENTION, Kind.REPLY, Kind.REACTION)) {
      assertThat(NotifyRules.wanted(kind, true, muted, NOW)).isFalse();
      assertThat(NotifyRules.wanted(kind, true, listMuted, NOW)).isFalse();
      assertThat(NotifyRules.wanted(kind, true, expired, NOW)).isTrue();
    }
  }

  @Test
  void reactionsFollowTheirOwnPreference() {
    Recipient noReactions = new Recipient(ME, Mode.ALL, null, null, false, false);
    assertThat(NotifyRules.wanted(Kind.REACTION, true, noReactions, NOW)).isFalse();
    assertThat(NotifyRules.wanted(Kind.MESSAGE, true, noReactions, NOW)).isTrue();
  }

  @Test
  void aConnectedDeviceMeansNoNotificationExceptForASignIn() {
    assertThat(NotifyRules.notify(Kind.MESSAGE, true, true)).isFalse();
    assertThat(NotifyRules.notify(Kind.MESSAGE, true, false)).isTrue();
    assertThat(NotifyRules.notify(Kind.MESSAGE, false, false)).isFalse();
    assertThat(NotifyRules.notify(Kind.SIGN_IN, true, true)).isTrue();
    Recipient muted = new Recipient(ME, Mode.NONE, NOW.plusSeconds(60), null, false, false);
    assertThat(NotifyRules.wanted(Kind.SIGN_IN, false, muted, NOW)).isTrue();
  }

  @Test
  void messagesOfAChatCollapseWhileOtherNotificationsStandAlone() {
    UUID chat = UUID.randomUUID();
    assertThat(NotifyRules.groupKey(Kind.MESSAGE, chat)).isEqualTo("chat:" + chat);
    assertThat(NotifyRules.groupKey(Kind.MENTION, chat)).isEqualTo("chat:" + chat);
    assertThat(NotifyRules.groupKey(Kind.REACTION, chat)).isNull();
    assertThat(NotifyRules.groupKey(Kind.ADDED, chat)).isNull();
    assertThat(NotifyRules.pushKey(Kind.REACTION, chat)).isEqualTo("reactions:" + chat);
    assertThat(NotifyRules.pushKey(Kind.SIGN_IN, null)).isEqualTo("signin");
  }

  @Test
  void hiddenPreviewsSayWhoButNeverWhat() {
    for (String type : List.of("direct", "group", "channel")) {
      for (Kind kind : List.of(Kind.MESSAGE, Kind.MENTION, Kind.REPLY, Kind.STORY_REPLY)) {
        assertThat(Texts.messageBody(kind, type, "Alice", "meet at 5", true)).doesNotContain("meet");
      }
    }
    assertThat(Texts.reactionBody("Alice", "👍", "meet at 5", true)).isEqualTo("Alice reacted 👍 to your message");
    assertThat(Texts.messageBody(Kind.MESSAGE, "group", "Alice", "meet at 5", false)).isEqualTo("Alice: meet at 5");
    assertThat(Texts.messageBody(Kind.MESSAGE, "channel", "Alice", "news", false)).isEqualTo("news");
    assertThat(Texts.shown(Kind.MESSAGE, 3, "meet at 5")).isEqualTo("3 new messages");
    assertThat(Texts.shown(Kind.REACTION, 3, "Alice reacted")).isEqualTo("Alice reacted");
  }

  @Test
  void previewsAreOneShortLine() {
    io.vertx.core.json.JsonObject long1 = new io.vertx.core.json.JsonObject().put("kind", "text")
      .put("text", "line one\nline two " + "x".repeat(500));
    String preview = Texts.preview(long1);
    assertThat(preview).startsWith("line one line two").doesNotContain("\n");
    assertThat(preview.codePointCount(0, preview.length())).isEqualTo(Texts.MAX_PREVIEW);
    assertThat(Texts.preview(new io.vertx.core.json.JsonObject().put("kind", "image")
      .put("media", new io.vertx.core.json.JsonObject().put("caption", "beach")))).isEqualTo("📷 Photo: beach");
    assertThat(Texts.preview(new io.vertx.core.json.JsonObject().put("kind", "text").put("deleted", true).put("text", "x")))
      .isNull();
    assertThat(Texts.describe("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36"))
      .isEqualTo("Chrome on Linux");
  }
}
