package dev.baton.fleet;

import dev.baton.engine.BatonException;
import dev.baton.engine.Engine;
import dev.baton.job.ErrorCode;
import dev.baton.job.Job;
import dev.baton.job.Task;
import dev.baton.job.TaskError;
import dev.baton.job.TaskResult;
import dev.baton.robot.FleetStore;
import dev.baton.robot.JobLog;
import dev.baton.robot.Robot;
import dev.baton.robot.RobotRun;
import dev.baton.robot.RobotStatus;
import dev.baton.worker.DispatchStrategy;
import dev.baton.worker.Worker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The robot fleet of one Baton process: the robots connected to it, the dispatcher that offers them
 * the engine's queued tasks, and the checks for silent robots, unanswered offers and runs past
 * their timeout. A robot is a worker that speaks another protocol: it is registered with the engine
 * as a worker, its tasks are leased through the store like any worker's, and its results complete
 * them through the engine with the usual fencing.
 *
 * <p>Wiring: the engine needs the fleet as its worker channel and job listener when it is built,
 * and the fleet needs the engine, so the fleet comes first:
 *
 * <pre>{@code
 * Fleet fleet = new Fleet(store, clock, FleetOptions.DEFAULTS);
 * Engine engine = Engine.builder(store).workerChannel(fleet::cancelTask)
 *     .listener(fleet::jobChanged).strategy("affinity", fleet.affinity()).build();
 * fleet.attach(engine).start();
 * }</pre>
 */
