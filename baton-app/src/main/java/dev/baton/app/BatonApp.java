package dev.baton.app;

import dev.baton.app.definition.BlueprintRoutes;
import dev.baton.app.definition.StoredBlueprints;
import dev.baton.app.definition.WorkflowRoutes;
import dev.baton.cluster.Leadership;
import dev.baton.console.Console;
import dev.baton.definition.DefinitionStore;
import dev.baton.engine.Engine;
import dev.baton.fleet.Fleet;
import dev.baton.fleet.FleetMeters;
import dev.baton.fleet.FleetOptions;
import dev.baton.ledger.Ledger;
import dev.baton.loop.ControlLoop;
import dev.baton.loop.LoopRoutes;
import dev.baton.outbound.DeliveryOptions;
import dev.baton.outbound.NoticeDelivery;
import dev.baton.retention.Retention;
import dev.baton.scenarios.ComponentStatus;
import dev.baton.scenarios.Components;
import dev.baton.scenarios.OrchestratorConfig;
import dev.baton.scenarios.ScenarioRoutes;
import dev.baton.scenarios.Scenarios;
import dev.baton.series.MinuteTally;
import dev.baton.series.Series;
import dev.baton.series.SeriesRollup;
import dev.baton.server.BatonServer;
import dev.baton.server.ClusterRoutes;
import dev.baton.server.LedgerRoutes;
import dev.baton.server.ServerOptions;
import dev.baton.server.WebSocketChannel;
import dev.baton.server.metrics.EngineMeters;
import dev.baton.server.metrics.Meters;
import dev.baton.store.jdbc.JdbcStore;
import dev.baton.tracing.Tracing;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * A running Baton: store, engine, blueprints and HTTP server, wired from settings. Closing it stops
 * the server first (no new work), then the engine, then the store (pending writes finish).
 *
 * <p>Each concern is wired by a class of its own ({@link StoreWiring}, {@link EngineWiring}, {@link
 * RobotWiring}, {@link LoopWiring}, {@link NoticeWiring}, {@link ServerWiring}); this class only
 * says in which order.
 */
public final class BatonApp implements AutoCloseable {
  private final JdbcStore store;
  private final Engine engine;
  private final RobotWiring robots;
  private final BatonServer server;
  private final NoticeDelivery webhooks;
  private final ControlLoop loop;
  private final String storeDescription;
  private final Components components;
  private final Scenarios scenarios;
  private final Tracing tracing;
  private final Meters meters;
  private final EventWiring events;
  private final Leadership leadership;
  private final Retention retention;
  private final SeriesRollup series;
  private final StoredBlueprints stored;

  /** How often a node looks for definitions other nodes changed, when no wake-up came. */
  static final java.time.Duration DEFINITIONS_POLL = java.time.Duration.ofSeconds(5);

  private BatonApp(
      Meters meters,
      JdbcStore store,
      Engine engine,
      RobotWiring robots,
      BatonServer server,
      NoticeDelivery webhooks,
      ControlLoop loop,
      String storeDescription,
      Components components,
      Scenarios scenarios,
      Tracing tracing,
      EventWiring events,
      Leadership leadership,
      Retention retention,
      SeriesRollup series,
      StoredBlueprints stored) {
    this.leadership = leadership;
    this.retention = retention;
    this.series = series;
    this.stored = stored;
    this.tracing = tracing;
    this.events = events;
    this.meters = meters;
    this.store = store;
    this.engine = engine;
    this.robots = robots;
    this.server = server;
    this.webhooks = webhooks;
    this.loop = loop;
    this.storeDescription = storeDescription;
    this.components = components;
    this.scenarios = scenarios;
  }

  public static BatonApp start(Settings s) {
    TracingWiring.Config tracingConfig = TracingWiring.Config.of(s);
    return start(s, TracingWiring.start(tracingConfig));
  }

  /** Starts with the given tracing (tests: an in-memory exporter), which the app closes last. */
  static BatonApp start(Settings s, Tracing tracing) {
    try {
      return startTraced(s, tracing);
    } catch (RuntimeException e) {
      tracing.close();
      throw e;
    }
  }

