package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Avtomatika face of the running application, from outside: client tokens and quotas on the
 * job-creation route, per-worker tokens, and a webhook to a receiver that fails twice first.
 */
class AvtomatikaBlackBoxTest {
  static final JsonMapper JSON = TestApp.JSON;

  @TempDir Path dir;
  final List<String> hooks = new CopyOnWriteArrayList<>();
  final AtomicInteger hookCalls = new AtomicInteger();
  HttpServer receiver;
  TestApp app;
  Worker worker;

  @BeforeEach
  void start() throws Exception {
    Path blueprints = Files.createDirectories(dir.resolve("blueprints"));
    Files.writeString(
        blueprints.resolve("hello.yaml"),
        """
        name: hello
        api_version: v1
        api_endpoint: /jobs/hello
        start: greet
        states:
          greet:
            dispatch: { task: greet, params: { name: "${initial_data.?name.orValue('you')}" } }
            on: { success: finished }
        """);
    Path clients = dir.resolve("clients.toml");
    Files.writeString(
        clients,
        """
        [limited-client]
        token = "limited-access-token"
        plan = "basic"
        monthly_attempts = 2

        [client_vip]
        token = "user_token_vip"
        plan = "vip"
        params = { features = ["all"] }
        monthly_attempts = 10000
        """);
    Path workers = dir.resolve("workers.toml");
    Files.writeString(workers, "[gpu-worker-01]\ntoken = \"super-secret-gpu-worker-token\"\n");

    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          int call = hookCalls.incrementAndGet();
          hooks.add(body);
          exchange.sendResponseHeaders(call <= 2 ? 500 : 200, -1); // fails twice, then succeeds
          exchange.close();
        });
    receiver.start();

    app =
        TestApp.start(
            dir.resolve("data"),
            blueprints,
            Map.of(
                "CLIENTS_CONFIG_PATH",
                clients.toString(),
                "WORKERS_CONFIG_PATH",
                workers.toString(),
                "WORKER_POLL_TIMEOUT_SECONDS",
                "2",
                "WEBHOOK_RETRY_DELAY_MS",
                "50",
                "WEBHOOK_ALLOW_PRIVATE_TARGETS", // the receiver listens on 127.0.0.1
                "true"));
  }

  @AfterEach
  void stop() {
    if (worker != null) {
      worker.close();
    }
    app.close();
    receiver.stop(0);
  }

  @Test
  void aQuotaOfTwoAcceptsTwoJobsAndRefusesTheThird() throws Exception {
    String body = "{\"initial_data\":{\"name\":\"Ada\"}}";
    assertThat(create("limited-access-token", body).statusCode()).isEqualTo(202);
    assertThat(create("limited-access-token", body).statusCode()).isEqualTo(202);
    HttpResponse<String> third = create("limited-access-token", body);
    assertThat(third.statusCode()).isEqualTo(429);
    assertThat(third.body()).isEqualTo("{\"error\":\"Quota exceeded or not configured\"}");

    HttpResponse<String> missing = create(null, body);
    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(missing.body()).isEqualTo("{\"error\":\"Missing X-Avtomatika-Token header\"}");
    HttpResponse<String> wrong = create("nope", body);
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).isEqualTo("{\"error\":\"Unauthorized: Invalid token\"}");
  }

  @Test
  void aFinishedJobsWebhookIsDeliveredAfterTheReceiverFailedTwice() throws Exception {
    String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    HttpResponse<String> created =
        create(
            "user_token_vip",
            "{\"initial_data\":{\"name\":\"Ada\"},\"webhook_url\":\"" + hook + "\"}");
    assertThat(created.statusCode()).isEqualTo(202);
    JsonNode accepted = JSON.readTree(created.body());
    assertThat(accepted.get("status").asString()).isEqualTo("accepted");
    String jobId = accepted.get("job_id").asString();

    worker =
        Worker.builder(URI.create("http://127.0.0.1:" + app.port()), "gpu-worker-01")
            .token("super-secret-gpu-worker-token")
            .handle(
                "greet",
                (task, ctx) ->
                    TaskResult.success(Map.of("greeting", "Hello, " + task.params().get("name"))))
            .build();
    worker.start();

    await().atMost(Duration.ofSeconds(20)).until(() -> hookCalls.get() >= 3);
    JsonNode last = JSON.readTree(hooks.get(2));
    assertThat(last.get("event").asString()).isEqualTo("job_finished");
    assertThat(last.get("job_id").asString()).isEqualTo(jobId);
    assertThat(last.get("status").asString()).isEqualTo("finished");
    assertThat(last.get("result").get("greeting").asString()).isEqualTo("Hello, Ada");
    assertThat(hooks).allMatch(h -> h.equals(hooks.get(0)), "every attempt sends the same body");

    JsonNode job = app.job(jobId, "X-Avtomatika-Token", "user_token_vip");
    assertThat(job.get("blueprint_name").asString()).isEqualTo("hello");
    assertThat(job.get("client_config").get("plan").asString()).isEqualTo("vip");
  }

  @Test
  void aWorkerWithItsOwnTokenCannotUseTheGlobalOne() throws Exception {
    HttpResponse<String> r =
        app.send(
            "POST",
            "/_worker/workers/register",
            "{\"worker_id\":\"gpu-worker-01\",\"supported_tasks\":[\"greet\"]}",
            "X-Worker-Token",
            "secure-worker-token");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).isEqualTo("{\"error\":\"Unauthorized: Invalid individual worker token\"}");
  }

  private HttpResponse<String> create(String token, String body) throws Exception {
    return token == null
        ? app.send("POST", "/api/v1/jobs/hello", body)
        : app.send("POST", "/api/v1/jobs/hello", body, "X-Avtomatika-Token", token);
  }
}
