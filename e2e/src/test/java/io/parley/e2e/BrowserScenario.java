package io.parley.e2e;

import io.parley.node.Node;
import io.parley.testkit.Chromium;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * What every browser scenario shares: one real node for the class, and a browser per person,
 * closed after each test.
 */
abstract class BrowserScenario {

  protected static Node node;
  protected static String baseUrl;
  private final List<Person> people = new ArrayList<>();

  @BeforeAll
  static void startNode() throws Exception {
    node = TestNode.start();
    baseUrl = "http://127.0.0.1:" + node.httpPort();
  }

  @AfterAll
  static void stopNode() {
    if (node != null) {
      node.close();
    }
  }

  @AfterEach
  void closeBrowsers() {
    people.forEach(Person::close);
  }

  /** A new person in a browser of their own, on the app's start page. */
  protected Person person(String name) throws Exception {
    return person(name, new Chromium.Options());
  }

  /** The same, in a browser with extra {@link Chromium.Options} (a fake microphone, a downloads folder). */
  protected Person person(String name, Chromium.Options options) throws Exception {
    Person person = Person.start(name, baseUrl, options);
    people.add(person);
    return person;
  }
}
