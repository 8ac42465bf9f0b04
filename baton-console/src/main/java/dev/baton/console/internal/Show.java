package dev.baton.console.internal;

import dev.baton.console.view.Times;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/** How the console writes times, durations and details (UTC, to the second). */
final class Show {
  private Show() {}

  static String time(@Nullable Instant t) {
    return Times.utc(t);
  }

  static String duration(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + " ms";
    }
    if (ms < 60_000) {
      return String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }
    return d.toMinutes() + " min " + d.toSecondsPart() + " s";
  }

  /** {@code key=value} pairs, nulls left out, each value cut at 80 characters. */
  static String details(Map<String, @Nullable Object> details) {
    StringJoiner out = new StringJoiner(", ");
    details.forEach((k, v) -> {
      if (v != null) {
        String s = String.valueOf(v);
        out.add(k + "=" + (s.length() > 80 ? s.substring(0, 80) + "…" : s));
      }
    });
    return out.toString();
  }
}
