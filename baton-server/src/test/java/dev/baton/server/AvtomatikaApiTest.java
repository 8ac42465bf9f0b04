package dev.baton.server;

import static dev.baton.server.TestServer.TOKEN;
import static dev.baton.server.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.baton.blueprint.Blueprint;
import dev.baton.blueprint.Choice;
import dev.baton.job.Job;
import dev.baton.job.JobStatus;
import dev.baton.job.Notice;
import dev.baton.job.TaskSpec;
import dev.baton.server.BatonServer.Route;
import dev.baton.server.TestServer.Res;
import dev.baton.server.internal.AvtomatikaRoutes;
import dev.baton.server.internal.BlueprintEndpoints;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/** Avtomatika 1.0b7's client API: blueprint create routes and the common routes of every mount. */
class AvtomatikaApiTest {
  static final List<String> AVTOMATIKA_FIELDS =
      List.of(
          "id",
          "blueprint_name",
          "current_state",
          "initial_data",
          "state_history",
          "status",
          "tracing_context",
          "client_config",
          "webhook_url",
          "retry_count",
          "current_task_info",
          "current_task_transitions",
          "current_task_id",
          "task_worker_id",
          "task_dispatched_at",
          "error_message",
          "aggregation_target",
          "active_branches",
          "aggregation_results",
          "parent_job_id",
          "child_job_id");
  static final List<String> NATIVE_FIELDS =
      List.of(
          "id",
          "blueprint",
          "blueprint_version",
          "state",
          "status",
          "initial_data",
          "state_history",
          "priority",
          "retry_count",
          "created_at",
          "updated_at",
          "parent_job_id",
          "error_message",
          "failed_state",
          "waiting_for",
          "aggregation_results",
          "progress");

  /** {@code greeter} at POST /api/v1/jobs/greet, {@code plain} at POST /api/jobs/plain. */
  static void registerApiBlueprints(TestServer t) {
    t.engine.register(
        Blueprint.builder("greeter")
            .api("v1", "/jobs/greet")
            .start("greet")
            .dispatch(
                "greet",
                TaskSpec.of("greet", Map.of()),
                Map.of("success", "finished", "failure", "failed"))
            .build());
    t.engine.register(
        Blueprint.builder("plain")
            .api(null, "jobs/plain")
            .start("ask")
            .approval("ask", "ok?", Map.of("yes", "finished", "no", "failed"))
            .build());
  }

  @Nested
  class CreateJob {
    final TestServer t = new TestServer();

    {
      registerApiBlueprints(t);
    }

    @AfterEach
    void close() {
      t.close();
    }

