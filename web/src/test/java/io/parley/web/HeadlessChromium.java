package io.parley.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Debian's headless Chromium driven through its own chromedriver: no download, no network. */
final class HeadlessChromium {

  static final Path BINARY = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private HeadlessChromium() {
  }

  static ChromeDriver start() throws IOException {
    if (!Files.isExecutable(BINARY) || !Files.isExecutable(DRIVER)) {
      throw new IllegalStateException("Chromium is missing (" + BINARY + ", " + DRIVER
        + "): run e2e/install-chromium.sh as root, or apt-get install chromium chromium-driver");
    }
    String tmp = System.getenv("TMPDIR");
    if (tmp != null) {
      Files.createDirectories(Path.of(tmp));
    }
    System.setProperty("webdriver.chrome.driver", DRIVER.toString());
    ChromeOptions options = new ChromeOptions()
      .setBinary(BINARY.toFile())
      .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--window-size=1200,800");
    return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build(), options);
  }
}
