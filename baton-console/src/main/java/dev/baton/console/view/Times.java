package dev.baton.console.view;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/** How the console writes an instant: UTC, to the second; empty for none. */
public final class Times {
  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private Times() {}

  public static String utc(@Nullable Instant t) {
    return t == null ? "" : UTC.format(t.truncatedTo(ChronoUnit.SECONDS));
  }
}
