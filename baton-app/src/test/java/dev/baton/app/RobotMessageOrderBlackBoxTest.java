package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.worker.sdk.robot.RobotClient;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The server handles one connection's messages about different jobs side by side, and one job's in
 * the order the robot sent them: a robot running eight jobs at once sends, for each, a log line,
 * two progress reports and its completion, interleaved with the other jobs' messages on its one
 * connection. Had a job's completion been handled before its progress, that progress would be
 * refused ({@code error}: not running); had its progress reports swapped, its last node would be
 * the first one.
 */
class RobotMessageOrderBlackBoxTest {
  static final int JOBS = 48;

  @TempDir Path dir;
  TestApp app;
  RobotClient robot;

  @AfterEach
  void stop() {
    if (robot != null) {
      robot.kill();
    }
    if (app != null) {
      app.close();
    }
  }

  @Test
  void aJobsProgressAndCompletionKeepTheirOrderWhileOtherJobsInterleave() throws Exception {
    app =
        TestApp.start(
            dir.resolve("data"), Files.createDirectories(dir.resolve("blueprints")), Map.of());
    robot =
        RobotClient.builder(URI.create("ws://127.0.0.1:" + app.port() + "/robots/ws"), "r1")
            .heartbeatInterval(Duration.ZERO)
            .maxConcurrentJobs(8)
            .handler((job, ctx) -> {
              ctx.log("INFO", "starting", "start", Map.of());
              ctx.progress(40, "first", "on the way");
              ctx.progress(80, "second", "nearly there");
              return Map.of("done", job.jobId());
            })
            .connect();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < JOBS; i++) {
      HttpResponse<String> r =
          app.send(
              "POST",
              "/api/v1/robot-jobs",
              "{\"workflow_id\":\"w\",\"parameters\":{\"n\":" + i + "}}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
      ids.add(TestApp.JSON.readTree(r.body()).get("id").asString());
    }

    await().atMost(Duration.ofSeconds(30)).until(() -> allCompleted(ids));
    for (String id : ids) {
      JsonNode job = job(id);
      assertThat(job.get("current_node").asString()).as("job %s", id).isEqualTo("second");
      assertThat(job.get("progress").asInt()).isEqualTo(100);
    }
    assertThat(robot.received())
        .filteredOn(m -> "error".equals(m.get("type")))
        .as("errors the server sent the robot")
        .isEmpty();
  }

  boolean allCompleted(List<String> ids) throws Exception {
    for (String id : ids) {
      if (!"completed".equals(job(id).get("status").asString())) {
        return false;
      }
    }
    return true;
  }

  JsonNode job(String id) throws Exception {
    return TestApp.JSON.readTree(app.send("GET", "/api/v1/robot-jobs/" + id, null).body());
  }
}
