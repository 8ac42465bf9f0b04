package dev.baton.store;

/**
 * Where the engine keeps jobs, tasks, history, workers, notices, quotas and schedules: every port
 * of one store in one object, as a store implements them. Depend on the narrow port a class needs
 * ({@link JobStore}, {@link ScheduleStore}, ...) plus {@link Commits} when it writes; this
 * composite is for what opens, wires and closes a store.
 *
 * <p>Contract (checked for every implementation by the store contract suites, one per port): a
 * commit that returns has been made durable (for a durable store), or has changed nothing; a claim
 * hands a task to exactly one claimer however many race for it; every method is safe to call from
 * many threads.
 */
public interface Store
    extends Commits,
        JobStore,
        WorkerStore,
        NoticeStore,
        QuotaStore,
        ScheduleStore,
        ClusterStore,
        RetentionStore,
        CalendarStore,
        SeriesStore,
        AutoCloseable {

  /**
   * Wake-ups from other processes sharing this store ({@link Wakeups#NONE} when none can share it
   * or the database cannot tell).
   */
  default Wakeups wakeups() {
    return Wakeups.NONE;
  }

  /**
   * Messages to and from the other processes sharing this store ({@link Broadcast#NONE} when none
   * can share it).
   */
  default Broadcast broadcast() {
    return Broadcast.NONE;
  }

  @Override
  void close();
}
