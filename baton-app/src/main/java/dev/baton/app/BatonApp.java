package dev.baton.app;

import dev.baton.declarative.BlueprintFiles;
import dev.baton.engine.Engine;
import dev.baton.engine.EngineOptions;
import dev.baton.job.RetryPolicy;
import dev.baton.outbound.DeliveryOptions;
import dev.baton.outbound.NoticeDelivery;
import dev.baton.scenarios.ComponentStatus;
import dev.baton.scenarios.Components;
import dev.baton.scenarios.OrchestratorConfig;
import dev.baton.scenarios.ScenarioRoutes;
import dev.baton.scenarios.Scenarios;
import dev.baton.server.BatonServer;
import dev.baton.server.ServerOptions;
import dev.baton.server.WebSocketChannel;
import dev.baton.server.access.TokenClients;
import dev.baton.server.access.WorkerTokens;
import dev.baton.store.Store;
import dev.baton.store.jdbc.JdbcStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
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
  private final BatonServer server;
  private final NoticeDelivery webhooks;
  private final String storeDescription;
  private final Components components;
  private final Scenarios scenarios;

  private BatonApp(
      Store store,
      Engine engine,
      BatonServer server,
      NoticeDelivery webhooks,
      String storeDescription,
      Components components,
      Scenarios scenarios) {
    this.store = store;
    this.engine = engine;
    this.server = server;
    this.webhooks = webhooks;
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
    WorkerTokens workerTokens =
        workersFile == null
            ? null
            : new WorkerTokens(
                s.text(Setting.GLOBAL_WORKER_TOKEN), () -> WorkersFile.read(workersFile));

    String url = s.text(Setting.DATABASE_URL).trim();
    Store store;
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
      AtomicReference<NoticeDelivery> delivery = new AtomicReference<>();
      Engine engine =
          Engine.builder(store)
              .options(options)
              .workerChannel(channel)
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
      loadBlueprints(engine, Path.of(s.text(Setting.BLUEPRINTS_DIR)));
      engine.register(Scenarios.blueprint());
      engine.start();
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
      BatonServer server =
          BatonServer.start(
              engine, channel, serverOptions, List.of(new ScenarioRoutes(scenarios, maxBody)));
      components.replyTo(s.text(Setting.COMPONENTS_REPLY_ADDRESS).trim(), server.port());
      components.start(orchestrator.pollInterval());
      describeAccess(clientsFile, clientAccess, workersFile, workerTokens, serverOptions, zone);
      // Notices committed before this point are found by its first claim.
      NoticeDelivery webhooks = NoticeDelivery.start(store, engine.clock(), webhookOptions(s));
      delivery.set(webhooks);
      return new BatonApp(store, engine, server, webhooks, described, components, scenarios);
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

  /** Loads what is valid; a bad file is reported and skipped, the others load. */
  private static void loadBlueprints(Engine engine, Path folder) {
    if (!Files.isDirectory(folder)) {
      log.warn(
          "blueprints folder {} does not exist; no blueprints loaded", folder.toAbsolutePath());
      return;
    }
    BlueprintFiles.Loaded loaded = BlueprintFiles.loadFolder(folder);
    loaded.problems().forEach(p -> log.error("blueprint skipped: {}", p));
    loaded.blueprints().forEach(engine::register);
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
    server.close();
    scenarios.close(); // an action in flight is left to its lease: the next start runs it again
    components.close();
    engine.close();
    webhooks.close(); // before the store: an unfinished delivery is released for the next start
    store.close();
  }
}
