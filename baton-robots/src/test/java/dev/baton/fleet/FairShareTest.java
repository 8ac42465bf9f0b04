package dev.baton.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.job.Task;
import dev.baton.job.TaskSpec;
import dev.baton.job.TaskStatus;
import dev.baton.store.InMemoryStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The robot dispatcher's fair share takes its turns from the store, so two dispatchers on one store
 * (two nodes) serve the clients in turn, and tasks without a client record nothing.
 */
class FairShareTest {
  static final Instant T = Instant.parse("2030-01-01T10:00:00Z");

  static Task task(String id, String client, int priority, long age) {
    Map<String, Object> params =
        client.isEmpty() ? Map.of() : Map.of(RobotJobs.ROUTE, Map.of("client", client));
    TaskSpec spec = TaskSpec.of("robot", params).withPriority(priority);
    return new Task(
        id, "job-" + id, spec, 1, TaskStatus.QUEUED, null, null, T, null, T.plusMillis(age));
  }

  @Test
  void twoDispatchersOnOneStoreServeTheClientsInTurn() {
    InMemoryStore store = new InMemoryStore();
    FairShare nodeA = new FairShare(store);
    FairShare nodeB = new FairShare(store);
    List<Task> queue = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      queue.add(task("a" + i, "acme", 0, i));
    }
    queue.add(task("b0", "bolt", 0, 10));
    queue.add(task("b1", "bolt", 0, 11));
    List<String> served = new ArrayList<>();
    for (int round = 0; round < 4; round++) {
      FairShare node = round % 2 == 0 ? nodeA : nodeB;
      Task first = node.order(queue).getFirst();
      node.served(List.of(first));
      queue.remove(first);
      served.add(first.id());
    }
    assertThat(served).containsExactly("a0", "b0", "a1", "b1");
  }

  @Test
  void withinARoundClientsAlternateAndAHigherPriorityGoesFirst() {
    FairShare share = new FairShare(new InMemoryStore());
    List<Task> queue =
        List.of(
            task("urgent", "bolt", 5, 20),
            task("a0", "acme", 0, 0),
            task("a1", "acme", 0, 1),
            task("b0", "bolt", 0, 2));
    assertThat(share.order(queue)).extracting(Task::id).containsExactly("urgent", "a0", "b0", "a1");
  }

  @Test
  void tasksWithoutAClientKeepTheQueueOrderAndRecordNoTurn() {
    InMemoryStore store = new InMemoryStore();
    FairShare share = new FairShare(store);
    List<Task> queue = List.of(task("x0", "", 0, 0), task("x1", "", 0, 1));
    assertThat(share.order(queue)).isSameAs(queue);
    share.served(queue);
    assertThat(store.turns(List.of(""))).isEmpty();
  }
}
