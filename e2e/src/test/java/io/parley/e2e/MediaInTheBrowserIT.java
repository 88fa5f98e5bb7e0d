package io.parley.e2e;

import static io.parley.e2e.MediaScreen.attach;
import static io.parley.e2e.MediaScreen.caption;
import static io.parley.e2e.MediaScreen.file;
import static io.parley.e2e.MediaScreen.fullView;
import static io.parley.e2e.MediaScreen.sendDialog;
import static io.parley.e2e.MediaScreen.thumbnails;
import static io.parley.e2e.MediaScreen.uploads;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.media.testing.Samples;
import io.parley.testkit.Chromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.interactions.Actions;

/**
 * Photos, voice notes and files between real browsers and a real node: the bytes go from one
 * person's browser to the node's object store through signed URLs and come back to the other's
 * through signed URLs, checked by the media service on the way. Screenshots land in
 * e2e/target/screenshots.
 */
class MediaInTheBrowserIT {

  @RegisterExtension
  static final BrowserScenario scenario = BrowserScenario.withNode();


  private static final Path FILES = Path.of(System.getProperty("parley.test.workDir", "target/it-work"), "media-files");

  @Test
  void photosSentByOnePersonAppearAsThumbnailsOnTheOthersScreenAndOpenFullSize() throws Exception {
    Person alice = scenario.person("Alice Martin").signUp();
    Person bob = scenario.person("Bob Okafor").signUp();
    alice.openDirectChatWith(bob);
    alice.send("Photos from the weekend");
    Path harbour = file(FILES, "harbour.jpg", Samples.jpeg(1600, 1200));
    Path garden = file(FILES, "garden.png", Samples.png(900, 1200));

    attach(alice, "media", harbour, garden);
    caption(alice, 0, "The harbour at dawn");
    alice.screenshot("40-send-photos");
    sendDialog(alice);
    alice.waitFor(() -> thumbnails(alice).size() == 2 && uploads(alice).isEmpty(), "her two photos sent");

    bob.openChat(alice.displayName);
    bob.waitFor(() -> thumbnails(bob).equals(List.of(320L, 240L)), "two thumbnails, never larger than 320 px");
    assertThat(bob.messages()).containsExactly("Photos from the weekend", "The harbour at dawn");
    atRest(bob);
    bob.screenshot("41-photos-received");
    bob.darkTheme(true);
    bob.screenshot("42-photos-received-dark");
    bob.darkTheme(false);

    bob.driver().findElements(By.cssSelector(".message-list .media-image")).get(0).click();
    bob.waitFor(() -> "0:1600".equals(fullView(bob)), "the harbour at full size");
    assertThat(bob.js("return document.querySelector('.viewer-caption').textContent")).isEqualTo("The harbour at dawn");
    bob.screenshot("43-photo-full-view");
    bob.driver().switchTo().activeElement().sendKeys(Keys.ARROW_RIGHT);
    bob.waitFor(() -> "1:900".equals(fullView(bob)), "the garden, with the right arrow key");
    bob.driver().switchTo().activeElement().sendKeys(Keys.ARROW_LEFT);
    bob.waitFor(() -> "0:1600".equals(fullView(bob)), "back to the harbour");
    bob.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
    bob.waitFor(() -> fullView(bob) == null, "the full view closed");

    bob.resize(390, 844);
    bob.waitFor(() -> Layout.panesScrollingSideways(bob).isEmpty(), "nothing scrolling sideways on a phone");
    atRest(bob);
    bob.screenshot("44-phone-photos");
    bob.driver().findElements(By.cssSelector(".message-list .media-image")).get(1).click();
    bob.waitFor(() -> "1:900".equals(fullView(bob)), "the garden full size on the phone");
    swipe(bob, 120);
    bob.waitFor(() -> "0:1600".equals(fullView(bob)), "the harbour, swiped to");
    bob.screenshot("45-phone-full-view");
    bob.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
    bob.resize(1280, 800);

    bob.driver().findElement(By.cssSelector(".conv-head button[aria-label='Chat info']:last-child")).click();
    bob.waitFor(() -> bob.driver().findElements(By.cssSelector("dialog[open] .gallery-tile img")).stream()
      .filter(img -> "true".equals(String.valueOf(bob.js("return arguments[0].complete && arguments[0].naturalWidth > 0", img)))).count() == 2,
      "both photos in the chat's media");
    bob.screenshot("46-chat-media");
    bob.darkTheme(true);
    bob.screenshot("47-chat-media-dark");
    bob.darkTheme(false);
  }

