package dev.baton.app;

import dev.baton.declarative.BlueprintFiles;
import dev.baton.engine.Engine;
import dev.baton.engine.EngineOptions;
import dev.baton.fleet.Fleet;
import dev.baton.fleet.FleetOptions;
import dev.baton.fleet.web.RobotRoutes;
import dev.baton.job.RetryPolicy;
import dev.baton.ledger.Ledger;
import dev.baton.ledger.LedgerEntry;
import dev.baton.ledger.Severity;
import dev.baton.loop.ControlLoop;
import dev.baton.loop.LoopRoutes;
import dev.baton.loop.RulesException;
import dev.baton.loop.SnapshotSource;
import dev.baton.outbound.DeliveryOptions;
import dev.baton.outbound.NoticeDelivery;
import dev.baton.robot.FleetStore;
import dev.baton.scenarios.ComponentStatus;
import dev.baton.scenarios.Components;
import dev.baton.scenarios.OrchestratorConfig;
import dev.baton.scenarios.ScenarioRoutes;
import dev.baton.scenarios.Scenarios;
import dev.baton.server.BatonServer;
import dev.baton.server.LedgerRoutes;
import dev.baton.server.ServerOptions;
import dev.baton.server.WebSocketChannel;
import dev.baton.server.access.TokenClients;
import dev.baton.server.access.WorkerTokens;
import dev.baton.store.Store;
import dev.baton.store.jdbc.JdbcStore;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Baton: store, engine, blueprints and HTTP server, wired from settings. Closing it stops
 * the server first (no new work), then the engine, then the store (pending writes finish).
 */
