package dev.baton.scenarios.internal;

import dev.baton.engine.Engine;
import dev.baton.job.Job;
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
 * What the scheduler remembers of each scenario, in memory as upstream (the runs themselves are
 * jobs in the store): its executions since the last ACK, the end of its last run (for cooldown), a
 * pending manual request or event, and its runs in flight. Not thread-safe: {@code Scenarios} holds
 * its lock around every use.
 */
public final class Tracks {
  private static final Logger log = LoggerFactory.getLogger(Tracks.class);

  /** One scenario's memory. */
  public static final class Track {
    public int executions;
    public @Nullable Instant lastEnd;
    public boolean manualRequested;
    public @Nullable Map<String, Object> pendingEvent;
    public final Set<String> runs = new LinkedHashSet<>();
  }

  private final Map<String, Track> tracks = new HashMap<>();
  private final Engine engine;
  private final Clock clock;

  public Tracks(Engine engine, List<String> names) {
    this.engine = engine;
    this.clock = engine.clock();
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

  /** Forgets runs that ended; their end starts the cooldown; a finished one ends a request. */
  public void refresh() {
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

  /** ACK: every max_executions counter back to zero. */
  public void resetExecutions() {
    tracks.values().forEach(t -> t.executions = 0);
  }
}
