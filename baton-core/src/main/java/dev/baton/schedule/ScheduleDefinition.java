package dev.baton.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * What a person says about a schedule: its name, what it starts, when, and its policies. The
 * runtime state (next fire, last run, counters) is in {@link Schedule}.
 *
 * <p>{@link #parse} reads the map a JSON body or a TOML table gives; every error is an {@link
 * IllegalArgumentException} (a {@link TimingException} for the timing) whose message starts with
 * the key that is wrong. {@link #toMap} writes the form {@link #parse} reads back.
 *
 * @param affinity the worker or robot the schedule's jobs should run on, or null for any
 * @param startAt no fire before this instant, or null
 * @param endAt no fire after this instant, or null
 * @param calendar the business calendar whose non-working time the schedule avoids, or null
 */
public record ScheduleDefinition(
    String name,
    Target target,
    Timing timing,
    ZoneId zone,
    boolean enabled,
    int priority,
    @Nullable String affinity,
    @Nullable Instant startAt,
    @Nullable Instant endAt,
    DstPolicy dst,
    MissedPolicy missed,
    Overlap overlap,
    @Nullable CalendarRef calendar) {

  public static final int MAX_NAME = 200;

  /** The keys of a {@link #target}, nested under {@code target} or at the top of the map. */
  public static final Set<String> TARGET_KEYS =
      Set.of("blueprint", "scenario", "version", "input_data", "initial_data");

  /**
   * Every key {@link #parse} reads at the top of a map: the API refuses any other, so that a typo
   * is not silently ignored (a {@code schedules.toml} may carry more, as Avtomatika's does).
   */
  public static final Set<String> KEYS =
      Stream.of(
              TARGET_KEYS,
              TimingMaps.KEYS,
              Set.of(
                  "name",
                  "target",
                  "timezone",
                  "tz",
                  "enabled",
                  "priority",
                  "affinity",
                  "robot_id",
                  "worker_id",
                  "start_at",
                  "end_at",
                  "dst",
                  "missed",
                  "overlap",
                  "calendar",
                  "calendar_policy"))
          .flatMap(Set::stream)
          .collect(Collectors.toUnmodifiableSet());

  public ScheduleDefinition {
    if (name.isBlank() || name.length() > MAX_NAME) {
      throw new IllegalArgumentException(
          "name: required, 1 to " + MAX_NAME + " characters, was '" + name + "'");
    }
    if (startAt != null && endAt != null && !endAt.isAfter(startAt)) {
      throw new IllegalArgumentException(
          "end_at: must be after start_at (" + startAt + "), was " + endAt);
    }
  }

  /**
   * The {@link BusinessCalendar} a schedule names, by name (calendars are stored on their own and
   * may change), and what its fires on non-working time do.
   */
  public record CalendarRef(String name, CalendarPolicy policy) {
    public CalendarRef {
      if (name.isBlank()) {
        throw new IllegalArgumentException("calendar: expected a calendar's name, got ''");
      }
    }
  }

  /** What a fire starts: a blueprint job with input data, or a scenario run. */
  public record Target(
      Kind kind, String name, @Nullable Integer version, Map<String, Object> input) {
    public Target {
      if (name.isBlank()) {
        throw new IllegalArgumentException("target: the " + kind.wireName() + " name is empty");
      }
      input = Map.copyOf(input);
    }

    /** What a target names. */
    public enum Kind {
      BLUEPRINT,
      SCENARIO;

      public String wireName() {
        return name().toLowerCase(Locale.ROOT);
      }
    }
  }

  /**
   * The first fire at or after {@code now} (and {@code startAt}) within {@code endAt}.
   *
   * @throws TimingException if the schedule would never fire again: saving such a schedule is
   *     refused
   */
  public Instant requireFires(Instant now) {
    return requireFires(now, null);
  }

  /**
   * As {@link #requireFires(Instant)}, with the schedule's calendar applied.
   *
   * @param shift the named calendar and the policy, resolved; null when the schedule names none
   */
  public Instant requireFires(Instant now, @Nullable CalendarShift shift) {
    Instant from = startAt != null && startAt.isAfter(now) ? startAt.minusMillis(1) : now;
    Instant first = FireTimes.requireNext(timing, zone, dst, from, shift);
    if (endAt != null && first.isAfter(endAt)) {
      throw new TimingException(
          "end_at: the schedule's first fire, " + first + ", is after its end " + endAt, "end_at");
    }
    return first;
  }

  /**
   * Reads a definition. Accepts the nested form {@link #toMap} writes and the flat form of
   * Avtomatika's {@code schedules.toml} ({@code blueprint}, {@code input_data} and the timing keys
   * at the top). Unknown keys are ignored.
   *
   * @param name the name when the map has none (a TOML section's name), or null
   * @param defaultZone the zone when the map names none
   * @param now what an interval without an anchor counts from
   */
  public static ScheduleDefinition parse(
      @Nullable String name, Map<String, ?> m, ZoneId defaultZone, Instant now) {
    String n = m.get("name") instanceof String s ? s.trim() : name;
    if (n == null) {
      throw new IllegalArgumentException("name: required");
    }
    ZoneId zone =
        m.get("timezone") instanceof String tz
            ? TimingMaps.zone(tz)
            : m.get("tz") instanceof String tz ? TimingMaps.zone(tz) : defaultZone;
    Map<String, ?> timingSpec = m.get("timing") instanceof Map<?, ?> t ? stringKeys(t) : m;
    Timing timing = TimingMaps.fromSpec(timingSpec, zone, now);
    return new ScheduleDefinition(
        n,
        target(m),
        timing,
        zone,
        bool(m, "enabled", true),
        integer(m, "priority", 0),
        affinity(m),
        instant(m, "start_at", zone),
        instant(m, "end_at", zone),
        dst(m.get("dst")),
        missed(m.get("missed")),
        m.get("overlap") == null ? Overlap.DEFAULT : Overlap.parse(text(m, "overlap")),
        calendar(m));
  }

  public Map<String, Object> toMap() {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put(target.kind().wireName(), target.name());
    if (target.version() != null) {
      t.put("version", target.version());
    }
    t.put("input_data", target.input());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", name);
    out.put("target", t);
    out.put("timing", TimingMaps.spec(timing));
    out.put("timezone", zone.getId());
    out.put("enabled", enabled);
    out.put("priority", priority);
    out.put("affinity", affinity);
    out.put("start_at", startAt == null ? null : startAt.toString());
    out.put("end_at", endAt == null ? null : endAt.toString());
    out.put("dst", dst.name().toLowerCase(Locale.ROOT));
    Map<String, Object> policy = new LinkedHashMap<>();
    policy.put("policy", missed.missed().name().toLowerCase(Locale.ROOT));
    policy.put("cap", missed.cap());
    policy.put("grace_seconds", missed.grace().toSeconds());
    out.put("missed", policy);
    out.put("overlap", overlap.wireName());
    if (calendar != null) {
      out.put("calendar", calendar.name());
      out.put("calendar_policy", calendar.policy().wireName());
    }
    return out;
  }

  public ScheduleDefinition withEnabled(boolean on) {
    return new ScheduleDefinition(
        name, target, timing, zone, on, priority, affinity, startAt, endAt, dst, missed, overlap,
        calendar);
  }

  /**
   * {@code calendar} (a name) and {@code calendar_policy} (default {@code skip}); a policy without
   * a calendar is refused, since it would do nothing.
   */
  private static @Nullable CalendarRef calendar(Map<String, ?> m) {
    @Nullable Object name = m.get("calendar");
    @Nullable Object policy = m.get("calendar_policy");
    if (name == null) {
      if (policy != null) {
        throw new IllegalArgumentException(
            "calendar_policy: set calendar too: the policy applies to a calendar's non-working time");
      }
      return null;
    }
    if (!(name instanceof String n) || n.isBlank()) {
      throw new IllegalArgumentException("calendar: expected a calendar's name, got " + name);
    }
    return new CalendarRef(
        n.trim(),
        policy == null ? CalendarPolicy.DEFAULT : CalendarPolicy.parse(text(m, "calendar_policy")));
  }

  private static Target target(Map<String, ?> m) {
    Map<String, ?> t = m.get("target") instanceof Map<?, ?> map ? stringKeys(map) : m;
    @Nullable Object blueprint = t.get("blueprint");
    @Nullable Object scenario = t.get("scenario");
    if (blueprint != null && scenario != null) {
      throw new IllegalArgumentException("target: set blueprint or scenario, not both");
    }
    Map<String, Object> input = inputOf(t);
    if (scenario != null) {
      if (!(scenario instanceof String s)) {
        throw new IllegalArgumentException("scenario: expected a scenario name, got " + scenario);
      }
      return new Target(Target.Kind.SCENARIO, s, null, input);
    }
    if (blueprint == null) {
      throw new IllegalArgumentException(
          "blueprint: required: the blueprint a fire starts (or scenario: the scenario it runs)");
    }
    if (!(blueprint instanceof String b)) {
      throw new IllegalArgumentException("blueprint: expected a blueprint name, got " + blueprint);
    }
    Integer version = t.get("version") == null ? null : integer(t, "version", 0);
    return new Target(Target.Kind.BLUEPRINT, b, version, input);
  }

  /**
   * {@code input_data}; Avtomatika's shipped example writes {@code initial_data}, which its loader
   * ignores. Baton reads it when {@code input_data} is absent, since that is what its author meant.
   */
  private static Map<String, Object> inputOf(Map<String, ?> t) {
    @Nullable Object input = t.get("input_data");
    String key = "input_data";
    if (input == null) {
      input = t.get("initial_data");
      key = "initial_data";
    }
    if (input == null) {
      return Map.of();
    }
    if (!(input instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException(key + ": expected an object, got " + input);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  private static @Nullable String affinity(Map<String, ?> m) {
    for (String key : new String[] {"affinity", "robot_id", "worker_id"}) {
      @Nullable Object v = m.get(key);
      if (v != null) {
        if (!(v instanceof String s) || s.isBlank()) {
          throw new IllegalArgumentException(key + ": expected a worker or robot id, got " + v);
        }
        return s;
      }
    }
    return null;
  }

  private static DstPolicy dst(@Nullable Object v) {
    if (v == null) {
      return DstPolicy.DEFAULT;
    }
    return switch (String.valueOf(v).trim().toLowerCase(Locale.ROOT)) {
      case "shift" -> DstPolicy.SHIFT;
      case "skip" -> DstPolicy.SKIP;
      default ->
          throw new IllegalArgumentException("dst: unknown policy '" + v + "'; use shift or skip");
    };
  }

  private static MissedPolicy missed(@Nullable Object v) {
    if (v == null) {
      return MissedPolicy.DEFAULT;
    }
    if (v instanceof String s) {
      return MissedPolicy.of(missedKind(s));
    }
    if (!(v instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException(
          "missed: expected all, last, none or {policy, cap, grace_seconds}, got " + v);
    }
    Map<String, ?> m = stringKeys(map);
    MissedPolicy p =
        MissedPolicy.of(m.get("policy") == null ? Missed.ALL : missedKind(text(m, "policy")));
    if (m.get("cap") != null) {
      int cap = integer(m, "cap", 0);
      if (cap < 1 || cap > MissedPolicy.MAX_CAP) {
        throw new IllegalArgumentException(
            "missed.cap: must be within 1-" + MissedPolicy.MAX_CAP + ", was " + cap);
      }
      p = p.withCap(cap);
    }
    if (m.get("grace_seconds") != null) {
      int grace = integer(m, "grace_seconds", 0);
      if (grace < 0) {
        throw new IllegalArgumentException("missed.grace_seconds: must be 0 or more, was " + grace);
      }
      p = p.withGrace(Duration.ofSeconds(grace));
    }
    return p;
  }

  private static Missed missedKind(String s) {
    return switch (s.trim().toLowerCase(Locale.ROOT)) {
      case "all" -> Missed.ALL;
      case "last" -> Missed.LAST;
      case "none" -> Missed.NONE;
      default ->
          throw new IllegalArgumentException(
              "missed: unknown policy '" + s + "'; use all, last or none");
    };
  }

  private static @Nullable Instant instant(Map<String, ?> m, String key, ZoneId zone) {
    return m.get(key) == null ? null : TimingFields.instant(m, key, zone);
  }

  private static boolean bool(Map<String, ?> m, String key, boolean otherwise) {
    @Nullable Object v = m.get(key);
    if (v == null) {
      return otherwise;
    }
    if (!(v instanceof Boolean b)) {
      throw new IllegalArgumentException(key + ": expected true or false, got " + v);
    }
    return b;
  }

  private static int integer(Map<String, ?> m, String key, int otherwise) {
    @Nullable Object v = m.get(key);
    if (v == null) {
      return otherwise;
    }
    if (!(v instanceof Number n)
        || n.doubleValue() != Math.rint(n.doubleValue())
        || Math.abs(n.doubleValue()) > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(key + ": expected a whole number, got " + v);
    }
    return n.intValue();
  }

  private static String text(Map<String, ?> m, String key) {
    if (!(m.get(key) instanceof String s)) {
      throw new IllegalArgumentException(key + ": expected text, got " + m.get(key));
    }
    return s;
  }

  private static Map<String, ?> stringKeys(Map<?, ?> map) {
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }
}
