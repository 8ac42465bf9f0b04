package dev.baton.engine.internal;

import dev.baton.duty.Duty;
import dev.baton.schedule.Schedule;
import dev.baton.schedule.ScheduleRun;
import dev.baton.store.ScheduleStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The scheduler: fires the schedules that are due, on time. A {@link Duty} on a platform thread, as
 * a virtual thread's wake-up may wait for a free carrier on a busy machine and so fire late.
 *
 * <p>Precision: it sleeps until the earliest next fire in the store (re-reading it at least every
 * {@link #REFRESH}, which is how it learns of schedules another process created), not on a polling
 * period, and fires due at the same moment are committed together, ahead of their moment.
 *
 * <p>Under failure: a pass that throws is logged and tried again after {@link #REFRESH} (or a
 * wake-up); a schedule whose plan throws backs off for {@link #BACKOFF} without holding up the
 * others.
 */
public final class Scheduler implements AutoCloseable {
  /** The longest the scheduler sleeps without looking at the store. */
  public static final Duration REFRESH = Duration.ofSeconds(1);

  /** How long before a fire's instant its pass reads and plans it, at least. */
  static final Duration LEAD = Duration.ofMillis(150);

  private static final Duration MAX_LEAD = Duration.ofSeconds(2);
  private static final Duration REPLAN_AFTER = Duration.ofMillis(10);
  private static final int BATCH = 1000;
  private static final Duration BACKOFF = Duration.ofSeconds(5);

  private final ScheduleStore store;
  private final Clock clock;
  private final Transactions tx;
  private final Firing firing;
  private final Map<String, Instant> backoff = new ConcurrentHashMap<>();
  private volatile Duration lead = LEAD;
  private volatile @Nullable Duty duty;

  public Scheduler(ScheduleStore store, Clock clock, Transactions tx, Firing firing) {
    this.store = store;
    this.clock = clock;
    this.tx = tx;
    this.firing = firing;
  }

  /**
   * One pass: fires what is due now. Tests drive it with a manual clock.
   *
   * @return how many runs it recorded
   */
  public int tick() {
    return fire(prepare(clock.instant()));
  }

  /** Starts firing on the scheduler's own thread. */
  public synchronized void start() {
    if (duty == null) {
      duty = Duty.platform("baton-scheduler", REFRESH, this::round);
    }
  }

  /** Makes the scheduler look again now (a schedule changed, a scheduled job ended). */
  public void wake() {
    Duty d = duty;
    if (d != null) {
      d.wake();
    }
  }

  /**
   * Each round plans the fires of the next due instant {@link #LEAD} ahead of it (reading and
   * planning a thousand schedules takes a while), writes them at once (their tasks are not visible
   * before the instant, and one commit of a thousand fires takes a while too), waits for the
   * instant, and tells pollers and listeners then; or, with nothing due so soon, makes a pass at
   * the current moment (a queued fire whose previous run ended, a schedule another process created)
   * and waits until the next fire comes near, a wake-up or {@link #REFRESH}.
   *
   * <p>So a fire written ahead is a fire: a pause or a deletion of its schedule that commits
   * between the write and the instant no longer stops it (it stops the next one). Pollers on other
   * processes are woken by the write's notification, find the task not visible yet, and take it at
   * their next look.
   */
  private Duration round() throws InterruptedException {
    Instant now = clock.instant();
    Optional<Instant> next = store.nextScheduleFire();
    boolean soon = next.isPresent() && !next.get().isAfter(now.plus(lead));
    Instant at = soon && next.get().isAfter(now) ? next.get() : now;
    long t0 = System.nanoTime();
    Transactions.Prepared<List<ScheduleRun>> prepared = prepare(at);
    Instant planned = clock.instant();
    Instant due = at;
    if (planned.isAfter(at.plus(REPLAN_AFTER))) {
      // The plan came late (a slow read, a busy machine): plan again, so that the jobs and the runs
      // say when they really started.
      prepared = prepare(planned);
      due = planned;
    }
    tx.write(prepared);
    if (!prepared.isEmpty()) {
      // Only a pass that wrote fires says how long fires take: an empty pass is quick.
      adaptLead(System.nanoTime() - t0);
    }
    int runs;
    try {
      sleepUntil(due);
    } finally {
      // Written already: interrupted or not, pollers and listeners must hear of these fires.
      runs = runs(tx.release(prepared));
    }
    return runs == 0 && !(soon && at.isAfter(now)) ? untilNextFire() : Duration.ZERO;
  }

  /** Reads the schedules due at {@code at} and plans their fires, writing nothing yet. */
  private Transactions.Prepared<List<ScheduleRun>> prepare(Instant at) {
    List<Schedule> due = new ArrayList<>();
    for (Schedule s : store.dueSchedules(at, BATCH)) {
      Instant until = backoff.get(s.id());
      if (until == null || !at.isBefore(until)) {
        backoff.remove(s.id());
        due.add(s);
      }
    }
    // One order everywhere: two processes committing the same fires lock rows alike.
    due.sort(Comparator.comparing(Schedule::id));
    List<Function<Plan, List<ScheduleRun>>> steps = new ArrayList<>();
    for (Schedule s : due) {
      steps.add(plan -> {
        try {
          return firing.pass(s, plan);
        } catch (RuntimeException e) {
          // A schedule that cannot be planned must not stop the others nor spin the loop.
          backoff.put(s.id(), at.plus(BACKOFF));
          throw e;
        }
      });
    }
    return tx.prepare(steps, at);
  }

  private int fire(Transactions.Prepared<List<ScheduleRun>> prepared) {
    return runs(tx.commit(prepared));
  }

  private static int runs(List<Optional<List<ScheduleRun>>> results) {
    int runs = 0;
    for (Optional<List<ScheduleRun>> r : results) {
      runs += r.map(List::size).orElse(0);
    }
    return runs;
  }

  /**
   * Plans start twice as long before their instant as the last plan and write took, or a tenth less
   * than the lead before when that is longer (at least {@link #LEAD}, at most {@link #MAX_LEAD}):
   * one quick pass on a busy machine must not leave the next, slower one late.
   */
  private void adaptLead(long preparedInNanos) {
    Duration twice = Duration.ofNanos(2 * preparedInNanos);
    Duration decayed = lead.minus(lead.dividedBy(10));
    Duration want = twice.compareTo(decayed) > 0 ? twice : decayed;
    lead = want.compareTo(LEAD) < 0 ? LEAD : want.compareTo(MAX_LEAD) > 0 ? MAX_LEAD : want;
  }

  private void sleepUntil(Instant at) throws InterruptedException {
    long left;
    while ((left = Duration.between(clock.instant(), at).toNanos()) > 0) {
      Thread.sleep(Duration.ofNanos(left));
    }
  }

  private Duration untilNextFire() {
    Duration wait = REFRESH;
    Optional<Instant> next = store.nextScheduleFire();
    if (next.isPresent()) {
      Duration until = Duration.between(clock.instant(), next.get().minus(lead));
      // A fire due now that the pass left (another process won it, or it is backing off): look
      // again shortly instead of spinning.
      wait = !until.isPositive() ? Duration.ofMillis(20) : until.compareTo(wait) < 0 ? until : wait;
    }
    return wait;
  }

  /** Stops firing; a pass in progress is interrupted and awaited. */
  @Override
  public synchronized void close() {
    Duty d = duty;
    if (d != null) {
      d.close();
    }
  }
}