    @Test
    void initialDataAndWebhookUrlGoIntoTheJob() {
      Res r =
          t.post(
              "/api/v1/jobs/greet",
              json(
                  Map.of(
                      "initial_data",
                      Map.of("name", "ada"),
                      "webhook_url",
                      "https://example.com/hook")),
              "traceparent",
              "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

      assertThat(r.status()).as(r.body()).isEqualTo(202);
      assertThat(r.json().size()).isEqualTo(2);
      assertThat(r.json().path("status").asString()).isEqualTo("accepted");
      String id = r.json().path("job_id").asString();
      assertThat(id).matches("[0-9a-f-]{36}");
      assertThat(r.raw().headers().firstValue("Location")).contains("/api/v1/jobs/" + id);

      Job job = t.engine.job(id).orElseThrow();
      assertThat(job.blueprint()).isEqualTo("greeter");
      assertThat(job.initialData()).isEqualTo(Map.of("name", "ada"));
      assertThat(job.attributes().toMap())
          .containsEntry("webhook_url", "https://example.com/hook")
          .containsEntry("client", Client.ANONYMOUS.asJobAttribute().toMap())
          .containsEntry(
              "tracing_context",
              Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
      assertThat(job.status()).isEqualTo(JobStatus.WAITING_FOR_WORKER);
    }

    @Test
    void aBodyWithNeitherKeyIsTheInitialDataItself() {
      String id = created(t.post("/api/v1/jobs/greet", "{\"name\":\"bob\",\"n\":2}"));
      Job job = t.engine.job(id).orElseThrow();
      assertThat(job.initialData()).isEqualTo(Map.of("name", "bob", "n", 2L));
      assertThat(job.attributes().toMap()).doesNotContainKey("webhook_url");
    }

    @Test
    void aBodyWithOnlyAWebhookUrlHasEmptyInitialData() {
      String id = created(t.post("/api/v1/jobs/greet", "{\"webhook_url\":\"http://hooks/x\"}"));
      Job job = t.engine.job(id).orElseThrow();
      assertThat(job.initialData()).isEmpty();
      assertThat(job.attributes().toMap()).containsEntry("webhook_url", "http://hooks/x");
    }

    @Test
    void anEmptyBodyIsEmptyInitialData() {
      for (String body : List.of("", "  \n", "{}")) {
        String id = created(t.post("/api/v1/jobs/greet", body));
        assertThat(t.engine.job(id).orElseThrow().initialData()).as(body).isEmpty();
      }
      String nullData = created(t.post("/api/v1/jobs/greet", "{\"initial_data\":null}"));
      assertThat(t.engine.job(nullData).orElseThrow().initialData()).isEmpty();
    }

    @Test
    void badBodiesAre400() {
      Map<String, String> cases =
          Map.of(
              "{\"initial_data\":",
              "Invalid JSON body",
              "not json",
              "Invalid JSON body",
              "[1,2]",
              "Invalid JSON body",
              "null",
              "Invalid JSON body",
              "\"text\"",
              "Invalid JSON body",
              "{\"initial_data\":5}",
              "field 'initial_data' must be a JSON object",
              "{\"webhook_url\":5}",
              "field 'webhook_url' must be a string",
              "{\"webhook_url\":\"ftp://x/y\"}",
              "field 'webhook_url' must be an http or https URL, was 'ftp://x/y'",
              "{\"webhook_url\":\"not a url\"}",
              "field 'webhook_url' must be an http or https URL, was 'not a url'");
      cases.forEach((body, message) -> {
        Res r = t.post("/api/v1/jobs/greet", body);
        assertThat(r.status()).as(body).isEqualTo(400);
        assertThat(r.error()).as(body).isEqualTo(message);
      });
      assertThat(t.engine.jobs(dev.baton.job.JobQuery.all(10, 0)).total()).isZero();
    }

    @Test
    void theUnversionedMountServesBlueprintsWithoutAVersion() {
      Res r = t.post("/api/jobs/plain", "{\"initial_data\":{\"x\":1}}");
      String id = created(r);
      assertThat(r.raw().headers().firstValue("Location")).contains("/api/jobs/" + id);
      assertThat(t.get("/api/jobs/" + id).json().path("blueprint_name").asString())
          .isEqualTo("plain");

      // Each blueprint is served under its own mount only.
      assertThat(t.post("/api/v1/jobs/plain", "{}").status()).isEqualTo(404);
      assertThat(t.post("/api/jobs/greet", "{}").status()).isEqualTo(404);
    }

    @Test
    void aBlueprintRegisteredAfterTheServerStartedIsServedAtOnce() {
      Res before = t.post("/api/v2/orders/new", "{}");
      assertThat(before.status()).isEqualTo(404);
      assertThat(before.error()).isEqualTo("Endpoint POST /api/v2/orders/new not found");
      assertThat(t.get("/api/v2/jobs").status()).as("no v2 mount yet").isEqualTo(404);

      t.engine.register(
          Blueprint.builder("orders")
              .api("v2", "/orders/new")
              .start("take")
              .dispatch("take", TaskSpec.of("take", Map.of()), Map.of("success", "finished"))
              .build());

      String id = created(t.post("/api/v2/orders/new", "{\"sku\":\"a-1\"}"));
      assertThat(t.engine.job(id).orElseThrow().blueprint()).isEqualTo("orders");
      // The v2 mount now has the common routes.
      assertThat(t.get("/api/v2/jobs/" + id).json().path("current_state").asString())
          .isEqualTo("take");
      assertThat(t.get("/api/v2/jobs").json()).hasSize(1);
      assertThat(t.get("/api/v2/dashboard").status()).isEqualTo(200);
      assertThat(t.get("/api/v9/jobs").status()).isEqualTo(404);
      assertThat(t.get("/api/v9/jobs").error()).isEqualTo("Endpoint GET /api/v9/jobs not found");
    }

    @Test
    void theJobCarriesTheClientTheGateAdmitted() {
      Client acme = new Client("acme", "gold", Map.of("tier", 2L), null);
      try (TestServer gated =
          new TestServer(
              TestServer.OPTIONS.withClientAccess(token ->
                  "acme-token".equals(token)
                      ? new ClientAccess.Verdict.Admitted(acme)
                      : new ClientAccess.Verdict.Refused(401, "Unauthorized: Invalid token")))) {
        registerApiBlueprints(gated);
        String id =
            created(gated.post("/api/v1/jobs/greet", "{}", "X-Avtomatika-Token", "acme-token"));
        assertThat(gated.engine.job(id).orElseThrow().attributes().toMap())
            .containsEntry("client", acme.asJobAttribute().toMap());
        JsonNode j = gated.get("/api/v1/jobs/" + id, "X-Avtomatika-Token", "acme-token").json();
        assertThat(j.path("client_config").path("name").asString()).isEqualTo("acme");
        assertThat(j.path("client_config").path("plan").asString()).isEqualTo("gold");
        assertThat(j.path("client_config").path("params").path("tier").asInt()).isEqualTo(2);
        assertThat(j.path("client_config").has("token")).isFalse();
        // The native create route records the client too.
        Res nativeJob =
            gated.post(
                "/api/v1/jobs", "{\"blueprint\":\"hello\"}", "X-Avtomatika-Token", "acme-token");
        assertThat(nativeJob.json().path("client_config").path("name").asString())
            .isEqualTo("acme");
      }
    }
  }

  @Nested
  class Conflicts {
    final TestServer t = new TestServer();

    @AfterEach
    void close() {
      t.close();
    }

    @Test
    void aBlueprintOnANativePathIsReportedAndTheNativeRouteKeepsWorking() {
      t.engine.register(
          Blueprint.builder("shadowed")
              .api("v1", "/jobs")
              .start("a")
              .goTo("a", "finished")
              .build());

      // The native create route answers (and refuses Avtomatika's body).
      Res r = t.post("/api/v1/jobs", "{\"initial_data\":{}}");
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.error()).startsWith("unknown field 'initial_data'");
      assertThat(t.post("/api/v1/jobs", "{\"blueprint\":\"shadowed\"}").status()).isEqualTo(201);

      JsonNode view = t.get("/api/v1/blueprints/shadowed").json();
      assertThat(view.path("api_route").asString()).isEqualTo("/api/v1/jobs");
      assertThat(view.path("api_route_conflict").asString())
          .isEqualTo(
              "POST /api/v1/jobs is unreachable: it is the path of POST /api/v1/jobs (native:"
                  + " create a job)");
      assertThat(t.get("/_public/docs").body())
          .contains("POST /api/v1/jobs is unreachable: it is the path of POST /api/v1/jobs");
    }

    @Test
    void aBlueprintOnACancelOrReloadPathIsReported() {
      for (String[] api :
          new String[][] {
            {"", "/jobs/x/cancel"},
            {"v3", "/jobs/x/cancel"},
            {"v1", "/jobs/x/resume"},
            {"v1", "/jobs/x/decision"},
            {"", "/admin/reload-workers"},
            {"v7", "/admin/reload-workers"},
          }) {
        String version = api[0].isEmpty() ? null : api[0];
        String name = "bp" + (version == null ? "" : version) + api[1].replace('/', '_');
        Blueprint b =
            Blueprint.builder(name).api(version, api[1]).start("a").goTo("a", "finished").build();
        String problem = BlueprintEndpoints.problem(b, List.of(b));
        assertThat(problem).as(name).isNotNull().contains("is unreachable");
      }
      Blueprint free =
          Blueprint.builder("ok").api("v1", "/jobs/x").start("a").goTo("a", "finished").build();
      assertThat(BlueprintEndpoints.problem(free, List.of(free))).isNull();
      assertThat(BlueprintEndpoints.problem(t.engine.blueprint("hello").orElseThrow(), List.of()))
          .isNull();
    }

    @Test
    void everyOtherPostRouteUnderApiIsKnownToTheConflictCheck() {
      for (Route route : t.server.routes()) {
        if (route.method().equals("POST")
            && route.path().startsWith("/api/")
            && !route.path().equals("/api/<endpoint>")) {
          String sample = route.path().replaceAll("\\{[^}]+}", "x1");
          assertThat(BlueprintEndpoints.conflict(sample)).as(route.toString()).isNotNull();
        }
      }
      assertThat(BlueprintEndpoints.conflict("/api/v1/jobs/orders")).isNull();
      assertThat(BlueprintEndpoints.conflict("/api/jobs/orders")).isNull();
    }

    @Test
    void twoBlueprintsOnOnePathAre409NamingBoth() {
      for (String name : List.of("first", "second")) {
        t.engine.register(
            Blueprint.builder(name)
                .api("v1", "/jobs/same")
                .start("a")
                .goTo("a", "finished")
                .build());
      }
      Res r = t.post("/api/v1/jobs/same", "{}");
      assertThat(r.status()).isEqualTo(409);
      assertThat(r.error())
          .isEqualTo(
              "POST /api/v1/jobs/same is claimed by more than one blueprint (first, second);"
                  + " give each its own api_version or api_endpoint");
      assertThat(t.get("/api/v1/blueprints/first").json().path("api_route_conflict").asString())
          .isEqualTo("POST /api/v1/jobs/same is also claimed by blueprint second");
    }

    @Test
    void aConflictKnownAtStartIsLogged() {
      ListAppender<ILoggingEvent> logs = new ListAppender<>();
      logs.start();
      Logger logger = (Logger) LoggerFactory.getLogger(AvtomatikaRoutes.class);
      logger.addAppender(logs);
      try {
        WebSocketChannel channel = new WebSocketChannel();
        dev.baton.engine.Engine engine =
            dev.baton.engine.Engine.builder(new dev.baton.store.InMemoryStore())
                .workerChannel(channel)
                .build();
        engine.register(
            Blueprint.builder("shadowed")
                .api("v1", "/jobs")
                .start("a")
                .goTo("a", "finished")
                .build());
        try (BatonServer server = BatonServer.start(engine, channel, TestServer.OPTIONS)) {
          assertThat(server.port()).isPositive();
        } finally {
          engine.close();
        }
      } finally {
        logger.detachAppender(logs);
      }
      assertThat(logs.list)
          .extracting(ILoggingEvent::getFormattedMessage)
          .contains(
              "blueprint 'shadowed': POST /api/v1/jobs is unreachable: it is the path of POST"
                  + " /api/v1/jobs (native: create a job)");
    }
  }

