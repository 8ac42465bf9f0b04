package dev.baton.engine;

import dev.baton.blueprint.Blueprint;
import java.util.Optional;

/**
 * Where the engine finds a blueprint version it does not hold in memory: a store of definitions, so
 * that a node registers only the versions new jobs start on at start, and an older version (of a
 * running job, or one a job names) when it is first needed. Called on a miss, from any thread; what
 * it finds is kept, so it is asked once per version.
 */
@FunctionalInterface
public interface BlueprintSource {
  /**
   * A version found.
   *
   * @param retired true for a version that starts no new job (an archived definition)
   */
  record Found(Blueprint blueprint, boolean retired) {}

  /** That version, or empty when there is none (or it cannot be read: the caller says so). */
  Optional<Found> load(String name, int version);

  /** Nothing beyond what was registered. */
  BlueprintSource NONE = (name, version) -> Optional.empty();
}
