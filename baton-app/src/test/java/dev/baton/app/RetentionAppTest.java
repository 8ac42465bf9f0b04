package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.job.Job;
import dev.baton.job.JobStatus;
import dev.baton.store.Change;
import dev.baton.store.StoreFixtures;
import dev.baton.store.jdbc.JdbcStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Retention in the server: a job that ended longer ago than {@code retention_days} is exported to
 * the export folder and then removed; a recent one and the ledger's recent entries stay.
 */
class RetentionAppTest {
  @TempDir Path dir;

  @Test
  void theServerExportsAndRemovesJobsThatEndedLongAgo() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    Instant longAgo = Instant.now().minus(Duration.ofDays(3));
    try (JdbcStore store = JdbcStore.sqlite(data.resolve("baton.db"))) {
      Job old = StoreFixtures.job("old-job", "hello", JobStatus.FINISHED, longAgo);
      Job recent = StoreFixtures.job("recent-job", "hello", JobStatus.FINISHED, Instant.now());
      assertThat(
              store.commit(
                  Change.builder()
                      .insertJob(old)
                      .transition(StoreFixtures.transition("old-job", "done"))
                      .insertJob(recent)
                      .build()))
          .isTrue();
    }
    Path export = dir.resolve("export");
    try (TestApp app =
        TestApp.start(
            data,
            Files.createDirectories(dir.resolve("blueprints")),
            Map.of("BATON_RETENTION_DAYS", "1", "BATON_RETENTION_EXPORT_DIR", export.toString()))) {
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> app.send("GET", "/api/v1/jobs/old-job", null).statusCode() == 404);
      assertThat(app.send("GET", "/api/v1/jobs/recent-job", null).statusCode()).isEqualTo(200);
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() ->
              TestApp.JSON
                      .readTree(
                          app.send("GET", "/api/v1/ledger?type=admin.retention_pruned", null)
                              .body())
                      .path("items")
                      .size()
                  == 1);
      List<Path> files;
      try (var list = Files.list(export)) {
        files = list.toList();
      }
      assertThat(files).hasSize(1);
      List<String> lines = Files.readAllLines(files.get(0));
      JsonNode first = TestApp.JSON.readTree(lines.get(0));
      assertThat(first.path("type").asString()).isEqualTo("job");
      assertThat(first.path("job").path("id").asString()).isEqualTo("old-job");
      assertThat(first.path("history").get(0).path("toState").asString()).isEqualTo("done");
    }
  }
}
