package io.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The screens beyond plain messaging, in real browsers against a real node: reactions and pins
 * seen live on both sides, search in a chat and in all chats, forwarding, invite links and
 * joining by one, handing ownership on, a live location that moves, and the account screens
 * (password change, deletion). Screenshots land in e2e/target/screenshots.
 */
class ChatExtrasInTheBrowserIT {

  @RegisterExtension
  static final BrowserScenario scenario = BrowserScenario.withNode();


  @Test
  void reactionsAndPinsShowLiveOnBothSidesAndSearchFindsMessages() throws Exception {
    Person alice = scenario.person("Alice Martin").signUp();
    Person bob = scenario.person("Bob Okafor").signUp();
    alice.createGroup("Dinner club", bob);
    alice.openDirectChatWith(bob);
    String dinner = "Dinner at Luigi's on Thursday?";
    String oven = "They have a new wood-fired pizza oven";
    alice.send(dinner);
    alice.send(oven);
    bob.openChat(alice.displayName);
    bob.waitForMessages(List.of(dinner, oven));

    bob.react(dinner, "👍");
    bob.waitFor(() -> "1 mine".equals(bob.reactions(dinner, "👍")), "his own reaction");
    alice.waitFor(() -> "1".equals(alice.reactions(dinner, "👍")), "Bob's reaction, live");
    alice.react(dinner, "👍");
    alice.react(dinner, "❤️");
    bob.waitFor(() -> "2 mine".equals(bob.reactions(dinner, "👍")) && "1".equals(bob.reactions(dinner, "❤️")), "Alice's reactions, live");
    alice.react(dinner, "👍");
    bob.waitFor(() -> "1 mine".equals(bob.reactions(dinner, "👍")), "Alice taking hers back");
    alice.waitFor(() -> "1".equals(alice.reactions(dinner, "👍")) && "1 mine".equals(alice.reactions(dinner, "❤️")), "her own counts");

    bob.pin(oven);
    bob.waitFor(() -> bob.pinnedBar().contains(oven), "the pinned bar on his side");
    alice.waitFor(() -> alice.pinnedBar().contains(oven), "the pinned bar on her side, live");
    atRest(alice);
    alice.screenshot("15-reactions-and-pinned-bar");
    alice.darkTheme(true);
    alice.screenshot("16-reactions-and-pinned-bar-dark");
    alice.darkTheme(false);
    bob.resize(390, 844);
    atRest(bob);
    bob.screenshot("29-phone-reactions-and-pinned-bar");
    bob.resize(1280, 800);

    alice.driver().findElement(By.cssSelector(".msg .reaction-who")).click();
    alice.waitFor(() -> alice.present("dialog[open] .reaction-people .person"), "who reacted");
    assertThat(alice.js("return document.querySelector('dialog[open] .reaction-people').textContent").toString())
      .contains("Bob Okafor").contains("You");
    alice.screenshot("17-who-reacted");
    alice.driver().findElement(By.cssSelector("dialog[open]")).sendKeys(Keys.ESCAPE);

    alice.driver().findElement(By.cssSelector(".conv-head .search-button")).click();
    alice.driver().findElement(By.cssSelector(".search-panel .search-input")).sendKeys("pizza");
    WebElement hit = alice.waitFor(() -> alice.driver().findElement(By.cssSelector(".search-panel .search-hit")), "a search result");
    assertThat(hit.getText()).contains(oven);
    assertThat(alice.js("return document.querySelector('.search-panel .search-hit mark').textContent")).isEqualTo("pizza");
    alice.screenshot("18-search-in-chat");
    hit.click();
    alice.waitFor(() -> alice.present(".msg.highlight"), "the found message shown");

    bob.driver().findElement(By.cssSelector(".search-input")).sendKeys("luigi");
    bob.waitFor(() -> bob.present(".message-results .search-hit"), "messages found from the sidebar");
    bob.screenshot("19-search-everywhere");
    bob.driver().findElement(By.cssSelector(".message-results .search-hit")).click();
    bob.waitFor(() -> bob.present(".msg.highlight"), "the found message shown");

    alice.messageAction(oven, ".act-forward");
    alice.waitFor(() -> alice.present("dialog[open] .forward-targets .person-button"), "the forward dialog");
    alice.screenshot("20-forward");
    alice.driver().findElement(By.cssSelector("dialog[open] .forward-targets .person-button")).click();
    bob.driver().findElement(By.cssSelector(".search-input")).sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    bob.openChat("Dinner club");
    bob.waitFor(() -> bob.messages().contains(oven) && bob.present(".msg .forwarded"), "the forwarded message");
    assertThat(bob.js("return document.querySelector('.msg .forwarded').textContent")).isEqualTo("Forwarded from Alice Martin");
  }

