package io.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Stories in two real browsers: Alice adds Bob to her contacts in settings and posts a text
 * story; the ring appears in Bob's row without a reload, he watches it and replies; Alice sees
 * him among the viewers of her story and his reply arrives in their direct chat, quoting the story.
 */
class StoriesInTheBrowserIT {

  @RegisterExtension
  static final BrowserScenario scenario = BrowserScenario.withNode();


  @Test
  void aContactsStoryAppearsLiveIsViewedAndTheReplyArrivesAsADirectMessage() throws Exception {
    Person alice = scenario.person("Alice Martin");
    Person bob = scenario.person("Bob Okafor");
    alice.signUp();
    bob.signUp();

    addContact(alice, bob);
    bob.waitFor(() -> bob.present(".stories .story-ring.add"), "the stories row");
    assertThat(bob.present(".story-ring[data-author-id]")).isFalse();

    postTextStory(alice, "Off to the mountains!");
    alice.waitFor(() -> alice.present(".story-ring.mine"), "her own ring");

    bob.waitFor(() -> bob.present(".story-ring.unseen[data-author-id]"), "Alice's ring appearing live");
    bob.screenshot("stories-01-ring-appears");
    bob.click(".story-ring.unseen[data-author-id]", "Alice's ring, to open it");
    bob.waitFor(() -> text(bob, ".story-viewer .story-text").equals("Off to the mountains!"), "the story in the viewer");
    bob.screenshot("stories-02-viewer");
    WebElement reply = bob.driver().findElement(By.cssSelector(".story-viewer input[name=reply]"));
    reply.sendKeys("Have fun up there!");
    reply.sendKeys(Keys.ENTER);
    bob.waitFor(() -> !bob.present(".story-viewer"), "the viewer closing after the reply");
    bob.waitFor(() -> bob.present(".story-ring.seen[data-author-id]"), "the ring marked seen");

    alice.click(".story-ring.mine", "her own ring, to open it");
    alice.waitFor(() -> alice.present(".story-viewer .story-own button"), "her own story with its viewers button");
    alice.click(".story-viewer .story-own button", "the viewers button");
    alice.waitFor(() -> text(alice, ".story-viewer .story-viewers").contains("Bob Okafor"), "Bob among the viewers");
    alice.screenshot("stories-03-viewers");
    alice.click(".story-viewer .story-head .icon-button", "the viewer's close button");
    alice.waitFor(() -> !alice.present(".story-viewer"), "the viewer closed");

    alice.openChat(bob.displayName);
    alice.waitFor(() -> alice.messages().contains("Have fun up there!"), "Bob's reply as a direct message");
    alice.waitFor(() -> text(alice, ".story-quote").contains("Off to the mountains!"), "the reply quoting the story");
    alice.screenshot("stories-04-reply");
  }

  /** Settings → Contacts: find the other person by username and add them. */
  private static void addContact(Person owner, Person contact) {
    owner.driver().findElement(By.cssSelector(".me-button")).click();
    owner.waitFor(() -> owner.present(".segment[data-section=contacts]"), "the settings");
    owner.driver().findElement(By.cssSelector(".segment[data-section=contacts]")).click();
    owner.waitFor(() -> owner.present("input[name=contactSearch]"), "the contacts section");
    WebElement search = owner.driver().findElement(By.cssSelector("input[name=contactSearch]"));
    search.sendKeys(contact.username);
    search.sendKeys(Keys.ENTER);
    owner.waitFor(() -> {
      owner.driver().findElement(By.cssSelector(".contacts-settings .button.primary")).click();
      return true;
    }, "the person to add");
    owner.waitFor(() -> text(owner, ".contacts-list").contains(contact.displayName), "the new contact listed");
    owner.screenshot("stories-00-contacts");
    owner.driver().findElement(By.cssSelector("dialog .dialog-head .icon-button")).click();
    owner.waitFor(() -> !owner.present("dialog.dialog-profile"), "the settings closed");
  }

  private static void postTextStory(Person author, String words) {
    author.driver().findElement(By.cssSelector(".story-ring.add")).click();
    author.waitFor(() -> author.present(".dialog-story-composer textarea[name=text]"), "the story composer");
    author.driver().findElement(By.cssSelector(".dialog-story-composer textarea[name=text]")).sendKeys(words);
    author.driver().findElement(By.cssSelector(".dialog-story-composer button[type=submit]")).click();
    author.waitFor(() -> !author.present(".dialog-story-composer"), "the composer closing");
  }

  private static String text(Person person, String css) {
    return person.driver().findElements(By.cssSelector(css)).stream().findFirst().map(WebElement::getText).orElse("");
  }
}
