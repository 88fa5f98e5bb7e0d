package io.parley.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium through its own chromedriver (no download, no network), for the
 * browser tests of web/ and e2e/. Each call starts a separate browser with its own profile:
 * separate storage, a separate person. Its console is kept ({@code LogType.BROWSER}) so a test
 * can log what the page said. Needs {@code org.seleniumhq.selenium:selenium-chrome-driver} on the
 * test classpath, which this module leaves to the modules that run browsers.
 */
public final class Chromium {

  static final Path BINARY = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private Chromium() {
  }

  /** A new browser whose window is {@code width} × {@code height} CSS pixels, in British English. */
  public static ChromeDriver start(int width, int height) throws IOException {
    return start(width, height, new Options());
  }

  /** The same, with the {@link Options} a test needs beyond the defaults. */
  public static ChromeDriver start(int width, int height, Options extra) throws IOException {
    if (!Files.isExecutable(BINARY) || !Files.isExecutable(DRIVER)) {
      throw new IllegalStateException("Chromium is missing (" + BINARY + ", " + DRIVER
          + "): run e2e/install-chromium.sh as root, or apt-get install chromium chromium-driver");
    }
    // Each browser leaves a profile folder in TMPDIR: the build points it below target/.
    String tmp = System.getenv("TMPDIR");
    if (tmp != null) {
      Files.createDirectories(Path.of(tmp));
    }
    System.setProperty("webdriver.chrome.driver", DRIVER.toString());
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    ChromeOptions options = new ChromeOptions()
        .setBinary(BINARY.toFile())
        .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
            // Several browsers share one machine in a scenario: none may be slowed down as a background tab.
            "--disable-renderer-backgrounding", "--disable-background-timer-throttling",
            "--disable-backgrounding-occluded-windows",
            // What a test browser never needs, each costing CPU at start or while it runs (the
            // defaults browser-automation tools use): extensions, crash reports, phishing checks,
            // hang and flood monitors, translation and media-router features.
            "--disable-extensions", "--disable-component-extensions-with-background-pages", "--disable-default-apps",
            "--disable-breakpad", "--disable-client-side-phishing-detection", "--disable-hang-monitor",
            "--disable-ipc-flooding-protection", "--metrics-recording-only", "--password-store=basic", "--use-mock-keychain",
            "--disable-features=Translate,MediaRouter,OptimizationHints,AcceptCHFrame",
            // The app's reduced-motion styles: no spinner or typing dots redrawn every frame.
            "--force-prefers-reduced-motion",
            "--force-device-scale-factor=1", "--lang=en-GB", "--window-size=" + width + "," + height);
    Map<String, Object> prefs = new HashMap<>(Map.of("intl.accept_languages", "en-GB"));
    if (extra.fakeMediaDevices) {
      // A synthetic camera and a microphone that beeps, granted without asking: getUserMedia and MediaRecorder work headless.
      options.addArguments("--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", "--autoplay-policy=no-user-gesture-required");
    }
    if (extra.downloads != null) {
      Files.createDirectories(extra.downloads);
      prefs.putAll(Map.of("download.default_directory", extra.downloads.toAbsolutePath().toString(),
          "download.prompt_for_download", false, "download.directory_upgrade", true, "safebrowsing.enabled", false));
    }
    options.setExperimentalOption("prefs", prefs);
    options.setCapability("goog:loggingPrefs", logs);
    return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build(), options);
  }

  /** What a browser may need beyond the defaults: fake media devices, a folder for downloads. */
  public static final class Options {

    private boolean fakeMediaDevices;
    private Path downloads;

    /** Chromium's fake microphone and camera, allowed without a prompt (for recording voice notes). */
    public Options fakeMediaDevices() {
      this.fakeMediaDevices = true;
      return this;
    }

    /** Downloads land in this folder, without asking where. */
    public Options downloadsTo(Path folder) {
      this.downloads = folder;
      return this;
    }
  }
}
