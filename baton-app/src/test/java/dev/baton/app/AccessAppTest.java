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
import java.util.List;
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
        .as("unknown worker, but authenticated: an empty poll, as Avtomatika answers")
        .isEqualTo(204);
    assertThat(
            send(
                "GET",
                "/_worker/workers/other/tasks/next",
                "X-Worker-Token",
                "secure-worker-token"))
        .as("a worker that never registered gets an empty poll, as Avtomatika answers")
        .isEqualTo(204);
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

  // ---- issue 15

  BatonApp startOn(String host, Map<String, String> env) {
    Map<String, String> all = new HashMap<>(env);
    all.put("API_HOST", host);
    all.put("API_PORT", "0");
    all.put("BATON_DATA_DIR", dir.resolve("data").toString());
    all.put("BATON_BLUEPRINTS_DIR", dir.resolve("blueprints").toString());
    all.put("WORKER_POLL_TIMEOUT_SECONDS", "0");
    app = BatonApp.start(Settings.resolve(Map.of(), all, null));
    return app;
  }

  @Test
  void theServerListensOnlyOnLoopbackWhileItIsOpenUnlessToldOtherwise() throws Exception {
    assertThat(Setting.API_HOST.fallback()).isEqualTo("127.0.0.1");
    assertThatThrownBy(() -> startOn("0.0.0.0", Map.of()))
        .isInstanceOf(Settings.ConfigException.class)
        .hasMessageContaining("will not listen on 0.0.0.0")
        .hasMessageContaining("the client API is open")
        .hasMessageContaining("the worker token is the default one")
        .hasMessageContaining("--insecure-bind");
    Path clients = Files.writeString(dir.resolve("c.toml"), "[a]\ntoken = \"t\"\n");
    assertThatThrownBy(() -> startOn("0.0.0.0", Map.of("CLIENTS_CONFIG_PATH", clients.toString())))
        .hasMessageContaining("the worker token is the default one")
        .hasMessageNotContaining("the client API is open");
    startOn(
        "0.0.0.0",
        Map.of("CLIENTS_CONFIG_PATH", clients.toString(), "GLOBAL_WORKER_TOKEN", "long-secret"));
    assertThat(send("GET", "/api/v1/health")).isEqualTo(200);
    app.close();
    startOn("0.0.0.0", Map.of("BATON_INSECURE_BIND", "true"));
    assertThat(send("GET", "/api/v1/health")).isEqualTo(200);
  }

  @Test
  void rolesComeFromTheClientsFile() throws Exception {
    Path clients =
        Files.writeString(
            dir.resolve("clients.toml"),
            """
            [alice]
            token = "alice-token"
            monthly_attempts = 100

            [ops]
            token = "ops-token"
            monthly_attempts = 100
            role = "operator"

            [root]
            token = "root-token"
            monthly_attempts = 100
            role = "admin"
            """);
    start(Map.of("CLIENTS_CONFIG_PATH", clients.toString()));
    assertThat(send("GET", "/api/v1/jobs", "X-Avtomatika-Token", "alice-token")).isEqualTo(200);
    assertThat(send("GET", "/api/v1/workers", "X-Avtomatika-Token", "alice-token")).isEqualTo(403);
    assertThat(send("POST", "/orchestrator/disable", "X-Avtomatika-Token", "alice-token"))
        .isEqualTo(403);
    assertThat(send("POST", "/api/v1/scenarios/ack", "X-Avtomatika-Token", "alice-token"))
        .isEqualTo(403);
    assertThat(send("POST", "/api/v1/components/io/commands", "X-Avtomatika-Token", "alice-token"))
        .isEqualTo(403);
    assertThat(send("GET", "/api/v1/workers", "X-Avtomatika-Token", "ops-token")).isEqualTo(200);
    assertThat(send("POST", "/orchestrator/disable", "X-Avtomatika-Token", "ops-token"))
        .isEqualTo(403);
    assertThat(send("POST", "/orchestrator/disable", "X-Avtomatika-Token", "root-token"))
        .isEqualTo(200);
  }

  @Test
  void anUnknownRoleStopsTheStart() throws Exception {
    Path clients =
        Files.writeString(dir.resolve("clients.toml"), "[a]\ntoken = \"t\"\nrole = \"boss\"\n");
    assertThatThrownBy(() -> start(Map.of("CLIENTS_CONFIG_PATH", clients.toString())))
        .isInstanceOf(Settings.ConfigException.class)
        .hasMessageContaining("[a] role: 'boss' is not a role");
  }

  @Test
  void aProtectedServerTakesNoRobotWithoutAToken() throws Exception {
    Path clients =
        Files.writeString(
            dir.resolve("clients.toml"), "[a]\ntoken = \"t\"\nmonthly_attempts = 5\n");
    start(Map.of("CLIENTS_CONFIG_PATH", clients.toString()));
    java.util.concurrent.BlockingQueue<String> got =
        new java.util.concurrent.LinkedBlockingQueue<>();
    java.net.http.WebSocket ws =
        http.newWebSocketBuilder()
            .buildAsync(
                URI.create("ws://127.0.0.1:" + app.port() + "/robots/ws"),
                new java.net.http.WebSocket.Listener() {
                  final StringBuilder text = new StringBuilder();

                  @Override
                  public java.util.concurrent.CompletionStage<?> onText(
                      java.net.http.WebSocket w, CharSequence data, boolean last) {
                    text.append(data);
                    if (last) {
                      got.add(text.toString());
                      text.setLength(0);
                    }
                    w.request(1);
                    return null;
                  }
                })
            .get(10, java.util.concurrent.TimeUnit.SECONDS);
    ws.sendText(
            "{\"type\":\"register\",\"id\":\"m1\",\"timestamp\":\"2026-12-02T00:00:00Z\","
                + "\"payload\":{\"robot_id\":\"r1\",\"robot_name\":\"r1\"}}",
            true)
        .get(10, java.util.concurrent.TimeUnit.SECONDS);
    String ack = got.poll(10, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(ack).contains("register_ack").contains("\"success\":false");
    assertThat(ack).contains("Authentication failed");
  }

  @Test
  void anEventFromAnotherMachineIsRefusedWhenItsSourceHasNoSecret() throws Exception {
    java.net.InetAddress external = null;
    for (java.net.NetworkInterface nic :
        java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
      for (java.net.InetAddress a : java.util.Collections.list(nic.getInetAddresses())) {
        if (nic.isUp() && !a.isLoopbackAddress() && a instanceof java.net.Inet4Address) {
          external = a;
        }
      }
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(external != null, "no non-loopback address");
    startOn("0.0.0.0", Map.of("BATON_INSECURE_BIND", "true"));
    String event =
        "{\"source\":\"admin\",\"destination\":\"orchestrator\",\"event_type\":\"CMD_ACK\"}";
    for (String host : List.of(external.getHostAddress(), "127.0.0.1")) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create("http://" + host + ":" + app.port() + "/event"))
                  .timeout(Duration.ofSeconds(10))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(event))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode())
          .as(host + ": " + r.body())
          .isEqualTo(host.equals("127.0.0.1") ? 200 : 403);
    }
  }
}