public final class BatonApp implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BatonApp.class);

  private final Store store;
  private final Engine engine;
  private final Fleet fleet;
  private final BatonServer server;
  private final NoticeDelivery webhooks;
  private final ControlLoop loop;
  private final String storeDescription;
  private final Components components;
  private final Scenarios scenarios;

  private BatonApp(
      Store store,
      Engine engine,
      Fleet fleet,
      BatonServer server,
      NoticeDelivery webhooks,
      ControlLoop loop,
      String storeDescription,
      Components components,
      Scenarios scenarios) {
    this.store = store;
    this.engine = engine;
    this.fleet = fleet;
    this.server = server;
    this.webhooks = webhooks;
    this.loop = loop;
    this.storeDescription = storeDescription;
    this.components = components;
    this.scenarios = scenarios;
  }

  public static BatonApp start(Settings s) {
    int port = s.number(Setting.API_PORT, 0, 65535);
    int pollSeconds = s.number(Setting.WORKER_POLL_TIMEOUT_SECONDS, 0, 3600);
    int taskTimeout = s.number(Setting.WORKER_TIMEOUT_SECONDS, 1, 31 * 24 * 3600);
    int health = s.number(Setting.WORKER_HEALTH_CHECK_INTERVAL_SECONDS, 1, 24 * 3600);
    int retries = s.number(Setting.JOB_MAX_RETRIES, 0, 1000);
    int maxBody = s.number(Setting.MAX_BODY_BYTES, 1024, Integer.MAX_VALUE);
    boolean rateLimiting = bool(s, Setting.RATE_LIMITING_ENABLED);
    int rateRequests = s.number(Setting.RATE_LIMIT_REQUESTS, 1, 1_000_000);
    int rateWindow = s.number(Setting.RATE_LIMIT_WINDOW_SECONDS, 1, 24 * 3600);
    ZoneId zone = zone(s);
    // The access files are read before anything is opened: a bad one stops the start at once.
    Path clientsFile = path(s, Setting.CLIENTS_CONFIG_PATH);
    List<TokenClients.Entry> clients = clientsFile == null ? null : ClientsFile.read(clientsFile);
    Path workersFile = path(s, Setting.WORKERS_CONFIG_PATH);
    Path schedulesFile = path(s, Setting.SCHEDULES_CONFIG_PATH);
    Map<String, Map<String, Object>> scheduleEntries =
        schedulesFile == null ? Map.of() : SchedulesFile.read(schedulesFile);
    WorkerTokens workerTokens =
        workersFile == null
            ? null
            : new WorkerTokens(
                s.text(Setting.GLOBAL_WORKER_TOKEN), () -> WorkersFile.read(workersFile));

    String url = s.text(Setting.DATABASE_URL).trim();
    JdbcStore store;
    String described;
    if (url.isEmpty()) {
      Path file = Path.of(s.text(Setting.DATA_DIR)).resolve("baton.db").toAbsolutePath();
      store = JdbcStore.sqlite(file);
      described = "SQLite " + file;
    } else {
      store = JdbcStore.open(url, s.text(Setting.DATABASE_USER), s.text(Setting.DATABASE_PASSWORD));
      described = url.replaceAll("//[^@/]*@", "//***@");
    }
    try {
      EngineOptions options =
          EngineOptions.DEFAULTS
              .withRetry(RetryPolicy.DEFAULT.withMaxRetries(retries))
              .withTaskTimeout(Duration.ofSeconds(taskTimeout))
              .withWorkerTtl(Duration.ofSeconds(2L * health));
      WebSocketChannel channel = new WebSocketChannel();
      Fleet fleet = new Fleet((FleetStore) store, Clock.systemUTC(), fleetOptions(s));
      AtomicReference<NoticeDelivery> delivery = new AtomicReference<>();
      AtomicReference<Scenarios> scenarioRef = new AtomicReference<>();
      AtomicReference<Components> componentsRef = new AtomicReference<>();
      Engine engine =
          Engine.builder(store)
              .options(options)
              .zone(zone)
              // Scenarios exist once the engine does; a schedule fires only after both.
              .scenarios((name, trigger) -> {
                Scenarios sc = scenarioRef.get();
                return sc == null ? Optional.empty() : sc.jobFor(name, trigger);
              })
              .workerChannel(task -> {
                channel.cancelTask(task);
                fleet.cancelTask(task);
              })
              .strategy("affinity", fleet.affinity())
              .listener(fleet::jobChanged)
              .listener(job -> {
                // Only a job that ended with a webhook can have owed a notice; waking the
                // deliverer on every change would make it claim through the writer for nothing.
                NoticeDelivery d = delivery.get();
                if (d != null
                    && job.status().isTerminal()
                    && job.attributes().containsKey("webhook_url")) {
                  d.wake();
                }
              })
              .build();
      Ledger ledger = store.ledger();
      loadBlueprints(engine, Path.of(s.text(Setting.BLUEPRINTS_DIR)), ledger);
      engine.register(Scenarios.blueprint());
      if (schedulesFile != null) {
        SchedulesFile.apply(
            schedulesFile, scheduleEntries, engine.schedules(), engine.clock().instant());
      }
      // Before the engine starts: a refused rules file stops the start with nothing running.
      ControlLoop loop = controlLoop(s, engine, ledger, fleet, componentsRef);
      engine.start();
      String strategy = s.text(Setting.ROBOT_STRATEGY).trim();
      if (engine.strategy(strategy).isEmpty()) {
        engine.close();
        throw new Settings.ConfigException(
            s.source(Setting.ROBOT_STRATEGY)
                + ": unknown strategy '"
                + strategy
                + "'; known: "
                + new TreeSet<>(engine.strategyNames()));
      }
      fleet.attach(engine).start();
      TokenClients clientAccess =
          clients == null ? null : new TokenClients(clients, engine.store(), engine.clock(), zone);
      ServerOptions serverOptions =
          ServerOptions.DEFAULTS
              .withHost(s.text(Setting.API_HOST))
              .withPort(port)
              .withWorkerToken(s.text(Setting.GLOBAL_WORKER_TOKEN))
              .withPollTimeout(Duration.ofSeconds(pollSeconds))
              .withMaxRequestBytes(maxBody)
              .withRateLimiting(rateLimiting)
              .withRateLimit(rateRequests, Duration.ofSeconds(rateWindow))
              .withClientAccess(clientAccess)
              .withWorkerAuth(workerTokens)
              .withWorkerTokensReload(workerTokens);
      // Components and scenarios: the avena orchestrator, on this engine
      // (docs/components-and-scenarios.md).
      OrchestratorConfig orchestrator = ScenarioConfig.of(s);
      Components components =
          new Components(orchestrator.name(), orchestrator.clients(), engine.clock());
      Scenarios scenarios =
          Scenarios.start(engine, components, orchestrator, true, orchestrator.tickInterval());
      componentsRef.set(components);
      scenarioRef.set(scenarios);
      BatonServer server =
          BatonServer.start(
              engine,
              channel,
              serverOptions,
              List.of(
                  new LedgerRoutes(ledger, engine.clock()),
                  new LoopRoutes(loop, serverOptions),
                  new RobotRoutes(fleet, engine, maxBody),
                  new ScenarioRoutes(scenarios, maxBody)));
      components.replyTo(s.text(Setting.COMPONENTS_REPLY_ADDRESS).trim(), server.port());
      components.start(orchestrator.pollInterval());
      describeAccess(clientsFile, clientAccess, workersFile, workerTokens, serverOptions, zone);
      // Notices committed before this point are found by its first claim.
      NoticeDelivery webhooks = NoticeDelivery.start(store, engine.clock(), webhookOptions(s));
      delivery.set(webhooks);
      if (bool(s, Setting.ORCHESTRATOR_ENABLED)) {
        loop.enable("app");
      }
      return new BatonApp(
          store, engine, fleet, server, webhooks, loop, described, components, scenarios);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /** Says how requests are admitted; open mode gets a block no one can miss. */
  private static void describeAccess(
      @Nullable Path clientsFile,
      @Nullable TokenClients clients,
      @Nullable Path workersFile,
      @Nullable WorkerTokens workers,
      ServerOptions options,
      ZoneId zone) {
    if (clientsFile == null || clients == null) {
      log.warn(
          """

          ************************************************************************
          *  THE CLIENT API IS OPEN: no clients file (CLIENTS_CONFIG_PATH).      *
          *  Anyone who reaches this server can create, read and cancel jobs     *
          *  under /api without a token. Fine on a laptop, never in production:  *
          *  set CLIENTS_CONFIG_PATH to a clients.toml to require tokens.        *
          ************************************************************************\
          """);
    } else {
      log.info(
          "client API: {} client(s) from {}; quotas are monthly, months start in {}",
          clients.size(),
          clientsFile.toAbsolutePath(),
          zone);
    }
    if (workersFile != null && workers != null) {
      log.info(
          "worker tokens: {} worker(s) have their own token from {}; the others use the global"
              + " token",
          workers.size(),
          workersFile.toAbsolutePath());
    }
    if (options.rateLimiting()) {
      log.info(
          "worker rate limit: {} requests per {} s per worker and path"
              + " (RATE_LIMIT_REQUESTS, RATE_LIMIT_WINDOW_SECONDS, RATE_LIMITING_ENABLED)",
          options.rateLimitRequests(),
          options.rateLimitWindow().toSeconds());
    } else {
      log.info("worker rate limit: off");
    }
  }

  private static @Nullable Path path(Settings s, Setting k) {
    String v = s.text(k).trim();
    return v.isEmpty() ? null : Path.of(v);
  }

  static boolean bool(Settings s, Setting k) {
    String v = s.text(k).trim().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default ->
          throw new Settings.ConfigException(
              s.source(k) + ": '" + s.text(k) + "' is not true or false");
    };
  }

  static DeliveryOptions webhookOptions(Settings s) {
    int attempts = s.number(Setting.WEBHOOK_MAX_ATTEMPTS, 1, 100);
    int delayMillis = s.number(Setting.WEBHOOK_RETRY_DELAY_MS, 0, 24 * 3600 * 1000);
    int timeout = s.number(Setting.WEBHOOK_TIMEOUT_SECONDS, 1, 3600);
    return DeliveryOptions.DEFAULTS
        .withRetries(attempts, Duration.ofMillis(delayMillis), 2.0)
        .withRequestTimeout(Duration.ofSeconds(timeout));
  }

  static FleetOptions fleetOptions(Settings s) {
    String lost = s.text(Setting.ROBOT_LOST_JOBS).trim().toLowerCase(Locale.ROOT);
    if (!lost.equals("requeue") && !lost.equals("fail")) {
      throw new Settings.ConfigException(
          s.source(Setting.ROBOT_LOST_JOBS) + ": '" + lost + "' is not requeue or fail");
    }
    return FleetOptions.DEFAULTS
        .withAuthToken(s.text(Setting.ROBOT_AUTH_TOKEN))
        .withStaleTimeout(
            Duration.ofSeconds(s.number(Setting.ROBOT_STALE_TIMEOUT_SECONDS, 1, 24 * 3600)))
        .withDefaultJobTimeout(
            Duration.ofSeconds(s.number(Setting.ROBOT_JOB_TIMEOUT_SECONDS, 1, 31 * 24 * 3600)))
        .withDedupWindow(
            Duration.ofSeconds(s.number(Setting.ROBOT_DEDUP_WINDOW_SECONDS, 0, 31 * 24 * 3600)))
        .withDefaultStrategy(s.text(Setting.ROBOT_STRATEGY).trim())
        .withRequeueLostJobs(lost.equals("requeue"))
        .withTypeLimits(typeConcurrency(s), typeRates(s));
  }

  /** {@code type=n,type=n}. */
  static Map<String, Integer> typeConcurrency(Settings s) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (String[] kv : pairs(s, Setting.ROBOT_TYPE_CONCURRENCY)) {
      try {
        int n = Integer.parseInt(kv[1].trim());
        if (n < 1) {
          throw new NumberFormatException();
        }
        out.put(kv[0], n);
      } catch (NumberFormatException e) {
        throw new Settings.ConfigException(
            s.source(Setting.ROBOT_TYPE_CONCURRENCY)
                + ": '"
                + kv[1]
                + "' for type "
                + kv[0]
                + " is not a whole number of at least 1");
      }
    }
    return out;
  }

  /** {@code type=count/seconds,...}. */
  static Map<String, FleetOptions.Rate> typeRates(Settings s) {
    Map<String, FleetOptions.Rate> out = new LinkedHashMap<>();
    for (String[] kv : pairs(s, Setting.ROBOT_TYPE_RATES)) {
      String[] rate = kv[1].split("/", -1);
      try {
        out.put(
            kv[0],
            new FleetOptions.Rate(
                Integer.parseInt(rate[0].trim()),
                Duration.ofSeconds(Long.parseLong(rate[1].trim()))));
      } catch (RuntimeException e) {
        throw new Settings.ConfigException(
            s.source(Setting.ROBOT_TYPE_RATES)
                + ": '"
                + kv[1]
                + "' for type "
                + kv[0]
                + " is not count/seconds (at least 1 per 1 s), like 60/60");
      }
    }
    return out;
  }

  private static List<String[]> pairs(Settings s, Setting k) {
    List<String[]> out = new ArrayList<>();
    for (String part : s.text(k).split(",", -1)) {
      if (part.isBlank()) {
        continue;
      }
      String[] kv = part.split("=", 2);
      if (kv.length != 2 || kv[0].isBlank()) {
        throw new Settings.ConfigException(
            s.source(k) + ": '" + part.trim() + "' is not type=value");
      }
      out.add(new String[] {kv[0].trim(), kv[1]});
    }
    return out;
  }

  static ZoneId zone(Settings s) {
    String v = s.text(Setting.TZ).trim();
    // POSIX also allows TZ=":/etc/localtime" or a file path: that means the machine's own zone,
    // not a mistake to stop the server for.
    if (v.startsWith(":") || v.startsWith("/")) {
      log.info("TZ '{}' names a zone file; using the system zone {}", v, ZoneId.systemDefault());
      return ZoneId.systemDefault();
    }
    try {
      return ZoneId.of(v);
    } catch (DateTimeException e) {
      throw new Settings.ConfigException(
          s.source(Setting.TZ)
              + ": '"
              + v
              + "' is not a time zone; use an IANA name such as UTC or Europe/Warsaw");
    }
  }

  /**
   * The control loop, not yet running. A rules file that is refused stops the start, naming the
   * setting, the file, the rule and the reason.
   */
  private static ControlLoop controlLoop(
      Settings s,
      Engine engine,
      Ledger ledger,
      Fleet fleet,
      AtomicReference<Components> components) {
    int interval = s.number(Setting.ORCHESTRATOR_INTERVAL_SECONDS, 1, 24 * 3600);
    boolean enabled = bool(s, Setting.ORCHESTRATOR_ENABLED); // checked before anything runs
    ScheduleHealth schedules = new ScheduleHealth(engine);
    ControlLoop.Builder b =
        ControlLoop.builder(engine, ledger)
            .interval(Duration.ofSeconds(interval))
            .source(schedules.section())
            .action(schedules.pause())
            .source(SnapshotSource.of("robots", now -> fleet.dashboard()))
            .source(SnapshotSource.of("components", now -> componentsSection(components.get())));
    String webhook = s.text(Setting.ORCHESTRATOR_ALERT_WEBHOOK_URL).trim();
    if (!webhook.isEmpty()) {
      URI url;
      try {
        url = URI.create(webhook);
      } catch (IllegalArgumentException e) {
        url = null;
      }
      if (url == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
        throw new Settings.ConfigException(
            s.source(Setting.ORCHESTRATOR_ALERT_WEBHOOK_URL)
                + ": '"
                + webhook
                + "' is not an http(s) URL");
      }
      b.alertWebhook(url, Duration.ofSeconds(10));
    }
    Path rules = path(s, Setting.ORCHESTRATOR_RULES_FILE);
    try {
      if (rules != null) {
        b.rulesFile(rules);
      }
      ControlLoop loop = b.build();
      log.info(
          "control loop: rules {}, a cycle every {} s, {}",
          loop.rulesFile(),
          interval,
          enabled ? "enabled" : "disabled (POST /orchestrator/enable starts it)");
      return loop;
    } catch (RulesException e) {
      throw new Settings.ConfigException(
          s.source(Setting.ORCHESTRATOR_RULES_FILE) + ": " + e.getMessage());
    }
  }

  /** The loop's {@code components} section: each component's state, and how many are in fault. */
  private static Map<String, ?> componentsSection(@Nullable Components components) {
    List<Map<String, Object>> states = new ArrayList<>();
    if (components != null) {
      for (ComponentStatus st : components.statuses()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", st.name());
        m.put("group", st.group());
        m.put("fsm_state", st.fsmState());
        m.put("error", st.error());
        m.put("error_message", st.errorMessage());
        m.put("reason", st.reason());
        states.add(m);
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("total", states.size());
    out.put("in_fault", states.stream().filter(m -> Boolean.TRUE.equals(m.get("error"))).count());
    out.put("states", states);
    return out;
  }

  /** Loads what is valid; a bad file is reported and skipped, the others load. */
  private static void loadBlueprints(Engine engine, Path folder, Ledger ledger) {
    if (!Files.isDirectory(folder)) {
      log.warn(
          "blueprints folder {} does not exist; no blueprints loaded", folder.toAbsolutePath());
      return;
    }
    BlueprintFiles.Loaded loaded = BlueprintFiles.loadFolder(folder);
    loaded.problems().forEach(p -> log.error("blueprint skipped: {}", p));
    loaded.blueprints().forEach(engine::register);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("folder", folder.toAbsolutePath().toString());
    details.put(
        "blueprints",
        loaded.blueprints().stream().map(b -> b.name() + " v" + b.version()).toList());
    details.put("problems", loaded.problems().stream().map(String::valueOf).toList());
    ledger.append(
        LedgerEntry.of(
            engine.clock().instant(),
            "admin.blueprints_loaded",
            "app",
            loaded.problems().isEmpty() ? Severity.INFO : Severity.WARNING,
            null,
            details));
    log.info(
        "loaded {} blueprint(s) from {}: {}",
        loaded.blueprints().size(),
        folder.toAbsolutePath(),
        loaded.blueprints().stream().map(b -> b.name() + " v" + b.version()).toList());
  }

  public int port() {
    return server.port();
  }

  public Engine engine() {
    return engine;
  }

  public ControlLoop loop() {
    return loop;
  }

  /** Every route the server serves. */
  public List<BatonServer.Route> routes() {
    return server.routes();
  }

  public Fleet fleet() {
    return fleet;
  }

  /** The scenarios; {@link Scenarios#run} is the scheduler's hook to run one. */
  public Scenarios scenarios() {
    return scenarios;
  }

  /** The managed components and their states, for the control loop's snapshot. */
  public List<ComponentStatus> componentStates() {
    return components.statuses();
  }

  public String storeDescription() {
    return storeDescription;
  }

  @Override
  public void close() {
    loop.close(); // first: a cycle acts on the engine and the store
    fleet.close(); // before the server: the sockets it closes then do not hand back robots' jobs
    server.close();
    scenarios.close(); // an action in flight is left to its lease: the next start runs it again
    components.close();
    engine.close();
    webhooks.close(); // before the store: an unfinished delivery is released for the next start
    store.close();
  }
}
