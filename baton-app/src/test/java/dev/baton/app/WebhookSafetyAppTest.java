package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.baton.worker.sdk.TaskResult;
import dev.baton.worker.sdk.Worker;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app's webhook safety from its settings and clients.toml: a webhook to this host is refused
 * with 400 by default; allowed through WEBHOOK_ALLOWED_TARGETS, it is signed with the client's
 * secret, which no answer shows; a bad secret or allow-list stops the start.
 */
class WebhookSafetyAppTest {
  static final String SECRET = "acme's webhook secret, 32+ characters long";

  @TempDir Path dir;

  record Hook(Map<String, String> headers, byte[] body) {}

  final List<Hook> hooks = new CopyOnWriteArrayList<>();
  HttpServer receiver;
  Path clients;
  Path blueprints;
  TestApp app;
  Worker worker;

  @BeforeEach
  void setUp() throws Exception {
    blueprints = Files.createDirectories(dir.resolve("blueprints"));
    Files.writeString(
        blueprints.resolve("hello.yaml"),
        """
        name: hello
        api_version: v1
        api_endpoint: /jobs/hello
        start: greet
        states:
          greet:
            dispatch: { task: greet, params: {} }
            on: { success: finished }
        """);
    clients =
        Files.writeString(
            dir.resolve("clients.toml"),
            """
            [acme]
            token = "acme-token"
            monthly_attempts = 100
            webhook_secret = "%s"
            """
                .formatted(SECRET));
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext(
        "/hook",
        ex -> {
          Map<String, String> headers = new HashMap<>();
          ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
          hooks.add(new Hook(headers, ex.getRequestBody().readAllBytes()));
          ex.sendResponseHeaders(204, -1);
          ex.close();
        });
    receiver.start();
  }

  @AfterEach
  void tearDown() {
    if (worker != null) {
      worker.close();
    }
    if (app != null) {
      app.close();
    }
    receiver.stop(0);
  }

  TestApp start(Map<String, String> env) {
    Map<String, String> all = new HashMap<>(env);
    all.put("CLIENTS_CONFIG_PATH", clients.toString());
    return TestApp.start(dir.resolve("data"), blueprints, all);
  }

  String hook() {
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
  }

  HttpResponse<String> create(String webhook) throws Exception {
    return app.send(
        "POST",
        "/api/v1/jobs/hello",
        "{\"initial_data\":{},\"webhook_url\":\"" + webhook + "\"}",
        "X-Avtomatika-Token",
        "acme-token");
  }

  @Test
  void byDefaultAWebhookToThisHostIsRefusedWhenTheJobIsCreated() throws Exception {
    app = start(Map.of());
    HttpResponse<String> r = create(hook());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body())
        .contains("field 'webhook_url' is refused: 127.0.0.1 is in a loopback range (127.0.0.0/8)")
        .contains("WEBHOOK_ALLOWED_TARGETS");
    assertThat(create("http://[::ffff:10.0.0.1]/x").statusCode()).isEqualTo(400);
    assertThat(create("http://localhost:1/x").statusCode()).isEqualTo(400);
    assertThat(create("https://hooks.example.com/x").statusCode())
        .as("a name is checked when delivered")
        .isEqualTo(202);
  }

  @Test
  void anAllowedTargetGetsTheWebhookSignedWithTheClientsSecret() throws Exception {
    app = start(Map.of("WEBHOOK_ALLOWED_TARGETS", "127.0.0.1"));
    HttpResponse<String> created = create(hook());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    String jobId = TestApp.JSON.readTree(created.body()).get("job_id").asString();
    worker =
        Worker.builder(URI.create("http://127.0.0.1:" + app.port()), "w1")
            .token("secure-worker-token")
            .handle("greet", (task, ctx) -> TaskResult.success(Map.of()))
            .build();
    worker.start();
    await().atMost(Duration.ofSeconds(20)).until(() -> !hooks.isEmpty());

    Hook h = hooks.get(0);
    String signed =
        h.headers().get("webhook-id") + "." + h.headers().get("webhook-timestamp") + ".";
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    mac.update(signed.getBytes(StandardCharsets.UTF_8));
    assertThat(h.headers().get("webhook-signature"))
        .isEqualTo("v1," + Base64.getEncoder().encodeToString(mac.doFinal(h.body())));
    assertThat(new String(h.body(), StandardCharsets.UTF_8)).contains(jobId);
    String shown = app.job(jobId, "X-Avtomatika-Token", "acme-token").toString();
    assertThat(shown).doesNotContain(SECRET);
  }

  @Test
  void aBadSecretOrAllowListStopsTheStartNamingWhereWithoutShowingTheSecret() throws Exception {
    assertThatThrownBy(() -> start(Map.of("WEBHOOK_ALLOWED_TARGETS", "10.0.0.0/33")))
        .isInstanceOf(Settings.ConfigException.class)
        .hasMessage(
            "environment variable WEBHOOK_ALLOWED_TARGETS: '10.0.0.0/33': the prefix length must"
                + " be 0 to 32");
    assertThatThrownBy(() -> start(Map.of("WEBHOOK_SIGNING_SECRET", "hunter2")))
        .isInstanceOf(Settings.ConfigException.class)
        .hasMessageStartingWith(
            "environment variable WEBHOOK_SIGNING_SECRET: the secret is too short: 7 characters")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> start(Map.of("WEBHOOK_RETENTION_DAYS", "-1")))
        .hasMessageContaining("WEBHOOK_RETENTION_DAYS");
    Files.writeString(
        clients, "[acme]\ntoken = \"t\"\nmonthly_attempts = 1\nwebhook_secret = \"hunter2\"\n");
    assertThatThrownBy(() -> start(Map.of()))
        .isInstanceOf(Settings.ConfigException.class)
        .hasMessageStartingWith(clients + " [acme] webhook_secret: is too short: 7 characters")
        .hasMessageNotContaining("hunter2");
  }
}
