package dev.baton.scenarios.internal;

import dev.baton.engine.Engine;
import dev.baton.job.Job;
import dev.baton.store.CounterStore;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the scheduler remembers of each scenario: the end of its last run (for cooldown), a pending
 * manual request or event, and its runs in flight, in memory as upstream (the runs themselves are
 * jobs in the store); and its executions since the last ACK, counted in the store ({@link
 * CounterStore}), so that the count survives a restart and every node sees it: a node that takes
 * the scenarios' lead over goes on from the count, and a manual run on any node counts. Not
 * thread-safe: {@code Scenarios} holds its lock around every use.
 */
public final class Tracks {
  private static final Logger log = LoggerFactory.getLogger(Tracks.class);

  /** One scenario's memory. */
  public static final class Track {
    /** As last read from, or counted in, the store. */
    public int executions;

    public @Nullable Instant lastEnd;
    public boolean manualRequested;
    public @Nullable Map<String, Object> pendingEvent;
    public final Set<String> runs = new LinkedHashSet<>();
  }

  private final Map<String, Track> tracks = new HashMap<>();
  private final Engine engine;
  private final Clock clock;
  private final CounterStore counters;

  public Tracks(Engine engine, List<String> names) {
    this.engine = engine;
    this.clock = engine.clock();
    this.counters = engine.counters();
    names.forEach(n -> tracks.put(n, new Track()));
  }

  public Track of(String name) {
    return tracks.computeIfAbsent(name, n -> new Track());
  }

  /**
   * Runs that a previous process left unfinished are running; the last ended one starts cooldown.
   */
  public void recover() {
    for (Job j : ScenarioJobs.runs(engine)) {
      Track t = tracks.get(String.valueOf(j.initialData().get("scenario")));
      if (t == null) {
        continue;
      }
      if (!j.status().isTerminal()) {
        t.runs.add(j.id());
      } else if (t.lastEnd == null || t.lastEnd.isBefore(j.updatedAt())) {
        t.lastEnd = j.updatedAt();
      }
    }
  }

  /** Runs in flight, of every scenario. */
  public int runningTotal() {
    return tracks.values().stream().mapToInt(t -> t.runs.size()).sum();
  }

  /**
   * Forgets runs that ended; their end starts the cooldown; a finished one ends a request. Reads
   * the execution counts from the store (other nodes count too).
   */
  public void refresh() {
    Map<String, Long> counted = counters.executions();
    tracks.forEach((name, t) -> t.executions = counted.getOrDefault(name, 0L).intValue());
    for (var e : tracks.entrySet()) {
      Track t = e.getValue();
      for (String id : List.copyOf(t.runs)) {
        Job j = engine.job(id).orElse(null);
        if (j == null || j.status().isTerminal()) {
          t.runs.remove(id);
          t.lastEnd = j == null ? clock.instant() : j.updatedAt();
          if (j != null && j.status().wireName().equals("finished")) {
            t.manualRequested = false;
          }
          if (j != null) {
            log.info("scenario '{}' run {} ended {}", e.getKey(), id, j.status().wireName());
          }
        }
      }
    }
  }

  /**
   * Counts one execution of the scenario in the store, unless it has {@code max} already (0: no
   * maximum); false then, and nothing counted. The guard is the store's, so two nodes starting the
   * same scenario at once never pass max_executions together.
   */
  public boolean count(String name, int max) {
    if (!counters.countExecution(name, max)) {
      of(name).executions = Math.max(of(name).executions, max);
      return false;
    }
    of(name).executions++;
    return true;
  }

  /** ACK: every max_executions counter back to zero. */
  public void resetExecutions() {
    counters.resetExecutions();
    tracks.values().forEach(t -> t.executions = 0);
  }

  /** ACK of one scenario: its max_executions counter back to zero. */
  public void resetExecutions(String name) {
    counters.resetExecutions(name);
    of(name).executions = 0;
  }
}