  @Nested
  class CommonRoutes {
    final TestServer t = new TestServer();

    {
      registerApiBlueprints(t);
    }

    @AfterEach
    void close() {
      t.close();
    }

    @Test
    void aJobHasTheNativeAndAvtomatikaFieldsOnEveryMount() {
      String id =
          created(
              t.post(
                  "/api/v1/jobs/greet",
                  "{\"initial_data\":{\"name\":\"ada\"},\"webhook_url\":\"https://h/x\"}"));
      JsonNode job = t.get("/api/v1/jobs/" + id).json();

      assertThat(fieldNames(job)).containsAll(AVTOMATIKA_FIELDS).containsAll(NATIVE_FIELDS);
      assertThat(job.path("id").asString()).isEqualTo(id);
      assertThat(job.path("blueprint_name").asString()).isEqualTo("greeter");
      assertThat(job.path("blueprint").asString()).isEqualTo("greeter");
      assertThat(job.path("current_state").asString()).isEqualTo("greet");
      assertThat(job.path("state").asString()).isEqualTo("greet");
      assertThat(job.path("status").asString()).isEqualTo("waiting_for_worker");
      assertThat(job.path("initial_data").path("name").asString()).isEqualTo("ada");
      assertThat(job.path("webhook_url").asString()).isEqualTo("https://h/x");
      assertThat(job.path("client_config").path("name").asString()).isEqualTo("anonymous");
      assertThat(job.path("tracing_context").isObject()).isTrue();
      assertThat(job.path("current_task_info").path("type").asString()).isEqualTo("greet");
      assertThat(job.path("current_task_info").path("transitions").path("success").asString())
          .isEqualTo("finished");
      assertThat(job.path("current_task_transitions").path("failure").asString())
          .isEqualTo("failed");
      String taskId = job.path("current_task_id").asString();
      assertThat(taskId).isEqualTo(job.path("waiting_for").path("task_id").asString());
      assertThat(job.path("task_worker_id").isNull()).as("nobody took it yet").isTrue();
      assertThat(job.path("task_dispatched_at").isNumber()).isTrue();
      assertThat(job.path("aggregation_target").isNull()).isTrue();
      assertThat(job.path("active_branches").isNull()).isTrue();
      assertThat(job.path("child_job_id").isNull()).isTrue();

      t.register("w1", "greet");
      assertThat(t.next("w1").json().path("task_id").asString()).isEqualTo(taskId);
      JsonNode taken = t.get("/api/v1/jobs/" + id).json();
      assertThat(taken.path("task_worker_id").asString()).isEqualTo("w1");

      // The same object under every mount.
      assertThat(t.get("/api/jobs/" + id).json()).isEqualTo(taken);
      t.engine.register(
          Blueprint.builder("v5bp").api("v5", "/x").start("a").goTo("a", "finished").build());
      assertThat(t.get("/api/v5/jobs/" + id).json()).isEqualTo(taken);
    }

