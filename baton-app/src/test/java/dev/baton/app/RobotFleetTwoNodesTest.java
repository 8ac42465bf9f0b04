package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.store.jdbc.TestPostgres;
import dev.baton.worker.sdk.robot.RobotClient;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Two Baton processes on one PostgreSQL, each with its own robots: jobs submitted to one run on the
 * robots of both, every job exactly once (the claim of a task is a guarded write).
 */
class RobotFleetTwoNodesTest {
  @TempDir Path dir;
  final List<TestApp> apps = new ArrayList<>();
  final List<RobotClient> robots = new ArrayList<>();

  @AfterEach
  void stop() {
    release.countDown();
    robots.forEach(RobotClient::kill);
    apps.forEach(TestApp::close);
  }

  TestApp node(TestPostgres.Database db, String name) throws Exception {
    TestApp app =
        TestApp.start(
            dir.resolve(name),
            Files.createDirectories(dir.resolve("blueprints")),
            Map.of(
                "BATON_DATABASE_URL", db.url(),
                "BATON_DATABASE_USER", db.user(),
                "BATON_DATABASE_PASSWORD", db.password(),
                // A dropped robot's running jobs wait 1 s, not 30, for it to reconnect.
                "ROBOT_RECONNECT_GRACE_SECONDS", "1"));
    apps.add(app);
    return app;
  }

  final CountDownLatch release = new CountDownLatch(1);

  RobotClient robot(TestApp app, String id, boolean blocking) {
    RobotClient r =
        RobotClient.builder(URI.create("ws://127.0.0.1:" + app.port() + "/robots/ws"), id)
            .heartbeatInterval(Duration.ZERO)
            .maxConcurrentJobs(3)
            .handler((job, ctx) -> {
              if (blocking) {
                release.await();
              }
              return Map.of("by", id);
            })
            .connect();
    robots.add(r);
    return r;
  }

