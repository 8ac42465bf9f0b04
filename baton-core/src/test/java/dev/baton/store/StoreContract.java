package dev.baton.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.job.Job;
import dev.baton.job.JobQuery;
import dev.baton.job.JobStatus;
import dev.baton.job.JobTransition;
import dev.baton.job.Notice;
import dev.baton.job.Page;
import dev.baton.job.RetryPolicy;
import dev.baton.job.Task;
import dev.baton.job.TaskSpec;
import dev.baton.job.TaskStatus;
import dev.baton.job.Wait;
import dev.baton.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Store} must do. Subclass it per store; each test gets a fresh, empty store.
 * Instants are whole milliseconds, and numbers in data maps are Long or Double, because that is
 * what a database gives back.
 */
public abstract class StoreContract implements ScheduleStoreContract {
  protected static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  protected Store store;

  /** A new, empty store. */
  protected abstract Store newStore();

  @Override
  public Store store() {
    return store;
  }

  @BeforeEach
  void openStore() {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  // ---- jobs -------------------------------------------------------------------------------

  @Test
  void aJobWithEveryFieldComesBackEqual() {
    TaskSpec spec = fullSpec();
    List<@Nullable Wait> waits =
        Arrays.asList(
            null,
            new Wait.OnTask("t-1", spec, 2, Map.of("success", "done", "failure", "oops")),
            new Wait.OnBranches(
                "results",
                Map.of(
                    "t-2", new Wait.Branch("b-1", spec, 1), "t-3", new Wait.Branch("b-2", spec, 3)),
                data()),
            new Wait.OnHuman("Approve the spend? ✓", Map.of("approve", "pay", "reject", "stop")),
            new Wait.OnSubJob("child-1", Map.of("success", "next", "failure", "fail")));
    for (int i = 0; i < waits.size(); i++) {
      Job job = fullJob("job-" + i, waits.get(i));
      assertThat(commit(Change.builder().insertJob(job))).isTrue();
      assertThat(store.job(job.id())).contains(job);
    }
  }

  @Test
  void aTaskWithEveryFieldComesBackEqual() {
    insertJob(job("j"));
    Task task =
        new Task(
            "t",
            "j",
            fullSpec(),
            3,
            TaskStatus.LEASED,
            "w-1",
            T0.plusSeconds(30),
            T0,
            T0.plusSeconds(60),
            T0.minusMillis(1));
    assertThat(commit(Change.builder().insertTask(task))).isTrue();
    assertThat(store.task("t")).contains(task);
    assertThat(store.tasksOf("j")).containsExactly(task);
  }

  @Test
  void missingThingsAreEmpty() {
    assertThat(store.job("nope")).isEmpty();
    assertThat(store.task("nope")).isEmpty();
    assertThat(store.tasksOf("nope")).isEmpty();
    assertThat(store.transitions("nope")).isEmpty();
    assertThat(store.worker("nope")).isEmpty();
    assertThat(store.workers()).isEmpty();
    assertThat(store.countJobs()).isEmpty();
    assertThat(store.jobs(JobQuery.all(10, 0))).isEqualTo(new Page<Job>(List.of(), 0));
  }

  @Test
  void anUpdateNeedsTheVersionItWasDerivedFrom() {
    Job v1 = job("j");
    insertJob(v1);
    Job v2 =
        v1.toBuilder().state("second").data(Map.of("n", 2L)).updatedAt(T0.plusSeconds(1)).build();
    assertThat(commit(Change.builder().updateJob(v2))).isTrue();
    assertThat(store.job("j")).contains(v2);

    Job staleV2 = v1.toBuilder().state("lost").build();
    assertThat(commit(Change.builder().updateJob(staleV2))).isFalse();
    assertThat(commit(Change.builder().updateJob(withVersion(v2, 7)))).isFalse();
    assertThat(commit(Change.builder().updateJob(withVersion(job("never-inserted"), 2)))).isFalse();
    assertThat(store.job("j")).contains(v2);
    assertThat(store.job("never-inserted")).isEmpty();
  }

  @Test
  void aDuplicateJobFailsTheChangeAndChangesNothing() {
    Job original = job("j");
    insertJob(original);
    Job impostor = job("j").toBuilder().state("impostor").build();
    Change change =
        Change.builder().insertTask(task("t", "j", "type", 0, T0, T0)).insertJob(impostor).build();
    assertThat(store.commit(change)).isFalse();
    assertThat(store.job("j")).contains(original);
    assertThat(store.task("t")).isEmpty();
  }

  @Test
  void aDuplicateTaskFailsTheChangeAndChangesNothing() {
    insertJob(job("j"));
    Task original = task("t", "j", "type", 0, T0, T0);
    assertThat(commit(Change.builder().insertTask(original))).isTrue();
    Change change =
        Change.builder().insertJob(job("k")).insertTask(task("t", "k", "other", 5, T0, T0)).build();
    assertThat(store.commit(change)).isFalse();
    assertThat(store.task("t")).contains(original);
    assertThat(store.job("k")).isEmpty();
  }

  @Test
  void aChangeWhoseSecondOpFailsLeavesTheFirstUndone() {
    Job j = job("j");
    insertJob(j);
    assertThat(commit(Change.builder().updateJob(j.toBuilder().state("moved on").build())))
        .isTrue();
    Change change =
        Change.builder()
            .insertJob(job("k"))
            .updateJob(j.toBuilder().state("stale").build())
            .transition(transition("k", "created"))
            .build();
    assertThat(store.commit(change)).isFalse();
    assertThat(store.job("k")).isEmpty();
    assertThat(store.transitions("k")).isEmpty();
    assertThat(store.job("j").orElseThrow().state()).isEqualTo("moved on");
  }

  @Test
  void emptyChangeCommits() {
    assertThat(store.commit(new Change(List.of()))).isTrue();
  }

  @Test
  void aTaskMovesOnlyAlongItsLifecycle() {
    insertJob(job("j"));
    Task t = task("t", "j", "type", 0, T0, T0);
    commit(Change.builder().insertTask(t));

    assertThat(commit(Change.builder().moveTask("t", TaskStatus.DONE))).isFalse();
    assertThat(commit(Change.builder().moveTask("t", TaskStatus.QUEUED))).isFalse();
    assertThat(commit(Change.builder().moveTask("t", TaskStatus.LEASED))).isTrue();
    assertThat(commit(Change.builder().moveTask("t", TaskStatus.LEASED))).isFalse();
    assertThat(commit(Change.builder().moveTask("t", TaskStatus.DONE))).isTrue();
    assertThat(commit(Change.builder().moveTask("t", TaskStatus.CANCELLED))).isFalse();
    assertThat(commit(Change.builder().moveTask("t", TaskStatus.EXPIRED))).isFalse();
    assertThat(commit(Change.builder().moveTask("missing", TaskStatus.CANCELLED))).isFalse();
    assertThat(store.task("t"))
        .contains(t.withStatus(TaskStatus.LEASED).withStatus(TaskStatus.DONE));
  }

  @Test
  void aFailedMoveUndoesTheRestOfItsChange() {
    insertJob(job("j"));
    commit(Change.builder().insertTask(task("t", "j", "type", 0, T0, T0)));
    Change change =
        Change.builder()
            .insertTask(task("t2", "j", "type", 0, T0, T0))
            .moveTask("t", TaskStatus.DONE)
            .build();
    assertThat(store.commit(change)).isFalse();
    assertThat(store.task("t2")).isEmpty();
    assertThat(store.task("t").orElseThrow().status()).isEqualTo(TaskStatus.QUEUED);
  }

  @Test
  void transitionsComeBackOldestFirst() {
    insertJob(job("j"));
    insertJob(job("other"));
    commit(Change.builder().transition(transition("j", "a")).transition(transition("j", "b")));
    commit(Change.builder().transition(transition("other", "x")));
    JobTransition full =
        new JobTransition(
            "j",
            T0.minusSeconds(5),
            "b",
            "c",
            JobStatus.RUNNING,
            JobStatus.WAITING_FOR_WORKER,
            "é");
    commit(Change.builder().transition(full));
    assertThat(store.transitions("j"))
        .containsExactly(transition("j", "a"), transition("j", "b"), full);
    assertThat(store.transitions("other")).containsExactly(transition("other", "x"));
  }

  @Test
  void jobsArePagedNewestFirstWithFiltersAndTotal() {
    insertJob(job("a", "mail", JobStatus.RUNNING, T0.plusSeconds(1)));
    insertJob(job("b", "mail", JobStatus.FINISHED, T0.plusSeconds(2)));
    insertJob(job("c", "print", JobStatus.RUNNING, T0.plusSeconds(3)));
    insertJob(job("d", "mail", JobStatus.RUNNING, T0.plusSeconds(3)));
    insertJob(job("e", "print", JobStatus.FAILED, T0.plusSeconds(4)));

    assertThat(ids(store.jobs(JobQuery.all(2, 0)))).containsExactly("e", "d");
    assertThat(ids(store.jobs(JobQuery.all(2, 2)))).containsExactly("c", "b");
    assertThat(ids(store.jobs(JobQuery.all(2, 4)))).containsExactly("a");
    assertThat(ids(store.jobs(JobQuery.all(2, 6)))).isEmpty();
    assertThat(store.jobs(JobQuery.all(2, 6)).total()).isEqualTo(5);

    Page<Job> running = store.jobs(new JobQuery(JobStatus.RUNNING, null, 2, 0));
    assertThat(ids(running)).containsExactly("d", "c");
    assertThat(running.total()).isEqualTo(3);
    Page<Job> mail = store.jobs(new JobQuery(null, "mail", 10, 1));
    assertThat(ids(mail)).containsExactly("b", "a");
    assertThat(mail.total()).isEqualTo(3);
    Page<Job> runningMail = store.jobs(new JobQuery(JobStatus.RUNNING, "mail", 10, 0));
    assertThat(ids(runningMail)).containsExactly("d", "a");
    assertThat(runningMail.total()).isEqualTo(2);
    assertThat(store.jobs(new JobQuery(JobStatus.CANCELLED, null, 10, 0)).total()).isZero();
  }

  @Test
  void countJobsGroupsByStatus() {
    insertJob(job("a", "bp", JobStatus.RUNNING, T0));
    insertJob(job("b", "bp", JobStatus.RUNNING, T0));
    insertJob(job("c", "bp", JobStatus.FINISHED, T0));
    assertThat(store.countJobs()).isEqualTo(Map.of(JobStatus.RUNNING, 2L, JobStatus.FINISHED, 1L));
  }

  @Test
  void dueJobsComeEarliestFirst() {
    insertJob(wakingAt("late", T0.plusSeconds(3)));
    insertJob(wakingAt("early", T0.plusSeconds(1)));
    insertJob(wakingAt("now", T0.plusSeconds(5)));
    insertJob(wakingAt("future", T0.plusSeconds(6)));
    insertJob(wakingAt("never", null));
    Instant now = T0.plusSeconds(5);
    assertThat(store.dueJobs(now, 10)).extracting(Job::id).containsExactly("early", "late", "now");
    assertThat(store.dueJobs(now, 2)).extracting(Job::id).containsExactly("early", "late");
    assertThat(store.dueJobs(T0, 10)).isEmpty();
  }

  // ---- tasks ------------------------------------------------------------------------------

  @Test
  void tasksOfAJobComeOldestFirst() {
    insertJob(job("j"));
    insertJob(job("k"));
    commit(
        Change.builder()
            .insertTask(task("t1", "j", "a", 0, T0, T0))
            .insertTask(task("t2", "j", "b", 9, T0, T0.plusMillis(1)))
            .insertTask(task("k1", "k", "a", 0, T0, T0)));
    commit(Change.builder().insertTask(task("t3", "j", "a", 0, T0, T0.plusMillis(2))));
    assertThat(store.tasksOf("j")).extracting(Task::id).containsExactly("t1", "t2", "t3");
  }

  @Test
  void aClaimTakesHighestPriorityThenEarliestVisibleThenOldest() {
    insertJob(job("j"));
    commit(
        Change.builder()
            .insertTask(task("low", "j", "x", 0, T0, T0))
            .insertTask(task("high-late", "j", "x", 5, T0.plusSeconds(2), T0))
            .insertTask(task("high-early-new", "j", "x", 5, T0.plusSeconds(1), T0.plusSeconds(1)))
            .insertTask(task("high-early-old", "j", "x", 5, T0.plusSeconds(1), T0))
            .insertTask(task("mid", "j", "x", 3, T0.plusSeconds(3), T0)));
    Instant until = T0.plusSeconds(60);
    List<Task> got = store.claim(new TaskClaim("w", Set.of("x"), 10, T0.plusSeconds(5), until));
    assertThat(got)
        .extracting(Task::id)
        .containsExactly("high-early-old", "high-early-new", "high-late", "mid", "low");
    assertThat(got)
        .allSatisfy(t -> {
          assertThat(t.status()).isEqualTo(TaskStatus.LEASED);
          assertThat(t.workerId()).isEqualTo("w");
          assertThat(t.leaseUntil()).isEqualTo(until);
          assertThat(store.task(t.id())).contains(t);
        });
  }

  @Test
  void aClaimTakesAtMostItsLimit() {
    insertJob(job("j"));
    Change.Builder change = Change.builder();
    for (int i = 0; i < 5; i++) {
      change.insertTask(task("t" + i, "j", "x", 0, T0, T0.plusMillis(i)));
    }
    commit(change);
    assertThat(claim("w", 2, T0, "x")).extracting(Task::id).containsExactly("t0", "t1");
    assertThat(claim("w", 2, T0, "x")).extracting(Task::id).containsExactly("t2", "t3");
    assertThat(claim("w", 2, T0, "x")).extracting(Task::id).containsExactly("t4");
    assertThat(claim("w", 2, T0, "x")).isEmpty();
  }

  @Test
  void aClaimRespectsTypeVisibilityAndAssignment() {
    insertJob(job("j"));
    Task mine = assigned(task("mine", "j", "x", 0, T0, T0), "w");
    commit(
        Change.builder()
            .insertTask(task("other-type", "j", "y", 9, T0, T0))
            .insertTask(task("later", "j", "x", 9, T0.plusSeconds(10), T0))
            .insertTask(assigned(task("theirs", "j", "x", 9, T0, T0), "v"))
            .insertTask(mine)
            .insertTask(task("open", "j", "x", 0, T0, T0.plusMillis(1)))
            .insertTask(task("leased", "j", "x", 9, T0, T0).leased("v", T0.plusSeconds(5))));
    assertThat(claim("w", 10, T0, "x", "z")).extracting(Task::id).containsExactly("mine", "open");
    assertThat(claim("w", 10, T0, "x")).isEmpty();
    assertThat(claim("w", 10, T0.plusSeconds(10), "x"))
        .extracting(Task::id)
        .containsExactly("later");
    assertThat(claim("v", 10, T0, "x", "y"))
        .extracting(Task::id)
        .containsExactly("other-type", "theirs");
    assertThat(store.task("leased").orElseThrow().workerId()).isEqualTo("v");
    assertThat(store.task("mine")).contains(mine.leased("w", T0.plusSeconds(30)));
  }

  @Test
  void expiredTasksAreOpenTasksPastTheirLeaseOrDeadline() {
    insertJob(job("j"));
    Instant now = T0.plusSeconds(100);
    commit(
        Change.builder()
            .insertTask(task("lease-over", "j", "x", 0, T0, T0).leased("w", now))
            .insertTask(task("lease-running", "j", "x", 0, T0, T0).leased("w", now.plusMillis(1)))
            .insertTask(withDeadline(task("queued-late", "j", "x", 0, T0, T0), now.minusSeconds(1)))
            .insertTask(
                withDeadline(task("queued-in-time", "j", "x", 0, T0, T0), now.plusSeconds(1)))
            .insertTask(
                withDeadline(task("leased-late", "j", "x", 0, T0, T0), now.minusSeconds(2))
                    .leased("w", now.plusSeconds(60)))
            .insertTask(withDeadline(task("done-late", "j", "x", 0, T0, T0), T0))
            .insertTask(task("plain", "j", "x", 0, T0, T0)));
    commit(Change.builder().moveTask("done-late", TaskStatus.LEASED));
    commit(Change.builder().moveTask("done-late", TaskStatus.DONE));
    assertThat(store.expiredTasks(now, 10))
        .extracting(Task::id)
        .containsExactlyInAnyOrder("lease-over", "queued-late", "leased-late");
    assertThat(store.expiredTasks(now, 2)).hasSize(2);
    assertThat(store.expiredTasks(T0, 10)).isEmpty();
  }

  @Test
  void renewLeasesExtendsOnlyTheWorkersLeasedTasks() {
    insertJob(job("j"));
    commit(
        Change.builder()
            .insertTask(task("a", "j", "x", 0, T0, T0).leased("w", T0.plusSeconds(1)))
            .insertTask(task("b", "j", "x", 0, T0, T0).leased("w", T0.plusSeconds(2)))
            .insertTask(task("theirs", "j", "x", 0, T0, T0).leased("v", T0.plusSeconds(1)))
            .insertTask(assigned(task("placed", "j", "x", 0, T0, T0), "w")));
    Instant until = T0.plusSeconds(90);
    assertThat(store.renewLeases("w", until)).isEqualTo(2);
    assertThat(store.task("a").orElseThrow().leaseUntil()).isEqualTo(until);
    assertThat(store.task("b").orElseThrow().leaseUntil()).isEqualTo(until);
    assertThat(store.task("theirs").orElseThrow().leaseUntil()).isEqualTo(T0.plusSeconds(1));
    assertThat(store.task("placed").orElseThrow().leaseUntil()).isNull();
    assertThat(store.renewLeases("nobody", until)).isZero();
  }

  @Test
  void leasedToListsOnlyTheTasksTheWorkerHolds() {
    insertJob(job("j"));
    commit(
        Change.builder()
            .insertTask(task("a", "j", "x", 0, T0, T0).leased("w", T0.plusSeconds(1)))
            .insertTask(task("theirs", "j", "x", 0, T0, T0).leased("v", T0.plusSeconds(1)))
            .insertTask(assigned(task("placed", "j", "x", 0, T0, T0), "w")));
    assertThat(store.leasedTo("w")).extracting(Task::id).containsExactly("a");
    assertThat(store.leasedTo("nobody")).isEmpty();
  }

  // ---- workers ----------------------------------------------------------------------------

  @Test
  void workersAreInsertedOrReplaced() {
    Worker w1 = worker("w1", Map.of("supported_tasks", List.of("a", "b"), "cost", 1.5));
    Worker w2 = worker("w2", Map.of("supported_tasks", List.of("c")));
    store.putWorker(w1);
    store.putWorker(w2);
    Worker w1Again =
        w1.seen(Map.of("status", "busy", "load", 3L), T0.plusSeconds(5), T0.plusSeconds(65));
    store.putWorker(w1Again);
    assertThat(store.worker("w1")).contains(w1Again);
    assertThat(store.worker("w2")).contains(w2);
    assertThat(store.workers()).containsExactlyInAnyOrder(w1Again, w2);
  }

  // ---- races ------------------------------------------------------------------------------

  @Test
  void racingClaimersNeverShareOrLoseATask() throws Exception {
    int tasks = 2000;
    insertJob(job("j"));
    for (int chunk = 0; chunk < tasks / 100; chunk++) {
      Change.Builder change = Change.builder();
      for (int i = 0; i < 100; i++) {
        int n = chunk * 100 + i;
        change.insertTask(task("t" + n, "j", "x", n % 7, T0, T0.plusMillis(n)));
      }
      assertThat(commit(change)).isTrue();
    }
    Map<String, String> claimedBy = new ConcurrentHashMap<>();
    AtomicInteger duplicates = new AtomicInteger();
    race(
        8,
        worker -> {
          while (true) {
            int limit = 1 + ThreadLocalRandom.current().nextInt(5);
            List<Task> got = claim("w" + worker, limit, T0, "x");
            if (got.isEmpty()) {
              return;
            }
            assertThat(got.size()).isLessThanOrEqualTo(limit);
            got.forEach(t -> {
              if (claimedBy.putIfAbsent(t.id(), "w" + worker) != null) {
                duplicates.incrementAndGet();
              }
            });
          }
        });
    assertThat(duplicates).hasValue(0);
    assertThat(claimedBy).hasSize(tasks);
    assertThat(store.tasksOf("j"))
        .allSatisfy(t -> {
          assertThat(t.status()).isEqualTo(TaskStatus.LEASED);
          assertThat(t.workerId()).isEqualTo(claimedBy.get(t.id()));
        });
  }

  @Test
  void racingUpdatesOfOneJobCountExactlyTheWinners() throws Exception {
    insertJob(withVersion(job("j").toBuilder().data(Map.of("counter", 0L)).build(), 1));
    AtomicInteger wins = new AtomicInteger();
    race(
        8,
        worker -> {
          for (int i = 0; i < 25; i++) {
            Job read = store.job("j").orElseThrow();
            long counter =
                ((Number) Objects.requireNonNull(read.data().get("counter"))).longValue();
            Job next = read.toBuilder().data(Map.of("counter", counter + 1)).build();
            Change change =
                Change.builder().updateJob(next).transition(transition("j", "w" + worker)).build();
            if (store.commit(change)) {
              wins.incrementAndGet();
            }
          }
        });
    Job last = store.job("j").orElseThrow();
    assertThat(wins.get()).isPositive();
    assertThat(last.data().get("counter")).isEqualTo((long) wins.get());
    assertThat(last.version()).isEqualTo(1L + wins.get());
    assertThat(store.transitions("j")).hasSize(wins.get());
  }

  // ---- notices and quotas ----------------------------------------------------------------

  protected static Notice notice(String id, String jobId, Instant due) {
    return new Notice(
        id,
        jobId,
        "job_finished",
        "http://127.0.0.1:9/hook",
        Map.of("event", "job_finished", "job_id", jobId, "result", Map.of("n", 1L)),
        Notice.Status.PENDING,
        0,
        due,
        T0,
        null);
  }

  @Test
  void aNoticeIsStoredWithItsChangeAndComesBackEqual() {
    insertJob(job("j"));
    Notice n = notice("n1", "j", T0);
    assertThat(store.commit(Change.builder().notice(n).build())).isTrue();
    assertThat(store.notice("n1")).contains(n);
    assertThat(store.noticesOf("j")).containsExactly(n);
    assertThat(store.commit(Change.builder().notice(n).build())).as("duplicate id").isFalse();
  }

  @Test
  void dueNoticesAreClaimedUnderALeaseOnlyOnce() {
    insertJob(job("j"));
    store.commit(
        Change.builder()
            .notice(notice("late", "j", T0.plusSeconds(60)))
            .notice(notice("b", "j", T0.plusSeconds(2)))
            .notice(notice("a", "j", T0.plusSeconds(1)))
            .build());
    Instant lease = T0.plusSeconds(30);
    List<Notice> claimed = store.claimNotices(T0.plusSeconds(5), lease, 10);
    assertThat(claimed).extracting(Notice::id).containsExactly("a", "b");
    assertThat(claimed).allSatisfy(n -> assertThat(n.dueAt()).isEqualTo(lease));
    assertThat(store.claimNotices(T0.plusSeconds(5), lease, 10)).isEmpty();
    // A claimer that died: the lease runs out and the notice is claimed again.
    assertThat(store.claimNotices(lease, lease.plusSeconds(30), 10))
        .extracting(Notice::id)
        .containsExactly("a", "b");
  }

  @Test
  void aDeliveredOrAbandonedNoticeIsNotClaimedAgain() {
    insertJob(job("j"));
    store.commit(
        Change.builder().notice(notice("a", "j", T0)).notice(notice("b", "j", T0)).build());
    List<Notice> claimed = store.claimNotices(T0, T0.plusSeconds(10), 10);
    store.updateNotice(claimed.get(0).delivered());
    store.updateNotice(claimed.get(1).failed("HTTP 500", null));
    assertThat(store.claimNotices(T0.plusSeconds(60), T0.plusSeconds(70), 10)).isEmpty();
    assertThat(store.notice("a").orElseThrow().status()).isEqualTo(Notice.Status.DELIVERED);
    Notice b = store.notice("b").orElseThrow();
    assertThat(b.status()).isEqualTo(Notice.Status.ABANDONED);
    assertThat(b.attempts()).isEqualTo(1);
    assertThat(b.lastError()).isEqualTo("HTTP 500");
  }

  @Test
  void aFailedNoticeIsRetriedWhenDue() {
    insertJob(job("j"));
    store.commit(Change.builder().notice(notice("a", "j", T0)).build());
    Notice claimed = store.claimNotices(T0, T0.plusSeconds(10), 10).get(0);
    store.updateNotice(claimed.failed("timeout", T0.plusSeconds(2)));
    assertThat(store.claimNotices(T0.plusSeconds(1), T0.plusSeconds(11), 10)).isEmpty();
    assertThat(store.claimNotices(T0.plusSeconds(2), T0.plusSeconds(12), 10))
        .singleElement()
        .satisfies(n -> assertThat(n.attempts()).isEqualTo(1));
  }

  @Test
  void aQuotaCountsDownPerPeriodAndNeverBelowZero() {
    assertThat(store.consumeQuota("client-a", "2030-01", 2)).isEqualTo(1);
    assertThat(store.consumeQuota("client-a", "2030-01", 2)).isEqualTo(0);
    assertThat(store.consumeQuota("client-a", "2030-01", 2)).isEqualTo(-1);
    assertThat(store.consumeQuota("client-a", "2030-01", 2)).isEqualTo(-1);
    assertThat(store.consumeQuota("client-b", "2030-01", 2)).as("another client").isEqualTo(1);
    assertThat(store.consumeQuota("client-a", "2030-02", 2)).as("a new month").isEqualTo(1);
    assertThat(store.consumeQuota("client-c", "2030-01", 0)).isEqualTo(-1);
  }

  @Test
  void racingQuotaConsumersNeverOverspend() throws Exception {
    int limit = 50;
    AtomicInteger granted = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        fs.add(
            pool.submit(() -> {
              for (int k = 0; k < 20; k++) {
                if (store.consumeQuota("hot", "2030-01", limit) >= 0) {
                  granted.incrementAndGet();
                }
              }
            }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(granted.get()).isEqualTo(limit);
  }

  // ---- fixtures ---------------------------------------------------------------------------

  protected interface Racer {
    void run(int index) throws Exception;
  }

  /** Runs the racers on their own threads, all released at once, and rethrows any failure. */
  protected static void race(int threads, Racer racer) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int index = i;
        running.add(
            pool.submit(() -> {
              start.await();
              racer.run(index);
              return null;
            }));
      }
      start.countDown();
      for (Future<?> f : running) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  protected boolean commit(Change.Builder change) {
    return store.commit(change.build());
  }

  protected void insertJob(Job job) {
    assertThat(commit(Change.builder().insertJob(job))).isTrue();
  }

  protected List<Task> claim(String worker, int limit, Instant now, String... types) {
    return store.claim(new TaskClaim(worker, Set.of(types), limit, now, T0.plusSeconds(30)));
  }

  protected static List<String> ids(Page<Job> page) {
    return page.items().stream().map(Job::id).toList();
  }

  protected static Job job(String id) {
    return job(id, "bp", JobStatus.PENDING, T0);
  }

  protected static Job job(String id, String blueprint, JobStatus status, Instant createdAt) {
    return new Job(
        id, blueprint, 1, "start", status, Map.of(), Map.of(), 0, 0, createdAt, createdAt, null,
        null, null, null, null, Map.of(), Map.of(), 1);
  }

  protected static Job withVersion(Job j, long version) {
    return new Job(
        j.id(),
        j.blueprint(),
        j.blueprintVersion(),
        j.state(),
        j.status(),
        j.initialData(),
        j.data(),
        j.priority(),
        j.retryCount(),
        j.createdAt(),
        j.updatedAt(),
        j.wakeAt(),
        j.parentJobId(),
        j.errorMessage(),
        j.failedState(),
        j.awaiting(),
        j.aggregationResults(),
        j.attributes(),
        version);
  }

  protected static Job wakingAt(String id, @Nullable Instant wakeAt) {
    return job(id).toBuilder().wakeAt(wakeAt).build();
  }

  protected static Job fullJob(String id, @Nullable Wait wait) {
    return new Job(
        id,
        "order-flow",
        3,
        "charging ✓",
        JobStatus.WAITING_FOR_WORKER,
        data(),
        Map.of("total", 12.5, "customer", "Zoë"),
        7,
        2,
        T0.minusMillis(1500),
        T0.plusMillis(17),
        T0.plusSeconds(30),
        "parent-1",
        "card declined — try again",
        "charge",
        wait,
        Map.of("t-9", data()),
        Map.of("webhook_url", "http://example.test/hook"),
        4);
  }

  /** Every kind of JSON value, nested, with unicode. */
  protected static Map<String, Object> data() {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("deep", Map.of("x", -7L, "y", List.of()));
    nested.put("nothing", null);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("long", 42L);
    data.put("big", Long.MAX_VALUE);
    data.put("double", 3.25);
    data.put("string", "héllo wörld ✓ 日本語 🎼");
    data.put("bool", true);
    data.put("null", null);
    data.put("list", Arrays.asList(1L, "two", 3.5, false, null, Map.of("k", "v")));
    data.put("nested", nested);
    return data;
  }

  protected static TaskSpec fullSpec() {
    return new TaskSpec(
        "transcode",
        data(),
        7,
        Duration.ofSeconds(90),
        new RetryPolicy(5, Duration.ofMillis(250), Duration.ofMinutes(1), 1.5, 0.1),
        "least_connections",
        Map.of("gpu_info", Map.of("model", "A100", "vram_gb", 40L)),
        2.5);
  }

  protected static Task task(
      String id, String jobId, String type, int priority, Instant visibleAt, Instant createdAt) {
    TaskSpec spec = TaskSpec.of(type, Map.of("n", 1L)).withPriority(priority);
    return new Task(id, jobId, spec, 1, TaskStatus.QUEUED, null, null, visibleAt, null, createdAt);
  }

  protected static Task assigned(Task t, String worker) {
    return new Task(
        t.id(),
        t.jobId(),
        t.spec(),
        t.attempt(),
        t.status(),
        worker,
        t.leaseUntil(),
        t.visibleAt(),
        t.deadline(),
        t.createdAt());
  }

  protected static Task withDeadline(Task t, Instant deadline) {
    return new Task(
        t.id(),
        t.jobId(),
        t.spec(),
        t.attempt(),
        t.status(),
        t.workerId(),
        t.leaseUntil(),
        t.visibleAt(),
        deadline,
        t.createdAt());
  }

  protected static JobTransition transition(String jobId, String toState) {
    return new JobTransition(jobId, T0, null, toState, null, JobStatus.RUNNING, "because");
  }

  protected static Worker worker(String id, Map<String, Object> info) {
    return new Worker(id, Worker.taskTypesOf(info), info, T0, T0, T0.plusSeconds(60));
  }
}
