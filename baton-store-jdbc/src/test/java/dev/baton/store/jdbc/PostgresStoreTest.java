package dev.baton.store.jdbc;

import static dev.baton.store.StoreFixtures.job;
import static dev.baton.store.StoreFixtures.race;
import static dev.baton.store.StoreFixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.job.Task;
import dev.baton.store.Change;
import dev.baton.store.Store;
import dev.baton.store.TaskClaim;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresStoreTest extends JdbcStoreContract {
  private TestPostgres.Database db = new TestPostgres.Database("unset", "", "");

  @RegisterExtension final TestPostgres.Schemas schemas = new TestPostgres.Schemas();

  @Override
  protected Store newStore() {
    db = schemas.migratedSchema();
    return db.openStore();
  }

  @Override
  protected JdbcStore reopen() {
    return db.openStore();
  }

  @Override
  protected Connection connect() throws SQLException {
    return db.connect();
  }

  /** Two stores on one database stand for two Baton processes: SKIP LOCKED keeps them apart. */
  @Test
  void twoStoresOnOneDatabaseNeverShareATask() throws Exception {
    insertJob(job("j"));
    Change.Builder change = Change.builder();
    for (int i = 0; i < 1000; i++) {
      change.insertTask(task("t" + i, "j", "x", i % 3, T0, T0.plusMillis(i)));
    }
    assertThat(commit(change)).isTrue();
    Map<String, Integer> claimedBy = new ConcurrentHashMap<>();
    AtomicInteger duplicates = new AtomicInteger();
    try (JdbcStore second = reopen()) {
      race(
          8,
          racer -> {
            Store mine = racer % 2 == 0 ? store : second;
            while (true) {
              List<Task> got =
                  mine.claim(new TaskClaim("w" + racer, Set.of("x"), 3, T0, T0.plusSeconds(30)));
              if (got.isEmpty()) {
                return;
              }
              got.forEach(t -> {
                if (claimedBy.putIfAbsent(t.id(), racer) != null) {
                  duplicates.incrementAndGet();
                }
              });
            }
          });
    }
    assertThat(duplicates).hasValue(0);
    assertThat(claimedBy).hasSize(1000);
  }

  /**
   * Two stores stand for two processes claiming one capped type at once: the cap is counted in each
   * claim's transaction under the type's lock, so together they never pass it.
   */
  @Test
  void twoStoresOnOneDatabaseNeverPassATypesCapTogether() throws Exception {
    insertJob(job("j"));
    Change.Builder change = Change.builder();
    for (int i = 0; i < 200; i++) {
      change.insertTask(task("t" + i, "j", "x", 0, T0, T0.plusMillis(i)));
    }
    assertThat(commit(change)).isTrue();
    AtomicInteger claimed = new AtomicInteger();
    try (JdbcStore second = reopen()) {
      for (int round = 0; round < 5; round++) {
        int cap = 3 + round * 2; // each round frees nothing: the cap grows, so does the room
        race(
            8,
            racer -> {
              Store mine = racer % 2 == 0 ? store : second;
              // Bounded: a claim finding the other store's transaction on the lock takes nothing.
              for (int i = 0; i < 200 && claimed.get() < cap; i++) {
                claimed.addAndGet(
                    mine.claim(
                            new TaskClaim(
                                "w" + racer,
                                Set.of("x"),
                                2,
                                T0,
                                T0.plusSeconds(30),
                                Map.of("x", cap)))
                        .size());
              }
            });
        assertThat(claimed).hasValue(cap);
        assertThat(store.leasedCounts(Set.of("x"))).containsEntry("x", (long) cap);
      }
    }
  }
}
