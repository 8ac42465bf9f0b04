package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The app wires client tokens, worker tokens and the rate limit from its settings. */
class AccessAppTest {
  @TempDir Path dir;
  final HttpClient http = HttpClient.newHttpClient();
  @Nullable BatonApp app;

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  BatonApp start(Map<String, String> env) {
    Map<String, String> all = new HashMap<>(env);
    all.put("API_HOST", "127.0.0.1");
    all.put("API_PORT", "0");
    all.put("BATON_DATA_DIR", dir.resolve("data").toString());
    all.put("BATON_BLUEPRINTS_DIR", dir.resolve("blueprints").toString());
    all.put("WORKER_POLL_TIMEOUT_SECONDS", "0");
    app = BatonApp.start(Settings.resolve(Map.of(), all, null));
    return app;
  }

  int send(String method, String path, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
            .timeout(Duration.ofSeconds(10))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  @Test
  void clientsAndWorkersFilesAreEnforced() throws Exception {
    start(
        Map.of(
            "CLIENTS_CONFIG_PATH",
            AccessFilesTest.sample("example_clients.toml").toString(),
            "WORKERS_CONFIG_PATH",
            AccessFilesTest.sample("example_workers.toml").toString(),
            "RATE_LIMITING_ENABLED",
            "false"));
    assertThat(send("GET", "/api/v1/jobs")).isEqualTo(401);
    assertThat(send("GET", "/api/v1/health")).isEqualTo(200);
    assertThat(send("GET", "/api/v1/jobs", "X-Avtomatika-Token", "limited-access-token"))
        .isEqualTo(200);
    assertThat(send("GET", "/api/v1/jobs", "Authorization", "Bearer limited-access-token"))
        .isEqualTo(200);
    assertThat(send("GET", "/api/v1/jobs", "X-Avtomatika-Token", "limited-access-token"))
        .as("monthly_attempts = 2, kept in the database")
        .isEqualTo(429);
    assertThat(send("GET", "/api/v1/jobs", "X-Avtomatika-Token", "user_token_vip")).isEqualTo(200);

    String gpu = "/_worker/workers/gpu-worker-01/tasks/next";
    assertThat(send("GET", gpu, "X-Worker-Token", "secure-worker-token")).isEqualTo(401);
    assertThat(send("GET", gpu, "X-Worker-Token", "super-secret-gpu-worker-token"))
        .as("unknown worker, but authenticated")
        .isEqualTo(404);
    assertThat(
            send(
                "GET",
                "/_worker/workers/other/tasks/next",
                "X-Worker-Token",
                "secure-worker-token"))
        .isEqualTo(404);
    for (int i = 0; i < 10; i++) {
      assertThat(send("PATCH", "/_worker/workers/x", "X-Worker-Token", "secure-worker-token"))
          .as("rate limiting is off")
          .isEqualTo(404);
    }
  }

  @Test
  void theRateLimitComesFromTheSettings() throws Exception {
    start(Map.of("RATE_LIMIT_REQUESTS", "2", "RATE_LIMIT_WINDOW_SECONDS", "3600"));
    for (int i = 0; i < 2; i++) {
      assertThat(send("PATCH", "/_worker/workers/x", "X-Worker-Token", "secure-worker-token"))
          .isEqualTo(404);
    }
    assertThat(send("PATCH", "/_worker/workers/x", "X-Worker-Token", "secure-worker-token"))
        .isEqualTo(429);
  }

  @Test
  void withoutAClientsFileTheApiIsOpenAndTheLogSaysSoLoudly() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger(BatonApp.class);
    ListAppender<ILoggingEvent> seen = new ListAppender<>();
    seen.start();
    logger.addAppender(seen);
    try {
      start(Map.of());
    } finally {
      logger.detachAppender(seen);
    }
    assertThat(send("GET", "/api/v1/jobs")).isEqualTo(200);
    assertThat(seen.list)
        .anySatisfy(e -> {
          assertThat(e.getLevel()).isEqualTo(Level.WARN);
          assertThat(e.getFormattedMessage())
              .contains("THE CLIENT API IS OPEN")
              .contains("CLIENTS_CONFIG_PATH");
        });
  }

  @Test
  void aBadAccessFileStopsTheStart() throws Exception {
    Path clients =
        Files.writeString(
            dir.resolve("clients.toml"),
            "[limited-client]\ntoken = \"x\"\nmonthly_attempts = \"two\"\n");
    assertThatThrownBy(() -> start(Map.of("CLIENTS_CONFIG_PATH", clients.toString())))
        .isInstanceOf(Settings.ConfigException.class)
        .hasMessage(clients + " [limited-client] monthly_attempts: \"two\" is not a whole number");
    Path workers = Files.writeString(dir.resolve("workers.toml"), "[gpu]\ntoken = 1\n");
    assertThatThrownBy(() -> start(Map.of("WORKERS_CONFIG_PATH", workers.toString())))
        .hasMessage(workers + " [gpu] token: 1 is not a string");
    assertThatThrownBy(
            () -> start(Map.of("CLIENTS_CONFIG_PATH", dir.resolve("nope.toml").toString())))
        .hasMessage(dir.resolve("nope.toml") + " does not exist");
  }

  @Test
  void badAccessSettingsNameTheirSource() throws Exception {
    assertThatThrownBy(() -> start(Map.of("RATE_LIMITING_ENABLED", "maybe")))
        .isInstanceOf(Settings.ConfigException.class)
        .hasMessage("environment variable RATE_LIMITING_ENABLED: 'maybe' is not true or false");
    assertThatThrownBy(() -> start(Map.of("TZ", "Mars/Olympus")))
        .hasMessage(
            "environment variable TZ: 'Mars/Olympus' is not a time zone; use an IANA name such as"
                + " UTC or Europe/Warsaw");
    assertThatThrownBy(() -> start(Map.of("RATE_LIMIT_REQUESTS", "0")))
        .hasMessage("environment variable RATE_LIMIT_REQUESTS: 0 is out of range [1, 1000000]");
  }

  @Test
  void theConfigFileCanTurnTheRateLimitOffWithABoolean() throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("baton.toml"), "rate_limiting_enabled = false\ntz = \"Europe/Warsaw\"\n");
    Settings s = Settings.resolve(Map.of(), Map.of(), config);
    assertThat(s.bool(Setting.RATE_LIMITING_ENABLED)).isFalse();
    assertThat(s.zone().getId()).isEqualTo("Europe/Warsaw");
    assertThat(Settings.resolve(Map.of(), Map.of(), null).bool(Setting.RATE_LIMITING_ENABLED))
        .as("on by default, as upstream")
        .isTrue();
  }
}