public final class Fleet implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Fleet.class);
  static final String DEFAULT_TYPE = RobotJob.DEFAULT_TASK_TYPE;

  private final FleetStore store;
  private final Clock clock;
  private final FleetOptions options;
  private final Map<String, RobotSession> byRobot = new ConcurrentHashMap<>();
  private final Set<RobotSession> sessions = ConcurrentHashMap.newKeySet();
  private final Semaphore wake = new Semaphore(0);
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Object dispatching = new Object();
  private final RobotProtocol protocol;
  private final FairShare fairShare = new FairShare();
  private @Nullable Engine engine;
  private @Nullable RobotJobs jobs;
  private final List<Thread> threads = new ArrayList<>();

  public Fleet(FleetStore store, Clock clock, FleetOptions options) {
    this.store = store;
    this.clock = clock;
    this.options = options;
    this.protocol = new RobotProtocol(this);
  }

  /** Gives the fleet its engine and registers the robot-job blueprint with it. */
  public Fleet attach(Engine e) {
    engine = e;
    e.register(RobotJobs.blueprint(options));
    jobs = new RobotJobs(e, store, options);
    return this;
  }

  /** Starts the dispatcher and the checks on virtual threads. */
  public Fleet start() {
    if (running.compareAndSet(false, true)) {
      threads.add(Thread.ofVirtual().name("baton-fleet-dispatch").start(this::dispatchLoop));
      threads.add(Thread.ofVirtual().name("baton-fleet-check").start(this::checkLoop));
    }
    return this;
  }

  public RobotJobs jobs() {
    return Objects.requireNonNull(jobs, "the fleet has no engine: call attach(engine) first");
  }

  Engine engine() {
    return Objects.requireNonNull(engine, "the fleet has no engine: call attach(engine) first");
  }

  FleetStore store() {
    return store;
  }

  FleetOptions options() {
    return options;
  }

  Instant now() {
    return clock.instant();
  }

  // ---- the transport's side

  /** A robot connected; it must {@code register} before anything else. */
  public RobotSession connect(RobotLink link) {
    RobotSession s = new RobotSession(link, now());
    sessions.add(s);
    return s;
  }

  /** A message from the robot. Never throws: a bad message is answered with {@code error}. */
  public void receive(RobotSession session, Envelope message) {
    protocol.receive(session, message);
  }

  /** Tells the robot its message could not be read (invalid JSON, no type). */
  public void refuse(RobotSession session, String code, String message) {
    session.link.send(Envelope.error(code, message, null, now()));
  }

  /** The connection closed: the robot is offline, its jobs re-queued or failed by policy. */
  public void disconnected(RobotSession session) {
    if (closed.get()) {
      // Our own shutdown closes the sockets: the jobs stay leased, and a robot that reconnects
      // to the next start keeps them (its heartbeat names them); one that does not loses them
      // when the lease runs out.
      return;
    }
    try {
      lose(session, "robot disconnected");
    } catch (RuntimeException e) {
      log.warn("could not hand back the jobs of a disconnected robot {}", session.robotId(), e);
    }
  }

  // ---- the engine's side

  /** The engine cancelled a task (job cancelled, or its deadline passed): tell the robot. */
  public void cancelTask(Task task) {
    String robotId = task.workerId();
    RobotSession s = robotId == null ? null : byRobot.get(robotId);
    if (s == null) {
      return;
    }
    RobotSession.Assignment a = s.assignment(task.jobId());
    if (a == null || !a.taskId().equals(task.id())) {
      return;
    }
    s.pending.remove(task.jobId());
    s.active.remove(task.jobId());
    s.link.send(
        Envelope.of(
            "job_cancel", Map.of("job_id", task.jobId(), "reason", "cancelled"), null, now()));
    finishRun(task.jobId(), "cancelled");
    wakeDispatcher();
  }

  /** A job changed: one that waits for a worker may have a task to offer. */
  public void jobChanged(Job job) {
    if (!job.status().isTerminal()) {
      wakeDispatcher();
    }
  }

  void wakeDispatcher() {
    if (wake.availablePermits() == 0) {
      wake.release();
    }
  }

  // ---- registry

  void registered(RobotSession session, Robot robot) {
    RobotSession old = byRobot.put(robot.id(), session);
    if (old != null && old != session) {
      // A reconnect: the new connection takes over what the old one held.
      session.active.putAll(old.active);
      session.pending.putAll(old.pending);
      old.pending.clear();
      old.active.clear();
      old.closed = true;
      sessions.remove(old);
      old.link.close(1000, "replaced by a new connection of the same robot");
    }
    session.robot = robot;
    wakeDispatcher();
  }

  /** Every robot the store knows, with live counts for those connected here. */
  public List<Robot> robots() {
    return store.robots().stream().map(this::live).toList();
  }

  public Optional<Robot> robot(String id) {
    return store.robot(id).map(this::live);
  }

  private Robot live(Robot stored) {
    RobotSession s = byRobot.get(stored.id());
    if (s == null || s.robot == null) {
      return stored;
    }
    Robot r = Objects.requireNonNull(s.robot);
    return r.withCurrentJobs(s.held()).withStatus(statusOf(s, r));
  }

  RobotStatus statusOf(RobotSession s, Robot r) {
    if (r.drained()) {
      return RobotStatus.MAINTENANCE;
    }
    if (r.status() == RobotStatus.ERROR || r.status() == RobotStatus.OFFLINE) {
      return r.status();
    }
    return s.held() >= r.maxConcurrentJobs() ? RobotStatus.BUSY : RobotStatus.ONLINE;
  }

  /**
   * Puts a robot into maintenance (drained: it finishes what it holds and gets nothing new) or
   * back. Stored, so it holds across reconnects and restarts.
   */
  public Robot drain(String robotId, boolean on) {
    Robot r =
        store
            .robot(robotId)
            .orElseThrow(() -> BatonException.notFound("Robot not found: " + robotId));
    Robot changed = r.withDrained(on).withStatus(on ? RobotStatus.MAINTENANCE : backOnline(r));
    store.putRobot(changed);
    if (engine().worker(robotId).isPresent()) {
      // The engine's own placement (a blueprint step with a strategy) must skip it too.
      String status = on ? "maintenance" : (byRobot.containsKey(robotId) ? "idle" : "offline");
      engine().heartbeat(robotId, Map.of("status", status));
    }
    RobotSession s = byRobot.get(robotId);
    if (s != null && s.robot != null) {
      s.robot = Objects.requireNonNull(s.robot).withDrained(on);
    }
    wakeDispatcher();
    return live(changed);
  }

  private RobotStatus backOnline(Robot r) {
    return byRobot.containsKey(r.id()) ? RobotStatus.ONLINE : RobotStatus.OFFLINE;
  }

  /**
   * Sends an operator's command to a connected robot: {@code pause} (no new jobs), {@code resume},
   * {@code shutdown} or {@code status_request}.
   */
  public void command(String robotId, String type, Map<String, Object> extra) {
    RobotSession s = byRobot.get(robotId);
    if (s == null) {
      throw BatonException.conflict("robot " + robotId + " is not connected");
    }
    switch (type) {
      case "pause" -> s.paused = true;
      case "resume" -> {
        s.paused = false;
        wakeDispatcher();
      }
      case "shutdown", "status_request" -> {}
      default ->
          throw BatonException.invalid(
              "unknown command '" + type + "'; expected pause, resume, shutdown or status_request");
    }
    Map<String, Object> payload = new LinkedHashMap<>(extra);
    payload.put("robot_id", robotId);
    s.link.send(Envelope.of(type, payload, null, now()));
  }

  /** A job's log, oldest first. */
  public List<JobLog> logs(String jobId, int offset, int limit) {
    return store.logs(jobId, offset, limit);
  }

  /** The run timeout of a job that names none. */
  public Duration jobsTimeout() {
    return options.defaultJobTimeout();
  }

  public boolean isConnected(String robotId) {
    return byRobot.containsKey(robotId);
  }

  // ---- dispatch

  private void dispatchLoop() {
    while (running.get()) {
      try {
        if (dispatch() == 0) {
          wake.tryAcquire(250, TimeUnit.MILLISECONDS);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (!running.get()) {
          return;
        }
        log.error("fleet dispatch failed; trying again", e);
        try {
          Thread.sleep(500);
        } catch (InterruptedException ie) {
          return;
        }
      }
    }
  }

  /**
   * One round: the queued tasks robots here can take, highest priority first, clients taking turns
   * within a priority, each offered to the robot its strategy picks among those that fit and have
   * room.
   *
   * @return how many tasks were offered
   */
  public int dispatch() {
    synchronized (dispatching) {
      Engine e = engine();
      Instant now = now();
      List<RobotSession> free = new ArrayList<>();
      Set<String> types = new LinkedHashSet<>();
      for (RobotSession s : byRobot.values()) {
        Robot r = s.robot;
        if (r != null && hasRoom(s, r)) {
          free.add(s);
          types.addAll(taskTypes(r));
        }
      }
      if (free.isEmpty()) {
        return 0;
      }
      int offered = 0;
      Map<String, Long> room = roomPerType(types);
      Set<String> rateSpent = new HashSet<>();
      Map<String, RobotSession> decided = new LinkedHashMap<>();
      for (Task t : fairShare.order(store.queuedTasks(types, now, options.dispatchWindow()))) {
        if (free.isEmpty()) {
          break;
        }
        Long left = room.get(t.type());
        if ((left != null && left <= 0) || rateSpent.contains(t.type())) {
          continue; // the type is at its concurrency or rate limit
        }
        Map<String, Object> route = route(t);
        List<RobotSession> fits = free.stream().filter(s -> fits(s, t, route, now)).toList();
        if (fits.isEmpty()) {
          continue;
        }
        RobotSession chosen = choose(e, t, route, fits);
        if (chosen == null) {
          continue;
        }
        if (!withinRate(e, t.type(), now)) {
          rateSpent.add(t.type());
          continue;
        }
        decided.put(t.id(), chosen);
        chosen.planned++;
        fairShare.served(t);
        if (left != null) {
          room.put(t.type(), left - 1);
        }
        Robot r = chosen.robot;
        if (r == null || !hasRoom(chosen, r)) {
          free.remove(chosen);
        }
      }
      // One write for the whole round: a task another node or a worker took first is skipped.
      Map<String, String> claims = new LinkedHashMap<>();
      decided.forEach(
          (taskId, session) -> claims.put(taskId, Objects.requireNonNull(session.robotId())));
      List<Task> claimed =
          claims.isEmpty()
              ? List.of()
              : store.claimTasks(claims, now.plus(e.options().workerTtl()));
      decided.values().forEach(session -> session.planned = 0);
      for (Task t : claimed) {
        RobotSession chosen = decided.get(t.id());
        if (chosen != null) {
          offer(chosen, t, now);
          offered++;
        }
      }
      return offered;
    }
  }

  /**
   * How many more tasks of each limited type may run, from the leased tasks in the store (so the
   * limit holds across nodes, restarts and retries).
   */
  private Map<String, Long> roomPerType(Set<String> types) {
    Map<String, Long> room = new HashMap<>();
    Set<String> limited = new LinkedHashSet<>(options.typeConcurrency().keySet());
    limited.retainAll(types);
    if (limited.isEmpty()) {
      return room;
    }
    Map<String, Long> running = store.leasedCounts(limited);
    for (String type : limited) {
      room.put(
          type, options.typeConcurrency().getOrDefault(type, 0) - running.getOrDefault(type, 0L));
    }
    return room;
  }

  /**
   * Uses one dispatch of the type's rate, counted in the store's quota table per window (so it
   * holds across nodes and restarts). A unit used for a claim that then loses a race is not given
   * back: the rate errs on the low side.
   */
  private boolean withinRate(Engine e, String type, Instant now) {
    FleetOptions.Rate rate = options.typeRates().get(type);
    if (rate == null) {
      return true;
    }
    long window = now.toEpochMilli() / rate.window().toMillis();
    return e.store().consumeQuota("robot-rate:" + type, Long.toString(window), rate.count()) >= 0;
  }

  private static boolean hasRoom(RobotSession s, Robot r) {
    return !s.closed
        && !s.paused
        && !r.drained()
        && r.status() != RobotStatus.ERROR
        && s.held() < r.maxConcurrentJobs();
  }

  private boolean fits(RobotSession s, Task t, Map<String, Object> route, Instant now) {
    Robot r = Objects.requireNonNull(s.robot);
    if (!taskTypes(r).contains(t.type())) {
      return false;
    }
    if (t.workerId() != null && !t.workerId().equals(r.id())) {
      return false; // placed by the engine on another worker
    }
    if (route.get("robot_id") instanceof String pinned && !pinned.equals(r.id())) {
      return false;
    }
    Instant refused = s.refusedUntil.get(t.jobId());
    if (refused != null && refused.isAfter(now)) {
      return false;
    }
    Map<String, Object> required =
        route.get("requirements") instanceof Map<?, ?> m ? stringKeys(m) : t.spec().requirements();
    return Engine.meetsRequirements(required, view(s, r));
  }

  private @Nullable RobotSession choose(
      Engine e, Task t, Map<String, Object> route, List<RobotSession> fits) {
    String name =
        route.get("strategy") instanceof String s && !s.isBlank()
            ? s
            : (t.spec().strategy().equals("default")
                ? options.defaultStrategy()
                : t.spec().strategy());
    DispatchStrategy strategy =
        e.strategy(name).or(() -> e.strategy(options.defaultStrategy())).orElse(null);
    Map<String, RobotSession> byId = new LinkedHashMap<>();
    List<Worker> views = new ArrayList<>();
    for (RobotSession s : fits) {
      Robot r = Objects.requireNonNull(s.robot);
      byId.put(r.id(), s);
      views.add(view(s, r));
    }
    if (strategy == null) {
      return fits.get(0);
    }
    return strategy.choose(t.spec(), views).map(w -> byId.get(w.id())).orElse(null);
  }

  /** The robot as the engine's strategies see a worker: its capabilities, tags and load. */
  Worker view(RobotSession s, Robot r) {
    Map<String, Object> info = new LinkedHashMap<>(r.capabilities());
    info.put("worker_id", r.id());
    info.put("status", hasRoom(s, r) ? "idle" : "busy");
    info.put("current_jobs", s.held());
    info.put("max_concurrent_jobs", r.maxConcurrentJobs());
    info.put("load", (double) s.held() / r.maxConcurrentJobs());
    info.put("tags", r.tags());
    info.put("capabilities", r.capabilities());
    info.put("environment", r.environment());
    Instant now = now();
    return new Worker(r.id(), taskTypes(r), info, r.registeredAt(), now, now.plusSeconds(60));
  }

  static Set<String> taskTypes(Robot r) {
    List<String> declared = RobotJob.strings(r.capabilities().get("task_types"));
    return declared.isEmpty() ? Set.of(DEFAULT_TYPE) : Set.copyOf(declared);
  }

  static Map<String, Object> route(Task t) {
    return t.spec().params().get(RobotJobs.ROUTE) instanceof Map<?, ?> m ? stringKeys(m) : Map.of();
  }

  static Map<String, Object> stringKeys(Map<?, ?> raw) {
    Map<String, Object> out = new LinkedHashMap<>();
    raw.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  private void offer(RobotSession s, Task t, Instant now) {
    Map<String, Object> params = t.spec().params();
    int timeout =
        params.get("timeout_seconds") instanceof Number n
            ? n.intValue()
            : (int) options.defaultJobTimeout().toSeconds();
    String workflowId = params.get("workflow_id") instanceof String w ? w : null;
    s.pending.put(
        t.jobId(), new RobotSession.Assignment(t.jobId(), t.id(), workflowId, timeout, now, null));
    Map<String, @Nullable Object> payload = new LinkedHashMap<>();
    payload.put("job_id", t.jobId());
    payload.put("workflow_id", workflowId != null ? workflowId : t.type());
    payload.put("workflow_name", params.get("workflow_name"));
    payload.put("workflow_json", params.get("workflow_json"));
    payload.put("priority", t.spec().priority());
    payload.put("timeout_seconds", timeout);
    payload.put(
        "parameters", params.get("parameters") instanceof Map<?, ?> p ? p : withoutRoute(params));
    s.link.send(Envelope.of("job_assign", nullable(payload), null, now));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> nullable(Map<String, @Nullable Object> m) {
    return (Map<String, Object>) (Map<String, ?>) m;
  }

  private static Map<String, Object> withoutRoute(Map<String, Object> params) {
    Map<String, Object> out = new LinkedHashMap<>(params);
    out.remove(RobotJobs.ROUTE);
    return out;
  }

  // ---- results, refusals and losses

  /** The robot accepted an offer: the job runs from now, and its timeout counts from now. */
  void accepted(RobotSession s, RobotSession.Assignment a) {
    Instant now = now();
    RobotSession.Assignment running = a.accepted(now);
    s.active.put(a.jobId(), running);
    s.pending.remove(a.jobId());
    store.putRun(
        RobotRun.accepted(
            a.jobId(), a.taskId(), Objects.requireNonNull(s.robotId()), a.workflowId(), now));
  }

  /** The robot refused an offer (or did not answer in time): the task goes back to the queue. */
  void refused(RobotSession s, RobotSession.Assignment a, String reason) {
    s.pending.remove(a.jobId());
    s.refusedUntil.put(a.jobId(), now().plus(options.rejectCooldown()));
    giveBack(s, a, reason);
    wakeDispatcher();
  }

  private void giveBack(RobotSession s, RobotSession.Assignment a, String reason) {
    try {
      engine().release(a.taskId(), s.robotId(), reason);
    } catch (BatonException e) {
      log.debug("task {} of job {} not given back: {}", a.taskId(), a.jobId(), e.getMessage());
    }
  }

  /** The robot reported the end of a run; returns the engine's refusal, if any. */
  void ended(RobotSession s, RobotSession.Assignment a, TaskResult result, String outcome) {
    s.active.remove(a.jobId());
    s.pending.remove(a.jobId());
    try {
      engine().complete(a.taskId(), s.robotId(), result);
    } finally {
      finishRun(a.jobId(), outcome);
      if (a.workflowId() != null) {
        store.countOutcome(
            Objects.requireNonNull(s.robotId()), a.workflowId(), "completed".equals(outcome));
      }
      wakeDispatcher();
    }
  }

  private void finishRun(String jobId, String outcome) {
    store.run(jobId).ifPresent(r -> store.putRun(r.finished(outcome, now())));
  }

  /** The robot is gone: offline in the registry, its jobs re-queued or failed by policy. */
  void lose(RobotSession s, String reason) {
    if (closed.get()) {
      return; // shutting down: see disconnected()
    }
    s.closed = true;
    sessions.remove(s);
    Robot r = s.robot;
    if (r == null || !byRobot.remove(r.id(), s)) {
      return;
    }
    List<RobotSession.Assignment> held = new ArrayList<>(s.pending.values());
    held.addAll(s.active.values());
    s.pending.clear();
    s.active.clear();
    for (RobotSession.Assignment a : held) {
      if (options.requeueLostJobs()) {
        giveBack(s, a, reason);
        finishRunQuietly(a.jobId());
      } else {
        try {
          engine()
              .complete(
                  a.taskId(),
                  r.id(),
                  TaskResult.failure(
                      new TaskError(
                          ErrorCode.PERMANENT_ERROR, "robot " + r.id() + " lost: " + reason)));
        } catch (BatonException e) {
          log.debug("job {} of lost robot {}: {}", a.jobId(), r.id(), e.getMessage());
        }
        finishRun(a.jobId(), "failed");
      }
    }
    store
        .robot(r.id())
        .ifPresent(
            stored -> store.putRobot(stored.withStatus(RobotStatus.OFFLINE).withCurrentJobs(0)));
    try {
      engine().heartbeat(r.id(), Map.of("status", "offline", "current_jobs", 0));
    } catch (BatonException e) {
      log.debug("robot {} unknown to the engine: {}", r.id(), e.getMessage());
    }
    log.info(
        "robot {} is offline ({}); {} job(s) {}",
        r.id(),
        reason,
        held.size(),
        options.requeueLostJobs() ? "re-queued" : "failed");
    wakeDispatcher();
  }

  /** A re-queued job's old run is over; a new one starts when a robot accepts it. */
  private void finishRunQuietly(String jobId) {
    store
        .run(jobId)
        .filter(run -> run.outcome() == null)
        .ifPresent(run -> store.putRun(run.finished("requeued", now())));
  }

  // ---- checks

  private void checkLoop() {
    while (running.get()) {
      try {
        check();
        Thread.sleep(options.checkInterval());
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (!running.get()) {
          return;
        }
        log.error("fleet check failed; trying again", e);
      }
    }
  }

  /**
   * One round of checks: robots silent past the stale timeout are lost, offers unanswered past the
   * accept timeout are refused, runs past their timeout are stopped (the job is marked {@code
   * timeout} and the robot gets {@code job_cancel}). Tests call this with a manual clock.
   *
   * @return how many robots and jobs it acted on
   */
  public int check() {
    Instant now = now();
    int acted = 0;
    for (RobotSession s : List.copyOf(sessions)) {
      if (s.robot == null) {
        continue;
      }
      if (s.lastHeard.plus(options.staleTimeout()).isBefore(now)) {
        lose(s, "no heartbeat for more than " + options.staleTimeout().toSeconds() + " s");
        s.link.close(1001, "stale: no heartbeat");
        acted++;
        continue;
      }
      for (RobotSession.Assignment a : List.copyOf(s.pending.values())) {
        if (!a.sentAt().plus(options.acceptTimeout()).isAfter(now)) {
          refused(s, a, "Response timeout");
          acted++;
        }
      }
      for (RobotSession.Assignment a : List.copyOf(s.active.values())) {
        Instant accepted = a.acceptedAt();
        if (accepted != null && !accepted.plusSeconds(a.timeoutSeconds()).isAfter(now)) {
          timeOut(s, a);
          acted++;
        }
      }
    }
    for (Robot r : store.robots()) {
      if (!byRobot.containsKey(r.id())
          && r.status() != RobotStatus.OFFLINE
          && r.status() != RobotStatus.MAINTENANCE
          && (r.lastHeartbeat() == null
              || r.lastHeartbeat().plus(options.staleTimeout()).isBefore(now))) {
        store.putRobot(r.withStatus(RobotStatus.OFFLINE).withCurrentJobs(0));
        acted++;
      }
    }
    return acted;
  }

  private void timeOut(RobotSession s, RobotSession.Assignment a) {
    s.link.send(
        Envelope.of(
            "job_cancel",
            Map.of("job_id", a.jobId(), "reason", "timeout after " + a.timeoutSeconds() + " s"),
            null,
            now()));
    try {
      ended(s, a, TaskResult.failure(TaskError.transientError(Engine.TIMED_OUT)), "timeout");
    } catch (BatonException e) {
      log.debug("timeout of job {} not applied: {}", a.jobId(), e.getMessage());
    }
  }

  // ---- dashboard and affinity

  /** CasareRPA's DashboardMetrics, counted from the store; "today" is the UTC day. */
  public Map<String, Object> dashboard() {
    long running = 0;
    for (RobotSession s : byRobot.values()) {
      running += s.active.size();
    }
    return Dashboard.metrics(engine(), store, robots(), running, now());
  }

  /**
   * CasareRPA's {@code affinity}: the robot with most successes for the task's workflow, else the
   * least loaded. Register it with {@code Engine.Builder.strategy("affinity", fleet.affinity())}.
   */
  public DispatchStrategy affinity() {
    return new Affinity(store);
  }

  @Override
  public void close() {
    closed.set(true);
    running.set(false);
    for (Thread t : threads) {
      t.interrupt();
      try {
        t.join(Duration.ofSeconds(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    threads.clear();
  }
}
