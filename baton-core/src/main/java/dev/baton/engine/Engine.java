package dev.baton.engine;

import dev.baton.blueprint.Blueprint;
import dev.baton.blueprint.Compatibility;
import dev.baton.duty.Duty;
import dev.baton.engine.internal.Advance;
import dev.baton.engine.internal.Blueprints;
import dev.baton.engine.internal.Carried;
import dev.baton.engine.internal.Dispatch;
import dev.baton.engine.internal.Firing;
import dev.baton.engine.internal.Holdings;
import dev.baton.engine.internal.Interventions;
import dev.baton.engine.internal.JobCreation;
import dev.baton.engine.internal.Leases;
import dev.baton.engine.internal.Migration;
import dev.baton.engine.internal.Observers;
import dev.baton.engine.internal.OutageGrace;
import dev.baton.engine.internal.Outcomes;
import dev.baton.engine.internal.Placement;
import dev.baton.engine.internal.Plan;
import dev.baton.engine.internal.ResultTrace;
import dev.baton.engine.internal.ScheduleTargets;
import dev.baton.engine.internal.TaskSignal;
import dev.baton.engine.internal.Transactions;
import dev.baton.engine.internal.TypeGate;
import dev.baton.engine.internal.Workers;
import dev.baton.job.Job;
import dev.baton.job.JobQuery;
import dev.baton.job.JobStatus;
import dev.baton.job.JobTransition;
import dev.baton.job.Page;
import dev.baton.job.Task;
import dev.baton.job.TaskError;
import dev.baton.job.TaskResult;
import dev.baton.store.QueueDepth;
import dev.baton.store.Store;
import dev.baton.store.StoreException;
import dev.baton.store.Wakeups;
import dev.baton.worker.DispatchStrategy;
import dev.baton.worker.Worker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Baton's engine: runs jobs through blueprints, hands their tasks to workers and takes the results.
 * Thread-safe; every method that changes something returns after the change is stored (for a
 * durable store: committed to disk), so "accepted" means "will not be lost".
 *
 * <pre>{@code
 * Engine engine = Engine.builder(store).build();
 * engine.register(blueprint);
 * engine.start();                       // background sweep: retries, timeouts, dead workers
 * Job job = engine.createJob(NewJob.of("order", Map.of("amount", 42)));
 * }</pre>
 */
public final class Engine implements AutoCloseable {
  /**
   * The error message of a task that ran past its deadline; a dispatching state's {@code timeout}
   * transition (when it declares one) takes such a task once its retries are used up. The engine
   * decides by {@link TaskError#timedOut()}, never by this text.
   */
  public static final String TIMED_OUT = TaskError.TIMED_OUT;

  private final Store store;
  private final Clock clock;
  private final EngineOptions options;
  private final Blueprints blueprints = new Blueprints();
  private final Placement placement;
  private final Advance advance;
  private final Interventions interventions;
  private final Leases leases;
  private final OutageGrace outageGrace;
  private final Workers workers;
  private final TaskSignal signal;
  private final Carried carried = new Carried();
  private final Transactions tx;
  private final Holdings holdings;
  private final Observers observers;
  private final AtomicBoolean started = new AtomicBoolean();
  private @Nullable Duty sweeper;
  private final Schedules schedules;
  private final Calendars calendars;
  private final JobCreation creation;
  private final ResultTrace resultTrace;
  private final Migration migration;
  private final TypeGate gate;

