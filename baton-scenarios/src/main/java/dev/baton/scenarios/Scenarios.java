package dev.baton.scenarios;

import dev.baton.component.Event;
import dev.baton.duty.Duty;
import dev.baton.engine.BatonException;
import dev.baton.engine.Engine;
import dev.baton.engine.NewJob;
import dev.baton.expr.Expressions;
import dev.baton.job.Job;
import dev.baton.scenarios.condition.Conditions;
import dev.baton.scenarios.condition.Databases;
import dev.baton.scenarios.condition.Situation;
import dev.baton.scenarios.internal.ActionWorker;
import dev.baton.scenarios.internal.ScenarioJobs;
import dev.baton.scenarios.internal.ScenarioMeters;
import dev.baton.scenarios.internal.ScenarioViews;
import dev.baton.scenarios.internal.Tracks;
import dev.baton.scenarios.internal.Tracks.Track;
import dev.baton.scenarios.internal.Triggers;
import dev.baton.scenarios.internal.action.ActionFailure;
import dev.baton.scenarios.internal.action.ActionRunner;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs scenarios: every tick it walks them in priority order and starts those whose trigger fired,
 * within the limits (running, cooldown, max_executions, conditions, concurrency), as upstream's
 * {@code _check_scenarios} does. Every run is a job of the {@code scenario} blueprint on the
 * engine, executed by an in-process worker (see {@link ScenarioJobs}), so runs are stored, visible
 * in the jobs API and survive a restart.
 *
 * <p>The scheduler runs a scenario with {@link #run(String, Map)}; {@code EXECUTE_SCENARIO}, the
 * API and the {@code execute_scenario} action do too.
 */
public final class Scenarios implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Scenarios.class);

  private final Engine engine;
  private final Components components;
  private final OrchestratorConfig config;
  private final Clock clock;
  private final Conditions conditions;
  private final ActionRunner runner;
  private final ActionWorker worker;
  private final List<Scenario> scenarios;
  private final List<String> problems;
  private final Tracks tracks;
  private final ScenarioMeters meters = new ScenarioMeters();
  private @Nullable Duty ticker;
  // Whether this node runs the automatic checks: always alone; on a cluster only the node that
  // leads the scenarios duty, so that nodes sharing a store do not each start the same scenario.
  private volatile BooleanSupplier leads = () -> true;
  private boolean led = true;

  private Scenarios(
      Engine engine, Components components, OrchestratorConfig config, boolean builtin) {
    this.engine = engine;
    this.components = components;
    this.config = config;
    this.clock = engine.clock();
    ScenarioFiles.Loaded loaded = ScenarioFiles.load(builtin, config.scenariosDirectory());
    this.scenarios = loaded.scenarios();
    this.problems = loaded.problems();
    problems.forEach(p -> log.error("scenario skipped: {}", p));
    log.info(
        "loaded {} scenario(s): {}",
        scenarios.size(),
        scenarios.stream().map(Scenario::name).toList());
    this.tracks = new Tracks(engine, scenarios.stream().map(Scenario::name).toList());
    this.conditions = new Conditions(new Expressions(), new Databases(config.services()));
    this.runner =
        new ActionRunner(
            components, conditions, config, engine, this::startChild, this::snapshot, clock);
    this.worker = new ActionWorker(engine, runner, this::checkRun, meters);
    engine.register(ScenarioJobs.blueprint());
    tracks.recover();
    if (tracks.runningTotal() > 0) {
      worker.start(); // runs left by the previous process continue
    }
  }

  /**
   * Loads the scenarios (built-in ones when {@code builtin}, and the config's folder) and, unless
   * {@code tick} is null, starts the tick loop. The action worker starts with the first run (or at
   * once when the previous process left runs unfinished).
   */
  public static Scenarios start(
      Engine engine,
      Components components,
      OrchestratorConfig config,
      boolean builtin,
      @Nullable Duration tick) {
    return start(engine, components, config, builtin, tick, () -> true);
  }

  /**
   * Like {@link #start(Engine, Components, OrchestratorConfig, boolean, Duration)}, on a node that
   * runs the automatic checks only while {@code leads} says it leads them (see {@link #ledBy}),
   * from the first tick on.
   */
  public static Scenarios start(
      Engine engine,
      Components components,
      OrchestratorConfig config,
      boolean builtin,
      @Nullable Duration tick,
      BooleanSupplier leads) {
    Scenarios s = new Scenarios(engine, components, config, builtin).ledBy(leads);
    if (tick != null) {
      s.startTicking(tick);
    }
    return s;
  }

  /**
   * The blueprint of scenario runs. Register it before {@code engine.start()} so that the sweep of
   * a restarted engine can move runs left by the previous process even before scenarios load.
   */
  public static dev.baton.blueprint.Blueprint blueprint() {
    return ScenarioJobs.blueprint();
  }

  /**
   * Counts runs, actions, cooldown and error skips on {@code registry} (the {@code
   * baton_scenario_*} families). Call it once, right after {@link #start}.
   */
  public Scenarios meteredBy(MeterRegistry registry) {
    meters.bind(registry, scenarios);
    runner.onErrorSkip(meters::errorSkip);
    return this;
  }

  public List<Scenario> scenarios() {
    return scenarios;
  }

  /** The files that were skipped, each with its name and reason. */
  public List<String> problems() {
    return problems;
  }

  public Optional<Scenario> scenario(String name) {
    return scenarios.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  public Components components() {
    return components;
  }

  // ---- triggers

  /**
   * Runs the automatic checks only while {@code leads} says this node leads them (a cluster's
   * {@code scenarios} duty). A node that takes the lead over reads the runs in flight and the last
   * ends from the store first, since they may have been another node's. Manual runs, events and
   * ACKs are taken on any node.
   */
  Scenarios ledBy(BooleanSupplier leads) {
    this.leads = leads;
    return this;
  }

  /**
   * One pass of the scheduling loop (upstream's {@code _check_scenarios}); nothing on a node that
   * does not lead the scenarios (see {@link #ledBy}).
   */
  public synchronized void tick() {
    boolean leading = leads.getAsBoolean();
    if (!leading) {
      led = false;
      return;
    }
    if (!led) {
      led = true;
      tracks.recover(); // the runs the previous leader started
    }
    tracks.refresh();
    int total = tracks.runningTotal();
    if (total >= config.maxConcurrentScenarios()) {
      return;
    }
    List<ComponentStatus> clients = components.statuses();
    Map<String, Object> snapshot = snapshot();
    Instant now = clock.instant();
    for (Scenario s : scenarios) {
      Track t = track(s.name());
      Map<String, Object> trigger = Triggers.fired(s, t);
      if (trigger == null || !t.runs.isEmpty()) {
        continue;
      }
      if (Triggers.inCooldown(s, t, now)) {
        meters.cooldown(s.name());
        continue;
      }
      if (Triggers.blocked(s, t)) {
        continue;
      }
      Map<String, Object> context = new LinkedHashMap<>();
      context.put("trigger", trigger);
      try {
        Situation situation =
            new Situation(
                clients, ZonedDateTime.now(clock.withZone(config.zone())), snapshot, context);
        if (!conditions.test(s.condition(), situation)) {
          continue;
        }
      } catch (RuntimeException e) {
        log.warn("scenario '{}': conditions failed: {}", s.name(), e.getMessage());
        continue;
      }
      if (total >= s.maxConcurrentExecutions()) {
        continue;
      }
      if (!tracks.count(s.name(), s.maxExecutions())) {
        continue; // another node's run reached max_executions first
      }
      if (s.triggerType().equals(Scenario.EVENT)) {
        t.pendingEvent = null;
      }
      begin(s, t, trigger, context);
      meters.started(s.name(), s.triggerType());
      total++;
      if (total >= config.maxConcurrentScenarios()) {
        return;
      }
    }
  }

  /**
   * Runs a scenario now, whatever its trigger type and conditions: the scheduler's hook, and what
   * {@code EXECUTE_SCENARIO}, {@code POST /api/v1/scenarios/{name}/run} and {@code
   * execute_scenario} call. Counts toward max_executions.
   *
   * @param trigger what started it ({@code source}, {@code event_type}, {@code data}, ...), seen by
   *     templates as {@code trigger}
   * @return the run's job
   * @throws BatonException NOT_FOUND for an unknown scenario; CONFLICT when blocked by
   *     max_executions or already running max_concurrent_executions times
   */
  public synchronized Job run(String name, Map<String, Object> trigger) {
    tracks.refresh();
    Scenario s =
        scenario(name).orElseThrow(() -> BatonException.notFound("Scenario not found: " + name));
    Track t = track(name);
    if (Triggers.blocked(s, t)) {
      throw maxExecutionsReached(s);
    }
    if (t.runs.size() >= s.maxConcurrentExecutions()) {
      throw BatonException.conflict(
          "scenario '"
              + name
              + "' is already running (max_concurrent_executions "
              + s.maxConcurrentExecutions()
              + ")");
    }
    if (!tracks.count(name, s.maxExecutions())) {
      throw maxExecutionsReached(s); // another node's run counted first
    }
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("trigger", trigger);
    Job job = begin(s, t, trigger, context);
    meters.started(name, ScenarioMeters.DIRECT);
    return job;
  }

  private static BatonException maxExecutionsReached(Scenario s) {
    return BatonException.conflict(
        "scenario '"
            + s.name()
            + "' reached max_executions ("
            + s.maxExecutions()
            + "); send CMD_ACK, POST /api/v1/scenarios/ack or POST /api/v1/scenarios/"
            + s.name()
            + "/ack to reset");
  }

  private String startChild(String name, Map<String, Object> trigger) throws ActionFailure {
    try {
      return run(name, trigger).id();
    } catch (BatonException e) {
      throw new ActionFailure("execute_scenario: " + e.getMessage());
    }
  }

  /**
   * Asks for one run of a manual scenario at the next tick, within its limits (upstream's flag).
   */
  public synchronized void request(String name) {
    if (scenario(name).isEmpty()) {
      throw BatonException.notFound("Scenario not found: " + name);
    }
    track(name).manualRequested = true;
  }

  /**
   * An event arrived: event-triggered scenarios whose type and filter match run at the next tick.
   */
  public synchronized void onEvent(Event e) {
    Map<String, Object> trigger = Triggers.of(e);
    for (Scenario s : scenarios) {
      if (Triggers.awaits(s, trigger)) {
        track(s.name()).pendingEvent = trigger;
      }
    }
  }

  /**
   * CMD_ACK: resets every max_executions counter (in the store, for every node) and the
   * notification error counters.
   */
  public synchronized void ack() {
    tracks.resetExecutions();
    runner.resetFailures();
    log.info("ACK: scenario execution counters and notification error counters reset");
  }

  /**
   * The ACK of one scenario: its max_executions counter back to zero (in the store, for every
   * node); the other scenarios' counters and the notification error counters stay.
   *
   * @throws BatonException NOT_FOUND for an unknown scenario
   */
  public synchronized void ack(String name) {
    if (scenario(name).isEmpty()) {
      throw BatonException.notFound("Scenario not found: " + name);
    }
    tracks.resetExecutions(name);
    log.info("ACK: scenario '{}' execution counter reset", name);
  }

  /**
   * The job that runs scenario {@code name}, for a caller that creates it in its own transaction: a
   * schedule's fire, whose job, run record and next fire commit together. Such a run is the
   * schedule's: its overlap policy, not the scenario's limits, decides whether it starts.
   *
   * @return empty for an unknown scenario
   */
  public synchronized Optional<NewJob> jobFor(String name, Map<String, Object> trigger) {
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("trigger", trigger);
    Optional<Scenario> s = scenario(name);
    if (s.isPresent()) {
      worker.start(); // the run this job starts needs the action worker, as run() does
      meters.started(name, ScenarioMeters.SCHEDULE);
    }
    return s.map(sc -> ScenarioJobs.newRun(sc.name(), sc.actions(), trigger, context));
  }

  /** Starts a run that has been counted ({@link Tracks#count}). */
  private Job begin(Scenario s, Track t, Map<String, Object> trigger, Map<String, Object> context) {
    // The worker registers with the first run, so a Baton that runs no scenarios lists no extra
    // worker.
    worker.start();
    Job job = engine.createJob(ScenarioJobs.newRun(s.name(), s.actions(), trigger, context));
    t.runs.add(job.id());
    log.info("scenario '{}' started as job {} ({})", s.name(), job.id(), trigger.get("source"));
    return job;
  }

  private Track track(String name) {
    return tracks.of(name);
  }

  private synchronized void checkRun(String jobId) {
    tracks.refresh();
  }

  // ---- views

  /** The components and their states, for the control loop's snapshot. */
  public List<ComponentStatus> componentStates() {
    return components.statuses();
  }

  /**
   * What the {@code expression} condition sees as {@code data} (and {@code context}): {@code
   * clients} by name (fsm_state, error, error_message, group, state, reason), {@code
   * components_in_fault} and {@code now}.
   */
  public Map<String, Object> snapshot() {
    return ScenarioViews.snapshot(components.statuses(), clock);
  }

  /** Each scenario with its limits and counters, in priority order. */
  public synchronized List<Map<String, Object>> status() {
    tracks.refresh();
    List<Map<String, Object>> out = new ArrayList<>();
    for (Scenario s : scenarios) {
      Track t = track(s.name());
      out.add(ScenarioViews.status(s, t, Triggers.blocked(s, t)));
    }
    return out;
  }

  /** One scenario with its limits and counters (the executions as the store counts them now). */
  public synchronized Map<String, Object> status(Scenario s) {
    tracks.refresh();
    Track t = track(s.name());
    return ScenarioViews.status(s, t, Triggers.blocked(s, t));
  }

  /** Consecutive failures per notification action type. */
  public Map<String, Integer> actionFailures() {
    return runner.failureCounts();
  }

  /** A run as the API shows it: the job, its actions and their results, its context. */
  public static Map<String, Object> runView(Job j) {
    return ScenarioViews.run(j);
  }

  /** The newest runs of a scenario (or of all when name is null), at most {@code limit}. */
  public List<Map<String, Object>> runs(@Nullable String name, int limit) {
    return ScenarioViews.runs(engine, name, limit);
  }

  public Optional<Map<String, Object>> run(String jobId) {
    return ScenarioViews.run(engine, jobId);
  }

  // ---- life

  private synchronized void startTicking(Duration interval) {
    // A failing store must not end scenario checks: the duty logs it and ticks again.
    ticker =
        Duty.virtual(
            "baton-scenarios-tick",
            interval,
            () -> {
              tick();
              return interval;
            });
  }

  /** Stops ticking and the action worker; runs in flight continue after the next start. */
  @Override
  public void close() {
    Duty t = ticker;
    if (t != null) {
      t.close();
    }
    worker.close();
  }
}
