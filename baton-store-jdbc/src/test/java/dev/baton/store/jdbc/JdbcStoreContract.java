package dev.baton.store.jdbc;

import static dev.baton.store.StoreFixtures.fullJob;
import static dev.baton.store.StoreFixtures.job;
import static dev.baton.store.StoreFixtures.task;
import static dev.baton.store.StoreFixtures.transition;
import static dev.baton.store.StoreFixtures.worker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.baton.job.Job;
import dev.baton.job.JobAttributes;
import dev.baton.job.JobClient;
import dev.baton.job.ScheduleFire;
import dev.baton.job.Task;
import dev.baton.job.TaskStatus;
import dev.baton.ledger.LedgerEntry;
import dev.baton.ledger.Severity;
import dev.baton.series.MinuteTally;
import dev.baton.series.Series;
import dev.baton.series.SeriesMinute;
import dev.baton.series.SeriesRollup;
import dev.baton.store.Change;
import dev.baton.store.StoreContract;
import dev.baton.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The store contract plus what is particular to the JDBC store: migrations and group commit. */
abstract class JdbcStoreContract extends StoreContract {

  @Override
  protected dev.baton.ledger.Ledger ledgerOf(dev.baton.store.Store store) {
    return ((JdbcStore) store).ledger();
  }

  /** Opens the database of the store under test again, as a restart would. */
  protected abstract JdbcStore reopen();

  /** A plain connection to that database. */
  protected abstract Connection connect() throws SQLException;

  private JdbcStore jdbc() {
    return (JdbcStore) store;
  }

  @Test
  void committedWritesSurviveAReopen() {
    Job job = fullJob("j", null);
    Task task = task("t", "j", "x", 1, T0, T0);
    assertThat(
            commit(
                Change.builder().insertJob(job).insertTask(task).transition(transition("j", "a"))))
        .isTrue();
    store.putWorker(worker("w", Map.of("supported_tasks", List.of("x"))));
    store.close();
    try (JdbcStore again = reopen()) {
      assertThat(again.job("j")).contains(job);
      assertThat(again.task("t")).contains(task);
      assertThat(again.transitions("j")).containsExactly(transition("j", "a"));
      assertThat(again.worker("w")).isPresent();
    }
  }

  @Test
  void theChartsSeriesSurvivesARestart() {
    dev.baton.testing.ManualClock clock = new dev.baton.testing.ManualClock(T0.plusSeconds(90));
    store.putSeries(List.of(new SeriesMinute(T0.minusSeconds(60), 0, 0, 0, 0, 0L)));
    assertThat(commit(Change.builder().insertJob(job("done")).insertJob(job("waiting")))).isTrue();
    assertThat(commit(Change.builder().insertTask(task("t", "waiting", "x", 0, T0, T0)))).isTrue();
    jdbc()
        .ledger()
        .append(
            LedgerEntry.of(
                T0.plusSeconds(20), "job.finished", "engine", Severity.INFO, "done", Map.of()));
    new SeriesRollup(store, new MinuteTally(jdbc().ledger(), store), clock).round();
    SeriesMinute rolled = new SeriesMinute(T0, 1, 0, 1, 20_000, 1L);
    assertThat(store.series(T0, T0.plusSeconds(60))).containsExactly(rolled);
    store.close();
    // Past the minutes counted at once: the point can only come from the stored bucket.
    clock.set(T0.plus(java.time.Duration.ofMinutes(30)));
    try (JdbcStore again = reopen()) {
      Series series = new Series(again, new MinuteTally(again.ledger(), again), clock);
      List<Series.Point> hour = series.read(Series.Range.HOUR);
      assertThat(hour)
          .filteredOn(p -> p.at().equals(T0))
          .extracting(Series.Point::sums)
          .containsExactly(rolled);
      assertThat(again.lastSeriesMinute()).contains(T0);
    }
  }

  @Test
  void migratingAgainChangesNothing() throws SQLException {
    reopen().close();
    reopen().close();
    try (Connection c = connect()) {
      assertThat(Migrations.currentVersion(c)).isEqualTo(Scripts.count());
      assertThat(count(c, "SELECT count(*) FROM " + Migrations.HISTORY)).isEqualTo(Scripts.count());
    }
  }

