package dev.baton.loop.internal;

import dev.baton.loop.SnapshotSource;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Takes a cycle's snapshot: one section per source, read in order. */
public final class Snapshot {
  private static final Logger log = LoggerFactory.getLogger(Snapshot.class);

  private Snapshot() {}

  /**
   * The snapshot at {@code now}: the timestamp, an empty section for each well-known name no source
   * fills, and each source's section. A source that fails does not fail the cycle: its section
   * holds the error, which rules can read. How long each section took goes to {@code millis}.
   */
  public static Map<String, Object> take(
      Instant now,
      List<String> wellKnown,
      Collection<SnapshotSource> sources,
      Map<String, Long> millis) {
    Map<String, Object> snapshot = new LinkedHashMap<>();
    snapshot.put("timestamp", now.toString());
    for (String name : wellKnown) {
      snapshot.put(name, Map.of());
    }
    for (SnapshotSource s : sources) {
      long started = System.nanoTime();
      try {
        snapshot.put(s.name(), new LinkedHashMap<>(s.read(now)));
      } catch (RuntimeException e) {
        log.warn("snapshot section '{}' failed: {}", s.name(), e.toString());
        snapshot.put(s.name(), Map.of("error", String.valueOf(e.getMessage())));
      }
      millis.put(s.name(), (System.nanoTime() - started) / 1_000_000);
    }
    return snapshot;
  }
}