    @Test
    void parallelAndHumanStepsShowAsAvtomatikaDoes() {
      JsonNode fan = t.createJob("fan");
      JsonNode fanView = t.get("/api/jobs/" + fan.path("id").asString()).json();
      assertThat(fanView.path("status").asString()).isEqualTo("waiting_for_parallel_tasks");
      assertThat(fanView.path("aggregation_target").asString()).isEqualTo("finished");
      assertThat(fanView.path("active_branches")).hasSize(2);
      assertThat(fanView.path("current_task_id").isNull()).isTrue();

      String human = created(t.post("/api/jobs/plain", ""));
      JsonNode humanView = t.get("/api/jobs/" + human).json();
      assertThat(humanView.path("status").asString()).isEqualTo("waiting_for_human");
      assertThat(humanView.path("current_task_transitions").path("yes").asString())
          .isEqualTo("finished");
      assertThat(humanView.path("current_task_info").isNull()).isTrue();
    }

    @Test
    void anUnknownJobIs404JobNotFound() {
      for (String path :
          List.of(
              "/api/jobs/nope",
              "/api/v1/jobs/nope",
              "/api/jobs/nope/history",
              "/api/v1/jobs/nope/history")) {
        Res r = t.get(path);
        assertThat(r.status()).as(path).isEqualTo(404);
        assertThat(r.body()).as(path).isEqualTo("{\"error\":\"Job not found\"}");
      }
      for (String path : List.of("/api/jobs/nope/cancel", "/api/v1/jobs/nope/cancel")) {
        Res r = t.post(path, "");
        assertThat(r.status()).as(path).isEqualTo(404);
        assertThat(r.error()).as(path).isEqualTo("Job not found");
      }
    }

