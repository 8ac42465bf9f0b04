package dev.baton.server;

import static dev.baton.server.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.server.TestServer.Res;
import dev.baton.server.access.TokenClients;
import dev.baton.server.access.WorkerTokens;
import dev.baton.store.InMemoryStore;
import dev.baton.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Client tokens and quotas on {@code /api}, and per-worker tokens on {@code /_worker}. */
class AccessTest {
  static final String MISSING = "{\"error\":\"Missing X-Avtomatika-Token header\"}";
  static final String INVALID = "{\"error\":\"Unauthorized: Invalid token\"}";
  static final String NO_QUOTA = "{\"error\":\"Quota exceeded or not configured\"}";

  static final List<TokenClients.Entry> CLIENTS =
      List.of(
          new TokenClients.Entry(
              "vip-token",
              new Client("client_vip", "vip", Map.of("features", List.of("all")), 100L)),
          new TokenClients.Entry(
              "limited-token", new Client("limited-client", "basic", Map.of(), 2L)),
          new TokenClients.Entry("no-quota-token", new Client("no-quota", "free", Map.of(), null)),
          new TokenClients.Entry("zero-token", new Client("zero", "free", Map.of(), 0L)));

  @Nested
  class ClientTokens {
    final ManualClock clock = new ManualClock(Instant.parse("2026-11-30T23:59:00Z"));
    final InMemoryStore quotas = new InMemoryStore();
    final TokenClients clients = new TokenClients(CLIENTS, quotas, clock, ZoneOffset.UTC);
    final TestServer t = new TestServer(TestServer.OPTIONS.withClientAccess(clients));

    @AfterEach
    void close() {
      t.close();
    }

    @Test
    void aRequestWithoutATokenIs401() {
      Res r = t.get("/api/v1/jobs");
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.body()).isEqualTo(MISSING);
      assertThat(t.get("/api/v1/jobs", "X-Avtomatika-Token", "").status()).isEqualTo(401);
      assertThat(t.get("/api/v1/jobs", "Authorization", "Basic dXNlcjpwdw==").body())
          .as("another scheme is no token")
          .isEqualTo(MISSING);
    }