  @Test
  void peopleJoinByPublicSearchOrInviteLinkThenOwnershipPassesAndALiveLocationMoves() throws Exception {
    Person alice = scenario.person("Alice Martin").signUp();
    Person bob = scenario.person("Bob Okafor").signUp();
    alice.driver().findElement(By.cssSelector("button[aria-label='New chat']")).click();
    alice.waitFor(() -> alice.present("dialog[open] .segment[data-kind=channel]"), "the new chat dialog");
    alice.driver().findElement(By.cssSelector("dialog[open] .segment[data-kind=channel]")).click();
    fill(alice, "dialog[open] input[name=title]", "Night owls radio");
    alice.driver().findElement(By.cssSelector("dialog[open] input[name=public]")).click();
    alice.driver().findElement(By.cssSelector("dialog[open] button[type=submit]")).click();
    alice.waitForConversationTitle("Night owls radio");
    bob.driver().findElement(By.cssSelector(".search-input")).sendKeys("night owls");
    bob.waitFor(() -> bob.present(".public-results .chat-item"), "the public channel found");
    bob.screenshot("30-public-chats-found");
    bob.driver().findElement(By.cssSelector(".public-results .chat-item")).click();
    bob.waitFor(() -> bob.present("dialog[open] .join-button"), "the channel to join");
    bob.driver().findElement(By.cssSelector("dialog[open] .join-button")).click();
    bob.waitForConversationTitle("Night owls radio");
    bob.driver().findElement(By.cssSelector(".search-input")).sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);

    alice.createGroup("Book club");
    openChatInfo(alice);
    alice.driver().findElement(By.cssSelector("dialog[open] .create-invite")).click();
    String link = alice.waitFor(() -> (String) alice.js(
      "return document.querySelector('dialog[open] .invite-active .invite-url')?.value || null"), "a new invite link");
    assertThat(link).startsWith(scenario.baseUrl() + "/#/invite/");
    alice.js("document.querySelector('dialog[open] .invite-links').scrollIntoView()");
    alice.screenshot("21-group-info-invite-links");
    alice.driver().findElement(By.cssSelector("dialog[open]")).sendKeys(Keys.ESCAPE);

    bob.driver().get(link);
    bob.waitFor(() -> bob.present("dialog[open] .join-button"), "the invitation");
    assertThat(bob.js("return document.querySelector('dialog[open] .join-title').textContent")).isEqualTo("Book club");
    bob.screenshot("22-join-by-link");
    bob.driver().findElement(By.cssSelector("dialog[open] .join-button")).click();
    bob.waitForConversationTitle("Book club");
    alice.waitFor(() -> String.valueOf(alice.js("return [...document.querySelectorAll('.system-note')].map((e) => e.textContent).join('|')"))
      .contains("Bob Okafor joined with an invite link"), "Bob joining, live");

    openChatInfo(alice);
    alice.waitFor(() -> {
      alice.driver().findElement(By.cssSelector("dialog[open] .make-owner")).click();
      return true;
    }, "Bob among the members");
    alice.waitFor(() -> alice.driver().findElements(By.cssSelector("dialog[open] .dialog-actions button")).stream()
      .filter(button -> button.getText().equals("Make owner")).findFirst().orElse(null), "the confirmation").click();
    alice.waitFor(() -> !alice.present("dialog[open]"), "the dialog to close");
    bob.waitFor(() -> String.valueOf(bob.js("return [...document.querySelectorAll('.system-note')].map((e) => e.textContent).join('|')"))
      .contains("Alice Martin made you the owner"), "the handover, live");

