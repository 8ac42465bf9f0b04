package dev.baton.store.jdbc;

import static dev.baton.store.StoreFixtures.T0;
import static dev.baton.store.StoreFixtures.fullJob;
import static dev.baton.store.StoreFixtures.task;
import static dev.baton.store.StoreFixtures.transition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.job.Job;
import dev.baton.job.JobClient;
import dev.baton.job.JobQuery;
import dev.baton.job.JobTransition;
import dev.baton.job.Task;
import dev.baton.ledger.LedgerEntry;
import dev.baton.ledger.LedgerQuery;
import dev.baton.ledger.Severity;
import dev.baton.robot.Robot;
import dev.baton.robot.RobotStatus;
import dev.baton.schedule.Schedule;
import dev.baton.store.Change;
import dev.baton.store.ScheduleStoreContract;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * A database made by the migrator Baton had before Flyway ({@link LegacyMigrator}) opens with
 * today's code: Flyway is baselined at the version the old migrator recorded, only the later
 * scripts run, and every row is kept.
 */
abstract class LegacyUpgradeContract {
  final Job job = ownedByAlice(fullJob("j", null));
  final Task task = task("t", "j", "x", 1, T0, T0);
  final Schedule schedule =
      ScheduleStoreContract.bumped(
          ScheduleStoreContract.schedule("s1", "nightly", T0.plusSeconds(300), true),
          T0.plusSeconds(600),
          T0.plusSeconds(300));

  /** The dialect's folder of scripts: sqlite or postgres. */
  protected abstract String dialect();

  /** A connection to the database under test, empty before the test. */
  protected abstract Connection connect() throws SQLException;

  /** Opens a store on that database with today's code. */
  protected abstract JdbcStore open();

  /** The old migrator to {@code version}, then a job as the old store wrote it. */
  private void legacyDatabase(int version) throws SQLException {
    try (Connection c = connect()) {
      LegacyMigrator.migrate(c, dialect(), version);
      c.setAutoCommit(false);
      insertAsBeforeV7(c, job);
      Change change = Change.builder().insertTask(task).build();
      assertThat(ChangeSql.applyAlone(c, change)).isTrue();
      insertAsBeforeV12(c, transition("j", "a"));
      insertAsBeforeV18(c, schedule);
      c.commit();
    }
  }