    @Test
    void anUnknownTokenIs401InEitherHeader() {
      Res r = t.get("/api/v1/jobs", "X-Avtomatika-Token", "nope");
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.body()).isEqualTo(INVALID);
      Res bearer = t.get("/api/v1/jobs", "Authorization", "Bearer nope");
      assertThat(bearer.status()).isEqualTo(401);
      assertThat(bearer.body()).isEqualTo(INVALID);
      assertThat(t.get("/api/v1/jobs", "X-Avtomatika-Token", "vip-token ").status())
          .as("surrounding spaces are not part of a token")
          .isEqualTo(200);
      assertThat(t.get("/api/v1/jobs", "X-Avtomatika-Token", "VIP-TOKEN").status()).isEqualTo(401);
    }

    @Test
    void aKnownTokenIsAdmittedInEitherHeader() {
      assertThat(t.get("/api/v1/jobs", "X-Avtomatika-Token", "vip-token").status()).isEqualTo(200);
      assertThat(t.get("/api/v1/jobs", "Authorization", "Bearer vip-token").status())
          .isEqualTo(200);
      assertThat(t.get("/api/v1/jobs", "Authorization", "bearer vip-token").status())
          .isEqualTo(200);
      Res created =
          t.post(
              "/api/v1/jobs",
              json(Map.of("blueprint", "hello")),
              "X-Avtomatika-Token",
              "vip-token",
              "Content-Type",
              "application/json");
      assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    @Test
    void everyRequestUsesTheQuotaAndTheThirdOfTwoIs429() {
      Res first =
          t.post(
              "/api/v1/jobs",
              json(Map.of("blueprint", "hello")),
              "X-Avtomatika-Token",
              "limited-token",
              "Content-Type",
              "application/json");
      assertThat(first.status()).as(first.body()).isIn(200, 201, 202);
      Res read = t.get("/api/v1/jobs", "X-Avtomatika-Token", "limited-token");
      assertThat(read.status()).as("a read counts too").isEqualTo(200);
      Res third = t.get("/api/v1/jobs", "Authorization", "Bearer limited-token");
      assertThat(third.status()).isEqualTo(429);
      assertThat(third.body()).isEqualTo(NO_QUOTA);
      assertThat(t.get("/api/v1/jobs", "X-Avtomatika-Token", "vip-token").status())
          .as("another client has its own quota")
          .isEqualTo(200);
      assertThat(quotas.consumeQuota("client:limited-client", "2026-11", 2)).isEqualTo(-1);
    }

    @Test
    void aClientWithoutAQuotaOrWithZeroIsRefused() {
      Res none = t.get("/api/v1/jobs", "X-Avtomatika-Token", "no-quota-token");
      assertThat(none.status()).isEqualTo(429);
      assertThat(none.body()).isEqualTo(NO_QUOTA);
      assertThat(t.get("/api/v1/jobs", "X-Avtomatika-Token", "zero-token").status()).isEqualTo(429);
    }

    @Test
    void theQuotaStartsAgainEachMonth() {
      for (int i = 0; i < 2; i++) {
        assertThat(t.get("/api/v1/jobs", "X-Avtomatika-Token", "limited-token").status())
            .isEqualTo(200);
      }
      assertThat(t.get("/api/v1/jobs", "X-Avtomatika-Token", "limited-token").status())
          .isEqualTo(429);
      clock.advance(Duration.ofMinutes(1)); // 2026-12-01T00:00Z
      assertThat(clients.period()).isEqualTo("2026-12");
      assertThat(t.get("/api/v1/jobs", "X-Avtomatika-Token", "limited-token").status())
          .isEqualTo(200);
    }

    @Test
    void theDocsTheSpecAndTheHealthCheckNeedNoToken() {
      assertThat(t.get("/api/v1/health").status()).isEqualTo(200);
      assertThat(t.get("/api/openapi.yaml").status()).isEqualTo(200);
      assertThat(t.get("/api/docs").status()).isEqualTo(200);
      assertThat(t.get("/api/v1/blueprints").status()).isEqualTo(401);
      assertThat(t.get("/api/v1/jobs/nope").status()).isEqualTo(401);
      assertThat(t.get("/api/v1/no-such-route").status())
          .as("an unknown path is a plain 404")
          .isEqualTo(404);
    }

    @Test
    void workerRoutesDoNotNeedAClientToken() {
      assertThat(t.register("w1", "greet").status()).isEqualTo(200);
      assertThat(t.next("w1").status()).isEqualTo(204);
      assertThat(t.get("/_public/status").status()).as("not gated").isNotIn(401, 429);
    }

    @Test
    void theQuotaPeriodIsTheMonthInTheConfiguredZone() {
      TokenClients warsaw = new TokenClients(CLIENTS, quotas, clock, ZoneId.of("Europe/Warsaw"));
      assertThat(clients.period()).isEqualTo("2026-11");
      assertThat(warsaw.period()).as("00:59 on 1 December in Warsaw").isEqualTo("2026-12");
    }
  }

  @Nested
  class OpenMode {
    final TestServer t = new TestServer();

    @AfterEach
    void close() {
      t.close();
    }

    @Test
    void withoutClientAccessEveryoneIsAdmitted() {
      assertThat(t.get("/api/v1/jobs").status()).isEqualTo(200);
      assertThat(t.get("/api/v1/jobs", "X-Avtomatika-Token", "anything").status()).isEqualTo(200);
      assertThat(t.createJob("hello").path("id").asString()).isNotEmpty();
    }
  }

  @Test
  void twoClientsWithOneTokenAreRefused() {
    assertThatThrownBy(() ->
            new TokenClients(
                List.of(
                    new TokenClients.Entry("same", new Client("a", "p", Map.of(), 1L)),
                    new TokenClients.Entry("same", new Client("b", "p", Map.of(), 1L))),
                new InMemoryStore(),
                new ManualClock(Instant.EPOCH),
                ZoneOffset.UTC))
        .hasMessage("clients a and b have the same token");
    assertThat(CLIENTS.get(0).toString()).doesNotContain("vip-token");
  }

  @Nested
  class IndividualWorkerTokens {
    static final String GPU = "super-secret-gpu-worker-token";
    static final String GLOBAL = TestServer.TOKEN;

    final AtomicReference<Map<String, String>> file =
        new AtomicReference<>(Map.of("gpu-worker-01", GPU, "cpu-worker-01", "cpu-secret"));
    final AtomicBoolean broken = new AtomicBoolean();
    final WorkerTokens tokens =
        new WorkerTokens(
            GLOBAL,
            () -> {
              if (broken.get()) {
                throw new IllegalStateException("workers.toml: not valid TOML");
              }
              return file.get();
            });
    final TestServer t =
        new TestServer(TestServer.OPTIONS.withWorkerAuth(tokens).withWorkerTokensReload(tokens));

    @AfterEach
    void close() {
      t.close();
    }

    Res register(String workerId, String token) {
      return t.post(
          "/_worker/workers/register",
          json(Map.of("worker_id", workerId, "supported_tasks", List.of("greet"))),
          "X-Worker-Token",
          token,
          "Content-Type",
          "application/json");
    }

    Res heartbeat(String workerId, String token) {
      return t.send("PATCH", "/_worker/workers/" + workerId, null, "X-Worker-Token", token);
    }

    @Test
    void aWorkerWithItsOwnTokenMustUseIt() {
      assertThat(register("gpu-worker-01", GPU).status()).isEqualTo(200);
      assertThat(heartbeat("gpu-worker-01", GPU).status()).isEqualTo(200);
      Res withGlobal = heartbeat("gpu-worker-01", GLOBAL);
      assertThat(withGlobal.status()).as("no fallback to the global token").isEqualTo(401);
      assertThat(withGlobal.error()).isEqualTo("Unauthorized: Invalid individual worker token");
      assertThat(register("gpu-worker-01", GLOBAL).error())
          .isEqualTo("Unauthorized: Invalid individual worker token");
      Res next =
          t.send("GET", "/_worker/workers/gpu-worker-01/tasks/next", null, "X-Worker-Token", "x");
      assertThat(next.status()).isEqualTo(401);
      assertThat(next.error()).isEqualTo("Unauthorized: Invalid individual worker token");
    }

    @Test
    void anotherWorkerUsesTheGlobalToken() {
      assertThat(register("plain-1", GLOBAL).status()).isEqualTo(200);
      assertThat(heartbeat("plain-1", GLOBAL).status()).isEqualTo(200);
      Res wrong = heartbeat("plain-1", "wrong");
      assertThat(wrong.status()).isEqualTo(401);
      assertThat(wrong.error()).isEqualTo("Unauthorized: No valid token found");
      Res borrowed = heartbeat("plain-1", GPU);
      assertThat(borrowed.status()).as("an individual token is not global").isEqualTo(401);
      assertThat(borrowed.error()).isEqualTo("Unauthorized: No valid token found");
      Res otherOwn = heartbeat("cpu-worker-01", GPU);
      assertThat(otherOwn.error()).isEqualTo("Unauthorized: Invalid individual worker token");
      Res missing = t.send("PATCH", "/_worker/workers/plain-1", null);
      assertThat(missing.status()).isEqualTo(401);
      assertThat(missing.error()).isEqualTo("Missing X-Worker-Token header");
    }

    @Test
    void aReloadPutsNewTokensInForceAndAFailedOneKeepsTheOld() {
      assertThat(register("gpu-worker-01", GPU).status()).isEqualTo(200);
      file.set(Map.of("gpu-worker-01", "rotated"));
      assertThat(tokens.reload()).isEqualTo(1);
      assertThat(heartbeat("gpu-worker-01", GPU).status()).isEqualTo(401);
      assertThat(heartbeat("gpu-worker-01", "rotated").status()).isEqualTo(200);
      assertThat(register("cpu-worker-01", GLOBAL).status())
          .as("no longer has its own token")
          .isEqualTo(200);

      broken.set(true);
      assertThatThrownBy(tokens::reload)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("workers.toml: not valid TOML");
      assertThat(heartbeat("gpu-worker-01", "rotated").status()).isEqualTo(200);
      assertThat(tokens.size()).isEqualTo(1);
    }

    @Test
    void aTaskResultIsCheckedAgainstTheWorkerInTheBody() {
      register("gpu-worker-01", GPU);
      String jobId = t.createJob("hello").path("id").asString();
      Res next =
          t.send("GET", "/_worker/workers/gpu-worker-01/tasks/next", null, "X-Worker-Token", GPU);
      String taskId = next.json().path("task_id").asString();
      Map<String, Object> body =
          Map.of(
              "job_id",
              jobId,
              "task_id",
              taskId,
              "worker_id",
              "gpu-worker-01",
              "result",
              Map.of("status", "success"));
      Res withGlobal =
          t.post(
              "/_worker/tasks/result",
              json(body),
              "X-Worker-Token",
              GLOBAL,
              "Content-Type",
              "application/json");
      assertThat(withGlobal.status()).isEqualTo(401);
      Res own =
          t.post(
              "/_worker/tasks/result",
              json(body),
              "X-Worker-Token",
              GPU,
              "Content-Type",
              "application/json");
      assertThat(own.status()).as(own.body()).isEqualTo(200);
    }
  }
}
