package io.parley.chat;

import io.parley.shared.error.ChatErrors;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The one opaque cursor a device keeps for all its chats: the last number it has received of its
 * user's private log ({@link PrivateChange}) and, for each chat, the last sequence number. Both
 * kinds of numbers are gap-free, so this says exactly what is missing, however long the device was
 * away. Encoded as a version byte, 8 bytes for the private position and 24 bytes per chat (id,
 * number), base64url.
 *
 * @param privateSeq the last private change received
 * @param chats      per chat, the last change received
 */
record SyncCursor(long privateSeq, Map<UUID, Long> chats) {

  private static final byte VERSION = 2;
  private static final int HEADER = 1 + 8;
  private static final int ENTRY = 24;
  /** Far more chats than anyone is in; a bound on what a request can make the server decode. */
  private static final int MAX_CHATS = 20_000;

  String encode() {
    ByteBuffer buffer = ByteBuffer.allocate(HEADER + ENTRY * chats.size()).put(VERSION).putLong(privateSeq);
    chats.forEach((chatId, seq) -> buffer.putLong(chatId.getMostSignificantBits())
      .putLong(chatId.getLeastSignificantBits()).putLong(seq));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
  }

  static SyncCursor decode(String cursor) {
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(cursor);
    } catch (IllegalArgumentException notBase64) {
      throw invalid();
    }
    if (bytes.length < HEADER || bytes[0] != VERSION || (bytes.length - HEADER) % ENTRY != 0
      || (bytes.length - HEADER) / ENTRY > MAX_CHATS) {
      throw invalid();
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
    long privateSeq = buffer.getLong();
    if (privateSeq < 0) {
      throw invalid();
    }
    Map<UUID, Long> chats = new LinkedHashMap<>();
    while (buffer.hasRemaining()) {
      UUID chatId = new UUID(buffer.getLong(), buffer.getLong());
      long seq = buffer.getLong();
      if (seq < 0) {
        throw invalid();
      }
      chats.put(chatId, seq);
    }
    return new SyncCursor(privateSeq, chats);
  }

  private static RuntimeException invalid() {
    return ChatErrors.INVALID_CURSOR.exception("The sync cursor is not one this server produced");
  }
}