    locateAt(alice, 52.520008, 13.404954);
    alice.driver().findElement(By.cssSelector(".composer .composer-extra")).click();
    alice.waitFor(() -> alice.present("dialog[open] .choice[data-minutes='15']"), "the sharing choices");
    alice.screenshot("23-share-location");
    alice.driver().findElement(By.cssSelector("dialog[open] .choice[data-minutes='15']")).click();
    bob.waitFor(() -> liveCard(bob).contains("52.52001° N, 13.40495° E"), "Alice's live location");
    alice.waitFor(() -> alice.present(".live-bar:not([hidden])"), "her sharing bar");
    locateAt(alice, 52.530000, 13.410000);
    bob.waitFor(() -> liveCard(bob).contains("52.53000° N, 13.41000° E"), "her live location moving");
    bob.screenshot("24-live-location");
    alice.screenshot("25-live-location-sharing");
    alice.darkTheme(true);
    alice.screenshot("26-live-location-sharing-dark");
    alice.darkTheme(false);
    alice.driver().findElement(By.cssSelector(".live-bar .live-stop")).click();
    bob.waitFor(() -> liveCard(bob).contains("Sharing stopped"), "the sharing stopped");
    alice.waitFor(() -> !alice.present(".live-bar:not([hidden])"), "her sharing bar gone");
  }

  @Test
  void aChangedPasswordIsNeededToDeleteTheAccountWhichThenCannotSignIn() throws Exception {
    Person carol = scenario.person("Carol Nguyen").signUp();
    String newPassword = "a brand new evening passphrase";
    carol.driver().findElement(By.cssSelector(".me-button")).click();
    carol.driver().findElement(By.cssSelector("dialog[open] .segment[data-section=account]")).click();
    carol.waitFor(() -> carol.present("dialog[open] .password-form"), "the account settings");
    carol.screenshot("27-settings-account");
    carol.darkTheme(true);
    carol.screenshot("28-settings-account-dark");
    carol.darkTheme(false);

    fill(carol, "dialog[open] input[name=currentPassword]", "not my password at all");
    fill(carol, "dialog[open] input[name=newPassword]", newPassword);
    fill(carol, "dialog[open] input[name=repeatPassword]", newPassword);
    carol.driver().findElement(By.cssSelector("dialog[open] .password-form button[type=submit]")).click();
    carol.waitFor(() -> String.valueOf(carol.js("return document.querySelector('#password-error').textContent"))
      .contains("not right"), "the wrong current password refused");
    fill(carol, "dialog[open] input[name=currentPassword]", carol.password);
    carol.driver().findElement(By.cssSelector("dialog[open] .password-form button[type=submit]")).click();
    carol.waitFor(() -> String.valueOf(carol.js("return document.getElementById('toasts')?.textContent")).contains("Password changed"),
      "the password changed");

    fill(carol, "dialog[open] .danger-zone input[name=password]", newPassword);
    carol.driver().findElement(By.cssSelector("dialog[open] .delete-account")).click();
    carol.waitFor(() -> carol.driver().findElements(By.cssSelector("dialog[open] .dialog-actions button")).stream()
      .filter(button -> button.getText().equals("Delete my account")).findFirst().orElse(null), "the confirmation").click();
    carol.waitFor(() -> carol.present(".auth-form"), "the sign-in screen after deletion");

    fill(carol, "input[name=login]", carol.username);
    fill(carol, "input[name=password]", newPassword);
    carol.driver().findElement(By.cssSelector(".auth-form button[type=submit]")).click();
    carol.waitFor(() -> !String.valueOf(carol.js("return document.getElementById('auth-error').textContent")).isEmpty(),
      "the deleted account refused");
    assertThat(carol.present(".app-shell")).isFalse();
  }

  /** Nothing hovered or focused, so a screenshot shows the screen as it rests. */
  private static void atRest(Person person) {
    new Actions(person.driver()).moveToElement(person.driver().findElement(By.cssSelector(".composer-input"))).perform();
    person.js("document.activeElement?.blur()");
  }

  private static void openChatInfo(Person person) {
    person.driver().findElement(By.cssSelector(".conv-head button[aria-label='Chat info']:last-child")).click();
    person.waitFor(() -> person.present("dialog[open] .profile-card"), "the chat info");
  }

  /** Puts the browser at a place, as its location service would (and lets the app ask for it). */
  private static void locateAt(Person person, double latitude, double longitude) {
    person.driver().executeCdpCommand("Browser.grantPermissions", Map.of("permissions", List.of("geolocation"), "origin", scenario.baseUrl()));
    person.driver().executeCdpCommand("Emulation.setGeolocationOverride",
      Map.of("latitude", latitude, "longitude", longitude, "accuracy", 10));
  }

  private static String liveCard(Person person) {
    return String.valueOf(person.js("return document.querySelector('.msg .location-card')?.textContent || ''"));
  }

  private static void fill(Person person, String css, String text) {
    WebElement input = person.driver().findElement(By.cssSelector(css));
    input.clear();
    input.sendKeys(text);
  }
}
