package dev.baton.fleet;

import dev.baton.engine.BatonException;
import dev.baton.engine.Engine;
import dev.baton.job.Job;
import dev.baton.job.Task;
import dev.baton.job.TaskStatus;
import dev.baton.robot.FleetStore;
import dev.baton.robot.JobLog;
import dev.baton.robot.Robot;
import dev.baton.robot.RobotStatus;
import dev.baton.worker.DispatchStrategy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The robot fleet of one Baton process: the robots connected to it ({@link Sessions}), the {@link
 * Dispatcher} that offers them the engine's queued tasks, the {@link Handovers} of jobs between
 * robots and the engine, and the {@link Watchdog} for silent robots, unanswered offers and runs
 * past their timeout; {@link RobotProtocol} reads the robots' messages. A robot is a worker that
 * speaks another protocol: it is registered with the engine as a worker, its tasks are leased
 * through the store like any worker's, and its results complete them through the engine with the
 * usual fencing.
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

  private final FleetStore store;
  private final Clock clock;
  private final FleetOptions options;
  private final StoredWorkflows workflows;
  private final Sessions sessions = new Sessions();
  private final RobotLogs robotLogs = new RobotLogs();
  private volatile @Nullable Parts parts;

  /** The fleet's working parts, made when it is attached to its engine. */
  private record Parts(
      Attached at,
      RobotJobs jobs,
      Dispatcher dispatcher,
      Handovers handovers,
      Reconnects reconnects,
      Commands commands,
      Watchdog watchdog,
      RobotProtocol protocol,
      Deployments deployments) {}

  public Fleet(FleetStore store, Clock clock, FleetOptions options) {
    this(store, clock, options, StoredWorkflows.NONE);
  }

  /**
   * A fleet whose robot jobs may name a stored workflow ({@code workflow_id} only: its published
   * content travels in {@code job_assign}) and whose workflows can be deployed to robots.
   */
  public Fleet(FleetStore store, Clock clock, FleetOptions options, StoredWorkflows workflows) {
    this.store = store;
    this.clock = clock;
    this.options = options;
    this.workflows = workflows;
  }

  /** Gives the fleet its engine and registers the robot-job blueprint with it. */
  public Fleet attach(Engine e) {
    e.register(RobotJobs.blueprint(options));
    Attached at = new Attached(store, e, options, clock);
    RobotJobs jobs = new RobotJobs(e, store, store, options, workflows);
    Deployments deployments = new Deployments(store, store, workflows, clock);
    Dispatcher dispatcher = new Dispatcher(at, sessions, deployments);
    Handovers handovers = new Handovers(at, sessions, dispatcher::wake);
    Reconnects reconnects = new Reconnects(at, sessions, handovers);
    Commands commands = new Commands(at, sessions, dispatcher::wake);
    parts =
        new Parts(
            at,
            jobs,
            dispatcher,
            handovers,
            reconnects,
            commands,
            new Watchdog(at, sessions, handovers, reconnects, commands),
            new RobotProtocol(
                at, sessions, handovers, dispatcher::wake, jobs, deployments, robotLogs, commands),
            deployments);
    return this;
  }

  /** Starts the dispatcher and the watchdog, each a duty on a virtual thread. */
  public Fleet start() {
    Parts p = parts();
    p.dispatcher().start();
    p.watchdog().start();
    return this;
  }

  private Parts parts() {
    return Objects.requireNonNull(parts, "the fleet has no engine: call attach(engine) first");
  }

  public RobotJobs jobs() {
    return parts().jobs();
  }

  /** Deploying stored workflows to robots. */
  public Deployments deployments() {
    return parts().deployments();
  }

  // ---- the transport's side

  /** A robot connected; it must {@code register} before anything else. */
  public RobotSession connect(RobotLink link) {
    return sessions.connect(link, clock.instant());
  }

  /** A message from the robot. Never throws: a bad message is answered with {@code error}. */
  public void receive(RobotSession session, Envelope message) {
    parts().protocol().receive(session, message);
  }

  /** Tells the robot its message could not be read (invalid JSON, no type). */
  public void refuse(RobotSession session, String code, String message) {
    session.send(Envelope.error(code, message, null, clock.instant()));
  }

  /**
   * The connection closed: the robot is offline, its offers re-queued or failed by policy; its
   * running jobs stay leased to it for the reconnect grace ({@link Reconnects}), so that it keeps
   * them if it reconnects here or to another node.
   */
  public void disconnected(RobotSession session) {
    Parts p = parts;
    if (p == null || p.handovers().stopped()) {
      return; // our own shutdown closes the sockets: see Handovers.stop()
    }
    try {
      p.reconnects().dropped(session);
    } catch (RuntimeException e) {
      log.warn("could not hand back the jobs of a disconnected robot {}", session.robotId(), e);
    }
  }

  // ---- the engine's side

  /** The engine cancelled a task (job cancelled, or its deadline passed): tell the robot. */
  public void cancelTask(Task task) {
    Parts p = parts;
    if (p != null) {
      p.handovers().cancelled(task);
    }
  }

  /** A job changed: one that waits for a worker may have a task to offer. */
  public void jobChanged(Job job) {
    Parts p = parts;
    if (p != null && !job.status().isTerminal()) {
      p.dispatcher().workQueued();
    }
  }

  /** Another process sharing the store queued tasks: some may be for robots connected here. */
  public void tasksQueuedElsewhere() {
    Parts p = parts;
    if (p != null) {
      p.dispatcher().workQueued();
    }
  }

  /**
   * Another process sharing the store cancelled tasks: those that robots connected here hold are
   * cancelled on the robots, as a cancel made here would be. Each held task is read once; a task
   * still held here and not cancelled is left alone.
   */
  public void tasksCancelledElsewhere() {
    Parts p = parts;
    if (p == null) {
      return;
    }
    for (RobotSession s : sessions.open()) {
      List<RobotSession.Assignment> held = new ArrayList<>(s.offers());
      held.addAll(s.runs());
      for (RobotSession.Assignment a : held) {
        p.at()
            .engine()
            .task(a.taskId())
            .filter(t -> t.status() == TaskStatus.CANCELLED)
            .ifPresent(t -> p.handovers().cancelled(t));
      }
    }
  }

  /**
   * Another node changed robots (an operator drained one or ended its drain, or queued a command):
   * each robot connected here takes its drain from the store, so the dispatcher here offers it
   * nothing while drained, and the commands waiting for robots here are sent.
   */
  public void robotsChangedElsewhere() {
    Parts p = parts;
    if (p == null) {
      return;
    }
    boolean changed = false;
    for (RobotSession s : sessions.registered()) {
      Robot live = s.robot();
      Robot stored = store.robot(s.registered().id()).orElse(null);
      if (live != null && stored != null && live.drained() != stored.drained()) {
        s.update(live.withDrained(stored.drained()));
        changed = true;
      }
    }
    if (changed) {
      p.dispatcher().wake();
    }
    p.commands().deliverWaiting();
  }

  // ---- the registry and operators' commands

  /** Every robot the store knows, with live counts for those connected here. */
  public List<Robot> robots() {
    return store.robots().stream().map(sessions::live).toList();
  }

  public Optional<Robot> robot(String id) {
    return store.robot(id).map(sessions::live);
  }

  public boolean isConnected(String robotId) {
    return sessions.isConnected(robotId);
  }

  /**
   * Puts a robot into maintenance (drained: it finishes what it holds and gets nothing new) or
   * back. Stored, so it holds across reconnects and restarts.
   */
  public Robot drain(String robotId, boolean on) {
    Parts p = parts();
    Robot r =
        store
            .robot(robotId)
            .orElseThrow(() -> BatonException.notFound("Robot not found: " + robotId));
    RobotStatus back = isConnected(robotId) ? RobotStatus.ONLINE : RobotStatus.OFFLINE;
    Robot changed = r.withDrained(on).withStatus(on ? RobotStatus.MAINTENANCE : back);
    // The node the robot is connected to may be another one: it applies the drain when told.
    store.putRobotForAll(changed);
    Engine e = p.at().engine();
    if (e.worker(robotId).isPresent()) {
      // The engine's own placement (a blueprint step with a strategy) must skip it too.
      String status = on ? "maintenance" : (isConnected(robotId) ? "idle" : "offline");
      e.heartbeat(robotId, Map.of("status", status));
    }
    RobotSession s = sessions.of(robotId);
    Robot live = s == null ? null : s.robot();
    if (s != null && live != null) {
      s.update(live.withDrained(on));
    }
    p.dispatcher().wake();
    return sessions.live(changed);
  }

  /**
   * Sends an operator's command to a robot wherever it is connected: {@code pause} (no new jobs),
   * {@code resume}, {@code shutdown} or {@code status_request}.
   *
   * @return true when sent to the robot from here, false when queued for the node it is connected
   *     to, which sends it within a few milliseconds (its wake-up) or its next fleet check
   * @throws BatonException INVALID for an unknown command, NOT_FOUND for an unknown robot, CONFLICT
   *     for a robot connected nowhere
   */
  public boolean command(String robotId, String type, Map<String, Object> extra) {
    return parts().commands().send(robotId, type, extra);
  }

  /**
   * The jobs a robot connected here holds, by job id: {@code offered} (sent, not yet answered) or
   * {@code running} (accepted). Empty for a robot not connected here.
   */
  public Map<String, String> held(String robotId) {
    RobotSession s = sessions.of(robotId);
    Map<String, String> out = new LinkedHashMap<>();
    if (s != null) {
      s.runs().forEach(a -> out.put(a.jobId(), "running"));
      s.offers().forEach(a -> out.putIfAbsent(a.jobId(), "offered"));
    }
    return out;
  }

  /**
   * The newest log lines (at most 200) a robot sent while connected to this process, oldest first;
   * kept in memory, so empty after a restart (each job's lines stay in the store: {@link #logs}).
   */
  public List<JobLog> robotLogs(String robotId) {
    return robotLogs.of(robotId);
  }

  /** A job's log, oldest first. */
  public List<JobLog> logs(String jobId, int offset, int limit) {
    return store.logs(jobId, offset, limit);
  }

  /** A job's newest {@code limit} log lines, oldest first. */
  public List<JobLog> newestLogs(String jobId, int limit) {
    return store.newestLogs(jobId, limit);
  }

  /** The run timeout of a job that names none. */
  public Duration jobsTimeout() {
    return options.defaultJobTimeout();
  }

  // ---- rounds, for tests on a manual clock

  /**
   * One dispatch round (see {@link Dispatcher#round()}).
   *
   * @return how many tasks were offered
   */
  public int dispatch() {
    return parts().dispatcher().round();
  }

  /**
   * One round of checks: robots silent past the stale timeout are lost, offers unanswered past the
   * accept timeout are refused, runs past their timeout are stopped (the job is marked {@code
   * timeout} and the robot gets {@code job_cancel}).
   *
   * @return how many robots and jobs it acted on
   */
  public int check() {
    return parts().watchdog().check();
  }

  /** How long the watchdog waits after a round: until the next deadline, at most {@code every}. */
  Duration untilNextCheck(Duration every) {
    return parts().watchdog().untilDue(clock.instant(), every);
  }

  // ---- dashboard and affinity

  /** CasareRPA's DashboardMetrics, counted from the store; "today" is the UTC day. */
  public Map<String, Object> dashboard() {
    long running = 0;
    for (RobotSession s : sessions.registered()) {
      running += s.runCount();
    }
    return Dashboard.metrics(parts().at().engine(), store, robots(), running, clock.instant());
  }

  /**
   * CasareRPA's {@code affinity}: the robot with most successes for the task's workflow, else the
   * least loaded. Register it with {@code Engine.Builder.strategy("affinity", fleet.affinity())}.
   */
  public DispatchStrategy affinity() {
    return new Affinity(store);
  }

  /** Stops the dispatcher and the watchdog; the robots' jobs stay leased (see Handovers.stop). */
  @Override
  public void close() {
    Parts p = parts;
    if (p == null) {
      return;
    }
    p.handovers().stop();
    p.dispatcher().close();
    p.watchdog().close();
  }
}
