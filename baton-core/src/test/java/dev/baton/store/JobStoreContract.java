package dev.baton.store;

import static dev.baton.store.StoreFixtures.T0;
import static dev.baton.store.StoreFixtures.assigned;
import static dev.baton.store.StoreFixtures.data;
import static dev.baton.store.StoreFixtures.fullJob;
import static dev.baton.store.StoreFixtures.fullSpec;
import static dev.baton.store.StoreFixtures.ids;
import static dev.baton.store.StoreFixtures.job;
import static dev.baton.store.StoreFixtures.race;
import static dev.baton.store.StoreFixtures.task;
import static dev.baton.store.StoreFixtures.transition;
import static dev.baton.store.StoreFixtures.wakingAt;
import static dev.baton.store.StoreFixtures.withDeadline;
import static dev.baton.store.StoreFixtures.worker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.job.Job;
import dev.baton.job.JobAttributes;
import dev.baton.job.JobClient;
import dev.baton.job.JobQuery;
import dev.baton.job.JobStatus;
import dev.baton.job.JobTransition;
import dev.baton.job.Page;
import dev.baton.job.Task;
import dev.baton.job.TaskSpec;
import dev.baton.job.TaskStatus;
import dev.baton.job.Wait;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * What every {@link JobStore} must do: jobs, tasks and history come back equal and in order, and a
 * claim hands each task to exactly one claimer however many race for it.
 */
public interface JobStoreContract extends StoreSetup {
  JobStore jobStore();

  default List<Task> claim(String worker, int limit, Instant now, String... types) {
    return jobStore().claim(new TaskClaim(worker, Set.of(types), limit, now, T0.plusSeconds(30)));
  }

