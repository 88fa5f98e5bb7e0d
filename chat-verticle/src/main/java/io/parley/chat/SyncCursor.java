package io.parley.chat;

import io.parley.shared.error.ChatErrors;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The one opaque cursor a device keeps for all its chats: for each chat, the last sequence number
 * it has received. Sequence numbers are per chat and gap-free, so this says exactly what is
 * missing, however long the device was away. Encoded as a version byte and 24 bytes per chat
 * (id, number), base64url.
 */
final class SyncCursor {

  private static final byte VERSION = 1;
  private static final int ENTRY = 24;
  /** Far more chats than anyone is in; a bound on what a request can make the server decode. */
  private static final int MAX_CHATS = 20_000;

  private SyncCursor() {
  }

  static String encode(Map<UUID, Long> positions) {
    ByteBuffer buffer = ByteBuffer.allocate(1 + ENTRY * positions.size()).put(VERSION);
    positions.forEach((chatId, seq) -> buffer.putLong(chatId.getMostSignificantBits())
      .putLong(chatId.getLeastSignificantBits()).putLong(seq));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
  }

  static Map<UUID, Long> decode(String cursor) {
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(cursor);
    } catch (IllegalArgumentException notBase64) {
      throw invalid();
    }
    if (bytes.length == 0 || bytes[0] != VERSION || (bytes.length - 1) % ENTRY != 0
      || (bytes.length - 1) / ENTRY > MAX_CHATS) {
      throw invalid();
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
    Map<UUID, Long> positions = new LinkedHashMap<>();
    while (buffer.hasRemaining()) {
      UUID chatId = new UUID(buffer.getLong(), buffer.getLong());
      long seq = buffer.getLong();
      if (seq < 0) {
        throw invalid();
      }
      positions.put(chatId, seq);
    }
    return positions;
  }

  private static RuntimeException invalid() {
    return ChatErrors.INVALID_CURSOR.exception("The sync cursor is not one this server produced");
  }
}