  private Engine(Builder b) {
    this.observers = new Observers(b.observers);
    this.store = b.store;
    this.clock = b.clock;
    this.options = b.options;
    this.signal = new TaskSignal(options.pollRecheck());
    this.placement = new Placement(b.random);
    b.strategies.forEach(placement::register);
    Dispatch dispatch = new Dispatch(placement, store, options, b.ids);
    this.advance = new Advance(blueprints, dispatch, store, options, b.ids, b.random, observers);
    this.interventions = new Interventions(advance, store);
    this.leases =
        new Leases(new Outcomes(advance, dispatch, options, b.random), dispatch, store, carried);
    this.gate = new TypeGate(b.typeLimits, store, store);
    this.outageGrace = new OutageGrace(options.workerTtl());
    // A task whose type's rate turned out spent goes back at once, not at its lease's end.
    this.workers =
        new Workers(
            store,
            store,
            clock,
            options,
            signal,
            observers,
            gate,
            t -> release(t.id(), t.workerId(), "the rate of task type " + t.type() + " is spent"));
    List<JobListener> listeners = new ArrayList<>(b.listeners);
    listeners.add(this::wakeSchedulerOnScheduledJobEnd);
    listeners.add(carried::committed);
    this.tx = new Transactions(store, clock, signal, b.channel, listeners, observers);
    this.holdings = new Holdings(store, tx, leases, clock, options, b.channel);
    this.creation = new JobCreation(blueprints, advance, tx, store);
    this.resultTrace = new ResultTrace(observers, carried, store);
    this.migration = new Migration(blueprints, advance, tx, store);
    ScheduleTargets targets = new ScheduleTargets(blueprints, b.scenarios);
    this.schedules =
        new Schedules(
            store,
            store,
            store,
            clock,
            tx,
            new Firing(store, advance, interventions, targets, store),
            b.ids,
            b.zone,
            targets);
    this.calendars = new Calendars(store, schedules, b.zone, clock);
    store.wakeups().subscribe(this::wokenByAnotherProcess);
  }

  /**
   * Another process sharing the store queued tasks (a long-poll here may take them now rather than
   * at its next recheck) or changed a schedule (the scheduler's next fire may be earlier).
   */
  private void wokenByAnotherProcess(Wakeups.Wake wake) {
    switch (wake.kind()) {
      case TASKS -> signal.queuedElsewhere(wake.count());
      case SCHEDULES -> schedules.wake();
      case CANCELLED -> {} // the fleet tells its robots; a long-poll has nothing to do
      case DEFINITIONS -> {} // whoever loads definitions into the engine listens for these itself
    }
  }

  /** A scheduled job that ends may let a queued fire start (overlap policy {@code queue}). */
  private void wakeSchedulerOnScheduledJobEnd(Job job) {
    if (job.status().isTerminal() && job.attributes().schedule() != null) {
      schedules.wake();
    }
  }

  /** The schedules of this engine, and its scheduler. */
  public Schedules schedules() {
    return schedules;
  }

  /** The business calendars schedules name. */
  public Calendars calendars() {
    return calendars;
  }

  public static Builder builder(Store store) {
    return new Builder(store);
  }

  // ---- blueprints

  /** Registers a blueprint; a new version of a known name starts new jobs from now on. */
  public void register(Blueprint blueprint) {
    blueprints.register(blueprint);
  }

  /**
   * Where versions this engine does not hold are looked for when a job needs one (a store of
   * definitions); set it before the engine starts.
   */
  public void blueprintSource(BlueprintSource source) {
    blueprints.source(source);
  }

  /**
   * Keeps a registered version for the jobs already on it and starts no new job on it (an archived
   * definition); registering it again lets it start jobs again.
   */
  public void retire(String name, int version) {
    blueprints.retire(name, version);
  }

  /** The newest version that starts new jobs. */
  public Optional<Blueprint> blueprint(String name) {
    return blueprints.latest(name);
  }

  /** That version, retired or not. */
  public Optional<Blueprint> blueprint(String name, int version) {
    return blueprints.get(name, version);
  }

  /** The newest version that starts new jobs of every registered blueprint, by name. */
  public List<Blueprint> blueprints() {
    return blueprints.newest();
  }

  /**
   * Whether the jobs running on version {@code from} of the candidate's blueprint could move to the
   * candidate (registered or not), state by state; see {@link Compatibility}.
   *
   * @throws BatonException NOT_FOUND when version {@code from} is not registered, INVALID when the
   *     mapping names a state neither version has
   */
  public Compatibility.Report checkCompatibility(
      int from, Blueprint candidate, Map<String, String> mapping) {
    return migration.check(from, candidate, mapping);
  }