  @Test
  default void aJobWithEveryFieldComesBackEqual() {
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
      assertThat(jobStore().job(job.id())).contains(job);
    }
  }

  @Test
  default void aTaskWithEveryFieldComesBackEqual() {
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
    assertThat(jobStore().task("t")).contains(task);
    assertThat(jobStore().tasksOf("j")).containsExactly(task);
  }

  @Test
  default void transitionsComeBackOldestFirst() {
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
    assertThat(jobStore().transitions("j"))
        .containsExactly(transition("j", "a"), transition("j", "b"), full);
    assertThat(jobStore().transitions("other")).containsExactly(transition("other", "x"));
  }

  @Test
  default void jobsArePagedNewestFirstWithFiltersAndTotal() {
    insertJob(job("a", "mail", JobStatus.RUNNING, T0.plusSeconds(1)));
    insertJob(job("b", "mail", JobStatus.FINISHED, T0.plusSeconds(2)));
    insertJob(job("c", "print", JobStatus.RUNNING, T0.plusSeconds(3)));
    insertJob(job("d", "mail", JobStatus.RUNNING, T0.plusSeconds(3)));
    insertJob(job("e", "print", JobStatus.FAILED, T0.plusSeconds(4)));

    assertThat(ids(jobStore().jobs(JobQuery.all(2, 0)))).containsExactly("e", "d");
    assertThat(ids(jobStore().jobs(JobQuery.all(2, 2)))).containsExactly("c", "b");
    assertThat(ids(jobStore().jobs(JobQuery.all(2, 4)))).containsExactly("a");
    assertThat(ids(jobStore().jobs(JobQuery.all(2, 6)))).isEmpty();
    assertThat(jobStore().jobs(JobQuery.all(2, 6)).total()).isEqualTo(5);

    Page<Job> running = jobStore().jobs(new JobQuery(JobStatus.RUNNING, null, 2, 0));
    assertThat(ids(running)).containsExactly("d", "c");
    assertThat(running.total()).isEqualTo(3);
    Page<Job> mail = jobStore().jobs(new JobQuery(null, "mail", 10, 1));
    assertThat(ids(mail)).containsExactly("b", "a");
    assertThat(mail.total()).isEqualTo(3);
    Page<Job> runningMail = jobStore().jobs(new JobQuery(JobStatus.RUNNING, "mail", 10, 0));
    assertThat(ids(runningMail)).containsExactly("d", "a");
    assertThat(runningMail.total()).isEqualTo(2);
    assertThat(jobStore().jobs(new JobQuery(JobStatus.CANCELLED, null, 10, 0)).total()).isZero();
  }

  @Test
  default void aCappedCountStopsAtItsLimitAndLeavesThePageWhole() {
    for (int i = 0; i < 5; i++) {
      insertJob(job("j" + i, "mail", JobStatus.RUNNING, T0.plusSeconds(i)));
    }
    insertJob(job("other", "sms", JobStatus.RUNNING, T0.plusSeconds(9)));

    Page<Job> capped = jobStore().jobs(new JobQuery(null, "mail", 2, 0).countingUpTo(3));
    assertThat(ids(capped)).containsExactly("j4", "j3");
    assertThat(capped.total()).isEqualTo(3);
    assertThat(jobStore().jobs(new JobQuery(null, "mail", 2, 0).countingUpTo(10)).total())
        .isEqualTo(5);
    assertThat(jobStore().jobs(JobQuery.all(10, 0).countingUpTo(1)).items()).hasSize(6);
    assertThat(jobStore().jobs(JobQuery.all(10, 0).countingUpTo(1)).total()).isEqualTo(1);
    assertThat(jobStore().jobs(new JobQuery(null, "mail", 2, 0).countingUpTo(0)).total())
        .isEqualTo(5);
  }

  @Test
  default void jobsAreFilteredByTheClientThatCreatedThemAndPagedAmongItsOwn() {
    for (int i = 0; i < 5; i++) {
      insertJob(ownedBy(job("a" + i, "mail", JobStatus.RUNNING, T0.plusSeconds(2 * i)), "alice"));
      insertJob(ownedBy(job("b" + i, "mail", JobStatus.RUNNING, T0.plusSeconds(2 * i + 1)), "bob"));
    }
    insertJob(job("none", "mail", JobStatus.RUNNING, T0.plusSeconds(20)));
    insertJob(
        job("sched", "mail", JobStatus.RUNNING, T0.plusSeconds(21))
            .withAttributes(JobAttributes.NONE.withClient(JobClient.scheduler("nightly"))));

    Page<Job> first = jobStore().jobs(JobQuery.all(2, 0).ofClient("alice"));
    assertThat(ids(first)).containsExactly("a4", "a3");
    assertThat(first.total()).isEqualTo(5);
    assertThat(ids(jobStore().jobs(JobQuery.all(2, 4).ofClient("alice")))).containsExactly("a0");
    assertThat(ids(jobStore().jobs(new JobQuery(JobStatus.RUNNING, "mail", "bob", 10, 3))))
        .containsExactly("b1", "b0");
    assertThat(jobStore().jobs(new JobQuery(JobStatus.FAILED, null, "bob", 10, 0)).total())
        .isZero();
    assertThat(jobStore().jobs(JobQuery.all(10, 0).ofClient("carol")).total()).isZero();
    assertThat(jobStore().jobs(JobQuery.all(20, 0)).total()).isEqualTo(12);
  }

  @Test
  default void jobsAreFilteredByWhenTheyWereCreatedAndByAnIdPrefix() {
    insertJob(job("ab1", "mail", JobStatus.RUNNING, T0));
    insertJob(job("ab2", "mail", JobStatus.FAILED, T0.plusSeconds(10)));
    insertJob(job("ab", "print", JobStatus.RUNNING, T0.plusSeconds(20)));
    insertJob(job("ac", "mail", JobStatus.RUNNING, T0.plusSeconds(30)));
    insertJob(job("aB9", "mail", JobStatus.RUNNING, T0.plusSeconds(40)));
    insertJob(job("a", "mail", JobStatus.RUNNING, T0.plusSeconds(50)));
    insertJob(job("xé1", "mail", JobStatus.RUNNING, T0.plusSeconds(60)));
    insertJob(job("xê", "mail", JobStatus.RUNNING, T0.plusSeconds(70)));

    JobQuery all = JobQuery.all(10, 0);
    // From inclusive, before exclusive; either end may be open.
    Page<Job> window = jobStore().jobs(all.createdBetween(T0.plusSeconds(10), T0.plusSeconds(30)));
    assertThat(ids(window)).containsExactly("ab", "ab2");
    assertThat(window.total()).isEqualTo(2);
    assertThat(ids(jobStore().jobs(all.createdBetween(T0.plusSeconds(60), null))))
        .containsExactly("xê", "xé1");
    assertThat(ids(jobStore().jobs(all.createdBetween(null, T0.plusSeconds(10)))))
        .containsExactly("ab1");
    // A prefix matches exactly, case and all, and not the ids it is a prefix of the other way.
    Page<Job> ab = jobStore().jobs(all.idStartingWith("ab"));
    assertThat(ids(ab)).containsExactly("ab", "ab2", "ab1");
    assertThat(ab.total()).isEqualTo(3);
    assertThat(ids(jobStore().jobs(all.idStartingWith("xé")))).containsExactly("xé1");
    assertThat(jobStore().jobs(all.idStartingWith("abc")).total()).isZero();
    assertThat(jobStore().jobs(all.idStartingWith("")).total()).isEqualTo(8);
    // With the other filters, and paged among the matches.
    JobQuery runningMail = new JobQuery(JobStatus.RUNNING, "mail", 1, 1);
    Page<Job> page = jobStore().jobs(runningMail.idStartingWith("a").createdBetween(T0, null));
    assertThat(ids(page)).containsExactly("aB9"); // of a, aB9, ac, ab1
    assertThat(page.total()).isEqualTo(4);
  }

  @Test
  default void aJobKeepsItsClientFilterAcrossAnUpdate() {
    Job j = ownedBy(job("j", "mail", JobStatus.PENDING, T0), "alice");
    insertJob(j);
    commit(Change.builder().updateJob(j.toBuilder().state("second").build()));
    Page<Job> page = jobStore().jobs(new JobQuery(JobStatus.PENDING, null, "alice", 10, 0));
    assertThat(page.items()).extracting(Job::state).containsExactly("second");
  }

  private static Job ownedBy(Job j, String client) {
    return j.withAttributes(j.attributes().withClient(JobClient.named(client, "basic", Map.of())));
  }

  @Test
  default void countJobsGroupsByStatus() {
    insertJob(job("a", "bp", JobStatus.RUNNING, T0));
    insertJob(job("b", "bp", JobStatus.RUNNING, T0));
    insertJob(job("c", "bp", JobStatus.FINISHED, T0));
    assertThat(jobStore().countJobs())
        .isEqualTo(Map.of(JobStatus.RUNNING, 2L, JobStatus.FINISHED, 1L));
  }

  @Test
  default void dueJobsComeEarliestFirst() {
    insertJob(wakingAt("late", T0.plusSeconds(3)));
    insertJob(wakingAt("early", T0.plusSeconds(1)));
    insertJob(wakingAt("now", T0.plusSeconds(5)));
    insertJob(wakingAt("future", T0.plusSeconds(6)));
    insertJob(wakingAt("never", null));
    Instant now = T0.plusSeconds(5);
    assertThat(jobStore().dueJobs(now, 10))
        .extracting(Job::id)
        .containsExactly("early", "late", "now");
    assertThat(jobStore().dueJobs(now, 2)).extracting(Job::id).containsExactly("early", "late");
    assertThat(jobStore().dueJobs(T0, 10)).isEmpty();
  }

  @Test
  default void tasksOfAJobComeOldestFirst() {
    insertJob(job("j"));
    insertJob(job("k"));
    commit(
        Change.builder()
            .insertTask(task("t1", "j", "a", 0, T0, T0))
            .insertTask(task("t2", "j", "b", 9, T0, T0.plusMillis(1)))
            .insertTask(task("k1", "k", "a", 0, T0, T0)));
    commit(Change.builder().insertTask(task("t3", "j", "a", 0, T0, T0.plusMillis(2))));
    assertThat(jobStore().tasksOf("j")).extracting(Task::id).containsExactly("t1", "t2", "t3");
  }

  @Test
  default void aClaimTakesHighestPriorityThenEarliestVisibleThenOldest() {
    insertJob(job("j"));
    commit(
        Change.builder()
            .insertTask(task("low", "j", "x", 0, T0, T0))
            .insertTask(task("high-late", "j", "x", 5, T0.plusSeconds(2), T0))
            .insertTask(task("high-early-new", "j", "x", 5, T0.plusSeconds(1), T0.plusSeconds(1)))
            .insertTask(task("high-early-old", "j", "x", 5, T0.plusSeconds(1), T0))
            .insertTask(task("mid", "j", "x", 3, T0.plusSeconds(3), T0)));
    Instant until = T0.plusSeconds(60);
    List<Task> got =
        jobStore().claim(new TaskClaim("w", Set.of("x"), 10, T0.plusSeconds(5), until));
    assertThat(got)
        .extracting(Task::id)
        .containsExactly("high-early-old", "high-early-new", "high-late", "mid", "low");
    assertThat(got)
        .allSatisfy(t -> {
          assertThat(t.status()).isEqualTo(TaskStatus.LEASED);
          assertThat(t.workerId()).isEqualTo("w");
          assertThat(t.leaseUntil()).isEqualTo(until);
          assertThat(jobStore().task(t.id())).contains(t);
        });
  }

  @Test
  default void aClaimTakesNoMoreOfACappedTypeThanItsRoomWhoeverHoldsTheRest() {
    insertJob(job("j"));
    Change.Builder change = Change.builder();
    for (int i = 0; i < 5; i++) {
      change.insertTask(task("x" + i, "j", "x", 0, T0, T0.plusMillis(i)));
    }
    change.insertTask(task("y0", "j", "y", 0, T0, T0.plusMillis(9)));
    commit(change);
    Map<String, Integer> caps = Map.of("x", 3);
    // Another worker holds one x: the cap counts every holder's.
    assertThat(claim("other", 1, T0, "x")).extracting(Task::id).containsExactly("x0");
    int x = 0;
    for (int round = 0; round < 6; round++) {
      for (Task t :
          jobStore()
              .claim(new TaskClaim("w", Set.of("x", "y"), 10, T0, T0.plusSeconds(30), caps))) {
        if (t.type().equals("x")) {
          x++;
        }
      }
    }
    assertThat(x).isEqualTo(2); // the room, 3 less the one held
    assertThat(jobStore().task("y0").orElseThrow().status()).isEqualTo(TaskStatus.LEASED);
    assertThat(jobStore().leasedCounts(Set.of("x"))).containsEntry("x", 3L);
    assertThat(claim("w", 10, T0, "x")).hasSize(2); // uncapped, the rest comes
  }

  @Test
  default void racingCappedClaimsNeverPassTheCapTogether() throws Exception {
    insertJob(job("j"));
    Change.Builder change = Change.builder();
    for (int i = 0; i < 50; i++) {
      change.insertTask(task("t" + i, "j", "x", 0, T0, T0.plusMillis(i)));
    }
    commit(change);
    AtomicInteger claimed = new AtomicInteger();
    race(
        8,
        racer -> {
          // Bounded: a claim may find the type's lock taken by another and take nothing.
          for (int i = 0; i < 20; i++) {
            claimed.addAndGet(
                jobStore()
                    .claim(
                        new TaskClaim(
                            "w" + racer, Set.of("x"), 2, T0, T0.plusSeconds(30), Map.of("x", 3)))
                    .size());
          }
        });
    assertThat(claimed).hasValue(3);
    assertThat(jobStore().leasedCounts(Set.of("x"))).containsEntry("x", 3L);
  }

  @Test
  default void queueDepthsCountTakeableTasksByTypeAndPriority() {
    insertJob(job("j"));
    commit(
        Change.builder()
            .insertTask(task("x0-old", "j", "x", 0, T0, T0))
            .insertTask(task("x0-new", "j", "x", 0, T0.plusSeconds(2), T0))
            .insertTask(task("x5", "j", "x", 5, T0.plusSeconds(1), T0))
            .insertTask(task("y-backoff", "j", "y", 0, T0.plusSeconds(60), T0))
            .insertTask(task("y-leased", "j", "y", 0, T0, T0).leased("w", T0.plusSeconds(60))));
    assertThat(jobStore().queueDepths(T0.plusSeconds(5)))
        .containsExactlyInAnyOrder(
            new QueueDepth("x", 0, 2, T0), new QueueDepth("x", 5, 1, T0.plusSeconds(1)));
    assertThat(jobStore().queueDepths(T0.minusSeconds(1))).isEmpty();
  }

  @Test
  default void aClaimTakesAtMostItsLimit() {
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
  default void aClaimRespectsTypeVisibilityAndAssignment() {
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
    assertThat(jobStore().task("leased").orElseThrow().workerId()).isEqualTo("v");
    assertThat(jobStore().task("mine")).contains(mine.leased("w", T0.plusSeconds(30)));
  }

  @Test
  default void expiredTasksAreOpenTasksPastTheirLeaseOrDeadline() {
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
    assertThat(jobStore().expiredTasks(now, 10))
        .extracting(Task::id)
        .containsExactlyInAnyOrder("lease-over", "queued-late", "leased-late");
    assertThat(jobStore().expiredTasks(now, 2)).hasSize(2);
    assertThat(jobStore().expiredTasks(T0, 10)).isEmpty();
  }

  @Test
  default void renewLeasesExtendsOnlyTheWorkersLeasedTasks() {
    insertJob(job("j"));
    commit(
        Change.builder()
            .insertTask(task("a", "j", "x", 0, T0, T0).leased("w", T0.plusSeconds(1)))
            .insertTask(task("b", "j", "x", 0, T0, T0).leased("w", T0.plusSeconds(2)))
            .insertTask(task("theirs", "j", "x", 0, T0, T0).leased("v", T0.plusSeconds(1)))
            .insertTask(assigned(task("placed", "j", "x", 0, T0, T0), "w")));
    Instant until = T0.plusSeconds(90);
    assertThat(jobStore().renewLeases("w", until)).isEqualTo(2);
    assertThat(jobStore().task("a").orElseThrow().leaseUntil()).isEqualTo(until);
    assertThat(jobStore().task("b").orElseThrow().leaseUntil()).isEqualTo(until);
    assertThat(jobStore().task("theirs").orElseThrow().leaseUntil()).isEqualTo(T0.plusSeconds(1));
    assertThat(jobStore().task("placed").orElseThrow().leaseUntil()).isNull();
    assertThat(jobStore().renewLeases("nobody", until)).isZero();
  }

  @Test
  default void leasedToListsOnlyTheTasksTheWorkerHolds() {
    insertJob(job("j"));
    commit(
        Change.builder()
            .insertTask(task("a", "j", "x", 0, T0, T0).leased("w", T0.plusSeconds(1)))
            .insertTask(task("theirs", "j", "x", 0, T0, T0).leased("v", T0.plusSeconds(1)))
            .insertTask(assigned(task("placed", "j", "x", 0, T0, T0), "w")));
    assertThat(jobStore().leasedTo("w")).extracting(Task::id).containsExactly("a");
    assertThat(jobStore().leasedTo("nobody")).isEmpty();
  }

  @Test
  default void racingClaimersNeverShareOrLoseATask() throws Exception {
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
    assertThat(jobStore().tasksOf("j"))
        .allSatisfy(t -> {
          assertThat(t.status()).isEqualTo(TaskStatus.LEASED);
          assertThat(t.workerId()).isEqualTo(claimedBy.get(t.id()));
        });
  }
}
