package io.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testkit.Chromium;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the browser client's own tests (web/src/test/js: the realtime client on an in-memory
 * transport, the SockJS transport, rendering safety) in headless Chromium and reports each as a
 * JUnit test. No Node.js: the browser is the test runtime.
 */
class ClientTestsIT {

  private static final Logger log = LoggerFactory.getLogger(ClientTestsIT.class);

  @TestFactory
  Stream<DynamicTest> clientTestsPassInChromium() throws Exception {
    List<Map<String, Object>> results;
    try (StaticServer server = new StaticServer(Path.of(System.getProperty("parley.webroot")),
      Path.of(System.getProperty("parley.testPages")))) {
      // The fake microphone (granted without asking) lets the recorder's test record, and playback needs no gesture.
      ChromeDriver browser = Chromium.start(1200, 800, new Chromium.Options().fakeMediaDevices());
      try {
        browser.get(server.url("/test/index.html"));
        try {
          results = new WebDriverWait(browser, Duration.ofSeconds(90)).until(driver -> results(driver));
        } finally {
          browser.manage().logs().get(LogType.BROWSER).forEach(entry -> log.info("browser: {}", entry.getMessage()));
        }
      } finally {
        browser.quit();
      }
    }
    assertThat(results).as("client tests found").isNotEmpty();
    return results.stream().map(result -> DynamicTest.dynamicTest(String.valueOf(result.get("name")), () -> {
      log.info("{} {} ({} ms)", Boolean.TRUE.equals(result.get("passed")) ? "PASS" : "FAIL", result.get("name"), result.get("ms"));
      assertThat(result.get("passed")).as("%s%n%s", result.get("name"), result.get("error")).isEqualTo(true);
    }));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> results(org.openqa.selenium.WebDriver driver) {
    return (List<Map<String, Object>>) ((JavascriptExecutor) driver).executeScript("return window.parleyTestResults || null;");
  }
}