  /**
   * Moves running jobs to another registered version of their blueprint at safe points (or, as a
   * dry run, says what would move where and what would be refused, and why).
   *
   * @throws BatonException NOT_FOUND when a version is not registered, INVALID for a bad mapping
   */
  public JobMigration.Outcome migrate(JobMigration.Request request) {
    return migration.migrate(request);
  }

  // ---- jobs

  /**
   * Creates a job and runs it until it first waits (for a worker, a person, branches or a sub-job),
   * all in one transaction.
   *
   * @throws BatonException NOT_FOUND when the blueprint (or that version of it) is not registered
   */
  public Job createJob(NewJob request) {
    return creation.one(request);
  }

  /**
   * Creates many jobs in one transaction, each run until it first waits, as {@link #createJob}
   * does: all of them are stored, or none (when one names an unknown blueprint, nothing is
   * written).
   *
   * @return the jobs as created, in the order of the requests
   * @throws BatonException NOT_FOUND when a blueprint (or that version of it) is not registered
   */
  public List<Job> createJobs(List<NewJob> requests) {
    return creation.many(requests);
  }

  /**
   * Creates the job under {@code jobId} unless a job with that id exists already, which it then
   * returns as it is: a create retried with the same id (derived from the client's idempotency key)
   * makes one job however often, and however concurrently, it is sent.
   */
  public Created createJobOnce(String jobId, NewJob request) {
    return creation.once(jobId, request);
  }

  /** What {@link #createJobOnce} gave: the job, and whether this call created it. */
  public record Created(Job job, boolean created) {}

  public Optional<Job> job(String id) {
    return store.job(id);
  }

  public Page<Job> jobs(JobQuery query) {
    return store.jobs(query);
  }

  /** Every transition of the job, oldest first. */
  public List<JobTransition> history(String jobId) {
    requireJob(jobId);
    return store.transitions(jobId);
  }

  /** The tasks of a job, every attempt, oldest first. */
  public List<Task> tasks(String jobId) {
    requireJob(jobId);
    return store.tasksOf(jobId);
  }

  /**
   * Cancels a job that has not ended, with its open tasks and its running sub-job. Workers that
   * hold one of its tasks are told through the {@link WorkerChannel}; a result they send later is
   * refused.
   */
  public Job cancel(String jobId) {
    tx.run(plan -> interventions.cancel(requireJob(jobId), plan));
    return requireJob(jobId);
  }

  /**
   * Decides for a job that waits for a person (or, as Avtomatika allows, for a worker): the job
   * moves to the state the decision names.
   */
  public Job decide(String jobId, String decision) {
    tx.run(plan -> interventions.decide(requireJob(jobId), decision, plan));
    return requireJob(jobId);
  }

  /**
   * Runs a failed or quarantined job again from the step that failed, after merging corrections
   * into its data and its initial data.
   */
  public Job resume(String jobId, Map<String, Object> dataPatch, Map<String, Object> inputPatch) {
    tx.run(plan -> interventions.resume(requireJob(jobId), dataPatch, inputPatch, plan));
    return requireJob(jobId);
  }

  /**
   * Quarantines a job that has not ended: its open tasks are cancelled (their workers told to stop)
   * and it waits, as a failed job does, for an operator to resume it from the state it was in.
   *
   * @throws BatonException CONFLICT when the job has already ended
   */
  public Job quarantine(String jobId, String reason) {
    tx.run(plan -> interventions.quarantine(requireJob(jobId), reason, plan));
    return requireJob(jobId);
  }

  private Job requireJob(String id) {
    return store.job(id).orElseThrow(() -> BatonException.notFound("Job not found: " + id));
  }

  // ---- workers

