package dev.baton.loop;

import dev.baton.cluster.Leadership;
import dev.baton.duty.Duty;
import dev.baton.engine.Engine;
import dev.baton.ledger.Ledger;
import dev.baton.loop.Assessment.RuleError;
import dev.baton.loop.internal.Actions;
import dev.baton.loop.internal.Alert;
import dev.baton.loop.internal.Decider;
import dev.baton.loop.internal.Journal;
import dev.baton.loop.internal.LoopMeters;
import dev.baton.loop.internal.RuleSet;
import dev.baton.loop.internal.RulesFile;
import dev.baton.loop.internal.Sections;
import dev.baton.loop.internal.Snapshot;
import dev.baton.store.Change;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Baton's autonomous control loop. Each cycle builds a snapshot of the system (one section per
 * {@link SnapshotSource}), scores its health and evaluates the rules file on it (see {@link
 * Decider}), runs the chosen actions one by one in priority order, and writes the cycle, every
 * action and its outcome to the ledger, with the snapshot values each rule read.
 *
 * <pre>{@code
 * ControlLoop loop = ControlLoop.builder(engine, store.ledger())
 *     .rulesFile(Path.of("rules.yaml"))          // default: the built-in rules
 *     .source(schedulesSection)                  // a feature's section of the snapshot
 *     .action(LoopAction.of("pause_schedule", r -> ...))
 *     .build();
 * loop.enable("app");   // a cycle every interval, on a virtual thread
 * loop.runOnce();       // or one cycle now, as tests do
 * }</pre>
 *
 * <p>Cycles never overlap: a manual one waits for a running timer cycle to end. A cycle that fails
 * (the store is down) is written to the ledger as {@code orchestrator.cycle_error} when it can be,
 * and the timer goes on with the next one. One loop per process: on several Baton nodes sharing a
 * database, enable it on one of them, or each node acts on the same snapshot.
 */
