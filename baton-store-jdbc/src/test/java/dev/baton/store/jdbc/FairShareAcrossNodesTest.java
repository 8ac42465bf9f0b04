package dev.baton.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.blueprint.Blueprint;
import dev.baton.engine.Engine;
import dev.baton.engine.NewJob;
import dev.baton.job.JobAttributes;
import dev.baton.job.JobClient;
import dev.baton.job.Task;
import dev.baton.job.TaskResult;
import dev.baton.job.TaskSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Fair share for HTTP workers on two nodes of one PostgreSQL: the clients' turns are the store's,
 * so workers polling on either node serve the clients in turn, and a node started again goes on
 * with the turns where they were.
 */
class FairShareAcrossNodesTest {

  static Engine engine(JdbcStore store) {
    Engine e = Engine.builder(store).build();
    e.register(
        Blueprint.builder("render")
            .start("run")
            .dispatch("run", TaskSpec.of("render", Map.of()), Map.of("success", "finished"))
            .build());
    return e;
  }

  static NewJob of(String client) {
    return NewJob.of("render", Map.of("client", client))
        .withAttributes(JobAttributes.NONE.withClient(JobClient.named(client, "basic", Map.of())));
  }

  @Test
  void workersOnTwoNodesServeTheClientsInTurn() throws Exception {
    TestPostgres.Database db = TestPostgres.newDatabase();
    List<String> served = new ArrayList<>();
    try (JdbcStore storeA = db.openStore();
        JdbcStore storeB = db.openStore()) {
      Engine nodeA = engine(storeA);
      Engine nodeB = engine(storeB);
      // acme's backlog was queued first; bolt's two jobs come after it.
      for (int i = 0; i < 4; i++) {
        nodeA.createJob(of("acme"));
      }
      nodeB.createJob(of("bolt"));
      nodeB.createJob(of("bolt"));
      nodeA.registerWorker(Map.of("worker_id", "wa", "supported_tasks", List.of("render")));
      nodeB.registerWorker(Map.of("worker_id", "wb", "supported_tasks", List.of("render")));
      for (int i = 0; i < 4; i++) {
        Engine node = i % 2 == 0 ? nodeA : nodeB;
        String worker = i % 2 == 0 ? "wa" : "wb";
        Task t = node.poll(worker, 1, Duration.ZERO).getFirst();
        served.add(String.valueOf(node.job(t.jobId()).orElseThrow().initialData().get("client")));
        node.complete(t.id(), worker, TaskResult.success(Map.of()));
      }
      nodeA.close();
      nodeB.close();
    }
    assertThat(served)
        .as("each node's claim sees the turn the other's took")
        .containsExactly("acme", "bolt", "acme", "bolt");

    try (JdbcStore again = db.openStore()) {
      Engine restarted = engine(again);
      restarted.registerWorker(Map.of("worker_id", "wa", "supported_tasks", List.of("render")));
      restarted.createJob(of("bolt"));
      Task t = restarted.poll("wa", 1, Duration.ZERO).getFirst();
      assertThat(restarted.job(t.jobId()).orElseThrow().initialData())
          .as("bolt was served last before the restart: acme's turn, though bolt's job is here too")
          .containsEntry("client", "acme");
      restarted.close();
    }
  }
}