  /**
   * Registers (or re-registers) a worker from its description, stored as sent. {@code worker_id} is
   * required; {@code supported_tasks} lists the task types it takes.
   */
  public Worker registerWorker(Map<String, Object> description) {
    Set<String> named = Holdings.named(description);
    if (named != null && description.get("worker_id") instanceof String id) {
      holdings.registered(id, named);
    }
    return workers.register(Holdings.withoutList(description));
  }

  /**
   * A heartbeat: keeps the worker alive, extends its leases, merges what it reports. A {@code
   * running_tasks} list in it gives back the worker's leases it does not name ({@link Holdings}).
   */
  public Worker heartbeat(String workerId, Map<String, Object> patch) {
    Set<String> named = Holdings.named(patch);
    if (named != null) {
      holdings.heartbeat(workerId, named);
    }
    return workers.heartbeat(workerId, Holdings.withoutList(patch));
  }

  /**
   * Takes back the tasks a dead worker still holds (a lease can outlive its worker's registration
   * by up to half the worker TTL): their leases end now and each fails its attempt as a timeout
   * would, so the retry policy queues it again for another worker.
   *
   * @return how many tasks were taken back
   * @throws BatonException NOT_FOUND for an unknown worker, CONFLICT for a worker still alive
   */
  public int releaseDeadWorker(String workerId) {
    int released = 0;
    for (Task t : workers.heldByDead(workerId)) {
      released += tx.runQuietly(plan -> leases.reclaim(t.id(), workerId, plan));
    }
    return released;
  }

  public Optional<Worker> worker(String id) {
    return store.worker(id);
  }

  /** Every worker the store knows, alive or not. */
  public List<Worker> workers() {
    return store.workers();
  }

  /**
   * Long-poll: leases up to {@code max} tasks to the worker, waiting up to {@code wait} for one to
   * appear. Returns an empty list when none came in time.
   */
  public List<Task> poll(String workerId, int max, Duration wait) throws InterruptedException {
    List<Task> leased = workers.poll(workerId, max, wait);
    carried.leased(leased);
    return leased;
  }

  public Optional<Task> task(String taskId) {
    return store.task(taskId);
  }

  /**
   * For a dispatcher that leases tasks itself (the robot fleet): the tasks it just leased, carried
   * as a poll's are, so that their results read neither the task nor its job.
   */
  public void carryLeased(List<Task> leased) {
    carried.leased(leased);
  }

  /**
   * The task as this engine leased it, while it still carries that copy, else as stored: for the
   * checks a result route makes before the result is taken (which job the task is of, and who holds
   * it, neither of which changes while it is leased). The result itself is fenced by its commit, so
   * a copy gone stale (the lease expired meanwhile) only fails there.
   */
  public Optional<Task> leasedTask(String taskId) {
    Task carriedTask = carried.peekTask(taskId);
    return carriedTask != null ? Optional.of(carriedTask) : store.task(taskId);
  }

  /**
   * For a dispatcher that chooses its tasks itself (the robot fleet): the room left under the
   * concurrency limit of each limited type of {@code types}, counted in the store.
   */
  public Map<String, Long> typeRoom(Set<String> types) {
    return gate.room(types);
  }

  /**
   * For such a dispatcher: the concurrency limits of {@code types}, to claim with as caps ({@code
   * FleetQueue.claimTasks}), which the store holds exactly across nodes where {@link #typeRoom}, a
   * read before the claim, cannot.
   */
  public Map<String, Integer> typeCaps(Set<String> types) {
    return gate.caps(types);
  }

  /**
   * For such a dispatcher: uses one hand-out of the type's rate in the window of {@code now}; false
   * when it is spent.
   */
  public boolean takeTypeRate(String type, Instant now) {
    return gate.takeRate(type, now);
  }

  /**
   * The counters every node sharing this engine's store sees alike (request windows, scenario
   * executions, client turns), for the server's rate limit, the scenarios and the robot fleet.
   */
  public dev.baton.store.CounterStore counters() {
    return store;
  }