  @Test
  void anUploadShowsItsProgressAndCancelsAndOneStartedOfflineIsSentOnceWhenTheNetworkIsBack() throws Exception {
    Person alice = scenario.person("Alice Martin").signUp();
    Person bob = scenario.person("Bob Okafor").signUp();
    alice.openDirectChatWith(bob);
    alice.send("Sending the backup");
    byte[] noise = new byte[3_000_000];
    new Random(7).nextBytes(noise);
    Path backup = file(FILES, "backup.bin", noise);

    slowUploads(alice, 150_000);
    attach(alice, "document", backup);
    sendDialog(alice);
    alice.waitFor(() -> uploads(alice).stream().anyMatch(state -> state.matches("uploading .* of 3\\.0 MB · ([1-9]|[1-9][0-9])%")),
      "the upload's progress");
    alice.screenshot("48-upload-progress");
    alice.driver().findElement(By.cssSelector(".msg.uploading .upload-cancel")).click();
    alice.waitFor(() -> uploads(alice).isEmpty(), "the upload cancelled");
    alice.driver().setNetworkConditions(new ChromiumNetworkConditions());

    alice.network(false);
    alice.waitFor(() -> alice.banner().contains("Offline"), "the offline banner");
    attach(alice, "media", file(FILES, "while-away.jpg", Samples.jpeg(800, 600)));
    caption(alice, 0, "Taken on the train");
    sendDialog(alice);
    alice.waitFor(() -> uploads(alice).equals(List.of("waiting Waiting for the network…")), "the photo waiting for the network");
    alice.screenshot("49-upload-waiting-offline");
    alice.network(true);
    alice.waitFor(() -> uploads(alice).isEmpty() && alice.pendingMessages().isEmpty() && thumbnails(alice).size() == 1,
      "the photo sent once the network is back");

    bob.openChat(alice.displayName);
    bob.waitFor(() -> thumbnails(bob).equals(List.of(320L)), "the photo, once");
    assertThat(bob.messages()).containsExactly("Sending the backup", "Taken on the train");
    assertThat(MediaScreen.documents(bob)).isEmpty();
  }

  @Test
  void aVoiceNoteIsRecordedWithTheFakeMicrophoneAndPlayedBackOnTheOtherSide() throws Exception {
    Person alice = scenario.person("Alice Martin", new Chromium.Options().fakeMediaDevices()).signUp();
    Person bob = scenario.person("Bob Okafor", new Chromium.Options().fakeMediaDevices()).signUp();
    alice.openDirectChatWith(bob);
    alice.send("Listen to this");

    alice.driver().findElement(By.cssSelector(".composer .voice-button")).click();
    alice.waitFor(() -> alice.present(".recorder:not([hidden])"), "the recorder");
    alice.waitFor(() -> "0:02".equals(alice.js("return document.querySelector('.rec-time').textContent")), "two seconds recorded");
    alice.screenshot("50-recording-voice-note");
    alice.driver().findElement(By.cssSelector(".recorder .rec-send")).click();
    alice.waitFor(() -> MediaScreen.voiceNote(alice, 0) != null && uploads(alice).isEmpty(), "her voice note sent");

    bob.openChat(alice.displayName);
    bob.waitFor(() -> String.valueOf(MediaScreen.voiceNote(bob, 0)).matches("paused 0:0[23]"), "the voice note with its length");
    bob.waitFor(() -> MediaScreen.waveformHeights(bob, 0) > 3, "its waveform, measured from the recording");
    atRest(bob);
    bob.screenshot("51-voice-note-received");
    bob.driver().findElement(By.cssSelector(".message-list .voice-note .voice-play")).click();
    bob.waitFor(() -> MediaScreen.voicePlayed(bob, 0) > 0.5, "the voice note playing");
    assertThat(MediaScreen.voiceNote(bob, 0)).startsWith("playing");
    bob.screenshot("52-voice-note-playing");
    bob.waitFor(() -> String.valueOf(MediaScreen.voiceNote(bob, 0)).startsWith("ended"), "played to the end");
    bob.darkTheme(true);
    bob.screenshot("53-voice-note-dark");
    bob.darkTheme(false);
  }

  @Test
  void aDocumentDownloadsAndAProfilePhotoFromSettingsShowsToOthers() throws Exception {
    Path downloads = Files.createDirectories(FILES.resolve("downloads-" + System.nanoTime()));
    Person alice = scenario.person("Alice Martin").signUp();
    Person bob = scenario.person("Bob Okafor", new Chromium.Options().downloadsTo(downloads)).signUp();
    alice.openDirectChatWith(bob);
    alice.send("The report, as promised");
    byte[] report = Samples.pdf();
    attach(alice, "document", file(FILES, "Quarterly report.pdf", report));
    sendDialog(alice);
    alice.waitFor(() -> MediaScreen.documents(alice).size() == 1 && uploads(alice).isEmpty(), "her document sent");

    bob.openChat(alice.displayName);
    bob.waitFor(() -> MediaScreen.documents(bob).equals(List.of("Quarterly report.pdf|" + report.length + " B · PDF")), "the document card");
    atRest(bob);
    bob.screenshot("54-document-card");
    bob.driver().findElement(By.cssSelector(".message-list .doc-card .doc-download")).click();
    Path downloaded = downloads.resolve("Quarterly report.pdf");
    bob.waitFor(() -> Files.exists(downloaded) && sameBytes(downloaded, report), "the document downloaded, byte for byte");

    alice.driver().findElement(By.cssSelector(".me-button")).click();
    alice.waitFor(() -> alice.present("dialog[open] .picture-input"), "her profile settings");
    alice.driver().findElement(By.cssSelector("dialog[open] .picture-input")).sendKeys(file(FILES, "me.jpg", Samples.jpeg(600, 600)).toString());
    alice.waitFor(() -> String.valueOf(alice.js("return document.getElementById('toasts')?.textContent")).contains("New photo saved"),
      "her new profile photo saved");
    alice.waitFor(() -> pictureShown(alice, "dialog[open] .picture-face"), "her photo in the settings");
    alice.screenshot("55-settings-profile-photo");

    bob.driver().navigate().refresh();
    bob.waitFor(() -> pictureShown(bob, ".chat-list .chat-item"), "Alice's photo in his chat list");
    bob.waitFor(() -> pictureShown(bob, ".conv-head"), "and over the conversation");
    atRest(bob);
    bob.screenshot("56-profile-photo-seen");
  }

