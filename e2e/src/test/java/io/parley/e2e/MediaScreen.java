package io.parley.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The media parts of the app as a person uses them: attaching files through the composer's
 * file pickers, the send dialog, and what photos, voice notes and files look like on screen,
 * read from the page.
 */
final class MediaScreen {

  private MediaScreen() {
  }

  /** A sample file on disk, for a file picker. */
  static Path file(Path folder, String name, byte[] bytes) {
    try {
      Files.createDirectories(folder);
      return Files.write(folder.resolve(name), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Picks files with one of the attach menu's pickers ("media", "audio" or "document"), as the
   * system's file dialog would hand them over, and waits for the send dialog to list them.
   */
  static void attach(Person person, String kind, Path... files) {
    WebElement input = person.driver().findElement(By.cssSelector(".composer .attach-input[data-kind='" + kind + "']"));
    input.sendKeys(Arrays.stream(files).map(Path::toString).collect(Collectors.joining("\n")));
    person.waitFor(() -> person.driver().findElements(By.cssSelector("dialog[open] .send-file")).size() == files.length,
      files.length + " files in the send dialog");
  }

  /** Writes a caption for the n-th file of the send dialog. */
  static void caption(Person person, int index, String caption) {
    person.driver().findElements(By.cssSelector("dialog[open] .file-caption")).get(index).sendKeys(caption);
  }

  static void sendDialog(Person person) {
    person.driver().findElement(By.cssSelector("dialog[open] .send-files-button")).click();
    person.waitFor(() -> !person.present("dialog[open]"), "the send dialog to close");
  }

  /** The natural widths of the photos shown in the conversation (0 while one is still loading), in order. */
  @SuppressWarnings("unchecked")
  static List<Long> thumbnails(Person person) {
    return (List<Long>) person.js("""
        return [...document.querySelectorAll('.conversation .message-list:not(.pending-list) .media-image img')]
          .map((img) => img.complete ? img.naturalWidth : 0);""");
  }

  /** The full view, if open: the index shown and the natural width of its loaded picture (0 while loading). */
  static String fullView(Person person) {
    return (String) person.js("""
        const viewer = document.querySelector('dialog.viewer[open]');
        if (!viewer) { return null; }
        const image = viewer.querySelector('.viewer-image');
        return viewer.dataset.index + ':' + (image && !image.hidden && image.complete ? image.naturalWidth : 0);""");
  }

  /** Each upload on its way: its status and what its bubble says, e.g. "uploading 1.2 MB of 3 MB · 40%". */
  @SuppressWarnings("unchecked")
  static List<String> uploads(Person person) {
    return (List<String>) person.js("""
        return [...document.querySelectorAll('.conversation .pending-list .msg.uploading')]
          .map((e) => e.dataset.status + ' ' + (e.querySelector('.upload-status')?.textContent || e.querySelector('.upload-refused')?.textContent || ''));""");
  }

  /** The state of the n-th voice note in the conversation (paused, playing, ended) and its time label. */
  static String voiceNote(Person person, int index) {
    return (String) person.js("""
        const note = document.querySelectorAll('.conversation .message-list:not(.pending-list) .voice-note')[arguments[0]];
        return note ? note.dataset.state + ' ' + note.querySelector('.voice-time').textContent : null;""", index);
  }

  /** How far the n-th voice note's audio has played, in seconds. */
  static double voicePlayed(Person person, int index) {
    Object played = person.js("""
        const note = document.querySelectorAll('.conversation .message-list:not(.pending-list) .voice-note')[arguments[0]];
        return note ? note.querySelector('audio').currentTime : 0;""", index);
    return ((Number) played).doubleValue();
  }

  /** How many different bar heights the n-th voice note's waveform has (1 while it is flat). */
  static long waveformHeights(Person person, int index) {
    Object heights = person.js("""
        const note = document.querySelectorAll('.conversation .message-list:not(.pending-list) .voice-note')[arguments[0]];
        return note ? new Set([...note.querySelectorAll('.voice-bar')].map((bar) => bar.style.height)).size : 0;""", index);
    return ((Number) heights).longValue();
  }

  /** The document cards in the conversation: "name|size line". */
  @SuppressWarnings("unchecked")
  static List<String> documents(Person person) {
    return (List<String>) person.js("""
        return [...document.querySelectorAll('.conversation .message-list:not(.pending-list) .doc-card')]
          .map((e) => e.querySelector('.doc-name').textContent + '|' + e.querySelector('.doc-size').textContent);""");
  }
}