    @Test
    void cancellingAJobWhoseTaskNobodyTookIsAccepted() {
      String id = created(t.post("/api/jobs/plain", ""));
      String waiting = created(t.post("/api/v1/jobs/greet", "{}"));

      Res r = t.post("/api/jobs/" + waiting + "/cancel", "");
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      assertThat(r.json().path("status").asString()).isEqualTo("cancellation_request_accepted");
      assertThat(r.json().path("job_id").asString()).isEqualTo(waiting);
      assertThat(t.engine.job(waiting).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);

      // A job waiting for a person is cancelled too (Avtomatika would answer 409).
      Res human = t.post("/api/v1/jobs/" + id + "/cancel", "");
      assertThat(human.status()).isEqualTo(200);
      assertThat(human.json().path("status").asString()).isEqualTo("cancelled");
      assertThat(human.json().path("job").path("status").asString()).isEqualTo("cancelled");

      Res again = t.post("/api/jobs/" + id + "/cancel", "");
      assertThat(again.status()).isEqualTo(409);
      assertThat(again.error())
          .isEqualTo("job " + id + " is already cancelled; it cannot be cancelled");
    }

    @Test
    void aWorkerWithoutAWebSocketIsNotToldButTheJobIsCancelled() {
      t.register("w1", "greet");
      String id = created(t.post("/api/v1/jobs/greet", "{}"));
      String taskId = t.next("w1").json().path("task_id").asString();

      Res r = t.post("/api/v1/jobs/" + id + "/cancel", "{}");
      assertThat(r.json().path("status").asString()).isEqualTo("cancellation_request_accepted");
      assertThat(t.result(id, taskId, "w1", Map.of("status", "success")).status()).isEqualTo(409);
    }

