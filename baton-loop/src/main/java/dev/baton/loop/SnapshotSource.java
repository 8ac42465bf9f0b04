package dev.baton.loop;

import java.time.Instant;
import java.util.Map;

/**
 * Contributes one named section to the control loop's snapshot: {@code schedules}, {@code robots},
 * {@code components}... Rules read it as a variable of that name ({@code schedules.failing}). A
 * source that throws leaves its section as {@code {"error": message}} and the cycle goes on.
 *
 * <p>Values must be JSON-like: maps with string keys, lists, strings, numbers, booleans, null.
 */
public interface SnapshotSource {
  /** The section's name, a CEL identifier ({@code [a-z_][a-z0-9_]*}). */
  String name();

  /** The section as of {@code now}. Called once per cycle, from the loop's thread. */
  Map<String, ?> read(Instant now);

  static SnapshotSource of(String name, java.util.function.Function<Instant, Map<String, ?>> read) {
    return new SnapshotSource() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Map<String, ?> read(Instant now) {
        return read.apply(now);
      }
    };
  }
}
