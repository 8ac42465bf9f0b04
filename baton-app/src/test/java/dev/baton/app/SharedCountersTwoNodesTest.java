package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.store.jdbc.TestPostgres;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Two Baton processes on one PostgreSQL share the counters that used to live in each one's memory
 * (issue 13): a scenario's executions since its last ACK and the worker routes' rate limit hold
 * across both nodes and over a restart.
 */
class SharedCountersTwoNodesTest {
  static final String WORKER_TOKEN = "secure-worker-token";

  @TempDir Path dir;
  final List<TestApp> apps = new ArrayList<>();

  @AfterEach
  void stop() {
    apps.forEach(TestApp::close);
  }

  TestApp node(TestPostgres.Database db, String name, Map<String, String> extra) throws Exception {
    Map<String, String> env = new HashMap<>(extra);
    env.put("BATON_DATABASE_URL", db.url());
    env.put("BATON_DATABASE_USER", db.user());
    env.put("BATON_DATABASE_PASSWORD", db.password());
    env.put("BATON_NODE_ID", name);
    env.put(
        "BATON_SCENARIOS_DIRECTORY", Files.createDirectories(dir.resolve("scenarios")).toString());
    TestApp app =
        TestApp.start(dir.resolve(name), Files.createDirectories(dir.resolve("blueprints")), env);
    apps.add(app);
    return app;
  }

  @Test
  void aScenariosExecutionsAreCountedOnceForBothNodesAndOverARestart() throws Exception {
    Files.createDirectories(dir.resolve("scenarios"));
    Files.writeString(
        dir.resolve("scenarios/limited.json"),
        """
        {"name": "limited", "cooldown": 0, "max_executions": 3, "trigger": {"type": "manual"},
         "actions": [{"type": "log_event", "message": "ran"}]}
        """);
    TestPostgres.Database db = TestPostgres.newDatabase();
    TestApp a = node(db, "a", Map.of());
    TestApp b = node(db, "b", Map.of());

    assertThat(run(a).statusCode()).isEqualTo(201);
    assertThat(run(b).statusCode()).isEqualTo(201);
    assertThat(executions(a)).as("b's run counts on a").isEqualTo(2);
    // a's first run must have ended, or the next is refused by max_concurrent_executions (1).
    await().atMost(Duration.ofSeconds(10)).until(() -> running(a).isEmpty());
    assertThat(run(a).statusCode()).isEqualTo(201);
    HttpResponse<String> refused = run(b);
    assertThat(refused.statusCode()).as("the third run was a's").isEqualTo(409);
    assertThat(refused.body()).contains("max_executions (3)");

    a.close();
    apps.remove(a);
    TestApp again = node(db, "a", Map.of());
    assertThat(executions(again)).as("the count survives a restart").isEqualTo(3);
    assertThat(run(again).statusCode()).isEqualTo(409);

    HttpResponse<String> acked = b.send("POST", "/api/v1/scenarios/limited/ack", null);
    assertThat(acked.statusCode()).as(acked.body()).isEqualTo(200);
    assertThat(executions(again)).as("an ACK on b resets the count for a").isZero();
    assertThat(run(again).statusCode()).isEqualTo(201);
  }

  @Test
  void theWorkerRateLimitHoldsAcrossNodesAndARestart() throws Exception {
    TestPostgres.Database db = TestPostgres.newDatabase();
    Map<String, String> limited =
        Map.of("RATE_LIMITING_ENABLED", "true", "RATE_LIMIT_REQUESTS", "3");
    TestApp a = node(db, "a", limited);
    TestApp b = node(db, "b", limited);
    assertThat(worker(a, "POST", "/_worker/workers/register", register("w1"))).isEqualTo(200);
    assertThat(worker(b, "POST", "/_worker/workers/register", register("w2"))).isEqualTo(200);

    assertThat(heartbeat(a, "w1")).isEqualTo(200);
    assertThat(heartbeat(b, "w1")).isEqualTo(200);
    assertThat(heartbeat(a, "w1")).isEqualTo(200);
    assertThat(heartbeat(b, "w1")).as("the fourth in the window, on either node").isEqualTo(429);
    assertThat(heartbeat(a, "w1")).isEqualTo(429);
    assertThat(heartbeat(b, "w2")).as("another worker has its own window").isEqualTo(200);

    b.close();
    apps.remove(b);
    TestApp again = node(db, "b", limited);
    assertThat(heartbeat(again, "w1")).as("a restart keeps the window").isEqualTo(429);
  }

  @Test
  void anHttpJobIsDeDuplicatedAcrossNodesAndARestart() throws Exception {
    Files.createDirectories(dir.resolve("blueprints"));
    Files.writeString(
        dir.resolve("blueprints/draw.yaml"),
        """
        name: draw
        start: run
        states:
          run:
            dispatch: { task: render, params: {} }
            on: { success: finished }
        """);
    TestPostgres.Database db = TestPostgres.newDatabase();
    Map<String, String> dedup = Map.of("JOB_DEDUP_WINDOW_SECONDS", "300");
    TestApp a = node(db, "a", dedup);
    TestApp b = node(db, "b", dedup);
    String body = "{\"blueprint\":\"draw\",\"input\":{\"page\":1}}";

    HttpResponse<String> first = a.send("POST", "/api/v1/jobs", body);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    String id = TestApp.JSON.readTree(first.body()).get("id").asString();
    HttpResponse<String> again = b.send("POST", "/api/v1/jobs", body);
    assertThat(again.statusCode()).as("the same job on the other node").isEqualTo(409);
    assertThat(again.body()).contains("(job " + id + ")");

    b.close();
    apps.remove(b);
    TestApp restarted = node(db, "b", dedup);
    assertThat(restarted.send("POST", "/api/v1/jobs", body).statusCode()).isEqualTo(409);
    assertThat(restarted.send("POST", "/api/v1/jobs?bypass_dedup=true", body).statusCode())
        .isEqualTo(201);
  }

  HttpResponse<String> run(TestApp app) throws Exception {
    return app.send("POST", "/api/v1/scenarios/limited/run", "{}");
  }

  static JsonNode running(TestApp app) throws Exception {
    HttpResponse<String> r = app.send("GET", "/api/v1/scenarios/limited", null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return TestApp.JSON.readTree(r.body()).get("running");
  }

  static long executions(TestApp app) throws Exception {
    HttpResponse<String> r = app.send("GET", "/api/v1/scenarios/limited", null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode s = TestApp.JSON.readTree(r.body());
    return s.get("executions").asLong();
  }

  static String register(String worker) {
    return "{\"worker_id\":\"" + worker + "\",\"supported_tasks\":[\"x\"]}";
  }

  static int heartbeat(TestApp app, String worker) throws Exception {
    return worker(app, "PATCH", "/_worker/workers/" + worker, null);
  }

  static int worker(TestApp app, String method, String path, String body) throws Exception {
    return app.send(method, path, body, "X-Worker-Token", WORKER_TOKEN).statusCode();
  }
}
