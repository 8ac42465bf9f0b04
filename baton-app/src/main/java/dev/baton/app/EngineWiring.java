package dev.baton.app;

import dev.baton.app.definition.BlueprintFolder;
import dev.baton.app.definition.StoredBlueprints;
import dev.baton.engine.Engine;
import dev.baton.engine.EngineObserver;
import dev.baton.engine.EngineOptions;
import dev.baton.engine.ScenarioStarter;
import dev.baton.engine.TypeLimits;
import dev.baton.engine.WorkerChannel;
import dev.baton.job.RetryPolicy;
import dev.baton.ledger.Ledger;
import dev.baton.ledger.LedgerEntry;
import dev.baton.ledger.Severity;
import dev.baton.scenarios.Scenarios;
import dev.baton.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine: built from its settings, given its blueprints and the schedules file, then started.
 */
final class EngineWiring {
  private static final Logger log = LoggerFactory.getLogger(BatonApp.class);

  private EngineWiring() {}

  /**
   * The engine's settings, the schedules file already read.
   *
   * @param schedulesFile the schedules file, or null: none
   * @param strategy the strategy of a robot job that names none; checked once the engine knows
   *     every strategy
   */
  record Config(
      EngineOptions options,
      ZoneId zone,
      Path blueprints,
      @Nullable Path schedulesFile,
      Map<String, Map<String, Object>> schedules,
      String strategy,
      String strategySource,
      TypeLimits typeLimits) {

    static Config of(Settings s) {
      int taskTimeout = s.number(Setting.WORKER_TIMEOUT_SECONDS, 1, 31 * 24 * 3600);
      int health = s.number(Setting.WORKER_HEALTH_CHECK_INTERVAL_SECONDS, 1, 24 * 3600);
      int retries = s.number(Setting.JOB_MAX_RETRIES, 0, 1000);
      ZoneId zone = s.zone();
      Path schedulesFile = s.path(Setting.SCHEDULES_CONFIG_PATH);
      return new Config(
          EngineOptions.DEFAULTS
              .withRetry(RetryPolicy.DEFAULT.withMaxRetries(retries))
              .withTaskTimeout(Duration.ofSeconds(taskTimeout))
              .withWorkerTtl(Duration.ofSeconds(2L * health)),
          zone,
          Path.of(s.text(Setting.BLUEPRINTS_DIR)),
          schedulesFile,
          schedulesFile == null ? Map.of() : SchedulesFile.read(schedulesFile),
          s.text(Setting.ROBOT_STRATEGY).trim(),
          s.source(Setting.ROBOT_STRATEGY),
          TypeLimitSettings.of(s));
    }
  }

  /** The engine, not yet started, with the robots' strategy; listeners join it after. */
  static Engine build(
      Config c,
      Store store,
      ScenarioStarter scenarios,
      WorkerChannel channel,
      RobotWiring robots,
      EngineObserver observer) {
    Engine.Builder b =
        Engine.builder(store)
            .options(c.options())
            .zone(c.zone())
            .scenarios(scenarios)
            .workerChannel(channel)
            .typeLimits(c.typeLimits())
            .observer(observer);
    return robots.into(b).build();
  }

  /** Registers the blueprints and applies the schedules file; before the engine starts. */
  static void prepare(Config c, Engine engine, Ledger ledger, StoredBlueprints stored) {
    loadBlueprints(engine, c.blueprints(), ledger, stored);
    // Before the start, so that the sweep of a restarted engine can move scenario runs at once.
    engine.register(Scenarios.blueprint());
    Path schedulesFile = c.schedulesFile();
    if (schedulesFile != null) {
      SchedulesFile.apply(
          schedulesFile,
          c.schedules(),
          engine.calendars(),
          engine.schedules(),
          engine.clock().instant());
    }
  }

  /**
   * Starts the engine, then checks the default robot strategy against every strategy it knows.
   *
   * @throws Settings.ConfigException for an unknown strategy; the caller closes the engine
   */
  static void start(Config c, Engine engine) {
    engine.start();
    if (engine.strategy(c.strategy()).isEmpty()) {
      throw new Settings.ConfigException(
          c.strategySource()
              + ": unknown strategy '"
              + c.strategy()
              + "'; known: "
              + new TreeSet<>(engine.strategyNames()));
    }
  }

  /**
   * Stores the folder's files as definitions (a changed file publishes a new version, an unchanged
   * one changes nothing), then registers every stored blueprint version. A bad file is reported and
   * skipped, the others load.
   */
  private static void loadBlueprints(
      Engine engine, Path folder, Ledger ledger, StoredBlueprints stored) {
    if (!Files.isDirectory(folder)) {
      log.warn(
          "blueprints folder {} does not exist; no blueprint files loaded",
          folder.toAbsolutePath());
      stored.loadAll();
      return;
    }
    BlueprintFolder.Stored files = BlueprintFolder.store(folder, stored.store(), engine);
    files.problems().forEach(p -> log.error("blueprint skipped: {}", p));
    stored.loadAll();
    List<String> names = files.versions().stream().map(d -> d.name() + " v" + d.version()).toList();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("folder", folder.toAbsolutePath().toString());
    details.put("blueprints", names);
    details.put("new_versions", files.created());
    details.put("problems", files.problems());
    ledger.append(
        LedgerEntry.of(
            engine.clock().instant(),
            "admin.blueprints_loaded",
            "app",
            files.problems().isEmpty() ? Severity.INFO : Severity.WARNING,
            null,
            details));
    log.info(
        "loaded {} blueprint file(s) from {} ({} new version(s)): {}",
        names.size(),
        folder.toAbsolutePath(),
        files.created(),
        names);
  }
}
