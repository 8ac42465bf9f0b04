package dev.baton.fleet;

import dev.baton.duty.Duty;
import dev.baton.engine.Engine;
import dev.baton.engine.EngineObserver;
import dev.baton.job.Task;
import dev.baton.robot.Robot;
import dev.baton.worker.DispatchStrategy;
import dev.baton.worker.Worker;
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
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Offers the engine's queued tasks to the robots connected here: each round claims, in one write,
 * the tasks the free robots can take and sends each its {@code job_assign}. Runs as a duty that
 * waits a quarter second between idle rounds, or less when {@link #wake()} says there may be work
 * (a job changed, a robot registered, freed room or resumed).
 */
final class Dispatcher implements AutoCloseable {
  private static final Duration IDLE = Duration.ofMillis(250);
  private static final Duration AFTER_FAILURE = Duration.ofMillis(500);

  private final Attached at;
  private final Sessions sessions;
  private final Deployments deployments;
  private final FairShare fairShare;
  private final QueueWindow window;
  private final Object dispatching = new Object();
  private volatile @Nullable Duty duty;

  /** The last round lost claims (tasks taken meanwhile): the next one starts at once. */
  private volatile boolean again;

  Dispatcher(Attached at, Sessions sessions, Deployments deployments) {
    this.deployments = deployments;
    this.at = at;
    this.sessions = sessions;
    this.window = new QueueWindow(at.store()::queuedTasks, at.options().dispatchWindow(), IDLE);
    this.fairShare = new FairShare(at.engine().counters());
  }

  void start() {
    duty =
        Duty.virtual(
            "baton-fleet-dispatch",
            AFTER_FAILURE,
            () -> round() == 0 && !again ? IDLE : Duration.ZERO);
  }

  /** New tasks may be queued (a job changed, another process queued some): read the queue again. */
  void workQueued() {
    window.stale();
    wake();
  }

  /** There may be work: the next round starts now (or right after the current one). */
  void wake() {
    Duty d = duty;
    if (d != null) {
      d.wake();
    }
  }

  /**
   * One round: the queued tasks robots here can take, highest priority first, clients taking turns
   * within a priority, each offered to the robot its strategy picks among those that fit and have
   * room.
   *
   * @return how many tasks were offered
   */
  int round() {
    synchronized (dispatching) {
      Engine e = at.engine();
      Instant now = at.now();
      List<RobotSession> free = new ArrayList<>();
      Set<String> types = new LinkedHashSet<>();
      int wanted = 0;
      for (RobotSession s : sessions.registered()) {
        if (s.hasRoom()) {
          free.add(s);
          types.addAll(RobotJobs.taskTypes(s.registered()));
          wanted += s.registered().maxConcurrentJobs() - s.held();
        }
      }
      again = false;
      if (free.isEmpty()) {
        return 0;
      }
      // The engine's limits per type, the same for HTTP workers, counted in the store.
      Map<String, Long> room = e.typeRoom(types);
      Set<String> rateSpent = new HashSet<>();
      Map<String, RobotSession> decided = new LinkedHashMap<>();
      // Read once a round per workflow version: the robots a deployed-only job may go to.
      Map<String, Set<String>> deployed = new HashMap<>();
      List<Task> queued = window.tasks(types, now, wanted);
      for (Task t : fairShare.order(queued)) {
        if (free.isEmpty()) {
          break;
        }
        Long left = room.get(t.type());
        if ((left != null && left <= 0) || rateSpent.contains(t.type())) {
          continue; // the type is at its concurrency or rate limit
        }
        Map<String, Object> route = RobotJobs.route(t);
        Set<String> allowed = deployedRobots(route, deployed);
        List<RobotSession> fits =
            free.stream()
                .filter(s -> fits(s, t, route, now))
                .filter(s -> allowed == null || allowed.contains(s.registered().id()))
                .toList();
        if (fits.isEmpty()) {
          continue;
        }
        RobotSession chosen = choose(e, t, route, fits, now);
        if (chosen == null) {
          continue;
        }
        if (!e.takeTypeRate(t.type(), now)) {
          rateSpent.add(t.type());
          continue;
        }
        decided.put(t.id(), chosen);
        chosen.plan();
        if (left != null) {
          room.put(t.type(), left - 1);
        }
        if (!chosen.hasRoom()) {
          free.remove(chosen);
        }
      }
      if (decided.isEmpty() && !queued.isEmpty()) {
        window.stale(); // what it holds fits no free robot now: the next round reads afresh
      }
      return claimAndOffer(e, decided, types, now);
    }
  }

  /**
   * One write for the whole round: a task another node or a worker took first is skipped, and so is
   * one whose type reached its concurrency limit meanwhile (the claim holds the limits as caps, in
   * its transaction: the room read at the round's start may be stale across nodes).
   */
  private int claimAndOffer(
      Engine e, Map<String, RobotSession> decided, Set<String> types, Instant now) {
    Map<String, String> claims = new LinkedHashMap<>();
    decided.forEach(
        (taskId, session) -> claims.put(taskId, Objects.requireNonNull(session.robotId())));
    List<Task> claimed =
        claims.isEmpty()
            ? List.of()
            : at.store().claimTasks(claims, now.plus(e.options().workerTtl()), e.typeCaps(types));
    decided.values().forEach(RobotSession::endPlan);
    e.carryLeased(claimed);
    fairShare.served(claimed);
    window.gone(decided.keySet()); // handed out now, or taken by someone else first
    if (claimed.size() < decided.size()) {
      window.stale();
      again = true;
    }
    EngineObserver observer = e.observer();
    int offered = 0;
    for (Task t : claimed) {
      RobotSession chosen = decided.get(t.id());
      if (chosen != null) {
        // Counted as a worker's poll is: dispatched, its queue wait, and its run from here on.
        observer.taskLeased(t, now);
        offer(chosen, t, now);
        offered++;
      }
    }
    return offered;
  }

  /**
   * For a job of a workflow that asks for deployed robots ({@code route.deployed}), the robots that
   * have its version deployed; null for any robot.
   */
  private @Nullable Set<String> deployedRobots(
      Map<String, Object> route, Map<String, Set<String>> cache) {
    if (!(route.get("deployed") instanceof Map<?, ?> d)
        || !(d.get("workflow_id") instanceof String workflow)
        || !(d.get("version") instanceof Number version)) {
      return null;
    }
    return cache.computeIfAbsent(
        workflow + "@" + version, k -> deployments.deployedRobots(workflow, version.intValue()));
  }

  private static boolean fits(RobotSession s, Task t, Map<String, Object> route, Instant now) {
    Robot r = s.registered();
    if (!RobotJobs.taskTypes(r).contains(t.type())) {
      return false;
    }
    if (t.workerId() != null && !t.workerId().equals(r.id())) {
      return false; // placed by the engine on another worker
    }
    if (route.get("robot_id") instanceof String pinned && !pinned.equals(r.id())) {
      return false;
    }
    if (s.refuses(t.jobId(), now)) {
      return false;
    }
    Map<String, Object> required =
        route.get("requirements") instanceof Map<?, ?> m
            ? RobotJob.stringKeys(m)
            : t.spec().requirements();
    return Engine.meetsRequirements(required, s.asWorker(now));
  }

  private @Nullable RobotSession choose(
      Engine e, Task t, Map<String, Object> route, List<RobotSession> fits, Instant now) {
    String fallback = at.options().defaultStrategy();
    String name =
        route.get("strategy") instanceof String s && !s.isBlank()
            ? s
            : (t.spec().strategy().equals("default") ? fallback : t.spec().strategy());
    DispatchStrategy strategy = e.strategy(name).or(() -> e.strategy(fallback)).orElse(null);
    Map<String, RobotSession> byId = new LinkedHashMap<>();
    List<Worker> views = new ArrayList<>();
    for (RobotSession s : fits) {
      byId.put(s.registered().id(), s);
      views.add(s.asWorker(now));
    }
    if (strategy == null) {
      return fits.get(0);
    }
    return strategy.choose(t.spec(), views).map(w -> byId.get(w.id())).orElse(null);
  }

  private void offer(RobotSession s, Task t, Instant now) {
    RobotSession.Assignment a = RobotSession.Assignment.of(t, at.options(), now, null);
    s.offer(a);
    Map<String, Object> params = t.spec().params();
    Map<String, @Nullable Object> payload = new LinkedHashMap<>();
    payload.put("job_id", t.jobId());
    payload.put("workflow_id", a.workflowId() != null ? a.workflowId() : t.type());
    payload.put("workflow_name", params.get("workflow_name"));
    payload.put("workflow_json", params.get("workflow_json"));
    payload.put("priority", t.spec().priority());
    payload.put("timeout_seconds", a.timeoutSeconds());
    payload.put(
        "parameters", params.get("parameters") instanceof Map<?, ?> p ? p : withoutRoute(params));
    String traceparent = handOutTrace(s, t);
    if (traceparent != null) {
      payload.put("traceparent", traceparent); // the robot's run continues the hand-out's trace
    }
    s.send(Envelope.of("job_assign", nullable(payload), null, now));
  }

  /** The hand-out as a span of the job's trace; its context, or null when nothing is traced. */
  private @Nullable String handOutTrace(RobotSession s, Task t) {
    EngineObserver observer = at.engine().observer();
    if (!observer.tracesHandOuts()) {
      return null; // no tracer: the job need not be read
    }
    String robot = String.valueOf(s.robotId());
    return at.engine()
        .job(t.jobId())
        .map(j -> observer.handedOut(j, t, "baton.robot.id", robot))
        .orElse(null);
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

  @Override
  public void close() {
    Duty d = duty;
    if (d != null) {
      d.close();
    }
  }
}
