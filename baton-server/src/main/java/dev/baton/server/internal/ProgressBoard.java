package dev.baton.server.internal;

import dev.baton.job.Job;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The latest progress per job, in memory only: progress is a live hint for people watching, not
 * state, so it is not stored and is lost on restart. Bounded: past {@link #CAPACITY} jobs the one
 * updated longest ago is forgotten, so a fleet reporting progress cannot grow it without end.
 */
public final class ProgressBoard {
  static final int CAPACITY = 10_000;

  private final Map<String, Progress> latest =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Progress> eldest) {
          return size() > CAPACITY;
        }
      };

  private final @Nullable EngineEvents events;

  public ProgressBoard() {
    this(null);
  }

  /** A board that also publishes each report on the job's {@code progress:<job_id>} channel. */
  public ProgressBoard(@Nullable EngineEvents events) {
    this.events = events;
  }

  /** Keeps the latest progress of an open job. */
  public void put(Job job, Progress progress) {
    synchronized (this) {
      latest.put(job.id(), progress);
    }
    EngineEvents e = events;
    if (e != null) {
      e.progress(job, progress);
    }
  }

  public synchronized Optional<Progress> get(String jobId) {
    return Optional.ofNullable(latest.get(jobId));
  }
}