  @Test
  void aDatabaseFromANewerBatonIsRefused() throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      Scripts.recordFutureMigration(s, 99);
    }
    assertThatThrownBy(this::reopen)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("version 99")
        .hasMessageContaining("knows versions up to " + Scripts.count());
  }

  @Test
  void aScriptEditedAfterItRanIsRefused() throws SQLException {
    reopen().close();
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "UPDATE " + Migrations.HISTORY + " SET checksum = checksum + 1 WHERE version = '1'");
    }
    assertThatThrownBy(this::reopen)
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("checksum mismatch for migration version 1");
  }

  @Test
  void writesAfterCloseFail() {
    store.close();
    assertThatThrownBy(() -> store.commit(Change.builder().insertJob(job("j")).build()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void queuedWritesShareOneTransaction() throws Exception {
    insertJob(job("j"));
    long before = jdbc().writer().transactions();
    List<Boolean> results =
        whileWriterIsHeld(
            100,
            i ->
                store.commit(
                    Change.builder().insertTask(task("t" + i, "j", "x", 0, T0, T0)).build()));
    assertThat(results).containsOnly(true);
    assertThat(store.tasksOf("j")).hasSize(100);
    // the held request's transaction plus one for all hundred
    assertThat(jdbc().writer().transactions() - before).isEqualTo(2);
  }

  @Test
  void aGroupAppliesEveryKindOfOperation() throws Exception {
    Change.Builder setup = Change.builder();
    for (int i = 0; i < 10; i++) {
      setup.insertJob(job("old" + i)).insertTask(task("queued" + i, "old" + i, "x", 0, T0, T0));
    }
    assertThat(commit(setup)).isTrue();
    List<Boolean> results =
        whileWriterIsHeld(
            10,
            i ->
                store.commit(
                    Change.builder()
                        .moveTask("queued" + i, TaskStatus.CANCELLED)
                        .transition(transition("new" + i, "created"))
                        .insertTask(task("new-task" + i, "new" + i, "x", 0, T0, T0))
                        .updateJob(job("old" + i).toBuilder().state("updated").build())
                        .insertJob(job("new" + i))
                        .build()));
    assertThat(results).containsOnly(true);
    for (int i = 0; i < 10; i++) {
      assertThat(store.task("queued" + i).orElseThrow().status()).isEqualTo(TaskStatus.CANCELLED);
      assertThat(store.transitions("new" + i)).containsExactly(transition("new" + i, "created"));
      assertThat(store.tasksOf("new" + i)).extracting(Task::id).containsExactly("new-task" + i);
      assertThat(store.job("old" + i).orElseThrow().state()).isEqualTo("updated");
      assertThat(store.job("new" + i)).contains(job("new" + i));
    }
  }

  @Test
  void aFailedGuardInAGroupFailsOnlyItsChange() throws Exception {
    Job v1 = job("j");
    insertJob(v1);
    insertJob(job("k"));
    List<Boolean> results =
        whileWriterIsHeld(
            20,
            i -> {
              Change.Builder change =
                  Change.builder().insertTask(task("t" + i, "k", "x", 0, T0, T0));
              if (i % 10 == 0) {
                change.updateJob(v1.toBuilder().state("by " + i).build()); // two race for v2
              }
              return store.commit(change.build());
            });
    assertThat(results.stream().filter(ok -> !ok)).hasSize(1);
    assertThat(store.tasksOf("k")).hasSize(19);
    assertThat(store.job("j").orElseThrow().version()).isEqualTo(2);
  }

  @Test
  void aBadWriteFailsAloneWhileTheOthersCommit() throws Exception {
    insertJob(job("j"));
    List<Object> results =
        whileWriterIsHeld(
            20,
            i -> {
              String job = i == 7 ? "no-such-job" : "j"; // a foreign key violation
              try {
                return store.commit(
                    Change.builder().insertTask(task("t" + i, job, "x", 0, T0, T0)).build());
              } catch (StoreException e) {
                return e;
              }
            });
    assertThat(results.get(7)).isInstanceOf(StoreException.class);
    results.remove(7);
    assertThat(results).containsOnly(true);
    assertThat(store.tasksOf("j")).hasSize(19);
  }

  /**
   * A job or task id that is taken fails only its own change, in a group commit and alone (on
   * PostgreSQL a plain INSERT's unique violation, rolled back to a savepoint; on SQLite a count of
   * 0), and the writer goes on.
   */
  @Test
  void aTakenIdFailsOnlyItsOwnChangeInAGroupAndAlone() throws Exception {
    insertJob(job("j"));
    List<Boolean> results =
        whileWriterIsHeld(
            20,
            i -> {
              String id = i == 7 ? "j" : "n" + i;
              return store.commit(
                  Change.builder()
                      .insertJob(job(id))
                      .insertTask(task("t" + i, id, "x", 0, T0, T0))
                      .build());
            });
    assertThat(results.get(7)).isFalse();
    results.remove(7);
    assertThat(results).containsOnly(true);
    assertThat(store.tasksOf("j")).isEmpty();
    assertThat(store.tasksOf("n8")).hasSize(1);
    assertThat(store.commit(Change.builder().insertJob(job("n1")).build())).isFalse();
    assertThat(store.commit(Change.builder().insertTask(task("t1", "n2", "x", 0, T0, T0)).build()))
        .isFalse();
    assertThat(store.commit(Change.builder().insertJob(job("fresh")).build())).isTrue();
    assertThat(store.job("fresh")).isPresent();
  }

  protected interface Write<T> {
    T run(int index) throws Exception;
  }

  /**
   * Holds the writer thread, queues {@code n} writes behind it, then lets it go: the writes are
   * then applied in one group commit. Returns their results in order.
   */
  protected <T> List<T> whileWriterIsHeld(int n, Write<T> write) throws Exception {
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    try {
      Future<Boolean> held =
          threads.submit(() ->
              jdbc()
                  .writer()
                  .submit(
                      new WriteRequest.Work<>(c -> {
                        holding.countDown();
                        awaitQuietly(release);
                        return true;
                      })));
      holding.await();
      List<Future<T>> writes = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int index = i;
        writes.add(threads.submit(() -> write.run(index)));
      }
      await().until(() -> jdbc().writer().queued() == n);
      release.countDown();
      assertThat(held.get()).isTrue();
      List<T> results = new ArrayList<>();
      for (Future<T> f : writes) {
        results.add(f.get());
      }
      return results;
    } finally {
      release.countDown();
      threads.shutdown();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void jobAttributesAreStoredAsTheJsonTheyWereStoredAsBeforeTheyWereTyped() throws SQLException {
    JobAttributes http =
        JobAttributes.NONE
            .withClient(JobClient.named("acme", "pro", Map.of("region", "eu")))
            .withWebhookUrl("https://hooks.example/done")
            .withTracingContext(Map.of("traceparent", "00-abc-01"));
    Job job = Job.start("j", "bp", 1, "start", Map.of(), 0, http, T0).toBuilder().build();
    assertThat(commit(Change.builder().insertJob(job))).isTrue();
    try (Connection c = connect()) {
      // Since V13 in a column of their own, as the JSON the body held before.
      assertThat(column(c, "j", "attributes"))
          .isEqualTo(
              "{\"client\":{\"name\":\"acme\",\"plan\":\"pro\",\"params\":"
                  + "{\"region\":\"eu\"}},\"webhook_url\":\"https://hooks.example/done\","
                  + "\"tracing_context\":{\"traceparent\":\"00-abc-01\"}}");
      assertThat(column(c, "j", "body")).doesNotContain("attributes");
      // A scheduled job as stored before V13 (its attributes in the body) and before they were
      // typed: its client map in whatever order Map.of gave.
      String before =
          "{\"attributes\":{\"schedule_id\":\"s-1\",\"schedule\":\"nightly\","
              + "\"fire_at\":\"2026-01-01T00:05:00Z\",\"client\":{\"plan\":\"system\","
              + "\"token\":\"internal-scheduler\",\"params\":{\"source\":"
              + "\"scheduler:nightly\"}},\"affinity\":\"w2\"}}";
      try (PreparedStatement ps =
          c.prepareStatement("UPDATE jobs SET body = ?, attributes = NULL WHERE id = 'j'")) {
        ps.setString(1, before);
        assertThat(ps.executeUpdate()).isEqualTo(1);
      }
    }
    JobAttributes read = store.job("j").orElseThrow().attributes();
    assertThat(read.schedule())
        .isEqualTo(new ScheduleFire("s-1", "nightly", Instant.parse("2026-01-01T00:05:00Z")));
    assertThat(read.client()).isEqualTo(JobClient.scheduler("nightly"));
    assertThat(read.affinity()).isEqualTo("w2");
  }

  private static String column(Connection c, String jobId, String column) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + column + " FROM jobs WHERE id = ?")) {
      ps.setString(1, jobId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  protected static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
