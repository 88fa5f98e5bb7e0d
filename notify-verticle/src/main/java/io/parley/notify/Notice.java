package io.parley.notify;

import java.util.UUID;

/**
 * One notification planned for one recipient.
 *
 * @param pushKey  pushes under one key collapse (see {@link NotifyRules#pushKey})
 * @param groupKey stored rows under one key collapse while unread, or null
 */
record Notice(UUID userId, Kind kind, String title, String body, String pushKey, String groupKey) {
}