    @Test
    void aWorkerWithAWebSocketIsSentTheCancelCommand() {
      Inbox inbox = new Inbox();
      WebSocket ws =
          t.http
              .newWebSocketBuilder()
              .header("X-Worker-Token", TOKEN)
              .buildAsync(t.ws("/_worker/ws/w1"), inbox)
              .join();
      await().atMost(Duration.ofSeconds(5)).until(() -> t.channel.isConnected("w1"));
      t.worker(
          "POST",
          "/_worker/workers/register",
          json(
              Map.of(
                  "worker_id",
                  "w1",
                  "supported_tasks",
                  List.of("greet"),
                  "capabilities",
                  Map.of("websockets", true))));
      String id = created(t.post("/api/jobs/plain", ""));
      String greet = created(t.post("/api/v1/jobs/greet", "{}"));
      String taskId = t.next("w1").json().path("task_id").asString();

      Res r = t.post("/api/jobs/" + greet + "/cancel", "");
      assertThat(r.json().path("status").asString()).isEqualTo("cancellation_request_sent");
      await().atMost(Duration.ofSeconds(5)).until(() -> !inbox.messages.isEmpty());
      JsonNode command =
          tools.jackson.databind.json.JsonMapper.builder().build().readTree(inbox.messages.poll());
      assertThat(command.path("command").asString()).isEqualTo("cancel_task");
      assertThat(command.path("task_id").asString()).isEqualTo(taskId);
      assertThat(command.path("job_id").asString()).isEqualTo(greet);
      assertThat(t.engine.job(id).orElseThrow().status()).isEqualTo(JobStatus.WAITING_FOR_HUMAN);
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    }

    @Test
    void historyIsTheSameOnEveryMount() {
      String id = created(t.post("/api/jobs/plain", ""));
      t.post(t.approvalUrl(id), "{\"decision\":\"yes\"}");
      JsonNode history = t.get("/api/jobs/" + id + "/history").json();
      assertThat(history.isArray()).isTrue();
      assertThat(history.get(history.size() - 1).path("to_state").asString()).isEqualTo("finished");
      assertThat(t.get("/api/v1/jobs/" + id + "/history").json()).isEqualTo(history);
    }

    @Test
    void theJobListIsAnArrayOnApiAndAPageOnApiV1() {
      for (int i = 0; i < 3; i++) {
        created(t.post("/api/v1/jobs/greet", "{}"));
      }
      JsonNode all = t.get("/api/jobs").json();
      assertThat(all.isArray()).isTrue();
      assertThat(all).hasSize(3);
      assertThat(all.get(0).path("blueprint_name").asString()).isEqualTo("greeter");
      assertThat(t.get("/api/jobs?limit=2").json()).hasSize(2);
      assertThat(t.get("/api/jobs?limit=2&offset=2").json()).hasSize(1);
      assertThat(t.get("/api/jobs?limit=0").json()).isEmpty();
      assertThat(t.get("/api/jobs?limit=-4").json()).isEmpty();
      assertThat(t.get("/api/jobs?limit=5000&offset=-1").json()).hasSize(3);
      for (String bad : List.of("limit=abc", "offset=x", "limit=1.5", "limit=")) {
        Res r = t.get("/api/jobs?" + bad);
        assertThat(r.status()).as(bad).isEqualTo(400);
        assertThat(r.body()).as(bad).isEqualTo("{\"error\":\"Invalid limit/offset parameter\"}");
      }

      JsonNode page = t.get("/api/v1/jobs").json();
      assertThat(page.path("total").asLong()).isEqualTo(3);
      assertThat(page.path("items").get(0).path("blueprint_name").asString()).isEqualTo("greeter");
    }

