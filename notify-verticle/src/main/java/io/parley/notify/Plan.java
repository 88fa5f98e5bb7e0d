package io.parley.notify;

import java.util.List;
import java.util.UUID;

/**
 * What one event asks of the notify service, decided before any write: the planning reads (who
 * the recipients are, their settings, whether they are connected) happen outside the transaction
 * and the plan is then applied inside it, with the event's id, so a replay changes nothing.
 */
sealed interface Plan {

  /** Nothing to do (an event notify does not act on, or one about nobody). */
  record Nothing() implements Plan {
  }

  /**
   * Store these notices and schedule their pushes, once: the event id is recorded with them.
   *
   * @param originSession for a sign-in, the new session, whose own browser is not pushed to
   */
  record Deliver(UUID eventId, UUID chatId, Long seq, UUID actorId, UUID originSession, List<Notice> notices)
    implements Plan {
  }

  /** The user read the chat up to {@code upTo}: its notifications so far are read, their pending push cancelled. */
  record ClearChat(UUID userId, UUID chatId, long upTo) implements Plan {
  }

  /** The account was deleted: everything notify holds about the person goes. */
  record ForgetUser(UUID userId) implements Plan {
  }

  /** An event that cannot be read: kept for operators and skipped, so its partition moves on. */
  record Poison(String reason) implements Plan {
  }

  Plan NOTHING = new Nothing();
}
