package io.parley.e2e;

import io.parley.node.Node;
import io.parley.testkit.Chromium;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What every browser scenario shares, as a JUnit extension: one real node for the class, started
 * with the class's settings, and a browser per person, closed after each test. Declare it first
 * in the class:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final BrowserScenario scenario = BrowserScenario.withNode(config -> Config.set(config, …));
 * }</pre>
 */
final class BrowserScenario implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {

  private final Consumer<JsonObject> settings;
  private final List<Person> people = new ArrayList<>();
  private Node node;
  private String baseUrl;

  private BrowserScenario(Consumer<JsonObject> settings) {
    this.settings = settings;
  }

  /** A node with the defaults of {@link TestNode}. */
  static BrowserScenario withNode() {
    return withNode(config -> { });
  }

  /** A node whose configuration {@code settings} changes before it starts. */
  static BrowserScenario withNode(Consumer<JsonObject> settings) {
    return new BrowserScenario(settings);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    node = TestNode.start(settings);
    baseUrl = "http://127.0.0.1:" + node.httpPort();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    people.forEach(Person::close);
    people.clear();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (node != null) {
      node.close();
    }
  }

  Node node() {
    return node;
  }

  /** Where the browsers open the app: {@code http://127.0.0.1:<port>}. */
  String baseUrl() {
    return baseUrl;
  }

  /** A new person in a browser of their own, on the app's start page. */
  Person person(String name) throws Exception {
    return person(name, new Chromium.Options());
  }

  /** The same, in a browser with extra {@link Chromium.Options} (a fake microphone, a downloads folder). */
  Person person(String name, Chromium.Options options) throws Exception {
    Person person = Person.start(name, baseUrl, options);
    people.add(person);
    return person;
  }
}