    @Test
    void theGraphIsDotWithEveryStateAndTransition() {
      t.engine.register(
          Blueprint.builder("route \"it\"")
              .start("check")
              .choose("check", List.of(Choice.when(ctx -> ctx.get("big") != null, "big")), "small")
              .dispatch(
                  "big",
                  TaskSpec.of("lift", Map.of()),
                  Map.of("success", "review", "failure", "failed"))
              .approval("review", "ok?", Map.of("yes", "finished", "no", "error"))
              .parallel(
                  "small", List.of(TaskSpec.of("a", Map.of()), TaskSpec.of("b", Map.of())), "done")
              .goTo("done", "finished")
              .build());

      for (String base : List.of("/api", "/api/v1")) {
        Res r = t.get(base + "/blueprints/route%20%22it%22/graph");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.raw().headers().firstValue("Content-Type"))
            .hasValueSatisfying(ct -> assertThat(ct).startsWith("text/vnd.graphviz"));
        String dot = r.body();
        assertThat(dot).startsWith("digraph \"route \\\"it\\\"\" {").endsWith("}\n");
        for (String state : List.of("check", "big", "review", "small", "done")) {
          assertThat(dot).contains("  \"" + state + "\" [label=\"" + state + "\\n(");
        }
        for (String end : List.of("finished", "failed", "error")) {
          assertThat(dot).contains("\"" + end + "\" [label=\"" + end);
        }
        for (String edge :
            List.of(
                "\"__start__\" -> \"check\"",
                "\"check\" -> \"big\"",
                "\"check\" -> \"small\"",
                "\"big\" -> \"review\"",
                "\"big\" -> \"failed\"",
                "\"review\" -> \"finished\"",
                "\"review\" -> \"error\"",
                "\"small\" -> \"done\"",
                "\"done\" -> \"finished\"")) {
          assertThat(dot).contains("  " + edge + ";\n");
        }
        assertThat(dot.lines().filter(l -> l.contains(" -> "))).hasSize(9);
      }
      Res unknown = t.get("/api/blueprints/nope/graph");
      assertThat(unknown.status()).isEqualTo(404);
      assertThat(unknown.body()).isEqualTo("{\"error\":\"Blueprint not found\"}");
      assertThat(t.get("/api/v1/blueprints/nope/graph").status()).isEqualTo(404);
    }

    @Test
    void workersAreListedAsTheyDescribedThemselves() {
      t.worker(
          "POST",
          "/_worker/workers/register",
          json(
              Map.of(
                  "worker_id",
                  "gpu-1",
                  "supported_tasks",
                  List.of("greet"),
                  "capabilities",
                  Map.of("websockets", true),
                  "cost_per_second",
                  0.5)));
      for (String path : List.of("/api/workers", "/api/v1/workers")) {
        JsonNode workers = t.get(path).json();
        assertThat(workers).as(path).hasSize(1);
        JsonNode w = workers.get(0);
        assertThat(w.path("worker_id").asString()).isEqualTo("gpu-1");
        assertThat(w.path("capabilities").path("websockets").asBoolean()).isTrue();
        assertThat(w.path("cost_per_second").asDouble()).isEqualTo(0.5);
        assertThat(w.path("alive").asBoolean()).isTrue();
        assertThat(w.path("info").path("worker_id").asString()).isEqualTo("gpu-1");
      }
    }

