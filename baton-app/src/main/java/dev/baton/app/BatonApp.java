package dev.baton.app;

import dev.baton.declarative.BlueprintFiles;
import dev.baton.engine.Engine;
import dev.baton.engine.EngineOptions;
import dev.baton.job.RetryPolicy;
import dev.baton.server.BatonServer;
import dev.baton.server.ServerOptions;
import dev.baton.server.WebSocketChannel;
import dev.baton.store.Store;
import dev.baton.store.jdbc.JdbcStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
  private final String storeDescription;

  private BatonApp(Store store, Engine engine, BatonServer server, String storeDescription) {
    this.store = store;
    this.engine = engine;
    this.server = server;
    this.storeDescription = storeDescription;
  }

  public static BatonApp start(Settings s) {
    int port = s.number(Setting.API_PORT, 0, 65535);
    int pollSeconds = s.number(Setting.WORKER_POLL_TIMEOUT_SECONDS, 0, 3600);
    int taskTimeout = s.number(Setting.WORKER_TIMEOUT_SECONDS, 1, 31 * 24 * 3600);
    int health = s.number(Setting.WORKER_HEALTH_CHECK_INTERVAL_SECONDS, 1, 24 * 3600);
    int retries = s.number(Setting.JOB_MAX_RETRIES, 0, 1000);
    int maxBody = s.number(Setting.MAX_BODY_BYTES, 1024, Integer.MAX_VALUE);

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
      Engine engine = Engine.builder(store).options(options).workerChannel(channel).build();
      loadBlueprints(engine, Path.of(s.text(Setting.BLUEPRINTS_DIR)));
      engine.start();
      ServerOptions serverOptions =
          ServerOptions.DEFAULTS
              .withHost(s.text(Setting.API_HOST))
              .withPort(port)
              .withWorkerToken(s.text(Setting.GLOBAL_WORKER_TOKEN))
              .withPollTimeout(Duration.ofSeconds(pollSeconds))
              .withMaxRequestBytes(maxBody);
      BatonServer server = BatonServer.start(engine, channel, serverOptions);
      return new BatonApp(store, engine, server, described);
    } catch (RuntimeException e) {
      store.close();
      throw e;
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

  public String storeDescription() {
    return storeDescription;
  }

  @Override
  public void close() {
    server.close();
    engine.close();
    store.close();
  }
}
