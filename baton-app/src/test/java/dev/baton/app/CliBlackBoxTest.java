package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.component.SimulatedComponent;
import dev.baton.worker.sdk.TaskResult;
import dev.baton.worker.sdk.Worker;
import dev.baton.worker.sdk.robot.RobotClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/**
 * The {@code baton} command tree against one real server on a free port, with a worker, a robot, a
 * simulated component and a scenario file: every command group at least once, in table and JSON
 * output, the server's messages on errors, and the one line for a server that cannot be reached.
 */
class CliBlackBoxTest {
  @TempDir static Path dir;
  static BatonApp app;
  static SimulatedComponent io;
  static RobotClient robot;
  static Worker worker;

  final CliRun cli = new CliRun();

  @BeforeAll
  static void start() throws Exception {
    Path blueprints = Files.createDirectories(dir.resolve("blueprints"));
    Files.copy(Path.of("../examples/blueprints/hello.yaml"), blueprints.resolve("hello.yaml"));
    Files.writeString(
        blueprints.resolve("gate.yaml"),
        """
        name: gate
        start: ask
        states:
          ask:
            approval: { message: "go?" }
            on: { approve: finished, reject: failed }
        """);
    Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
    Files.writeString(
        scenarios.resolve("wave.yaml"),
        """
        name: wave
        trigger: {type: manual}
        actions:
          - {type: log_event, message: "wave {{ trigger.data.who }}"}
        """);
    io = new SimulatedComponent("io", Duration.ofMillis(10));
    io.start("127.0.0.1", 0);
    Path toml = dir.resolve("baton.toml");
    Files.writeString(
        toml,
        """
        rate_limiting_enabled = false
        # The robot sends no heartbeats: the class must not outlast the stale timeout.
        robot_stale_timeout_seconds = 3600

        [clients.io]
        address = "127.0.0.1"
        port = %d
        """
            .formatted(io.port()));
    app =
        BatonApp.start(
            Settings.resolve(
                Map.of(
                    Setting.API_PORT, "0",
                    Setting.API_HOST, "127.0.0.1",
                    Setting.DATA_DIR, dir.resolve("data").toString(),
                    Setting.BLUEPRINTS_DIR, blueprints.toString(),
                    Setting.SCENARIOS_DIRECTORY, scenarios.toString()),
                Map.of(),
                toml));
    robot =
        RobotClient.builder(URI.create("ws://127.0.0.1:" + app.port() + "/robots/ws"), "r1")
            .heartbeatInterval(Duration.ZERO)
            .handler((job, ctx) -> {
              ctx.log("INFO", "robot says hi", "node-1", Map.of());
              return Map.of("rows", 1);
            })
            .connect();
    worker =
        Worker.builder(URI.create("http://127.0.0.1:" + app.port()), "greeter")
            .token("secure-worker-token")
            .handle("greet", (task, ctx) -> TaskResult.success(Map.of("greeted", true)))
            .build();
    worker.start();
  }

  @AfterAll
  static void stop() {
    worker.close();
    robot.kill();
    app.close();
    io.close();
  }

  int baton(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    boolean local = args.length == 1 || args[0].equals("completion") || args[1].equals("check");
    if (!all.contains("--server") && !local) {
      all.add("--server");
      all.add("http://127.0.0.1:" + app.port());
    }
    return cli.run(all.toArray(String[]::new));
  }

  String out() {
    return cli.out();
  }

  String err() {
    return cli.err();
  }

  JsonNode json() throws Exception {
    return TestApp.JSON.readTree(out());
  }