  @Test
  void jobsRunOnTheRobotsOfBothNodesExactlyOnce() throws Exception {
    TestPostgres.Database db = TestPostgres.newDatabase();
    TestApp a = node(db, "a");
    TestApp b = node(db, "b");
    // Only node b has a robot at first: it takes work submitted to node a, up to its capacity.
    RobotClient rb = robot(b, "robot-b", true);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      HttpResponse<String> r =
          a.send(
              "POST",
              "/api/v1/robot-jobs",
              "{\"workflow_id\":\"w\",\"parameters\":{\"i\":" + i + "}}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
      ids.add(TestApp.JSON.readTree(r.body()).get("id").asString());
    }
    await().until(() -> rb.runningJobs().size() == 3);
    RobotClient ra = robot(a, "robot-a", false);
    await().until(() -> ra.assignedJobs().size() == 27);
    release.countDown();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> {
          for (String id : ids) {
            String status =
                TestApp.JSON
                    .readTree(b.send("GET", "/api/v1/robot-jobs/" + id, null).body())
                    .get("status")
                    .asString();
            if (!status.equals("completed")) {
              return false;
            }
          }
          return true;
        });
    Set<String> seen = new HashSet<>(ra.assignedJobs());
    for (String id : rb.assignedJobs()) {
      assertThat(seen.add(id)).as("job %s offered on both nodes", id).isTrue();
    }
    assertThat(seen).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(rb.assignedJobs()).hasSize(3);
    // The duplicate check is shared too: node b refuses what node a accepted.
    HttpResponse<String> dup =
        b.send("POST", "/api/v1/robot-jobs", "{\"workflow_id\":\"w\",\"parameters\":{\"i\":0}}");
    assertThat(dup.statusCode()).isEqualTo(409);
  }

  /** Issue 13: a cancel made on one node reaches the robot running the job on another. */
  @Test
  void aCancelOnOneNodeReachesTheRobotOnAnother() throws Exception {
    TestPostgres.Database db = TestPostgres.newDatabase();
    TestApp a = node(db, "a");
    TestApp b = node(db, "b");
    Set<String> cancelled = java.util.concurrent.ConcurrentHashMap.newKeySet();
    RobotClient rb =
        RobotClient.builder(URI.create("ws://127.0.0.1:" + b.port() + "/robots/ws"), "robot-b")
            .heartbeatInterval(Duration.ZERO)
            .maxConcurrentJobs(1)
            .handler((job, ctx) -> {
              await().atMost(Duration.ofSeconds(30)).until(ctx::cancelled);
              cancelled.add(job.jobId());
              return Map.of();
            })
            .connect();
    robots.add(rb);
    HttpResponse<String> r =
        a.send("POST", "/api/v1/robot-jobs", "{\"workflow_id\":\"w\",\"parameters\":{}}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    String id = TestApp.JSON.readTree(r.body()).get("id").asString();
    await().until(() -> rb.runningJobs().contains(id));
    HttpResponse<String> cancel = a.send("POST", "/api/v1/robot-jobs/" + id + "/cancel", null);
    assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> cancelled.contains(id));
  }

  @Test
  void aDrainOnOneNodeReachesTheRobotOnAnotherAndSoDoesItsEnd() throws Exception {
    TestPostgres.Database db = TestPostgres.newDatabase();
    TestApp a = node(db, "a");
    TestApp b = node(db, "b");
    RobotClient rb = robot(b, "robot-b", false);
    await().until(() -> a.send("GET", "/api/v1/robots/robot-b", null).statusCode() == 200);

    HttpResponse<String> drain =
        a.send("POST", "/api/v1/robots/robot-b/maintenance", "{\"enabled\":true}");
    assertThat(drain.statusCode()).as(drain.body()).isEqualTo(200);
    // Node b, where the robot is connected, takes the drain into its live session.
    await().atMost(Duration.ofSeconds(10)).until(() -> maintenance(b, "robot-b"), on -> on);
    HttpResponse<String> r =
        a.send("POST", "/api/v1/robot-jobs", "{\"workflow_id\":\"w\",\"parameters\":{}}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    String id = TestApp.JSON.readTree(r.body()).get("id").asString();
    await()
        .during(Duration.ofMillis(800))
        .atMost(Duration.ofSeconds(3))
        .until(() -> rb.assignedJobs().isEmpty());

    HttpResponse<String> end =
        a.send("POST", "/api/v1/robots/robot-b/maintenance", "{\"enabled\":false}");
    assertThat(end.statusCode()).as(end.body()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> rb.assignedJobs().contains(id));
  }

  /** Issue 13: an operator's command made on one node reaches the robot on another, once. */
  @Test
  void aCommandOnOneNodeReachesTheRobotOnAnotherOnce() throws Exception {
    TestPostgres.Database db = TestPostgres.newDatabase();
    TestApp a = node(db, "a");
    TestApp b = node(db, "b");
    RobotClient rb = robot(b, "robot-b", false);
    await().until(() -> a.send("GET", "/api/v1/robots/robot-b", null).statusCode() == 200);

    HttpResponse<String> status =
        a.send("POST", "/api/v1/robots/robot-b/commands", "{\"command\":\"status_request\"}");
    assertThat(status.statusCode()).as(status.body()).isEqualTo(202);
    assertThat(TestApp.JSON.readTree(status.body()).get("status").asString()).isEqualTo("queued");
    await().atMost(Duration.ofSeconds(10)).until(() -> count(rb, "status_request") == 1);

    // Paused through node a, node b offers the robot nothing; resumed, it gets the job.
    HttpResponse<String> pause =
        a.send("POST", "/api/v1/robots/robot-b/commands", "{\"command\":\"pause\"}");
    assertThat(pause.statusCode()).as(pause.body()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(10)).until(() -> count(rb, "pause") == 1);
    HttpResponse<String> r =
        a.send("POST", "/api/v1/robot-jobs", "{\"workflow_id\":\"w\",\"parameters\":{}}");
    String id = TestApp.JSON.readTree(r.body()).get("id").asString();
    await()
        .during(Duration.ofMillis(1500)) // past a fleet check, which reads the commands too
        .atMost(Duration.ofSeconds(4))
        .until(() -> rb.assignedJobs().isEmpty());
    a.send("POST", "/api/v1/robots/robot-b/commands", "{\"command\":\"resume\"}");
    await().atMost(Duration.ofSeconds(10)).until(() -> rb.assignedJobs().contains(id));
    assertThat(count(rb, "status_request")).as("delivered once").isEqualTo(1);
    assertThat(count(rb, "pause")).isEqualTo(1);
    assertThat(count(rb, "resume")).isEqualTo(1);

    // On the robot's own node the command is sent at once.
    HttpResponse<String> here =
        b.send("POST", "/api/v1/robots/robot-b/commands", "{\"command\":\"status_request\"}");
    assertThat(TestApp.JSON.readTree(here.body()).get("status").asString()).isEqualTo("sent");
  }

  /**
   * Issue 13: a robot whose connection to node a drops and that reconnects to node b within the
   * grace keeps its running job: b adopts it, nobody else is offered it, and the robot's result on
   * b completes it once, in its one attempt.
   */
  @Test
  void aRobotThatReconnectsToAnotherNodeKeepsItsRunningJob() throws Exception {
    TestPostgres.Database db = TestPostgres.newDatabase();
    TestApp a = node(db, "a");
    TestApp b = node(db, "b");
    RobotClient r = robot(a, "robot-r", true);
    String id = submit(a);
    await().until(() -> r.runningJobs().contains(id));
    RobotClient other = robot(b, "robot-q", false);

    r.reconnect(URI.create("ws://127.0.0.1:" + b.port() + "/robots/ws"));
    await()
        .during(Duration.ofMillis(2500)) // past the 1 s grace and node a's next check
        .atMost(Duration.ofSeconds(5))
        .until(() -> other.assignedJobs().isEmpty());
    assertThat(status(b, id)).isEqualTo("running");
    release.countDown();
    await().atMost(Duration.ofSeconds(10)).until(() -> status(a, id).equals("completed"));
    JsonNode job = TestApp.JSON.readTree(a.send("GET", "/api/v1/robot-jobs/" + id, null).body());
    assertThat(job.get("robot_id").asString()).isEqualTo("robot-r");
    assertThat(r.assignedJobs()).containsExactly(id);
    assertThat(other.assignedJobs()).isEmpty();
    assertOneAttempt(a, id);
  }

  /**
   * The chaos case for robots: a robot killed mid-task (never back) loses its job after the grace;
   * another robot, on another node, runs it, in the same attempt.
   */
  @Test
  void aRobotKilledMidTaskIsRunByAnotherAsOneAttempt() throws Exception {
    TestPostgres.Database db = TestPostgres.newDatabase();
    TestApp a = node(db, "a");
    TestApp b = node(db, "b");
    RobotClient r = robot(a, "robot-r", true);
    String id = submit(a);
    await().until(() -> r.runningJobs().contains(id));
    RobotClient other = robot(b, "robot-q", false);
    long killed = System.nanoTime();
    r.kill();
    await().atMost(Duration.ofSeconds(15)).until(() -> status(a, id).equals("completed"));
    long ms = (System.nanoTime() - killed) / 1_000_000;
    JsonNode job = TestApp.JSON.readTree(a.send("GET", "/api/v1/robot-jobs/" + id, null).body());
    assertThat(job.get("robot_id").asString()).isEqualTo("robot-q");
    assertThat(other.assignedJobs()).containsExactly(id);
    int tasks = assertOneAttempt(a, id);
    System.out.printf(
        "chaos, robot killed mid-task: 2 nodes, the robot on node a killed; its job ran again on"
            + " the robot of node b %d ms later (grace 1 s), %d task(s), all attempt 1, one"
            + " accepted result%n",
        ms, tasks);
  }

  private static String submit(TestApp app) throws Exception {
    HttpResponse<String> r =
        app.send("POST", "/api/v1/robot-jobs", "{\"workflow_id\":\"w\",\"parameters\":{}}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return TestApp.JSON.readTree(r.body()).get("id").asString();
  }

  private static String status(TestApp app, String id) throws Exception {
    return TestApp.JSON
        .readTree(app.send("GET", "/api/v1/robot-jobs/" + id, null).body())
        .get("status")
        .asString();
  }

  /** Every task of the job is of attempt 1 and exactly one completed; returns the task count. */
  private static int assertOneAttempt(TestApp app, String id) throws Exception {
    JsonNode tasks =
        TestApp.JSON.readTree(app.send("GET", "/api/v1/jobs/" + id + "/tasks", null).body());
    int completed = 0;
    for (JsonNode t : tasks) {
      assertThat(t.get("attempt").asInt()).as(t.toString()).isEqualTo(1);
      if (t.get("status").asString().equals("done")) {
        completed++;
      }
    }
    assertThat(completed).as(tasks.toString()).isEqualTo(1);
    return tasks.size();
  }

  private static long count(RobotClient robot, String type) {
    return robot.received().stream().filter(m -> type.equals(m.get("type"))).count();
  }

  private static boolean maintenance(TestApp app, String robot) throws Exception {
    return TestApp.JSON
        .readTree(app.send("GET", "/api/v1/robots/" + robot, null).body())
        .path("maintenance")
        .asBoolean();
  }
}
