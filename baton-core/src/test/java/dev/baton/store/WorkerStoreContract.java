package dev.baton.store;

import static dev.baton.store.StoreFixtures.T0;
import static dev.baton.store.StoreFixtures.worker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.worker.Worker;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link WorkerStore} must do. */
public interface WorkerStoreContract {
  WorkerStore workerStore();

  @Test
  default void workersAreInsertedOrReplaced() {
    Worker w1 = worker("w1", Map.of("supported_tasks", List.of("a", "b"), "cost", 1.5));
    Worker w2 = worker("w2", Map.of("supported_tasks", List.of("c")));
    workerStore().putWorker(w1);
    workerStore().putWorker(w2);
    Worker w1Again =
        w1.seen(Map.of("status", "busy", "load", 3L), T0.plusSeconds(5), T0.plusSeconds(65));
    workerStore().putWorker(w1Again);
    assertThat(workerStore().worker("w1")).contains(w1Again);
    assertThat(workerStore().worker("w2")).contains(w2);
    assertThat(workerStore().workers()).containsExactlyInAnyOrder(w1Again, w2);
  }
}