  /**
   * Takes a worker's result for a task. Fenced: the task must be leased (to {@code workerId}, when
   * given) and its job must still wait for it, so a late or duplicate result changes nothing and is
   * refused with CONFLICT.
   */
  public Receipt complete(String taskId, @Nullable String workerId, TaskResult result) {
    return tx.run(plan -> leases.complete(taskId, workerId, result, plan));
  }

  /**
   * Like {@link #complete(String, String, TaskResult)}, for a result that carries the worker's
   * trace context (a W3C {@code traceparent}): taking it is traced as a child of the worker's work,
   * and the step it causes as a child of that, so one trace shows client, engine, worker, engine.
   */
  public Receipt complete(
      String taskId, @Nullable String workerId, TaskResult result, @Nullable String traceparent) {
    if (observers.isEmpty()) {
      return complete(taskId, workerId, result);
    }
    return resultTrace.around(
        taskId, result, traceparent, () -> complete(taskId, workerId, result));
  }

  /**
   * Gives a leased task back to the queue (a robot refused it, or its robot was lost): the job
   * waits for a new task of the same attempt, visible at once, and no retry is used up. Fenced like
   * {@link #complete}.
   */
  public void release(String taskId, @Nullable String workerId, String reason) {
    tx.run(plan -> leases.giveBack(taskId, workerId, reason, plan));
  }

  /**
   * Whether a worker meets a task's requirements: Avtomatika's {@code gpu_info} and {@code
   * installed_models}, and the fleet's {@code tags} and {@code capabilities}.
   */
  public static boolean meetsRequirements(Map<String, Object> requirements, Worker worker) {
    return Placement.meets(requirements, worker);
  }

  /** A dispatch strategy by name: the built-in ones and those given to the builder. */
  public Optional<DispatchStrategy> strategy(String name) {
    return placement.strategy(name);
  }

  public Set<String> strategyNames() {
    return placement.strategyNames();
  }

  /** Results of many tasks at once, each fenced and applied on its own, committed together. */
  public List<Outcome> completeAll(List<Completion> completions) {
    List<Function<Plan, Receipt>> steps = new ArrayList<>();
    for (Completion c : completions) {
      steps.add(plan -> leases.complete(c.taskId(), c.workerId(), c.result(), plan));
    }
    return tx.runAll(steps);
  }

  /** One result in {@link #completeAll}. */
  public record Completion(String taskId, @Nullable String workerId, TaskResult result) {}

  /** What became of one result in {@link #completeAll}: a receipt or the refusal. */
  public record Outcome(@Nullable Receipt receipt, @Nullable BatonException refusal) {}

  // ---- time

  /**
   * One pass of the background duties: retries whose delay ran out, tasks whose lease (dead worker)
   * or deadline (timeout) passed. Tests call this with a manual clock. After passes the store
   * failed, leases are not expired for one worker TTL, or as long as the failures lasted when
   * longer ({@code OutageGrace}), so that live workers renew them first.
   *
   * @return how many jobs and tasks it handled
   */
  public int sweep() {
    Instant now = clock.instant();
    int handled = 0;
    try {
      for (Job due : store.dueJobs(now, 200)) {
        handled += tx.runQuietly(plan -> advance.wake(due.id(), plan));
      }
      if (outageGrace.mayExpire(now)) {
        for (Task expired : store.expiredTasks(now, 200)) {
          handled += tx.runQuietly(plan -> leases.expire(expired.id(), plan));
        }
      }
    } catch (StoreException e) {
      outageGrace.storeFailed(now);
      throw e;
    }
    return handled;
  }

  /**
   * Starts the background duties: the sweep, on a virtual thread (a round that handled something
   * runs again at once; a failing store is retried after the sweep interval), and the scheduler.
   */
  public Engine start() {
    if (started.compareAndSet(false, true)) {
      Duration interval = options.sweepInterval();
      sweeper =
          Duty.virtual("baton-sweeper", interval, () -> sweep() == 0 ? interval : Duration.ZERO);
      schedules.start();
    }
    return this;
  }

