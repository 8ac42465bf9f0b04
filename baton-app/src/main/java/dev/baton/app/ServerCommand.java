package dev.baton.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code baton server}: runs until interrupted (Ctrl-C or SIGTERM shut it down cleanly). */
@Command(
    name = "server",
    description = "Start the server (embedded SQLite under ./data unless --db names PostgreSQL).")
final class ServerCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(ServerCommand.class);

  @Option(names = "--config", description = "TOML config file (default: ./baton.toml if present)")
  @Nullable Path config;

  @Option(names = "--host", description = "address to listen on (env API_HOST; default 127.0.0.1)")
  @Nullable String host;

  @Option(
      names = "--insecure-bind",
      description =
          "listen on a non-loopback --host even with no clients.toml or the default worker token")
  boolean insecureBind;

  @Option(
      names = "--port",
      description = "HTTP port, 0 picks a free one (env API_PORT; default 8080)")
  @Nullable String port;

  @Option(
      names = "--data-dir",
      description = "folder of the SQLite database (env BATON_DATA_DIR; default ./data)")
  @Nullable String dataDir;

  @Option(names = "--db", description = "jdbc:postgresql://host:port/db (default: SQLite)")
  @Nullable String db;

  @Option(names = "--db-user", description = "PostgreSQL user, with --db")
  @Nullable String dbUser;

  @Option(names = "--db-password", description = "PostgreSQL password, with --db")
  @Nullable String dbPassword;

  @Option(names = "--blueprints", description = "folder of blueprint files")
  @Nullable String blueprints;

  @Option(
      names = "--worker-token",
      description = "the token workers send (env GLOBAL_WORKER_TOKEN; default secure-worker-token)")
  @Nullable String workerToken;

  @Option(names = "--components-config", description = "avena orchestrator config (JSON/TOML/YAML)")
  @Nullable String componentsConfig;

  @Option(names = "--scenarios-directory", description = "folder of the user's scenario files")
  @Nullable String scenariosDirectory;

  /** The build's run that trains the JDK's AOT cache ({@link AotTraining}): start, answer, stop. */
  @Option(
      names = "--aot-training",
      hidden = true,
      description = "the build's AOT cache training: start on a scratch folder, answer, stop")
  boolean aotTraining;

  @Override
  public Integer call() throws InterruptedException {
    Settings settings;
    Duration grace;
    BatonApp app;
    try {
      settings = Settings.resolve(flags(), System.getenv(), configFile());
      grace = Duration.ofSeconds(settings.number(Setting.SHUTDOWN_TIMEOUT_SECONDS, 1, 3600));
      app = BatonApp.start(settings);
    } catch (Settings.ConfigException e) {
      System.err.println("baton: " + e.getMessage());
      return 2;
    }
    log.info(
        "Baton is up on http://{}:{} with {} (API docs: /api/docs)",
        settings.text(Setting.API_HOST),
        app.port(),
        app.storeDescription());
    if (aotTraining) {
      AotTraining.run(app.port());
      app.close();
      AotTraining.forget(settings.text(Setting.DATA_DIR));
      return 0;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    CleanExit.onSigterm();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> {
              log.info("shutting down (at most {} s)", grace.toSeconds());
              CleanExit.within(grace, app::close);
              stopped.countDown();
            }));
    stopped.await();
    return 0;
  }

  private @Nullable Path configFile() {
    if (config != null) {
      return config;
    }
    String fromEnv = System.getenv("BATON_CONFIG");
    if (fromEnv != null) {
      return Path.of(fromEnv);
    }
    Path local = Path.of("baton.toml");
    return Files.isRegularFile(local) ? local : null;
  }

  private Map<Setting, String> flags() {
    Map<Setting, String> m = new EnumMap<>(Setting.class);
    putIf(m, Setting.API_HOST, host);
    putIf(m, Setting.API_PORT, port);
    putIf(m, Setting.DATA_DIR, aotTraining ? AotTraining.scratch() : dataDir);
    // The build's training run must never open a database named by the developer's environment
    // (BATON_DATABASE_URL): it uses SQLite in its scratch folder, which it deletes afterwards.
    putIf(m, Setting.DATABASE_URL, aotTraining ? "" : db);
    putIf(m, Setting.DATABASE_USER, dbUser);
    putIf(m, Setting.DATABASE_PASSWORD, dbPassword);
    putIf(m, Setting.BLUEPRINTS_DIR, blueprints);
    putIf(m, Setting.GLOBAL_WORKER_TOKEN, workerToken);
    putIf(m, Setting.COMPONENTS_CONFIG_PATH, componentsConfig);
    putIf(m, Setting.SCENARIOS_DIRECTORY, scenariosDirectory);
    if (insecureBind) {
      m.put(Setting.INSECURE_BIND, "true");
    }
    return m;
  }

  private static void putIf(Map<Setting, String> m, Setting k, @Nullable String v) {
    if (v != null) {
      m.put(k, v);
    }
  }
}