  /** A transition as stores before V12 wrote it: a row of job_transitions. */
  private static void insertAsBeforeV12(Connection c, JobTransition t) throws SQLException {
    String sql =
        """
        INSERT INTO job_transitions (job_id, at, from_state, to_state, from_status, to_status,
                                     reason)
        VALUES (?, ?, ?, ?, ?, ?, ?)\
        """;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, t.jobId());
      Sql.setInstant(ps, 2, t.at());
      Sql.setText(ps, 3, t.fromState());
      ps.setString(4, t.toState());
      Sql.setText(ps, 5, t.fromStatus() == null ? null : t.fromStatus().wireName());
      ps.setString(6, t.toStatus().wireName());
      ps.setString(7, t.reason());
      ps.executeUpdate();
    }
  }

  /**
   * The row as stores before V7 wrote it: no client column, the client only in the body's
   * attributes.
   */
  private static void insertAsBeforeV7(Connection c, Job j) throws SQLException {
    String sql =
        """
        INSERT INTO jobs (id, blueprint, blueprint_version, state, status, priority,
                          parent_job_id, created_at, updated_at, wake_at, version, body)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)\
        """;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, j.id());
      ps.setString(2, j.blueprint());
      ps.setInt(3, j.blueprintVersion());
      ps.setString(4, j.state());
      ps.setString(5, j.status().wireName());
      ps.setInt(6, j.priority());
      Sql.setText(ps, 7, j.parentJobId());
      Sql.setInstant(ps, 8, j.createdAt());
      Sql.setInstant(ps, 9, j.updatedAt());
      Sql.setInstant(ps, 10, j.wakeAt());
      ps.setLong(11, j.version());
      // Before V13 the attributes were part of the body.
      Map<String, Object> body = new java.util.LinkedHashMap<>(Json.read(JobSql.bodyJson(j)));
      body.put("attributes", j.attributes().toMap());
      ps.setString(12, Json.write(body));
      ps.executeUpdate();
    }
  }

  /** A schedule as stores before V18 wrote it: where it stands in its body, beside the rest. */
  private static void insertAsBeforeV18(Connection c, Schedule s) throws SQLException {
    String sql =
        "INSERT INTO schedules (id, name, enabled, next_run_at, queued, version, body)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)";
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("definition", s.definition().toMap());
    body.put("since", s.since().toEpochMilli());
    body.put("next_run_at", millis(s.nextRunAt()));
    body.put("last_run_at", millis(s.lastRunAt()));
    body.put("last_job_id", s.lastJobId());
    body.put("run_count", s.runCount());
    body.put("queued_fire", millis(s.queuedFire()));
    body.put("created_at", s.createdAt().toEpochMilli());
    body.put("updated_at", s.updatedAt().toEpochMilli());
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, s.id());
      ps.setString(2, s.name());
      ps.setInt(3, s.enabled() ? 1 : 0);
      Sql.setInstant(ps, 4, s.nextRunAt());
      ps.setInt(5, s.queuedFire() == null ? 0 : 1);
      ps.setLong(6, s.version());
      ps.setString(7, Json.write(body));
      ps.executeUpdate();
    }
  }

  private static @Nullable Long millis(@Nullable Instant t) {
    return t == null ? null : t.toEpochMilli();
  }

  private static Job ownedByAlice(Job j) {
    return j.withAttributes(
        j.attributes().withClient(JobClient.named("alice", "basic", Map.of("tier", "gold"))));
  }

  @Test
  void aDatabaseAtTheLastVersionBeforeFlywayKeepsItsRowsAndRunsNoScript() throws SQLException {
    legacyDatabase(Migrations.LAST_LEGACY_VERSION);
    LedgerEntry entry;
    try (Connection c = connect()) {
      entry =
          LedgerSql.append(
              c, LedgerEntry.of(T0, "admin.cancel", "api", Severity.INFO, "j", Map.of()));
      RobotSql.put(c, robot());
    }
    try (JdbcStore store = open()) {
      assertThat(store.job("j")).contains(job);
      assertThat(store.task("t")).contains(task);
      assertThat(store.transitions("j")).containsExactly(transition("j", "a"));
      assertThat(store.jobs(JobQuery.all(10, 0).ofClient("alice")).items()) // V7 filled it
          .containsExactly(job);
      assertThat(store.jobs(JobQuery.all(10, 0).ofClient("bob")).total()).isZero();
      assertThat(store.robot("r1")).contains(robot());
      assertThat(store.ledger().read(LedgerQuery.oldest(10)).entries()).containsExactly(entry);
      assertThat(store.schedule("s1")).contains(schedule); // V18 moved its state to columns
      assertThat(store.dueSchedules(T0.plusSeconds(1), 10)).containsExactly(schedule); // queued
      assertThat(store.nextScheduleFire()).contains(T0.plusSeconds(600));
      Schedule fired = ScheduleStoreContract.bumped(schedule, T0.plusSeconds(900), null);
      assertThat(store.commit(Change.builder().add(new Change.AdvanceSchedule(fired)).build()))
          .isTrue();
      assertThat(store.schedule("s1")).contains(fired);
      assertThat(store.commit(Change.builder().insertJob(fullJob("k", null)).build())).isTrue();
    }
    try (Connection c = connect()) {
      assertThat(history(c)).isEqualTo(expectedHistory(Migrations.LAST_LEGACY_VERSION));
      assertThat(Migrations.currentVersion(c)).isEqualTo(Scripts.count());
      assertThat(Migrations.tableExists(c, Migrations.LEGACY)).isFalse();
      assertThat(Migrations.tableExists(c, Migrations.LEGACY_KEPT)).isTrue();
    }
    try (JdbcStore again = open()) {
      assertThat(again.job("k")).isPresent();
    }
  }

  @Test
  void aTransitionWrittenBeforeV12IsReadOnceAndLaterOnesFollowIt() throws SQLException {
    legacyDatabase(Migrations.LAST_LEGACY_VERSION);
    try (Connection c = connect()) { // the ledger twin the engine wrote beside the row until V12
      LedgerSql.append(c, LedgerEntry.ofTransition(transition("j", "a"), "bp"));
    }
    try (JdbcStore store = open()) {
      JobTransition later = transition("j", "b");
      assertThat(store.commit(Change.builder().transition(later, "bp").build())).isTrue();
      assertThat(store.transitions("j")).containsExactly(transition("j", "a"), later);
    }
  }

  @Test
  void anOlderDatabaseKeepsItsRowsAndGetsTheLaterScripts() throws SQLException {
    legacyDatabase(3);
    try (JdbcStore store = open()) {
      assertThat(store.job("j")).contains(job);
      assertThat(store.jobs(JobQuery.all(10, 0).ofClient("alice")).items()).containsExactly(job);
      assertThat(store.task("t")).contains(task);
      assertThat(store.scheduleByName("nightly")).contains(schedule);
      store.putRobot(robot()); // V4
      assertThat(store.robot("r1")).contains(robot());
      LedgerEntry e = // V5
          store.ledger().append(LedgerEntry.of(T0, "t", "s", Severity.INFO, null, Map.of()));
      assertThat(store.ledger().read(LedgerQuery.oldest(10)).entries()).containsExactly(e);
    }
    try (Connection c = connect()) {
      assertThat(history(c)).isEqualTo(expectedHistory(3)).contains("4 SQL", "5 SQL");
      assertThat(Migrations.currentVersion(c)).isEqualTo(Scripts.count());
    }
    open().close();
    try (Connection c = connect()) {
      assertThat(history(c)).isEqualTo(expectedHistory(3));
    }
  }

  @Test
  void aLegacyVersionNoBatonWroteIsRefused() throws SQLException {
    legacyDatabase(Migrations.LAST_LEGACY_VERSION);
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "INSERT INTO baton_schema_version (version, description, applied_at)"
              + " VALUES (99, 'V99__future.sql', 0)");
    }
    assertThatThrownBy(this::open)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("version 99");
  }

  /** A baseline at the legacy version, then every later script. */
  private static List<String> expectedHistory(int legacy) {
    List<String> out = new ArrayList<>(List.of(legacy + " BASELINE"));
    for (int v = legacy + 1; v <= Scripts.count(); v++) {
      out.add(v + " SQL");
    }
    return out;
  }

  /** Flyway's table as "version type", in the order applied. */
  private static List<String> history(Connection c) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT version, type FROM "
                    + Migrations.HISTORY
                    + " WHERE success ORDER BY installed_rank")) {
      while (rs.next()) {
        out.add(rs.getString(1) + " " + rs.getString(2));
      }
    }
    return out;
  }

  private static Robot robot() {
    return new Robot(
        "r1",
        "Robot r1",
        "prod",
        RobotStatus.ONLINE,
        2,
        1,
        Map.of("task_types", List.of("rpa")),
        List.of("eu"),
        T0.plusSeconds(5),
        Map.of("cpu_percent", 12.5),
        false,
        T0);
  }
}