    @Test
    void theDashboardCountsWorkersAndJobs() {
      t.register("w1", "greet");
      created(t.post("/api/v1/jobs/greet", "{}"));
      created(t.post("/api/v1/jobs/greet", "{}"));
      String human = created(t.post("/api/jobs/plain", ""));
      t.post("/api/jobs/" + human + "/cancel", "");
      created(t.post("/api/jobs/plain", ""));

      for (String path : List.of("/api/dashboard", "/api/v1/dashboard")) {
        JsonNode d = t.get(path).json();
        assertThat(d.path("workers").path("total").asInt()).as(path).isEqualTo(1);
        assertThat(d.path("workers").path("registered").asInt()).isEqualTo(1);
        JsonNode jobs = d.path("jobs");
        assertThat(jobs.path("queued").asInt()).isEqualTo(2);
        assertThat(jobs.path("waiting_for_worker").asInt()).isEqualTo(2);
        assertThat(jobs.path("waiting_for_human").asInt()).isEqualTo(1);
        assertThat(jobs.path("cancelled").asInt()).isEqualTo(1);
        assertThat(jobs.path("finished").asInt()).isZero();
        assertThat(jobs.path("total").asInt()).isEqualTo(4);
        for (JobStatus s : JobStatus.values()) {
          assertThat(jobs.has(s.wireName())).as(s.wireName()).isTrue();
        }
      }
    }

    @Test
    void reloadWorkersWithoutAWorkersFileIs400() {
      for (String path : List.of("/api/admin/reload-workers", "/api/v1/admin/reload-workers")) {
        Res r = t.post(path, "");
        assertThat(r.status()).as(path).isEqualTo(400);
        assertThat(r.body())
            .isEqualTo("{\"error\":\"WORKERS_CONFIG_PATH is not set, cannot reload configs.\"}");
      }
    }
  }

  @Test
  void reloadWorkersReloadsOrSaysWhatIsWrong() {
    AtomicInteger calls = new AtomicInteger();
    WorkerTokensReload reload =
        () -> {
          if (calls.incrementAndGet() == 2) {
            throw new IllegalArgumentException("workers.toml: [w2] is not a table");
          }
          return 3;
        };
    try (TestServer t = new TestServer(TestServer.OPTIONS.withWorkerTokensReload(reload))) {
      Res ok = t.post("/api/admin/reload-workers", "");
      assertThat(ok.status()).isEqualTo(200);
      assertThat(ok.body()).isEqualTo("{\"status\":\"worker_configs_reloaded\",\"workers\":3}");

      Res bad = t.post("/api/v1/admin/reload-workers", "");
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.error()).isEqualTo("workers.toml: [w2] is not a table");
      assertThat(calls).hasValue(2);
    }
  }

  @Test
  void endToEndAnAvtomatikaClientAndAnAvtomatikaWorker() {
    try (TestServer t = new TestServer()) {
      registerApiBlueprints(t);
      Res created =
          t.post(
              "/api/v1/jobs/greet",
              "{\"initial_data\":{\"name\":\"ada\"},\"webhook_url\":\"https://hooks.example/done\"}");
      String id = created(created);

      assertThat(t.register("w1", "greet").status()).isEqualTo(200);
      JsonNode task = t.next("w1").json();
      assertThat(task.path("job_id").asString()).isEqualTo(id);
      assertThat(task.path("type").asString()).isEqualTo("greet");
      Res result =
          t.result(
              id,
              task.path("task_id").asString(),
              "w1",
              Map.of("status", "success", "data", Map.of("greeting", "hi ada")));
      assertThat(result.json().path("status").asString()).isEqualTo("result_accepted_success");

      JsonNode job = t.get("/api/v1/jobs/" + id).json();
      assertThat(job.path("status").asString()).isEqualTo("finished");
      assertThat(job.path("current_state").asString()).isEqualTo("finished");
      assertThat(job.path("state_history").path("greeting").asString()).isEqualTo("hi ada");
      // Avtomatika keeps the last task's id after the job moved on.
      assertThat(job.path("current_task_id").asString()).isEqualTo(task.path("task_id").asString());
      assertThat(job.path("webhook_url").asString()).isEqualTo("https://hooks.example/done");

      List<Notice> notices = t.store.noticesOf(id);
      assertThat(notices).hasSize(1);
      assertThat(notices.get(0).event()).isEqualTo("job_finished");
      assertThat(notices.get(0).target()).isEqualTo("https://hooks.example/done");
    }
  }

  static String created(Res r) {
    assertThat(r.status()).as(r.body()).isEqualTo(202);
    assertThat(r.json().path("status").asString()).isEqualTo("accepted");
    return r.json().path("job_id").asString();
  }

  static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new TreeSet<>();
    node.propertyNames().forEach(names::add);
    return names;
  }
}