public final class ControlLoop implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ControlLoop.class);

  /**
   * Sections rules may always name; those no source provides are empty maps, so a rule about robots
   * or schedules waits harmlessly until that feature is wired in.
   */
  public static final List<String> WELL_KNOWN_SECTIONS =
      List.of(
          "jobs", "queue", "workers", "failures", "ledger", "schedules", "robots", "components");

  private static final List<String> RESERVED = List.of("system", "timestamp", "item");
  private static final String DEFAULT_RULES = "default-rules.yaml";

  private final Journal journal;
  private final @Nullable Leadership leadership;
  private final @Nullable Journal fenced;
  private final Clock clock;
  private final Duration interval;
  private final RuleSet rules;
  private final Decider decider;
  private final Map<String, SnapshotSource> sources;
  private final Map<String, LoopAction> actions;
  private final ReentrantLock cycleLock = new ReentrantLock();
  private final Map<String, Instant> lastFired = new ConcurrentHashMap<>();
  private final AtomicLong cycles = new AtomicLong();
  private final LoopMeters meters;
  private @Nullable Duty timer;

  private ControlLoop(
      Builder b,
      RuleSet rules,
      Map<String, SnapshotSource> sources,
      Map<String, LoopAction> actions) {
    this.clock = b.clock != null ? b.clock : b.engine.clock();
    this.journal = new Journal(b.ledger, clock);
    this.leadership = b.leadership;
    Leadership l = b.leadership;
    this.fenced =
        l == null
            ? null
            : new Journal(
                e -> l.commit(Leadership.CONTROL_LOOP, Change.builder().ledger(e)), clock);
    this.interval = b.interval;
    this.rules = rules;
    this.decider = new Decider(rules);
    this.sources = sources;
    this.actions = Map.copyOf(actions);
    this.meters = b.registry != null ? LoopMeters.on(b.registry, rules) : LoopMeters.NONE;
  }

  public static Builder builder(Engine engine, Ledger ledger) {
    return new Builder(engine, ledger);
  }

  public Duration interval() {
    return interval;
  }

  /** The rules file in use, by name. */
  public String rulesFile() {
    return rules.file();
  }

  /** The snapshot as the next cycle would see it, with {@code system} (health) computed. */
  public Map<String, Object> snapshot() {
    Map<String, Object> snapshot = build(clock.instant());
    decider.assess(snapshot, rule -> false);
    return snapshot;
  }

  /**
   * Scores and decides on a snapshot given whole (sections by name), without running anything: what
   * a cycle would do on that state of the system. Cooldowns are not applied.
   */
  public Assessment assess(Map<String, ?> sections) {
    Map<String, Object> snapshot = new LinkedHashMap<>();
    snapshot.put("timestamp", clock.instant().toString());
    for (String name : variables()) {
      if (!name.equals("item") && !name.equals("system") && !name.equals("timestamp")) {
        snapshot.put(name, Map.of());
      }
    }
    snapshot.putAll(sections);
    return decider.assess(snapshot, rule -> false);
  }

  /** Runs one cycle now (waiting for a timer cycle in progress) and returns it. */
  public Cycle runOnce() {
    return cycle("manual");
  }

  private Cycle cycle(String trigger) {
    // A timer cycle on a cluster is the leader's: each action starts only after a fenced commit
    // proves the lease still holds, and its entries are fenced too. A manual cycle is an
    // operator's request to this node and runs wherever it is asked.
    Journal journal = trigger.equals("timer") && fenced != null ? fenced : this.journal;
    cycleLock.lock();
    long number = cycles.incrementAndGet();
    long started = System.nanoTime();
    Instant now = clock.instant();
    try {
      Map<String, Long> sectionMillis = new LinkedHashMap<>();
      Map<String, Object> snapshot = build(now, sectionMillis);
      Assessment a = decider.assess(snapshot, rule -> coolingDown(rule, now));
      for (RuleError e : a.errors()) {
        journal.ruleFailed(number, e.rule(), e.reason());
      }
      List<Outcome> outcomes = new ArrayList<>();
      for (Decision d : a.decisions()) {
        if (journal == fenced && !stillLeads()) {
          log.warn("control cycle {} stopped before {}: this node lost the lead", number, d.rule());
          break;
        }
        Outcome o = execute(d, snapshot);
        lastFired.put(d.rule(), now);
        outcomes.add(o);
        journal.action(number, o);
      }
      Map<String, @Nullable Object> decision = Decider.summary(a);
      Cycle cycle = new Cycle(number, now, snapshot, a, decision, List.copyOf(outcomes));
      long nanos = System.nanoTime() - started;
      journal.cycle(cycle, trigger, nanos / 1_000_000, sectionMillis);
      meters.cycle(cycle, nanos);
      return cycle;
    } catch (RuntimeException e) {
      meters.cycleFailed(System.nanoTime() - started);
      log.error("control cycle {} failed", number, e);
      journal.cycleFailed(number, trigger, String.valueOf(e.getMessage()));
      throw e;
    } finally {
      cycleLock.unlock();
    }
  }

  private boolean coolingDown(String rule, Instant now) {
    Duration cooldown =
        rules.rules().stream()
            .filter(r -> r.name().equals(rule))
            .findFirst()
            .map(RuleSet.Rule::cooldown)
            .orElse(Duration.ZERO);
    Instant last = lastFired.get(rule);
    return last != null && !cooldown.isZero() && now.isBefore(last.plus(cooldown));
  }

  private Map<String, Object> build(Instant now) {
    return build(now, new LinkedHashMap<>());
  }

  /** The snapshot; how long each section took goes to {@code millis}. */
  private Map<String, Object> build(Instant now, Map<String, Long> millis) {
    return Snapshot.take(now, WELL_KNOWN_SECTIONS, sources.values(), millis);
  }

  private Outcome execute(Decision d, Map<String, Object> snapshot) {
    LoopAction action = actions.get(d.action());
    if (action == null) {
      return new Outcome(d, null, "Unknown action type: " + d.action());
    }
    try {
      // Copied, not Map.copyOf: an action may report a null value.
      Map<String, ?> result = new LinkedHashMap<>(action.run(new ActionRequest(d, snapshot)));
      return new Outcome(d, java.util.Collections.unmodifiableMap(result), null);
    } catch (RuntimeException e) {
      log.warn("action {} of rule {} failed", d.action(), d.rule(), e);
      return new Outcome(d, null, e.getMessage() == null ? e.toString() : e.getMessage());
    }
  }

  // ---- the timer ----------------------------------------------------------------------------

  /** Whether the timer runs cycles. */
  public synchronized boolean running() {
    return timer != null;
  }

  /**
   * Starts the timer: a cycle now and then every interval. Recorded in the ledger as {@code
   * admin.orchestrator_enabled} with {@code by} as its source.
   *
   * @return {@code started}, or {@code already_running}
   */
  public synchronized String enable(String by) {
    if (timer != null) {
      return "already_running";
    }
    timer = Duty.virtual("baton-control-loop", interval, this::tick);
    journal.admin("admin.orchestrator_enabled", by, about());
    log.info("control loop started: a cycle every {} with rules {}", interval, rules.file());
    return "started";
  }

  /**
   * Stops the timer after the cycle in progress. Recorded as {@code admin.orchestrator_disabled}.
   *
   * @return {@code stopped}, or {@code not_running}
   */
  public synchronized String disable(String by) {
    Duty t = timer;
    if (t == null) {
      return "not_running";
    }
    t.finish(Duration.ofSeconds(30)); // the cycle in progress ends with its actions
    timer = null;
    journal.admin("admin.orchestrator_disabled", by, about());
    log.info("control loop stopped");
    return "stopped";
  }

  private Map<String, Object> about() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("interval_ms", interval.toMillis());
    details.put("rules_file", rules.file());
    return details;
  }

  /** A fenced commit of nothing: true only while this node's lease on the loop is current. */
  private boolean stillLeads() {
    Leadership l = leadership;
    return l == null || l.commit(Leadership.CONTROL_LOOP, Change.builder());
  }

  /**
   * Whether this node runs the timer's cycles: always alone; on a cluster, only while it leads the
   * loop (the others keep their timer and take over when the leader goes).
   */
  public boolean leads() {
    Leadership l = leadership;
    return l == null || l.leads(Leadership.CONTROL_LOOP);
  }

  private Duration tick() {
    if (!leads()) {
      return interval;
    }
    try {
      cycle("timer");
    } catch (RuntimeException e) {
      // Already logged and recorded; the next cycle may find the store back.
    }
    return interval;
  }

  /** Stops the timer, if it runs. Leaves the ledger and the engine to their owners. */
  @Override
  public void close() {
    disable("shutdown");
  }

  List<String> variables() {
    return variables(sources.keySet());
  }

  /** What rules may read: the timestamp, every section, {@code system} and {@code item}. */
  private static List<String> variables(java.util.Collection<String> sections) {
    List<String> vars = new ArrayList<>(List.of("timestamp"));
    vars.addAll(WELL_KNOWN_SECTIONS);
    sections.stream().filter(n -> !vars.contains(n)).forEach(vars::add);
    vars.add("system");
    vars.add("item");
    return vars;
  }

  /** Wires a loop. Engine and ledger are required; the rest has defaults. */
  public static final class Builder {
    private final Engine engine;
    private final Ledger ledger;
    private @Nullable Clock clock;
    private Duration interval = Duration.ofSeconds(2);
    private @Nullable String rulesName;
    private @Nullable String rulesText;
    private final List<SnapshotSource> extraSources = new ArrayList<>();
    private final Map<String, LoopAction> actions = new LinkedHashMap<>();
    private @Nullable URI alertWebhook;
    private Duration alertTimeout = Duration.ofSeconds(10);
    private @Nullable MeterRegistry registry;
    private @Nullable Leadership leadership;

    private Builder(Engine engine, Ledger ledger) {
      this.engine = engine;
      this.ledger = ledger;
    }

    /** The clock of timestamps and cooldowns (default: the engine's). */
    public Builder clock(Clock c) {
      clock = c;
      return this;
    }

    /** Time between the end of a cycle and the start of the next (default 2 s). */
    public Builder interval(Duration d) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("the interval must be positive, was " + d);
      }
      interval = d;
      return this;
    }

    /** Rules from text; {@code name} names it in messages. */
    public Builder rules(String name, String text) {
      rulesName = name;
      rulesText = text;
      return this;
    }

    /**
     * Rules from a file.
     *
     * @throws RulesException when it cannot be read
     */
    public Builder rulesFile(Path file) {
      try {
        return rules(file.toString(), Files.readString(file));
      } catch (IOException e) {
        throw new RulesException(file.toString(), null, "cannot read it: " + e);
      }
    }

    /** A section of the snapshot; one with a built-in section's name replaces it. */
    public Builder source(SnapshotSource s) {
      String n = s.name();
      if (!n.matches("[a-z_][a-z0-9_]*") || RESERVED.contains(n)) {
        throw new IllegalArgumentException(
            "section name '" + n + "' must be a lower-case identifier other than " + RESERVED);
      }
      extraSources.add(s);
      return this;
    }

    /** An action rules may choose; one with a built-in action's name replaces it. */
    public Builder action(LoopAction a) {
      actions.put(a.name(), a);
      return this;
    }

    /**
     * Where the loop's meters go: cycle time, decisions by rule, actions by outcome, health score
     * (default: nowhere).
     */
    public Builder meters(MeterRegistry r) {
      registry = r;
      return this;
    }

    /**
     * Runs the timer's cycles only while this node leads {@link Leadership#CONTROL_LOOP}, with
     * fenced writes (default: none, the loop runs wherever it is enabled).
     */
    public Builder leadership(Leadership l) {
      leadership = l;
      return this;
    }

    /** Where the {@code alert} action POSTs (default: nowhere, it only logs). */
    public Builder alertWebhook(@Nullable URI url, Duration timeout) {
      alertWebhook = url;
      alertTimeout = timeout;
      return this;
    }

    /**
     * Compiles the rules and builds the loop, not yet running.
     *
     * @throws RulesException when the rules are refused, with file, rule and reason
     */
    public ControlLoop build() {
      Clock c = clock != null ? clock : engine.clock();
      Map<String, SnapshotSource> sources = new LinkedHashMap<>();
      RuleSet[] compiled = new RuleSet[1];
      Sections.builtIn(engine, ledger, () -> Objects.requireNonNull(compiled[0]).snapshot())
          .forEach(s -> sources.put(s.name(), s));
      extraSources.forEach(s -> sources.put(s.name(), s));
      Map<String, LoopAction> all = new LinkedHashMap<>();
      Actions.builtIn(engine, c, new Alert(alertWebhook, c, alertTimeout))
          .forEach(a -> all.put(a.name(), a));
      all.putAll(actions); // a plugged-in action replaces a built-in one of the same name
      String name = rulesName != null ? rulesName : "built-in " + DEFAULT_RULES;
      String text = rulesText != null ? rulesText : defaultRules();
      compiled[0] = RulesFile.parse(name, text, variables(sources.keySet()), all.keySet());
      // The built-in rules name actions that features plug in (pause_schedule): not a mistake.
      boolean builtIn = rulesText == null;
      compiled[0]
          .warnings()
          .forEach(w -> {
            if (builtIn) {
              log.info("{}", w);
            } else {
              log.warn("{}", w);
            }
          });
      return new ControlLoop(this, compiled[0], sources, all);
    }

    /** The rules Baton ships, which act on Baton itself. */
    public static String defaultRules() {
      try (InputStream in = ControlLoop.class.getResourceAsStream(DEFAULT_RULES)) {
        if (in == null) {
          throw new IllegalStateException("the built-in " + DEFAULT_RULES + " is missing");
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new IllegalStateException("cannot read the built-in " + DEFAULT_RULES, e);
      }
    }
  }
}
