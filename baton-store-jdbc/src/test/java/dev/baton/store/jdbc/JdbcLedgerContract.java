package dev.baton.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.ledger.Ledger;
import dev.baton.ledger.LedgerEntry;
import dev.baton.ledger.LedgerQuery;
import dev.baton.ledger.Severity;
import dev.baton.store.LedgerContract;
import dev.baton.store.Store;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ledger contract plus what a database adds: it survives a restart and refuses edits. */
abstract class JdbcLedgerContract extends LedgerContract {

  /** Opens the database of the store under test again, as a restart would. */
  protected abstract JdbcStore reopen();

  protected abstract Connection connect() throws SQLException;

  @Override
  protected Ledger ledgerOf(Store store) {
    return ((JdbcStore) store).ledger();
  }

  @Test
  void theLedgerSurvivesARestart() {
    LedgerEntry a = append(0, "admin.cancel", "api", Severity.INFO, "j");
    LedgerEntry b = append(1, "orchestrator.cycle_completed", "orchestrator", Severity.INFO, null);
    store.close();
    try (JdbcStore again = reopen()) {
      List<LedgerEntry> entries = again.ledger().read(LedgerQuery.oldest(10)).entries();
      assertThat(entries).containsExactly(a, b);
      LedgerEntry c =
          again
              .ledger()
              .append(LedgerEntry.of(at(2), "x", "y", Severity.INFO, null, java.util.Map.of()));
      assertThat(c.seq()).isGreaterThan(b.seq());
    }
    store = reopen(); // closed by the contract's teardown
  }

  @Test
  void theDatabaseRefusesToChangeOrDeleteAnEntry() throws SQLException {
    append(0, "t", "s", Severity.INFO, null);
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeUpdate("UPDATE ledger SET type = 'forged'"))
          .hasMessageContaining("append-only");
      assertThatThrownBy(() -> s.executeUpdate("DELETE FROM ledger"))
          .hasMessageContaining("append-only");
    }
    assertThat(ledger.count(LedgerQuery.newest(1).type("t"))).isEqualTo(1);
  }

  @Test
  void retentionDeletesOnlyBeforeAHorizonThatOnlyMovesForward() throws SQLException {
    append(0, "old", "s", Severity.INFO, null);
    append(5, "new", "s", Severity.INFO, null);
    assertThat(((JdbcStore) store).forgetLedger(at(1), Long.MAX_VALUE)).isEqualTo(1);
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeUpdate("DELETE FROM ledger"))
          .as("an entry after the horizon")
          .hasMessageContaining("append-only");
      assertThatThrownBy(() -> s.executeUpdate("UPDATE ledger_horizon SET before_at = 0"))
          .hasMessageContaining("only moves forward");
      assertThatThrownBy(() -> s.executeUpdate("DELETE FROM ledger_horizon"))
          .hasMessageContaining("only moves forward");
    }
    assertThat(ledger.read(LedgerQuery.oldest(10)).entries())
        .extracting(LedgerEntry::type)
        .containsExactly("new");
  }
}
