package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.server.events.EventHub;
import dev.baton.server.events.LedgerTail;
import dev.baton.server.events.ServerEvent;
import dev.baton.store.jdbc.JdbcStore;
import dev.baton.store.jdbc.TestPostgres;
import dev.baton.testing.ManualClock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ledger tail on PostgreSQL, where a {@code seq} is taken at insert and becomes visible at
 * commit: an entry whose transaction commits after a later entry was read is still published (late,
 * never missed), and a seq whose transaction rolled back stops being looked for after the horizon.
 * The transactions are held open by hand on plain connections, as two nodes' writers would be.
 */
class LedgerTailOnPostgresTest {
  final TestPostgres.Database db = TestPostgres.newSchema();
  final JdbcStore store = db.openStore();
  final ManualClock clock = new ManualClock();
  final EventHub hub = new EventHub(clock);

  @AfterEach
  void close() {
    hub.close();
    store.close();
  }

  @Test
  void anEntryCommittedAfterALaterOneWasReadIsPublishedAndARolledBackSeqIsGivenUp()
      throws Exception {
    LedgerTail tail = new LedgerTail(store.ledger(), hub, clock);
    try (Connection slow = db.connect();
        Connection fast = db.connect();
        Connection undone = db.connect()) {
      slow.setAutoCommit(false);
      undone.setAutoCommit(false);
      long early = append(slow, "test.early");
      long rolledBack = append(undone, "test.undone");
      long late = append(fast, "test.later"); // auto-commit: visible at once
      assertThat(early).isLessThan(rolledBack);
      assertThat(rolledBack).isLessThan(late);

      assertThat(tail.round()).isEqualTo(1);
      assertThat(types()).containsExactly("test.later");

      slow.commit();
      undone.rollback();
      assertThat(tail.round()).as("the early entry, once committed").isEqualTo(1);
      assertThat(types()).containsExactly("test.later", "test.early");
      assertThat(tail.round()).as("nothing twice").isZero();
      assertThat(tail.holes()).as("the rolled-back seq is still looked for").isEqualTo(1);

      clock.advance(LedgerTail.HORIZON.plus(Duration.ofSeconds(1)));
      long next = append(fast, "test.next");
      assertThat(next).isGreaterThan(late);
      assertThat(tail.round()).isEqualTo(1);
      assertThat(types()).containsExactly("test.later", "test.early", "test.next");
      assertThat(tail.holes()).as("given up after the horizon").isZero();
    }
  }

  private List<String> types() {
    return hub.recent().stream().map(ServerEvent::type).toList();
  }

  private static long append(Connection c, String type) throws Exception {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO ledger (at, type, source, severity, job_id, details)"
                + " VALUES (?, ?, 'test', 'info', NULL, '{}') RETURNING seq")) {
      ps.setLong(1, System.currentTimeMillis());
      ps.setString(2, type);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