  private static BatonApp startTraced(Settings s, Tracing tracing) {
    // Every setting is parsed and every file read before anything opens: a bad one stops the
    // start at once, with nothing to close.
    ServerWiring serverWiring = ServerWiring.of(s);
    EngineWiring.Config engineConfig = EngineWiring.Config.of(s);
    FleetOptions fleetOptions = RobotSettings.of(s);
    LoopWiring.Config loopConfig = LoopWiring.Config.of(s);
    ClusterWiring.Config clusterConfig = ClusterWiring.Config.of(s);
    RetentionWiring.Config retentionConfig = RetentionWiring.Config.of(s);
    dev.baton.server.Role consoleActions = ConsoleWiring.actionRole(s);
    OrchestratorConfig orchestrator = ScenarioConfig.of(s);
    DeliveryOptions webhookOptions = NoticeWiring.options(s, serverWiring.webhookSecrets());
    String replyAddress = s.text(Setting.COMPONENTS_REPLY_ADDRESS).trim();

    Meters meters = MetricsWiring.open(s);
    StoreWiring.Opened opened;
    try {
      opened = StoreWiring.open(s);
    } catch (RuntimeException e) {
      meters.close();
      throw e;
    }
    JdbcStore store = opened.store();
    // What has started, closed newest first when a later step fails.
    Deque<AutoCloseable> started = new ArrayDeque<>();
    started.push(meters);
    started.push(store);
    try {
      store.bindMeters(meters.registry());
      WebSocketChannel channel = new WebSocketChannel();
      RobotWiring robots =
          RobotWiring.create(store, store.wakeups(), fleetOptions, store.definitions());
      ScenarioTargets targets = new ScenarioTargets();
      Engine engine =
          EngineWiring.build(
              engineConfig,
              store,
              targets,
              task -> {
                channel.cancelTask(task);
                robots.cancelTask(task);
              },
              robots,
              tracing.observer());
      started.push(engine);
      robots.listenTo(engine);
      Ledger ledger = store.ledger();
      Leadership leadership = ClusterWiring.start(clusterConfig, store, engine.clock());
      started.push(leadership);
      StoredBlueprints stored = new StoredBlueprints(store.definitions(), engine);
      started.push(stored);
      EngineWiring.prepare(engineConfig, engine, ledger, stored);
      Components components =
          new Components(orchestrator.name(), orchestrator.clients(), engine.clock());
      // Before the engine starts: a refused rules file stops the start with nothing running.
      ControlLoop loop =
          LoopWiring.build(
              loopConfig, engine, ledger, robots, components, meters.registry(), leadership);
      started.push(loop);
      // Before the engine starts, so that its first events (a schedule's catch-up fire, a job
      // resumed) are counted; the server finds it bound and does not bind it again.
      EngineMeters.bind(engine, meters);
      EngineWiring.start(engineConfig, engine);
      stored.follow(store.wakeups(), DEFINITIONS_POLL);
      robots.start(engine);
      started.push(robots);
      meters.beforeScrape(FleetMeters.bind(robots.fleet(), meters.registry()));
      ServerOptions serverOptions =
          serverWiring
              .options(store, store, engine, engineConfig.zone())
              .withWebhookTargets(NoticeWiring.creationCheck(webhookOptions));
      // Components and scenarios: the avena orchestrator, on this engine
      // (docs/components-and-scenarios.md).
      Scenarios scenarios =
          Scenarios.start(
                  engine,
                  components,
                  orchestrator,
                  true,
                  orchestrator.tickInterval(),
                  () -> leadership.leads(Leadership.SCENARIOS))
              .meteredBy(meters.registry());
      started.push(scenarios);
      targets.join(scenarios);
      EventWiring events =
          EventWiring.start(engine.clock(), ledger, robots.fleet(), components, store.broadcast());
      started.push(events);
      int maxBody = serverWiring.maxBodyBytes();
      // The charts' buckets: every node rolls up the ended minutes (the same counts from the
      // shared ledger), so the charts read the same wherever the console is opened.
      MinuteTally tally = new MinuteTally(ledger, store);
      SeriesRollup series = new SeriesRollup(store, tally, engine.clock()).start();
      started.push(series);
      Console console =
          ConsoleWiring.console(
              engine,
              ledger,
              robots.fleet(),
              events.hub(),
              serverOptions,
              engineConfig.zone(),
              loop,
              leadership,
              stored,
              scenarios,
              new Series(store, tally, engine.clock()),
              consoleActions);
      BatonServer server =
          serverWiring.start(
              engine,
              channel,
              serverOptions,
              List.of(
                  new LedgerRoutes(ledger, engine.clock()),
                  new ClusterRoutes(leadership, engine.clock()),
                  new LoopRoutes(loop, serverOptions),
                  robots.routes(engine, maxBody),
                  new BlueprintRoutes(stored, maxBody, engine.clock()),
                  new WorkflowRoutes(store.definitions(), maxBody, engine.clock()),
                  new ScenarioRoutes(scenarios, maxBody),
                  new VersionRoutes(engine, maxBody),
                  console),
              engineConfig.zone(),
              meters,
              events.hub());
      started.push(server);
      components.replyTo(replyAddress, server.port());
      components.start(orchestrator.pollInterval());
      started.push(components);
      NoticeDelivery webhooks =
          NoticeWiring.start(store, engine, webhookOptions, meters.registry());
      if (loopConfig.enabled()) {
        loop.enable("app");
      }
      Retention retention =
          RetentionWiring.start(retentionConfig, store, leadership, engine.clock());
      started.push(retention);
      return new BatonApp(
          meters,
          store,
          engine,
          robots,
          server,
          webhooks,
          loop,
          opened.description(),
          components,
          scenarios,
          tracing,
          events,
          leadership,
          retention,
          series,
          stored);
    } catch (RuntimeException e) {
      closeAll(started, e);
      throw e;
    }
  }

