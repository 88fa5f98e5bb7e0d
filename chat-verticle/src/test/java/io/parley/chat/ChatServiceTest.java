package io.parley.chat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Test classes that drive one chat service on the shared backends: the fixture's life, once per class. */
abstract class ChatServiceTest {

  protected static ChatFixture fixture;

  @BeforeAll
  static void startFixture() {
    fixture = ChatFixture.start();
  }

  @AfterAll
  static void stopFixture() {
    fixture.close();
  }
}
