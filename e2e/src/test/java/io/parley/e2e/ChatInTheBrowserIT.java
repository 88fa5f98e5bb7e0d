package io.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * Parley in real browsers: separate people, each in their own headless Chromium (own profile,
 * own storage), against one real node with real PostgreSQL, Redis and Kafka. Everything is done
 * through the app's UI; what each person sees is read from their page. Screenshots of the main
 * screens land in e2e/target/screenshots.
 */
class ChatInTheBrowserIT {

  @RegisterExtension
  static final BrowserScenario scenario = BrowserScenario.withNode();


  @Test
  void twoPeopleChatLiveWithTypingReceiptsEditsAndDeletes() throws Exception {
    Person alice = scenario.person("Alice Martin");
    Person bob = scenario.person("Bob Okafor");
    bob.driver().get(scenario.baseUrl() + "/");
    bob.waitFor(() -> bob.present(".auth-form"), "the sign-in screen");
    bob.screenshot("01-sign-in");
    alice.signUp();
    bob.signUp();
    alice.screenshot("02-empty-chat-list");

    alice.openDirectChatWith(bob);
    alice.send("Hi Bob! Are we still on for Friday?");
    bob.waitFor(() -> bob.unreadBadge(alice.displayName) == 1, "an unread badge from Alice");
    bob.screenshot("03-chat-list-unread");
    assertThat(alice.tickOf("Hi Bob! Are we still on for Friday?")).isIn("sent", "delivered");

    bob.openChat(alice.displayName);
    bob.waitForMessages(List.of("Hi Bob! Are we still on for Friday?"));
    alice.waitFor(() -> "read".equals(alice.tickOf("Hi Bob! Are we still on for Friday?")), "her message marked read");

    bob.typeWithoutSending("Yes, absolutely");
    alice.waitFor(() -> alice.typingIndicator().contains("Bob Okafor is typing"), "Bob typing");
    alice.screenshot("04-typing-indicator");
    bob.clearComposer();
    bob.send("Yes!\nSeven o'clock at the usual place?");
    alice.waitForMessages(List.of("Hi Bob! Are we still on for Friday?", "Yes!\nSeven o'clock at the usual place?"));
    alice.waitFor(() -> alice.typingIndicator().isEmpty(), "the typing indicator to go");

    alice.editLastMessage("Hi Bob! Still on for Friday?");
    bob.waitForMessages(List.of("Hi Bob! Still on for Friday?", "Yes!\nSeven o'clock at the usual place?"));
    bob.waitFor(() -> bob.present(".msg.theirs .edited"), "the edited mark");

    bob.replyTo("Hi Bob! Still on for Friday?", "Wrong day, sorry");
    alice.waitFor(() -> alice.present(".msg.theirs .quote"), "Bob's reply with its quote");
    bob.deleteForEveryone("Wrong day, sorry");
    alice.waitForMessages(List.of("Hi Bob! Still on for Friday?", "Yes!\nSeven o'clock at the usual place?"));
    alice.waitFor(() -> alice.present(".msg.deleted .deleted-text"), "the deleted message's tombstone");
    bob.waitFor(() -> bob.present(".msg.deleted .deleted-text"), "his own tombstone");

    String hostile = "<script>window.parleyPwned = 1</script><img src=x onerror=\"window.parleyPwned = 2\">";
    alice.send(hostile);
    bob.waitFor(() -> bob.messages().contains(hostile), "the markup shown as text");
    assertThat(bob.js("return window.parleyPwned === undefined")).isEqualTo(true);
    assertThat(bob.driver().findElements(By.cssSelector(".message-list script, .message-list img"))).isEmpty();

    alice.send("See you then 👋");
    bob.waitFor(() -> bob.messages().contains("See you then 👋"), "the last message");
    alice.waitFor(() -> "read".equals(alice.tickOf("See you then 👋")), "the last message read");
    alice.screenshot("05-conversation-light");
    bob.screenshot("06-conversation-other-side");
    alice.darkTheme(true);
    alice.screenshot("07-conversation-dark");
    alice.darkTheme(false);
    alice.driver().findElement(By.cssSelector(".me-button")).click();
    alice.waitFor(() -> alice.present("dialog[open] input[name=displayName]"), "her profile");
    alice.screenshot("13-settings-profile");
    alice.driver().findElement(By.cssSelector("dialog[open] .segment[data-section=devices]")).click();
    alice.waitFor(() -> alice.present("dialog[open] .session.current"), "her devices, this one marked");
    alice.screenshot("14-settings-devices");
    bob.resize(390, 844);
    Touchscreen phone = Touchscreen.of(bob);
    assertThat(Layout.textCoveredByActions(bob)).as("message text covered by actions at rest").isEmpty();
    bob.screenshot("08-phone-conversation");

    String friday = "Hi Bob! Still on for Friday?";
    phone.longPress(bob.messageElement(friday).findElement(By.cssSelector(".bubble")));
    bob.waitFor(() -> Layout.actionsOpen(bob, friday), "the actions of the message he pressed long");
    assertThat(Layout.textCoveredByActions(bob)).as("message text covered by the opened actions").isEmpty();
    assertThat(Layout.panesScrollingSideways(bob)).as("panes scrolling sideways on a phone").isEmpty();
    bob.screenshot("31-phone-message-actions");
    String seven = "Yes!\nSeven o'clock at the usual place?";
    WebElement own = bob.messageElement(seven);
    phone.tap(own.findElement(By.cssSelector(".bubble")));
    phone.tap(own.findElement(By.cssSelector(".msg-menu")));
    bob.waitFor(() -> Layout.actionsOpen(bob, seven) && !Layout.actionsOpen(bob, friday), "the actions of his own message from its ⋯ button, only");
    assertThat(Layout.textCoveredByActions(bob)).as("message text covered by the opened actions").isEmpty();
    phone.tap(own.findElement(By.cssSelector(".act-reply")));
    bob.waitFor(() -> bob.present(".composer-context[data-kind=reply]:not([hidden])"), "reply mode from the opened actions");
    assertThat(Layout.actionsOpen(bob, seven)).as("actions still open after one was used").isFalse();
    bob.driver().findElement(By.cssSelector(".back-button")).click();
    bob.screenshot("09-phone-chat-list");
  }

