package io.parley.testkit;

import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The life of one test class's Parley: its own Vert.x, configuration pointing at the JVM's shared
 * backends ({@link TestBackends}) plus the class's overrides, preparation steps (schema
 * migrations once per JVM), and a set of deployed verticles; all closed after the class. Declare it
 * at the top of the class, so its settings are the first thing a reader sees:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ParleyExtension parley = ParleyExtension.onSharedBackends()
 *     .config("chat.maxGroupMembers", 4)
 *     .prepareOnce(MIGRATIONS)
 *     .deploy(ChatVerticle::new, 2)
 *     .build();
 * }</pre>
 *
 * <p>A module's own fixture (helpers to act as a user, an HTTP client with a token) extends this
 * class, offers a preset {@link Builder} and adds its set-up in {@link #beforeDeploy()}; tests then
 * declare the fixture itself as the extension. Every accessor is for use once the class has
 * started, from {@code @BeforeAll} methods and tests.
 */
public class ParleyExtension implements BeforeAllCallback, AfterAllCallback {

  /** The {@link Builder#prepareOnce} steps that already ran in this JVM, by identity. */
  private static final Set<Step> PREPARED = new HashSet<>();

  private final Settings settings;
  private final List<Vertx> nodes = new ArrayList<>();
  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private final Deque<Deployed> deployed = new ArrayDeque<>();
  private String startedBy;
  private JsonObject config;
  private WebClient http;

  /** A preparation that needs the class's Vert.x and configuration, such as applying migrations. */
  @FunctionalInterface
  public interface Step {
    /** May change {@code config} (the deployments see the change); completes when done. */
    Future<?> prepare(Vertx vertx, JsonObject config) throws Exception;
  }

  /** An extension configured only by the builder's calls. */
  public static Builder<ParleyExtension> onSharedBackends() {
    return new Builder<>(ParleyExtension::new);
  }

  /** A builder for a fixture class that extends this one: {@code builder(ChatFixture::new)}. */
  public static <T extends ParleyExtension> Builder<T> builder(Function<Builder<T>, T> kind) {
    return new Builder<>(kind);
  }

  protected ParleyExtension(Builder<?> builder) {
    this.settings = builder.settings.copy();
  }

  @Override
  public final void beforeAll(ExtensionContext context) throws Exception {
    start(context.getUniqueId());
  }

  @Override
  public final void afterAll(ExtensionContext context) throws Exception {
    stop(context.getUniqueId());
  }

  /** Starts for the class {@code owner}; a {@code @Nested} class runs inside its outer class's Parley. */
  void start(String owner) throws Exception {
    if (startedBy != null) {
      return;
    }
    startedBy = owner;
    config = TestBackends.config().mergeIn(settings.overrides.copy(), true);
    for (String path : settings.freePorts) {
      config.mergeIn(Settings.at(path, FreePorts.next()), true);
    }
    for (int i = 0; i < settings.nodes; i++) {
      nodes.add(Vertx.vertx());
    }
    for (Settings.Preparation preparation : settings.preparations) {
      prepare(preparation);
    }
    beforeDeploy();
    deploy();
  }

  /** Closes what {@code owner} started; runs even when the start failed half-way. */
  void stop(String owner) throws Exception {
    if (!owner.equals(startedBy)) {
      return;
    }
    try {
      while (!resources.isEmpty()) {
        resources.pop().close();
      }
    } finally {
      for (int i = nodes.size() - 1; i >= 0; i--) {
        nodes.get(i).close().await();
      }
      // Ready to start again: an extension held by a base class serves each subclass in turn.
      nodes.clear();
      deployed.clear();
      config = null;
      http = null;
      startedBy = null;
    }
  }

  /** A fixture's own set-up: runs after the Vert.x exists and the steps ran, before the first deployment. */
  protected void beforeDeploy() throws Exception {
  }

  /** The first (usually only) Vert.x: the one tests send requests from. */
  public Vertx vertx() {
    return vertx(0);
  }

  /** Vert.x number {@code index} of {@link Builder#nodes}: another node sharing the backends. */
  public Vertx vertx(int index) {
    if (nodes.isEmpty()) {
      throw new IllegalStateException("Not started yet: use the extension from @BeforeAll methods and tests");
    }
    return nodes.get(index);
  }

  /** The configuration every deployment got: the shared backends' plus the overrides and free ports. */
  public JsonObject config() {
    if (config == null) {
      throw new IllegalStateException("Not started yet: use the extension from @BeforeAll methods and tests");
    }
    return config;
  }

  /** The port of {@link Builder#httpOnFreePort}: where the gateway of this class listens. */
  public int httpPort() {
    Object port = config().getJsonObject("http", new JsonObject()).getValue("port");
    if (!(port instanceof Integer number)) {
      throw new IllegalStateException("No " + Settings.HTTP_PORT + " in the configuration: use httpOnFreePort()");
    }
    return number;
  }

  /** A client for the HTTP server of {@link Builder#httpOnFreePort}, on the first Vert.x. */
  public WebClient http() {
    if (http == null) {
      http = WebClient.create(vertx(), new WebClientOptions()
          .setDefaultHost(Settings.LOOPBACK)
          .setDefaultPort(httpPort())
          .setUserAgent(Settings.USER_AGENT));
    }
    return http;
  }

  /** Deploys the verticle set on every node, in the order given, with the configuration as it is now. */
  public void deploy() {
    for (Vertx node : nodes) {
      for (Settings.Verticle verticle : settings.verticles) {
        DeploymentOptions options = new DeploymentOptions().setConfig(config).setInstances(verticle.instances());
        deployed.push(new Deployed(node, node.deployVerticle(verticle.supplier(), options).await()));
      }
    }
  }

  /** Undeploys what {@link #deploy} deployed, latest first: with {@code deploy()}, a restart of the services. */
  public void undeploy() {
    while (!deployed.isEmpty()) {
      Deployed deployment = deployed.pop();
      deployment.node().undeploy(deployment.id()).await();
    }
  }

  /** Closes {@code resource} after the class, before the Vert.x instances, latest first; returns it. */
  public <C extends AutoCloseable> C closing(C resource) {
    resources.push(resource);
    return resource;
  }

  private void prepare(Settings.Preparation preparation) throws Exception {
    if (!preparation.once()) {
      preparation.step().prepare(vertx(), config).await();
      return;
    }
    synchronized (PREPARED) {
      if (!PREPARED.contains(preparation.step())) {
        preparation.step().prepare(vertx(), config).await();
        PREPARED.add(preparation.step());
      }
    }
  }

  private record Deployed(Vertx node, String id) {
  }

  /**
   * The settings of one test class's Parley. Calls apply in order: a later {@code config} wins
   * over an earlier one, so a fixture's preset can be overridden by the class that uses it.
   */
  public static final class Builder<T extends ParleyExtension> {

    private final Function<Builder<T>, T> kind;
    private final Settings settings = new Settings();

    private Builder(Function<Builder<T>, T> kind) {
      this.kind = kind;
    }

    /** Sets a dotted configuration path ({@code "chat.maxGroupMembers"}, a {@code ConfigKeys} constant). */
    public Builder<T> config(String path, Object value) {
      settings.overrides.mergeIn(Settings.at(path, value), true);
      return this;
    }

    /** Merges whole sections ({@code {"chat":{…}}}) into the configuration. */
    public Builder<T> config(JsonObject overrides) {
      settings.overrides.mergeIn(overrides.copy(), true);
      return this;
    }

    /** Sets {@code path} to a TCP port that is free when the class starts. */
    public Builder<T> freePort(String path) {
      settings.freePorts.add(path);
      return this;
    }

    /** The gateway listens on 127.0.0.1 at a free port, and {@link ParleyExtension#http()} talks to it. */
    public Builder<T> httpOnFreePort() {
      config(Settings.HTTP_HOST, Settings.LOOPBACK);
      return freePort(Settings.HTTP_PORT);
    }

    /** Runs {@code step} for this class before anything deploys. */
    public Builder<T> prepare(Step step) {
      settings.preparations.add(new Settings.Preparation(step, false));
      return this;
    }

    /**
     * Runs {@code step} before anything deploys unless it already ran in this JVM: pass the same
     * constant each time (the JVM's backends outlive each class, so their schema needs applying once).
     */
    public Builder<T> prepareOnce(Step step) {
      settings.preparations.add(new Settings.Preparation(step, true));
      return this;
    }

    /** Deploys one instance of a verticle. */
    public Builder<T> deploy(Supplier<? extends Deployable> verticle) {
      return deploy(verticle, 1);
    }

    /** Deploys {@code instances} instances of a verticle, as a node with that many event loops in use would. */
    public Builder<T> deploy(Supplier<? extends Deployable> verticle, int instances) {
      settings.verticles.add(new Settings.Verticle(verticle, instances));
      return this;
    }

    /**
     * Starts {@code count} separate Vert.x instances, each with the verticle set: nodes that share
     * the backends as a cluster's nodes do, though their event buses are not joined.
     */
    public Builder<T> nodes(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("At least one node");
      }
      settings.nodes = count;
      return this;
    }

    public T build() {
      return kind.apply(this);
    }
  }
}
