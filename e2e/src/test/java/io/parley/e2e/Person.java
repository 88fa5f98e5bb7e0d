package io.parley.e2e;

import io.parley.testkit.Chromium;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.FluentWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One person using Parley in their own headless browser: what they can do (sign up, find
 * someone, write, edit, delete) and what they can see, read from the page itself. Everything
 * goes through the app's UI, as a person would.
 */
final class Person implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Person.class);
  static final Duration PATIENCE = Duration.ofSeconds(15);

  /** The texts of the messages on screen, in order (system notes, tombstones and pending ones aside). */
  private static final String MESSAGE_TEXTS = """
      return [...document.querySelectorAll('.message-list:not(.pending-list) .msg:not(.system):not(.deleted) .msg-text')]
        .map((e) => e.textContent);""";

  final String displayName;
  final String username;
  final String password = "correct horse battery staple";
  private final String baseUrl;
  private final ChromeDriver driver;

  private Person(String displayName, String baseUrl, ChromeDriver driver) {
    this.displayName = displayName;
    this.username = displayName.toLowerCase().replaceAll("[^a-z0-9]", "") + "_" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
    this.baseUrl = baseUrl;
    this.driver = driver;
  }

  static Person start(String displayName, String baseUrl) throws IOException {
    return start(displayName, baseUrl, new Chromium.Options());
  }

  static Person start(String displayName, String baseUrl, Chromium.Options options) throws IOException {
    return new Person(displayName, baseUrl, Chromium.start(1280, 800, options));
  }

  ChromeDriver driver() {
    return driver;
  }

  // ---- accounts ----

  Person signUp() {
    driver.get(baseUrl + "/");
    waitFor(() -> present(".auth-form"), "the sign-in screen");
    driver.findElement(By.cssSelector(".switch .link")).click();
    waitFor(() -> present("input[name=displayName]"), "the sign-up form");
    type("input[name=displayName]", displayName);
    type("input[name=username]", username);
    type("input[name=email]", username + "@example.org");
    type("input[name=password]", password);
    driver.findElement(By.cssSelector(".auth-form button[type=submit]")).click();
    waitFor(() -> present(".app-shell"), "the app after sign-up");
    waitUntilOnline();
    return this;
  }

  /** Signs in to an account that exists already (made through the API), with this person's username. */
  Person signIn() {
    driver.get(baseUrl + "/");
    waitFor(() -> present(".auth-form input[name=login]"), "the sign-in screen");
    type("input[name=login]", username);
    type("input[name=password]", password);
    driver.findElement(By.cssSelector(".auth-form button[type=submit]")).click();
    waitFor(() -> present(".app-shell"), "the app after sign-in");
    waitUntilOnline();
    return this;
  }

  void waitUntilOnline() {
    waitFor(() -> !present(".connection-banner:not([hidden])"), "the connection to come up");
  }

  // ---- chats ----

  /** Finds someone by username in the search box and opens the direct chat with them. */
  void openDirectChatWith(Person other) {
    WebElement search = driver.findElement(By.cssSelector(".search-input"));
    search.clear();
    search.sendKeys(other.username);
    By found = By.cssSelector(".people-results [data-username='" + other.username + "'], .people-results .chat-item");
    waitFor(() -> {
      driver.findElement(found).click();
      return true;
    }, "search results for " + other.username);
    waitForConversationTitle(other.displayName);
  }

  /** Opens a chat from the list by its title. */
  void openChat(String title) {
    waitFor(() -> {
      WebElement item = driver.findElements(By.cssSelector(".chat-list .chat-item[data-chat-id]")).stream()
        .filter(element -> element.findElement(By.cssSelector(".chat-title")).getText().equals(title))
        .findFirst().orElse(null);
      if (item != null) {
        item.click();
      }
      return item != null;
    }, "the chat " + title + " in the list");
    waitForConversationTitle(title);
  }

  void waitForConversationTitle(String title) {
    waitFor(() -> title.equals(js("return document.querySelector('.conv-body:not([hidden]) .conv-title')?.textContent")),
      "the conversation with " + title);
  }

  /** The unread badge of a chat in the list (0 when none). */
  int unreadBadge(String title) {
    Object count = js("""
        const item = [...document.querySelectorAll('.chat-list .chat-item[data-chat-id]')]
          .find((e) => e.querySelector('.chat-title').textContent === arguments[0]);
        return item?.querySelector('.badge')?.textContent || '0';""", title);
    return Integer.parseInt(String.valueOf(count));
  }

  void createGroup(String title, Person... members) {
    driver.findElement(By.cssSelector("button[aria-label='New chat']")).click();
    waitFor(() -> present("dialog[open] .segment[data-kind=group]"), "the new chat dialog");
    driver.findElement(By.cssSelector("dialog[open] .segment[data-kind=group]")).click();
    type("dialog[open] input[name=title]", title);
    for (Person member : members) {
      WebElement find = driver.findElement(By.cssSelector("dialog[open] .picker input[type=search]"));
      find.clear();
      find.sendKeys(member.username);
      By result = By.cssSelector("dialog[open] .person-button[data-username='" + member.username + "']");
      waitFor(() -> present("dialog[open] .person-button[data-username='" + member.username + "']"), "search results for " + member.username);
      driver.findElement(result).click();
    }
    driver.findElement(By.cssSelector("dialog[open] button[type=submit]")).click();
    waitForConversationTitle(title);
  }

  // ---- writing ----

  void send(String text) {
    composer().sendKeys(text.replace("\n", Keys.chord(Keys.SHIFT, Keys.ENTER)) + Keys.ENTER);
  }

  void typeWithoutSending(String text) {
    composer().sendKeys(text);
  }

  void clearComposer() {
    composer().sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
  }

  /** ↑ in the empty composer edits my last message; the new text replaces it and Enter saves. */
  void editLastMessage(String newText) {
    WebElement composer = composer();
    composer.sendKeys(Keys.ARROW_UP);
    waitFor(() -> present(".composer-context[data-kind=edit]:not([hidden])"), "edit mode");
    composer.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    composer.sendKeys(newText + Keys.ENTER);
  }

  void deleteForEveryone(String text) {
    messageAction(text, ".act-delete");
    WebElement confirm = waitFor(() -> driver.findElements(By.cssSelector("dialog[open] .dialog-actions button")).stream()
      .filter(button -> button.getText().equals("Delete for everyone")).findFirst().orElse(null), "the delete dialog");
    confirm.click();
  }

  /** Reports a message to the moderators with a reason from the list (its value, e.g. {@code harassment}). */
  void report(String text, String reason, String note) {
    messageAction(text, ".act-report");
    waitFor(() -> present("dialog[open] .report-reason"), "the report dialog");
    new org.openqa.selenium.support.ui.Select(driver.findElement(By.cssSelector("dialog[open] .report-reason"))).selectByValue(reason);
    type("dialog[open] .report-note", note);
    driver.findElement(By.cssSelector("dialog[open] .send-report")).click();
    waitFor(() -> !present("dialog[open] .report-reason"), "the report sent");
  }

  void replyTo(String text, String answer) {
    messageAction(text, ".act-reply");
    waitFor(() -> present(".composer-context[data-kind=reply]:not([hidden])"), "reply mode");
    send(answer);
  }

  /** Toggles my reaction on a message with the reaction picker. */
  void react(String text, String emoji) {
    waitFor(() -> {
      WebElement message = messageElement(text);
      showActions(message);
      if (!message.findElement(By.cssSelector(".reaction-picker")).isDisplayed()) {
        message.findElement(By.cssSelector(".act-react")).click();
      }
      message.findElement(By.cssSelector(".reaction-choice[data-emoji='" + emoji + "']")).click();
      return true;
    }, "the reaction " + emoji + " on '" + text + "'");
  }

  /** How many reacted to a message with an emoji, and whether I did: "2 mine", "1", or "0" when nobody. */
  String reactions(String text, String emoji) {
    return (String) js("""
        const message = [...document.querySelectorAll('.messages .message-list .msg[data-seq]')]
          .find((e) => e.querySelector('.msg-text')?.textContent === arguments[0]);
        const chip = message && [...message.querySelectorAll('.reaction[data-emoji]')].find((e) => e.dataset.emoji === arguments[1]);
        return chip ? chip.querySelector('.reaction-count').textContent + (chip.getAttribute('aria-pressed') === 'true' ? ' mine' : '') : '0';""",
      text, emoji);
  }

  void pin(String text) {
    messageAction(text, ".act-pin");
  }

  /** The pinned messages bar of the open chat ("" when hidden). */
  String pinnedBar() {
    return (String) js("const b = document.querySelector('.conv-body:not([hidden]) .pinned-bar'); return b && !b.hidden ? b.textContent : '';");
  }

  /**
   * Uses one of a message's actions. A message re-rendered meanwhile (a receipt, an edit) is
   * simply found again.
   */
  void messageAction(String text, String action) {
    waitFor(() -> {
      WebElement message = messageElement(text);
      showActions(message);
      message.findElement(By.cssSelector(action)).click();
      return true;
    }, "the action " + action + " on '" + text + "'");
  }

  /**
   * Shows a message's actions as someone with a mouse would: pointing at it (or focusing it)
   * shows them beside the bubble in a wide pane; in a narrow pane it shows the ⋯ button, which
   * opens them.
   */
  private void showActions(WebElement message) {
    new Actions(driver).moveToElement(message.findElement(By.cssSelector(".bubble"))).perform();
    js("arguments[0].focus()", message);
    WebElement menu = message.findElement(By.cssSelector(".msg-menu"));
    if (menu.isDisplayed() && !message.getDomAttribute("class").contains("actions-open")) {
      menu.click();
    }
  }

  /** Opens the thread of a message and answers in it. */
  void replyInThread(String rootText, String answer) {
    messageAction(rootText, ".act-thread");
    waitFor(() -> present(".thread-panel:not([hidden]) .composer-input"), "the thread panel");
    WebElement input = driver.findElement(By.cssSelector(".thread-panel .composer-input"));
    input.sendKeys(answer + Keys.ENTER);
  }

  @SuppressWarnings("unchecked")
  List<String> threadReplies() {
    return (List<String>) js("return [...document.querySelectorAll('.thread-panel:not([hidden]) .message-list[aria-label=Replies] .msg-text')].map((e) => e.textContent);");
  }

  /** The "N replies" link under a message, or null. */
  String threadLink(String rootText) {
    return (String) js("""
        const message = [...document.querySelectorAll('.conversation .messages .msg[data-seq]')]
          .find((e) => e.querySelector('.msg-text')?.textContent === arguments[0]);
        return message?.querySelector('.thread-link')?.textContent || null;""", rootText);
  }

  /** A message on screen, found by its text (waited for). */
  WebElement messageElement(String text) {
    return waitFor(() -> driver.findElements(By.cssSelector(".messages .message-list .msg[data-seq]")).stream()
      .filter(element -> !element.findElements(By.cssSelector(".msg-text")).isEmpty()
        && element.findElement(By.cssSelector(".msg-text")).getText().equals(text))
      .findFirst().orElse(null), "the message '" + text + "'");
  }

  private WebElement composer() {
    return driver.findElement(By.cssSelector(".composer-input"));
  }

  // ---- what is on screen ----

  @SuppressWarnings("unchecked")
  List<String> messages() {
    return (List<String>) js(MESSAGE_TEXTS);
  }

  @SuppressWarnings("unchecked")
  List<String> pendingMessages() {
    return (List<String>) js("return [...document.querySelectorAll('.pending-list .msg .msg-text')].map((e) => e.textContent);");
  }

  void waitForMessages(List<String> expected) {
    try {
      waitFor(() -> messages().equals(expected), "messages " + expected);
    } catch (AssertionError missing) {
      throw new AssertionError(missing.getMessage() + "\non screen: " + messages(), missing);
    }
  }

  /** The receipt ticks of my message with this text: sent, delivered or read. */
  String tickOf(String text) {
    return (String) js("""
        const message = [...document.querySelectorAll('.message-list .msg.mine')]
          .find((e) => e.querySelector('.msg-text')?.textContent === arguments[0]);
        return message?.querySelector('.tick')?.dataset.status || null;""", text);
  }

  String typingIndicator() {
    return (String) js("const t = document.querySelector('.typing-indicator'); return t && !t.hidden ? t.textContent : '';");
  }

  String banner() {
    return (String) js("const b = document.querySelector('.connection-banner'); return b && !b.hidden ? b.textContent : '';");
  }

  boolean present(String css) {
    return !driver.findElements(By.cssSelector(css)).isEmpty();
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  private void type(String css, String text) {
    WebElement input = driver.findElement(By.cssSelector(css));
    input.clear();
    input.sendKeys(text);
  }

  // ---- the browser ----

  /** Cuts this browser off the network (as airplane mode would), or gives it back. */
  void network(boolean online) {
    ChromiumNetworkConditions conditions = new ChromiumNetworkConditions();
    conditions.setOffline(!online);
    driver.setNetworkConditions(conditions);
  }

  void resize(int width, int height) {
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
  }

  /** Switches the theme, and waits out the controls' colour transitions so a screenshot shows the new colours. */
  void darkTheme(boolean dark) {
    js("localStorage.setItem('parley.theme', arguments[0]); document.documentElement.dataset.theme = arguments[0];", dark ? "dark" : "light");
    ((JavascriptExecutor) driver).executeAsyncScript("setTimeout(arguments[arguments.length - 1], 300);");
  }

  /** Saves what this person sees as build output (e2e/target/screenshots), for people to look at. */
  void screenshot(String name) {
    try {
      Path directory = Path.of(System.getProperty("parley.screenshots", "target/screenshots"));
      Files.createDirectories(directory);
      Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
      Files.copy(shot, directory.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      log.warn("Could not save screenshot {}", name, e);
    }
  }

  /**
   * Clicks the element {@code css} finds, finding it again if the app re-rendered it between the
   * find and the click (a live event redraws lists at any moment).
   */
  void click(String css, String what) {
    waitFor(() -> {
      driver.findElement(By.cssSelector(css)).click();
      return true;
    }, what);
  }

  /** Waits for a value (non-null, not false); fails with what was awaited and the browser's console. */
  <T> T waitFor(Supplier<T> condition, String what) {
    try {
      return new FluentWait<>(driver).withTimeout(PATIENCE).pollingEvery(Duration.ofMillis(50))
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .ignoring(org.openqa.selenium.NoSuchElementException.class)
        .ignoring(org.openqa.selenium.ElementNotInteractableException.class)
        .until(ignored -> {
          T value = condition.get();
          return Boolean.FALSE.equals(value) ? null : value;
        });
    } catch (org.openqa.selenium.TimeoutException timeout) {
      screenshot("failure-" + username);
      throw new AssertionError(displayName + " never saw " + what + "\nconsole:\n" + console(), timeout);
    }
  }

  String console() {
    StringBuilder text = new StringBuilder();
    driver.manage().logs().get(LogType.BROWSER).forEach(entry -> text.append(entry.getLevel()).append(' ').append(entry.getMessage()).append('\n'));
    return text.toString();
  }

  @Override
  public void close() {
    driver.quit();
  }

  @Override
  public String toString() {
    return displayName + " (@" + username + ")";
  }
}