  /**
   * Adds a listener after the engine is built: told of every job change committed from now on. For
   * features wired after the engine (the fleet, scenarios, notices), so that no late-bound
   * reference is needed.
   */
  public void addListener(JobListener listener) {
    tx.addListener(listener);
  }

  /** How many jobs are in each status: for metrics, the health page and the loop's sensors. */
  public Map<JobStatus, Long> countJobs() {
    return store.countJobs();
  }

  /** Queued tasks per type and priority, with the oldest one's wait: for metrics. */
  public List<QueueDepth> queueDepths(Instant now) {
    return store.queueDepths(now);
  }

  /** The tasks a worker (or robot) holds a lease on now. */
  public List<Task> leasedTo(String workerId) {
    return store.leasedTo(workerId);
  }

  /**
   * Adds an observer of what listeners cannot see (tasks leased and ended, retries, expired leases,
   * schedule fires, steps for traces), told of every change committed from now on.
   */
  public void addObserver(EngineObserver observer) {
    observers.add(observer);
  }

  /** Everyone who watches this engine's work, as one ({@link EngineObserver#NONE}: nobody). */
  public EngineObserver observer() {
    return observers.isEmpty() ? EngineObserver.NONE : observers;
  }

  public Clock clock() {
    return clock;
  }

  public EngineOptions options() {
    return options;
  }

  /** Stops the sweep. Does not close the store, which the caller owns. */
  @Override
  public void close() {
    schedules.close();
    Duty d = sweeper;
    if (d != null) {
      d.close();
    }
    signal.signal();
  }

  /** Wires an engine. Only the store is required. */
  public static final class Builder {
    private final Store store;
    // Stores keep milliseconds; a finer clock would make a stored time differ from the computed.
    private Clock clock = Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
    private EngineOptions options = EngineOptions.DEFAULTS;
    private Supplier<String> ids = () -> UUID.randomUUID().toString();
    private RandomGenerator random = RandomGenerator.getDefault();
    private WorkerChannel channel = WorkerChannel.NONE;
    private final List<JobListener> listeners = new ArrayList<>();
    private final List<EngineObserver> observers = new ArrayList<>();
    private final Map<String, DispatchStrategy> strategies = new LinkedHashMap<>();
    private ZoneId zone = ZoneId.of("UTC");
    private ScenarioStarter scenarios = ScenarioStarter.NONE;
    private TypeLimits typeLimits = TypeLimits.NONE;

    private Builder(Store store) {
      this.store = store;
    }

    public Builder clock(Clock c) {
      clock = c;
      return this;
    }

    public Builder options(EngineOptions o) {
      options = o;
      return this;
    }

    /** Where ids of jobs and tasks come from (default: random UUIDs). */
    public Builder ids(Supplier<String> s) {
      ids = s;
      return this;
    }

    /** The randomness of retry jitter and tie-breaking, for repeatable tests. */
    public Builder random(RandomGenerator r) {
      random = r;
      return this;
    }

    public Builder workerChannel(WorkerChannel c) {
      channel = c;
      return this;
    }

    public Builder listener(JobListener l) {
      listeners.add(l);
      return this;
    }

    /**
     * An observer of steps, tasks, retries, leases and schedule fires (metrics, traces); several
     * may be added.
     */
    public Builder observer(EngineObserver o) {
      observers.add(o);
      return this;
    }

    public Builder strategy(String name, DispatchStrategy s) {
      strategies.put(name, s);
      return this;
    }

    /** The time zone of schedules that name none (default UTC; Avtomatika's {@code TZ}). */
    public Builder zone(ZoneId z) {
      zone = z;
      return this;
    }

    /** How a schedule whose target is a scenario starts it (default: no scenarios). */
    public Builder scenarios(ScenarioStarter s) {
      scenarios = s;
      return this;
    }

    /** Limits per task type for every worker and robot (default none). */
    public Builder typeLimits(TypeLimits l) {
      typeLimits = l;
      return this;
    }

    public Engine build() {
      return new Engine(this);
    }
  }
}