  /** Closes what a failed start had started, newest first; their failures join the first one. */
  private static void closeAll(Deque<AutoCloseable> started, RuntimeException failure) {
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        failure.addSuppressed(e);
      }
    }
  }

  public int port() {
    return server.port();
  }

  public Engine engine() {
    return engine;
  }

  /** This node's heartbeat and leases among the nodes sharing the database. */
  public Leadership leadership() {
    return leadership;
  }

  public ControlLoop loop() {
    return loop;
  }

  /** Every route the server serves. */
  public List<BatonServer.Route> routes() {
    return server.routes();
  }

  public Fleet fleet() {
    return robots.fleet();
  }

  /** The scenarios; {@link Scenarios#run} is the scheduler's hook to run one. */
  public Scenarios scenarios() {
    return scenarios;
  }

  /** The managed components and their states, for the control loop's snapshot. */
  public List<ComponentStatus> componentStates() {
    return components.statuses();
  }

  /** The stored blueprints and workflows, every version. */
  public DefinitionStore definitions() {
    return store.definitions();
  }

  public String storeDescription() {
    return storeDescription;
  }

  @Override
  public void close() {
    loop.close(); // first: a cycle acts on the engine and the store
    retention.close();
    series.close();
    leadership.close(); // resigns, so another node takes the loop over at once
    robots.close(); // before the server: the sockets it closes then do not hand back robots' jobs
    server.close();
    events.close(); // after the server: its streams have ended
    scenarios.close(); // an action in flight is left to its lease: the next start runs it again
    components.close();
    stored.close();
    engine.close();
    webhooks.close(); // before the store: an unfinished delivery is released for the next start
    store.close();
    meters.close();
    tracing.close(); // last: flushes the spans of everything above
  }

  /** This app's tracing: the OpenTelemetry to hand to workers run in the same process. */
  public Tracing tracing() {
    return tracing;
  }

  /** The process's meters, scraped at {@code /_public/metrics}. */
  public Meters meters() {
    return meters;
  }
}
