package dev.baton.server.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

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

  public synchronized void put(String jobId, Progress progress) {
    latest.put(jobId, progress);
  }

  public synchronized Optional<Progress> get(String jobId) {
    return Optional.ofNullable(latest.get(jobId));
  }
}