  @Test
  void aGroupOfThreeTalksAndSeesWhoReadWhat() throws Exception {
    Person alice = scenario.person("Alice Martin").signUp();
    Person bob = scenario.person("Bob Okafor").signUp();
    Person carol = scenario.person("Carol Nguyen").signUp();

    alice.createGroup("Weekend hike", bob, carol);
    alice.send("Saturday 9:00 at the station?");
    bob.openChat("Weekend hike");
    bob.waitForMessages(List.of("Saturday 9:00 at the station?"));
    bob.send("Count me in");
    carol.openChat("Weekend hike");
    carol.waitForMessages(List.of("Saturday 9:00 at the station?", "Count me in"));
    carol.send("Me too 🥾 I'll bring snacks");

    List<String> conversation = List.of("Saturday 9:00 at the station?", "Count me in", "Me too 🥾 I'll bring snacks");
    alice.waitForMessages(conversation);
    bob.waitForMessages(conversation);
    carol.waitForMessages(conversation);
    alice.waitFor(() -> "read".equals(alice.tickOf("Saturday 9:00 at the station?")), "her message read by both");
    assertThat(alice.js("return document.querySelector('.msg.mine .tick').getAttribute('aria-label')").toString())
      .contains("Bob Okafor").contains("Carol Nguyen");
    assertThat(alice.present(".system-note")).as("the group's creation shown as a system note").isTrue();

    bob.replyInThread("Saturday 9:00 at the station?", "Which platform?");
    alice.waitFor(() -> "1 reply".equals(alice.threadLink("Saturday 9:00 at the station?")), "the thread's reply count");
    alice.waitForMessages(conversation);
    alice.driver().findElement(By.cssSelector(".thread-link")).click();
    alice.waitFor(() -> alice.threadReplies().equals(List.of("Which platform?")), "Bob's reply in the thread");
    alice.driver().findElement(By.cssSelector(".thread-panel .composer-input")).sendKeys("Platform 2" + org.openqa.selenium.Keys.ENTER);
    bob.waitFor(() -> bob.threadReplies().equals(List.of("Which platform?", "Platform 2")), "Alice's answer in the thread");
    assertThat(Layout.panesScrollingSideways(alice)).as("panes scrolling sideways with the thread open").isEmpty();
    alice.screenshot("10-group-thread");
    WebElement reply = alice.driver().findElement(By.cssSelector(".thread-panel .message-list[aria-label=Replies] .msg.theirs"));
    new Actions(alice.driver()).moveToElement(reply.findElement(By.cssSelector(".bubble"))).perform();
    reply.findElement(By.cssSelector(".msg-menu")).click();
    alice.waitFor(() -> reply.getDomAttribute("class").contains("actions-open"), "the actions of Bob's reply in the thread");
    new Actions(alice.driver()).moveToElement(alice.driver().findElement(By.cssSelector(".messages .msg.theirs .bubble"))).perform();
    assertThat(Layout.panesScrollingSideways(alice)).as("panes scrolling sideways with actions shown").isEmpty();
    assertThat(Layout.textCoveredByActions(alice)).as("message text covered by actions").isEmpty();
    new Actions(alice.driver()).sendKeys(org.openqa.selenium.Keys.ESCAPE).perform();
    alice.waitFor(() -> !reply.getDomAttribute("class").contains("actions-open"), "Escape closing the actions");
    assertThat(alice.present(".thread-panel:not([hidden])")).as("the thread still open").isTrue();
    alice.driver().findElement(By.cssSelector(".thread-panel button[aria-label='Close thread']")).click();
    alice.screenshot("10-group-conversation");
    new Actions(alice.driver()).moveToElement(alice.driver().findElement(By.cssSelector(".messages .msg.theirs:last-child .bubble"))).perform();
    alice.waitFor(() -> alice.js("return getComputedStyle(document.querySelector('.messages .msg.theirs:last-child .msg-actions')).opacity === '1'"),
      "the actions beside the message she points at");
    assertThat(Layout.panesScrollingSideways(alice)).as("panes scrolling sideways with actions shown").isEmpty();
    assertThat(Layout.textCoveredByActions(alice)).as("message text covered by actions").isEmpty();
    alice.screenshot("32-group-message-actions-on-hover");

    alice.driver().findElement(By.cssSelector(".conv-head button[aria-label='Chat info']:last-child")).click();
    alice.waitFor(() -> alice.driver().findElements(By.cssSelector("dialog[open] .members .person")).size() == 3, "three members");
    alice.screenshot("11-group-info");
  }