  @Test
  void aVideoAndAnAudioFilePlayInlineAndEverythingFitsAPhone() throws Exception {
    Person alice = scenario.person("Alice Martin").signUp();
    Person bob = scenario.person("Bob Okafor").signUp();
    alice.openDirectChatWith(bob);
    alice.send("A clip and a tune");
    attach(alice, "media", file(FILES, "clip.webm", Samples.webmVideo()));
    caption(alice, 0, "Test pattern");
    sendDialog(alice);
    attach(alice, "audio", file(FILES, "tone.mp3", Samples.mp3()));
    sendDialog(alice);
    attach(alice, "document", file(FILES, "Minutes.pdf", Samples.pdf()));
    sendDialog(alice);
    alice.waitFor(() -> uploads(alice).isEmpty() && alice.pendingMessages().isEmpty() && MediaScreen.documents(alice).size() == 1,
      "all three sent");

    bob.openChat(alice.displayName);
    bob.waitFor(() -> "1|3".equals(bob.js("""
        const video = document.querySelector('.message-list .media-video');
        const audio = document.querySelector('.message-list .media-audio-player');
        return video && audio && video.readyState >= 1 && audio.readyState >= 1
          ? Math.round(video.duration) + '|' + Math.round(audio.duration) : null;""")), "the video and the audio ready to play, with their lengths");
    assertThat(bob.js("""
        return [...document.querySelectorAll('.message-list:not(.pending-list) .msg .bubble')]
          .map((b) => [...b.classList].find((c) => c.startsWith('kind-')) || 'text').join(' ');"""))
      .as("in the order they were sent").isEqualTo("text kind-video kind-audio kind-document");
    bob.js("document.querySelector('.message-list .media-video').play()");
    bob.waitFor(() -> Boolean.TRUE.equals(bob.js("return document.querySelector('.message-list .media-video').currentTime > 0.3;")),
      "the video playing inline");
    atRest(bob);
    bob.screenshot("57-video-and-audio");
    bob.darkTheme(true);
    bob.screenshot("58-video-and-audio-dark");
    bob.darkTheme(false);
    bob.resize(390, 844);
    bob.waitFor(() -> Layout.panesScrollingSideways(bob).isEmpty(), "nothing scrolling sideways on a phone");
    atRest(bob);
    bob.screenshot("59-phone-video-audio-document");
    attach(bob, "media", file(FILES, "reply.jpg", Samples.jpeg(640, 480)));
    bob.screenshot("60-phone-send-dialog");
  }

  private static boolean pictureShown(Person person, String where) {
    return Boolean.TRUE.equals(person.js("""
        const img = document.querySelector(arguments[0] + ' .avatar-picture');
        return Boolean(img && !img.hidden && img.complete && img.naturalWidth > 0);""", where));
  }

  private static boolean sameBytes(Path file, byte[] expected) {
    try {
      return java.util.Arrays.equals(Files.readAllBytes(file), expected);
    } catch (java.io.IOException stillBeingWritten) {
      return false;
    }
  }

  /** Uploads crawl at this many bytes a second, so their progress can be seen. */
  private static void slowUploads(Person person, int bytesPerSecond) {
    ChromiumNetworkConditions slow = new ChromiumNetworkConditions();
    slow.setUploadThroughput(bytesPerSecond);
    slow.setDownloadThroughput(10_000_000);
    person.driver().setNetworkConditions(slow);
  }

  /** A finger across the full view: positive to the right (the one before). */
  private static void swipe(Person person, int dx) {
    var stage = person.driver().findElement(By.cssSelector(".viewer-stage"));
    new Actions(person.driver()).moveToElement(stage).clickAndHold().moveByOffset(dx, 5).release().perform();
  }

  /** Nothing hovered or focused, so a screenshot shows the screen as it rests. */
  private static void atRest(Person person) {
    new Actions(person.driver()).moveToElement(person.driver().findElement(By.cssSelector(".composer-input"))).perform();
    person.js("document.activeElement?.blur()");
  }
}
