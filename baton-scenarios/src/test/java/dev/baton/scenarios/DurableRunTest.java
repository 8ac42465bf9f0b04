package dev.baton.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.component.FsmState;
import dev.baton.job.JobStatus;
import dev.baton.job.Task;
import dev.baton.store.Store;
import dev.baton.store.jdbc.JdbcStore;
import dev.baton.store.jdbc.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run survives a restart of Baton: stored in SQLite or PostgreSQL, continued by the next process.
 */
class DurableRunTest {
  @TempDir Path dir;

  @Test
  void onSqlite() throws Exception {
    Path db = dir.resolve("baton.db");
    restartMidRun(() -> JdbcStore.sqlite(db));
  }

  @Test
  void onPostgres() throws Exception {
    TestPostgres.Database db = TestPostgres.newSchema();
    restartMidRun(db::openStore);
  }

  void restartMidRun(java.util.function.Supplier<Store> stores) throws Exception {
    Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
    Files.writeString(
        scenarios.resolve("slow.json"),
        """
        {"name": "slow", "trigger": {"type": "manual"}, "actions": [
          {"type": "log_event", "message": "before"},
          {"type": "wait_for_state", "client": "c1", "target_state": "RUN", "timeout": "30s"},
          {"type": "log_event", "message": "after {{ trigger.source }}"}]}
        """);
    String id;
    try (Rig first =
        new Rig(stores.get(), Clock.systemUTC(), 1, Map.of(), scenarios, false, false)) {
      id = first.scenarios.run("slow", Map.of("source", "operator")).id();
      await()
          .until(() ->
              first.engine.tasks(id).stream()
                  .anyMatch(t ->
                      t.spec().params().get("index").equals(1L)
                          || t.spec().params().get("index").equals(1)));
      assertThat(first.job(id).status().isTerminal()).isFalse();
    }

    try (Rig second =
        new Rig(stores.get(), Clock.systemUTC(), 1, Map.of(), scenarios, false, false)) {
      // The new process knows the run is still going.
      assertThat(
              second
                  .scenarios
                  .status(second.scenarios.scenario("slow").orElseThrow())
                  .get("running"))
          .isEqualTo(List.of(id));
      second.sim(1).jump(FsmState.RUN);
      await().atMost(Duration.ofSeconds(20)).until(() -> second.job(id).status().isTerminal());
      assertThat(second.job(id).status()).isEqualTo(JobStatus.FINISHED);
      Map<String, Object> view = second.scenarios.run(id).orElseThrow();
      assertThat(view.get("actions").toString())
          .contains("message=before", "message=after operator");
      // The wait's first attempt was lost with the first process; its retry ran in the second.
      List<Task> waits =
          second.engine.tasks(id).stream()
              .filter(t -> String.valueOf(t.spec().params().get("index")).equals("1"))
              .toList();
      assertThat(waits).hasSize(2);
      assertThat(waits.get(0).workerId()).isNotEqualTo(waits.get(1).workerId());
      assertThat(second.get("/api/v1/jobs/" + id).body()).contains("\"status\":\"finished\"");
    }
  }
}
