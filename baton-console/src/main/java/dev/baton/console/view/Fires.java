package dev.baton.console.view;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A schedule's coming fires as read in its own time zone: each with its UTC offset, and a fire
 * whose offset differs from the fire before it marked as lying across a DST transition, so that an
 * operator sees at a glance that "02:30 every night" fires an hour earlier in UTC after the change.
 *
 * @param zone the schedule's zone id
 */
public record Fires(String zone, List<Fire> fires) {
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  public Fires {
    fires = List.copyOf(fires);
  }

  /**
   * One fire.
   *
   * @param local the wall-clock time in the schedule's zone
   * @param offset the zone's offset from UTC then ({@code +02:00})
   * @param dst the transition since the previous fire ({@code DST: +01:00 → +02:00}), or null
   */
  public record Fire(String local, String offset, String utc, @Nullable String dst) {}

  /** The fires {@code at}, in order, read in {@code zone}. */
  public static Fires of(List<Instant> at, ZoneId zone) {
    List<Fire> out = new ArrayList<>();
    ZoneOffset previous = null;
    for (Instant t : at) {
      ZonedDateTime local = t.atZone(zone);
      ZoneOffset offset = local.getOffset();
      String dst =
          previous == null || previous.equals(offset)
              ? null
              : "DST: " + offset(previous) + " → " + offset(offset);
      out.add(new Fire(LOCAL.format(local), offset(offset), UTC.format(t), dst));
      previous = offset;
    }
    return new Fires(zone.getId(), out);
  }

  /** A time in {@code zone} with its offset, as the list of schedules shows the next fire. */
  public static String local(@Nullable Instant t, ZoneId zone) {
    if (t == null) {
      return "";
    }
    ZonedDateTime local = t.atZone(zone);
    return LOCAL.format(local) + " " + offset(local.getOffset());
  }

  /** {@code +02:00}, and {@code +00:00} rather than {@code Z}, so that offsets line up. */
  static String offset(ZoneOffset offset) {
    return offset.getTotalSeconds() == 0 ? "+00:00" : offset.getId();
  }
}