  static String post(String path, String body) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    }
  }

  String submit(String blueprint, String input) throws Exception {
    assertThat(baton("jobs", "submit", blueprint, "--input", input, "-o", "json"))
        .as(err())
        .isZero();
    return json().path("id").asString();
  }

  @Test
  void aJobIsSubmittedWatchedToItsEndAndRead() throws Exception {
    assertThat(baton("jobs", "submit", "hello", "--input", "{\"name\":\"Ada\"}"))
        .as(err())
        .isZero();
    assertThat(out()).containsPattern("blueprint +hello").containsPattern("status +\\w+");
    String id =
        out().lines().filter(l -> l.startsWith("id ")).findFirst().orElseThrow().split(" +")[1];

    assertThat(baton("jobs", "watch", id, "--interval", "50ms")).as(err()).isZero();
    assertThat(out()).contains("finished");
    assertThat(baton("jobs", "history", id)).isZero();
    assertThat(out().lines().findFirst().orElseThrow()).startsWith("AT").contains("TO_STATUS");
    assertThat(out()).contains("waiting_for_worker").contains("finished");
    assertThat(baton("jobs", "get", id, "-o", "json")).isZero();
    assertThat(json().path("state_history").path("greeted").asBoolean()).isTrue();
    assertThat(baton("jobs", "list", "--status", "finished", "--blueprint", "hello")).isZero();
    assertThat(out()).contains(id).startsWith("ID");

    assertThat(baton("jobs", "submit", "hello", "-q")).isZero();
    assertThat(out().lines().toList()).singleElement().matches(l -> l.matches("[0-9a-f-]{36}"));
    assertThat(baton("jobs", "submit", "hello", "--watch", "--output", "json")).isZero();
    assertThat(out().lines().toList().getLast()).contains("\"status\":\"finished\"");
  }

  @Test
  void aWaitingJobIsApprovedCancelledAndAResumeRefusedWithTheServersMessage() throws Exception {
    String approved = submit("gate", "{}");
    assertThat(baton("jobs", "approve", approved)).as(err()).isZero();
    assertThat(out()).containsPattern("status +finished");
    String cancelled = submit("gate", "{}");
    assertThat(baton("jobs", "cancel", cancelled)).as(err()).isZero();
    assertThat(out()).containsPattern("job.status +cancelled");
    assertThat(baton("jobs", "resume", cancelled, "--data", "{\"fixed\":true}")).isEqualTo(1);
    assertThat(err()).startsWith("baton: ").contains("POST /api/v1/jobs/" + cancelled + "/resume");
    assertThat(err().lines()).hasSize(1);
    assertThat(baton("jobs", "get", "no-such-job")).isEqualTo(1);
    assertThat(err()).contains("Job not found").doesNotContain("Exception");
    assertThat(baton("jobs", "submit", "hello", "--input", "[1]")).isEqualTo(2);
    assertThat(err()).contains("--input: expected a JSON object");
  }

  @Test
  void aJsonLinesFileIsSubmittedInBatchesAndABadLineStopsItBeforeAnythingIsSent() throws Exception {
    Path file = dir.resolve("jobs.jsonl");
    Files.writeString(
        file,
        IntStream.range(0, 25)
                .mapToObj(i -> "{\"input\":{\"name\":\"n" + i + "\"}}")
                .collect(Collectors.joining("\n"))
            + "\n\n");
    assertThat(baton("jobs", "submit", "hello", "--file", file.toString(), "--chunk", "10"))
        .as(err())
        .isZero();
    assertThat(out()).contains("submitted 25 jobs from " + file + " in 3 requests");
    assertThat(err()).doesNotContain("[#"); // no terminal here: no progress bar

    Files.writeString(file, "{\"blueprint\":\"hello\"}\n{\"blueprint\":\"hello\"}\nnot json\n");
    assertThat(baton("jobs", "submit", "--file", file.toString(), "-o", "json")).isEqualTo(2);
    assertThat(err()).contains(file + ":3: not JSON");

    Files.writeString(
        file,
        "{\"blueprint\":\"hello\"}\n{\"blueprint\":\"hello\"}\n{\"blueprint\":\"hello\",\"colour\":1}\n");
    assertThat(baton("jobs", "submit", "--file", file.toString(), "--chunk", "2")).isEqualTo(1);
    assertThat(err())
        .contains(file + " lines 3-3 were refused")
        .contains("line 3.colour")
        .contains("2 jobs before them were stored");
  }

  @Test
  void robotsAreListedDrainedPausedAndTheirLogsRead() throws Exception {
    await().until(() -> baton("robots", "list") == 0 && out().contains("r1"));
    assertThat(out()).startsWith("ID").containsPattern("r1 +.*online|r1 +.*idle|r1 +.*busy|r1 ");
    assertThat(baton("robots", "drain", "r1")).isZero();
    assertThat(out()).containsPattern("maintenance +true");
    assertThat(baton("robots", "drain", "r1", "--off")).isZero();
    assertThat(out()).containsPattern("maintenance +false");
    assertThat(baton("robots", "pause", "r1")).isZero();
    assertThat(out()).containsPattern("status +sent");
    assertThat(baton("robots", "resume", "r1")).isZero();

    String job =
        TestApp.JSON
            .readTree(post("/api/v1/robot-jobs", "{\"workflow_id\":\"invoice\"}"))
            .path("id")
            .asString();
    await().until(() -> baton("robots", "logs", job) == 0 && out().contains("robot says hi"));
    assertThat(baton("robots", "logs", job, "-o", "json")).isZero();
    assertThat(json().get(0).path("robot_id").asString()).isEqualTo("r1");
  }

  @Test
  void workersAreListedAsATableOrAsJson() throws Exception {
    await().until(() -> baton("workers", "list") == 0 && out().contains("greeter"));
    assertThat(out().lines().findFirst().orElseThrow()).startsWith("WORKER_ID").contains("ALIVE");
    assertThat(out()).containsPattern("greeter +\\S+ +true +greet");
    assertThat(baton("workers", "list", "-o", "json")).isZero();
    assertThat(json().isArray()).isTrue();
    assertThat(json().findValuesAsString("worker_id")).contains("greeter");
  }

  @Test
  void scenariosComponentsAndEvents() throws Exception {
    assertThat(baton("scenarios", "list")).as(err()).isZero();
    assertThat(out()).startsWith("NAME").contains("wave");
    assertThat(baton("scenarios", "run", "wave", "--data", "{\"who\":\"you\"}")).as(err()).isZero();
    String run =
        out().lines().filter(l -> l.startsWith("job_id")).findFirst().orElseThrow().split(" +")[1];
    await()
        .until(() ->
            baton("scenarios", "runs", "wave") == 0
                && out().contains(run)
                && out().contains("finished"));
    assertThat(baton("scenarios", "runs", "-o", "json")).isZero();
    assertThat(json().findValuesAsString("job_id")).contains(run);
    assertThat(baton("scenarios", "ack")).isZero();
    assertThat(out()).containsPattern("status +ok");

    await().until(() -> baton("components", "list") == 0 && out().contains("STOPPED"));
    assertThat(out()).startsWith("NAME").contains("io");
    assertThat(baton("components", "command", "io", "CMD_INITIALIZED")).as(err()).isZero();
    assertThat(baton("components", "command", "nope", "CMD_RUN")).isEqualTo(1);
    assertThat(err()).contains("nope");

    assertThat(
            baton(
                "events",
                "send",
                "--type",
                "EXECUTE_SCENARIO",
                "--data",
                "{\"scenario_name\":\"wave\"}",
                "-o",
                "json"))
        .as(err())
        .isZero();
    assertThat(json().path("status").asString()).isEqualTo("ok");
  }

  @Test
  void theLedgerTheLoopAndTheBlueprints() throws Exception {
    submit("gate", "{}");
    submit("gate", "{}");
    assertThat(baton("ledger", "query", "--type", "job.*", "--limit", "1")).as(err()).isZero();
    assertThat(out()).as(out()).startsWith("SEQ").contains("job.");
    assertThat(err()).as(out()).contains("next page: --cursor ");
    assertThat(baton("ledger", "query", "--limit", "1", "-o", "json")).isZero();
    assertThat(json().path("items").size()).isEqualTo(1);
    assertThat(baton("ledger", "query", "--severity", "loud")).isEqualTo(1);
    assertThat(err()).contains("severity");

    assertThat(baton("loop", "status")).as(err()).isZero();
    assertThat(out()).containsPattern("running +false").contains("system.health_score");
    assertThat(baton("loop", "run-once")).as(err()).isZero();
    assertThat(out()).contains("result.decision.decision");
    assertThat(baton("loop", "enable")).as(err()).isZero();
    assertThat(out()).containsPattern("orchestrator.status +started");
    assertThat(baton("loop", "disable")).as(err()).isZero();
    assertThat(out()).containsPattern("orchestrator.status +(stopped|not_running)");

    assertThat(baton("blueprints", "list")).isZero();
    assertThat(out()).startsWith("NAME").contains("hello").contains("gate");
    assertThat(baton("blueprints", "show", "gate", "-o", "json")).isZero();
    assertThat(json().path("start").asString()).isEqualTo("ask");
    assertThat(baton("blueprints", "show", "gate", "--graph")).isZero();
    assertThat(baton("blueprints", "check", dir.resolve("blueprints").toString())).isZero();
    assertThat(out()).contains("ok      gate v1");
  }

  @Test
  void aServerThatCannotBeReachedGetsOneLineNamingItsAddress() {
    assertThat(baton("jobs", "list", "--server", "http://127.0.0.1:1")).isEqualTo(3);
    assertThat(err().lines()).hasSize(1);
    assertThat(err())
        .startsWith("baton: cannot reach Baton at http://127.0.0.1:1 (from --server)")
        .contains("check that `baton server` runs there")
        .doesNotContain("Exception");
    assertThat(baton("loop", "status", "--server", "no server")).isEqualTo(2);
    assertThat(err()).contains("'no server' (from --server) is not a server address");
  }

  @Test
  void completionIsGeneratedForTheWholeTree() {
    assertThat(baton("completion", "bash")).isZero();
    assertThat(out())
        .contains("complete -F _complete_baton")
        .contains("jobs")
        .contains("--idempotency-key");
  }

  @Test
  void everyCommandAndEveryOptionIsDescribed() {
    List<String> missing = new ArrayList<>();
    walk(new CommandLine(new Main()), missing);
    assertThat(missing).isEmpty();
    assertThat(baton("jobs", "submit", "--help")).as(err()).isZero();
    assertThat(out()).contains("--file=FILE").contains("--chunk=N").contains("--server=URL");
    assertThat(baton("jobs")).isZero();
    assertThat(out()).startsWith("Usage: baton jobs [-hV] [COMMAND]").contains("watch");
    assertThat(baton("completion", "--version")).isZero();
    assertThat(out()).startsWith("baton ");
  }

  private static void walk(CommandLine cmd, List<String> missing) {
    String name = cmd.getCommandSpec().qualifiedName();
    if (cmd.getCommandSpec().usageMessage().description().length == 0) {
      missing.add(name);
    }
    cmd.getCommandSpec()
        .options()
        .forEach(o -> {
          if (o.description().length == 0 || o.description()[0].isBlank()) {
            missing.add(name + " " + o.longestName());
          }
        });
    cmd.getCommandSpec()
        .positionalParameters()
        .forEach(p -> {
          if (p.description().length == 0 && !p.paramLabel().startsWith("<")) {
            missing.add(name + " " + p.paramLabel());
          }
        });
    cmd.getSubcommands().values().forEach(sub -> walk(sub, missing));
  }
}