  @Test
  void messagesWrittenOnBothSidesDuringANetworkCutArriveOnceAndInOrder() throws Exception {
    Person alice = scenario.person("Alice Martin").signUp();
    Person bob = scenario.person("Bob Okafor").signUp();
    alice.openDirectChatWith(bob);
    alice.send("Before the cut");
    bob.openChat(alice.displayName);
    bob.waitForMessages(List.of("Before the cut"));

    bob.network(false);
    bob.waitFor(() -> bob.banner().contains("Offline"), "the offline banner");
    alice.send("While you were away 1");
    alice.send("While you were away 2");
    bob.send("Written offline 1");
    bob.send("Written offline 2");
    bob.waitFor(() -> bob.pendingMessages().equals(List.of("Written offline 1", "Written offline 2")), "his messages pending");
    assertThat(bob.messages()).containsExactly("Before the cut");
    bob.screenshot("12-offline-pending");

    bob.network(true);
    List<String> everything = List.of("Before the cut", "While you were away 1", "While you were away 2",
      "Written offline 1", "Written offline 2");
    bob.waitForMessages(everything);
    alice.waitForMessages(everything);
    bob.waitFor(() -> bob.pendingMessages().isEmpty() && bob.banner().isEmpty(), "nothing pending, back online");
    bob.waitFor(() -> "read".equals(bob.tickOf("Written offline 2")), "his offline messages read by Alice");
    assertThat(bob.messages()).containsExactlyElementsOf(everything);
    assertThat(alice.messages()).containsExactlyElementsOf(everything);
  }
}
