package io.parley.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Pause;
import org.openqa.selenium.interactions.PointerInput;
import org.openqa.selenium.interactions.Sequence;

/**
 * A person's browser made a touch screen, as a phone's (Chrome's own device emulation: a coarse
 * pointer, no hover, touch events), and their finger on it.
 */
final class Touchscreen {

  /** Longer than the app's long press (500 ms). */
  private static final Duration LONG_PRESS = Duration.ofMillis(800);

  private final ChromeDriver driver;

  private Touchscreen(ChromeDriver driver) {
    this.driver = driver;
  }

  /** Turns the person's browser into a touch screen, and waits until the page sees one. */
  static Touchscreen of(Person person) {
    person.driver().executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", true, "maxTouchPoints", 5));
    person.waitFor(() -> person.js("return matchMedia('(hover: none) and (pointer: coarse)').matches"), "a touch screen");
    return new Touchscreen(person.driver());
  }

  void tap(WebElement element) {
    touch(element, Duration.ZERO);
  }

  /** Rests a finger on an element for longer than a tap. */
  void longPress(WebElement element) {
    touch(element, LONG_PRESS);
  }

  private void touch(WebElement element, Duration hold) {
    PointerInput finger = new PointerInput(PointerInput.Kind.TOUCH, "finger");
    Sequence touch = new Sequence(finger, 0)
      .addAction(finger.createPointerMove(Duration.ZERO, PointerInput.Origin.fromElement(element), 0, 0))
      .addAction(finger.createPointerDown(PointerInput.MouseButton.LEFT.asArg()));
    if (!hold.isZero()) {
      touch.addAction(new Pause(finger, hold));
    }
    driver.perform(List.of(touch.addAction(finger.createPointerUp(PointerInput.MouseButton.LEFT.asArg()))));
  }
}
