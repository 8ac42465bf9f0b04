package dev.baton.server;

import static dev.baton.server.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.server.TestServer.Res;
import dev.baton.server.access.TokenClients;
import dev.baton.server.access.WorkerTokens;
import dev.baton.store.InMemoryStore;
import dev.baton.testing.ManualClock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 15: roles from clients.toml decide the routes, a client reaches only its own jobs, and the
 * global worker token cannot post a result for a worker that has its own token.
 */
class RolesTest {
  static final List<TokenClients.Entry> CLIENTS =
      List.of(
          new TokenClients.Entry(
              "alice-token", new Client("alice", "basic", Map.of(), 1000L, Role.CLIENT)),
          new TokenClients.Entry(
              "bob-token", new Client("bob", "basic", Map.of(), 1000L, Role.CLIENT)),
          new TokenClients.Entry(
              "ops-token", new Client("ops", "staff", Map.of(), 1000L, Role.OPERATOR)),
          new TokenClients.Entry(
              "root-token", new Client("root", "staff", Map.of(), 1000L, Role.ADMIN)));

  final ManualClock clock = new ManualClock(Instant.parse("2026-11-30T12:00:00Z"));
  final WorkerTokens workers = new WorkerTokens(TestServer.TOKEN, () -> Map.of("gpu-1", "gpu-s"));
  final TestServer t =
      new TestServer(
          TestServer.OPTIONS
              .withClientAccess(
                  new TokenClients(CLIENTS, new InMemoryStore(), clock, ZoneOffset.UTC))
              .withWorkerAuth(workers)
              .withWorkerTokensReload(workers));

  @AfterEach
  void close() {
    t.close();
  }

  Res as(String token, String method, String path, String body) {
    return t.send(method, path, body, "X-Avtomatika-Token", token);
  }

  String create(String token) {
    Res r = as(token, "POST", "/api/v1/jobs", json(Map.of("blueprint", "approve")));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().path("id").asString();
  }

  @Test
  void aClientReachesOnlyTheJobsItCreated() {
    String alices = create("alice-token");
    String bobs = create("bob-token");
    for (String path :
        List.of(
            "/api/v1/jobs/" + alices,
            "/api/jobs/" + alices,
            "/api/v1/jobs/" + alices + "/history",
            "/api/v1/jobs/" + alices + "/tasks")) {
      Res r = as("bob-token", "GET", path, null);
      assertThat(r.status()).as(path).isEqualTo(404);
      assertThat(r.error()).isEqualTo("Job not found");
      assertThat(as("alice-token", "GET", path, null).status()).as(path).isEqualTo(200);
    }
    assertThat(as("bob-token", "POST", "/api/v1/jobs/" + alices + "/cancel", "").status())
        .isEqualTo(404);
    assertThat(
            as(
                    "bob-token",
                    "POST",
                    "/api/v1/jobs/" + alices + "/decision",
                    "{\"decision\":\"approve\"}")
                .status())
        .isEqualTo(404);
    assertThat(t.engine.job(alices).orElseThrow().status().wireName())
        .isEqualTo("waiting_for_human");

    JsonNode bobsPage = as("bob-token", "GET", "/api/v1/jobs", null).json();
    assertThat(bobsPage.path("total").asLong()).isEqualTo(1);
    assertThat(bobsPage.path("items").get(0).path("id").asString()).isEqualTo(bobs);
    JsonNode bobsArray = as("bob-token", "GET", "/api/jobs", null).json();
    assertThat(bobsArray).hasSize(1);
    assertThat(bobsArray.get(0).path("id").asString()).isEqualTo(bobs);

    assertThat(as("ops-token", "GET", "/api/v1/jobs", null).json().path("total").asLong())
        .isEqualTo(2);
    assertThat(as("ops-token", "GET", "/api/v1/jobs/" + alices, null).status()).isEqualTo(200);
    assertThat(as("alice-token", "POST", "/api/v1/jobs/" + alices + "/cancel", "").status())
        .isEqualTo(200);
  }

  @Test
  void eachRouteNeedsItsRole() {
    for (String token : List.of("alice-token", "bob-token")) {
      for (String[] route :
          List.of(
              new String[] {"GET", "/api/v1/workers"},
              new String[] {"GET", "/api/workers"},
              new String[] {"GET", "/api/v1/dashboard"},
              new String[] {"POST", "/api/v1/admin/reload-workers"},
              new String[] {"POST", "/api/admin/reload-workers"})) {
        Res r = as(token, route[0], route[1], route[0].equals("POST") ? "" : null);
        assertThat(r.status()).as(token + " " + route[1]).isEqualTo(403);
        assertThat(r.error()).contains("has the role client");
      }
    }
    assertThat(as("ops-token", "GET", "/api/v1/workers", null).status()).isEqualTo(200);
    assertThat(as("ops-token", "GET", "/api/v1/schedules", null).status()).isEqualTo(200);
    Res opsReload = as("ops-token", "POST", "/api/v1/admin/reload-workers", "");
    assertThat(opsReload.status()).isEqualTo(403);
    assertThat(opsReload.error()).contains("needs admin");
    Res reload = as("root-token", "POST", "/api/v1/admin/reload-workers", "");
    assertThat(reload.status()).as(reload.body()).isEqualTo(200);
    assertThat(as("alice-token", "GET", "/api/v1/blueprints", null).status()).isEqualTo(200);
  }

  @Test
  void theGlobalTokenCannotPostAResultForAWorkerWithItsOwnToken() {
    String id = create("alice-token");
    assertThat(id).isNotEmpty();
    Res created = as("alice-token", "POST", "/api/v1/jobs", json(Map.of("blueprint", "hello")));
    String job = created.json().path("id").asString();
    Res reg =
        t.post(
            "/_worker/workers/register",
            json(Map.of("worker_id", "gpu-1", "supported_tasks", List.of("greet"))),
            "X-Worker-Token",
            "gpu-s",
            "Content-Type",
            "application/json");
    assertThat(reg.status()).as(reg.body()).isEqualTo(200);
    Res next = t.send("GET", "/_worker/workers/gpu-1/tasks/next", null, "X-Worker-Token", "gpu-s");
    assertThat(next.status()).as(next.body()).isEqualTo(200);
    String task = next.json().path("task_id").asString();

    Res global =
        t.post(
            "/_worker/tasks/result",
            json(Map.of("job_id", job, "task_id", task, "result", Map.of("status", "success"))),
            "X-Worker-Token",
            TestServer.TOKEN,
            "Content-Type",
            "application/json");
    assertThat(global.status()).as(global.body()).isEqualTo(403);
    assertThat(global.error()).contains("leased to worker 'gpu-1'");
    assertThat(t.engine.job(job).orElseThrow().status().wireName()).isEqualTo("waiting_for_worker");

    Res own =
        t.post(
            "/_worker/tasks/result",
            json(
                Map.of(
                    "job_id",
                    job,
                    "task_id",
                    task,
                    "worker_id",
                    "gpu-1",
                    "result",
                    Map.of("status", "success"))),
            "X-Worker-Token",
            "gpu-s",
            "Content-Type",
            "application/json");
    assertThat(own.status()).as(own.body()).isEqualTo(200);
  }
}
