package dev.baton.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.baton.store.Broadcast;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processes on one PostgreSQL schema, and a third on another schema of the same database: a
 * batch one sends reaches the other of its schema, in order, and neither itself nor the other
 * schema's.
 */
class PostgresBroadcastTest {
  final TestPostgres.Database db = TestPostgres.newSchema();
  final JdbcStore storeA = db.openStore();
  final JdbcStore storeB = db.openStore();
  final JdbcStore elsewhere = TestPostgres.newSchema().openStore();

  @AfterEach
  void close() {
    storeA.close();
    storeB.close();
    elsewhere.close();
  }

  @Test
  void aBatchReachesTheOtherProcessesOfTheSchemaInOrder() {
    List<String> heardByA = new CopyOnWriteArrayList<>();
    List<String> heardByB = new CopyOnWriteArrayList<>();
    List<String> heardElsewhere = new CopyOnWriteArrayList<>();
    storeA.broadcast().subscribe(heardByA::add);
    storeB.broadcast().subscribe(heardByB::add);
    elsewhere.broadcast().subscribe(heardElsewhere::add);
    assertThat(storeA.broadcast().shared()).isTrue();
    // B hears once its listening connection is up: send until it does.
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> {
          storeA.broadcast().send(List.of("probe"));
          return heardByB.contains("probe");
        });

    storeA.broadcast().send(List.of("one", "two {\"json\": true}", "three"));
    await().atMost(Duration.ofSeconds(5)).until(() -> heardByB.contains("three"));
    // Probes sent while the listener came up may still arrive: they are not this batch.
    assertThat(heardByB)
        .filteredOn(m -> !m.equals("probe"))
        .containsExactly("one", "two {\"json\": true}", "three");
    // Wait past a round trip of B's own message, which A hears and B must not.
    storeB.broadcast().send(List.of("from b"));
    await().atMost(Duration.ofSeconds(5)).until(() -> heardByA.contains("from b"));
    assertThat(heardByB).doesNotContain("from b");
    assertThat(heardByA).doesNotContain("one", "two {\"json\": true}", "three");
    assertThat(heardElsewhere).isEmpty();
  }

  @Test
  void aMessageTooLongIsRefusedBeforeAnythingIsSent() {
    String tooLong = "x".repeat(Broadcast.MAX_BYTES + 1);
    assertThatThrownBy(() -> storeA.broadcast().send(List.of("fine", tooLong)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Integer.toString(Broadcast.MAX_BYTES));
  }

  @Test
  void aStoreNoOtherProcessSharesSendsNothing(@TempDir Path dir) {
    try (JdbcStore sqlite = JdbcStore.sqlite(dir.resolve("baton.db"))) {
      assertThat(sqlite.broadcast().shared()).isFalse();
      sqlite.broadcast().send(List.of("nobody"));
    }
  }
}
