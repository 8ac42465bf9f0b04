package dev.baton.schedule;

import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A checked cron expression: which local date-times it names. Time zones and daylight-saving time
 * are not its business; {@link FireTimes} turns its local date-times into instants.
 *
 * <p><b>Fields.</b> Five fields, {@code minute hour day-of-month month day-of-week}, or six with
 * {@code second} first (as APScheduler and Spring read them). Ranges: second and minute 0-59, hour
 * 0-23, day-of-month 1-31, month 1-12 or {@code JAN}-{@code DEC}, day-of-week 0-7 or {@code
 * SUN}-{@code SAT} (0 and 7 are both Sunday). Each field is {@code *}, a value, a range {@code
 * a-b}, a step <code>&#42;/n</code> or <code>a-b/n</code>, or a comma list of those. Names are
 * case-insensitive. Also accepted, each alone in its field:
 *
 * <ul>
 *   <li>{@code ?} in day-of-month or day-of-week, meaning the same as {@code *};
 *   <li>day-of-month {@code L} (last day of the month), {@code L-n} (n days before it), {@code nW}
 *       (the weekday nearest to day n, n from 1 to 28, within the month) and {@code LW} (the last
 *       weekday of the month);
 *   <li>day-of-week {@code dL} (the last day d of the month, {@code 5L} = last Friday) and {@code
 *       d#k} (the k-th day d of the month, k from 1 to 5, {@code 1#2} = second Monday).
 * </ul>
 *
 * <p>Macros: {@code @yearly} and {@code @annually} ({@code 0 0 1 1 *}), {@code @monthly} ({@code 0
 * 0 1 * *}), {@code @weekly} ({@code 0 0 * * 0}), {@code @daily} and {@code @midnight} ({@code 0 0
 * * * *}), {@code @hourly} ({@code 0 * * * *}).
 *
 * <p><b>Day-of-month and day-of-week</b> follow POSIX cron: if both are restricted (neither is
 * {@code *} or {@code ?}), a day matches when <em>either</em> matches, so {@code 0 0 13 * 5} fires
 * on every 13th and every Friday. A field counts as restricted unless it is {@code *}, {@code ?} or
 * <code>&#42;/1</code>: unlike Vixie cron, <code>&#42;/2</code> is restricted.
 *
 * <p><b>Refused when parsed</b>, with a {@link TimingException} whose message names the field: the
 * wrong number of fields, a value or step out of range, a reversed range, unknown characters, a
 * special form ({@code L}, {@code W}, {@code #}) inside a list, and an expression that never fires
 * (such as {@code 0 0 30 2 *}).
 *
 * <p>The computation behind this type is cron-utils; it is kept behind this class so that it can be
 * replaced.
 */
public final class CronExpression {
  private static final List<String> FIVE =
      List.of("minute", "hour", "day-of-month", "month", "day-of-week");
  private static final List<String> SIX =
      List.of("second", "minute", "hour", "day-of-month", "month", "day-of-week");

  private static final Map<String, String> MACROS =
      Map.of(
          "@yearly", "0 0 1 1 *",
          "@annually", "0 0 1 1 *",
          "@monthly", "0 0 1 * *",
          "@weekly", "0 0 * * 0",
          "@daily", "0 0 * * *",
          "@midnight", "0 0 * * *",
          "@hourly", "0 * * * *");

  private static final CronParser FIVE_FIELDS = new CronParser(definition(false));
  private static final CronParser SIX_FIELDS = new CronParser(definition(true));

  /** Where the "never fires" check starts; the fields have no year, so any start will do. */
  private static final ZonedDateTime PROBE_START =
      ZonedDateTime.of(2001, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

  private static final Pattern NAMES =
      Pattern.compile(
          "JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC|SUN|MON|TUE|WED|THU|FRI|SAT");
  private static final Pattern W_DAY = Pattern.compile("(\\d+)W");
  private static final Pattern HASH = Pattern.compile("([0-7A-Z]+)#(\\d+)");
  private static final Pattern VALUE_RANGE =
      Pattern.compile("Value (-?\\d+) not in range \\[(-?\\d+), (-?\\d+)]");
  private static final Pattern STEP_RANGE =
      Pattern.compile("Period (-?\\d+) not in range \\[(-?\\d+), (-?\\d+)]");
  private static final Pattern REVERSED = Pattern.compile("Invalid range! \\[(\\d+),(\\d+)]");

  private final String text;
  private final String effective;
  private final boolean seconds;
  private final ExecutionTime execution;

  private CronExpression(String text, String effective, boolean seconds, ExecutionTime execution) {
    this.text = text;
    this.effective = effective;
    this.seconds = seconds;
    this.execution = execution;
  }

  /**
   * Checks and reads {@code expression}.
   *
   * @throws TimingException if it is malformed or never fires; the message names the field
   */
  public static CronExpression parse(String expression) {
    String text = expression.trim().replaceAll("\\s+", " ");
    String effective = text;
    if (text.startsWith("@")) {
      String macro = MACROS.get(text.toLowerCase(Locale.ROOT));
      if (macro == null) {
        throw new TimingException(
            prefix(text)
                + "unknown macro; use @yearly, @annually, @monthly, @weekly, @daily, @midnight"
                + " or @hourly");
      }
      effective = macro;
    }
    String[] parts = effective.isEmpty() ? new String[0] : effective.split(" ");
    if (parts.length != 5 && parts.length != 6) {
      throw new TimingException(
          prefix(text)
              + "expected 5 fields (minute hour day-of-month month day-of-week) or 6 (with seconds"
              + " first), found "
              + parts.length);
    }
    boolean seconds = parts.length == 6;
    List<String> names = seconds ? SIX : FIVE;
    List<String> fields = new ArrayList<>();
    for (int i = 0; i < parts.length; i++) {
      fields.add(checkField(text, names.get(i), parts[i].toUpperCase(Locale.ROOT)));
    }
    String normalized = String.join(" ", fields);
    CronParser parser = seconds ? SIX_FIELDS : FIVE_FIELDS;
    ExecutionTime execution;
    try {
      execution = ExecutionTime.forCron(parser.parse(normalized));
    } catch (IllegalArgumentException e) {
      throw blame(text, names, fields, List.of(parts), parser, e);
    }
    Optional<ZonedDateTime> first;
    try {
      first = execution.nextExecution(PROBE_START);
    } catch (DateTimeException e) {
      throw new TimingException(prefix(text) + "cannot compute its fire times: " + e.getMessage());
    }
    if (first.isEmpty()) {
      throw new TimingException("cron '" + text + "' never fires");
    }
    return new CronExpression(text, effective, seconds, execution);
  }

  /** The expression as written (trimmed, runs of spaces made one). */
  public String text() {
    return text;
  }

  /** Whether it has a seconds field; a five-field expression fires on whole minutes. */
  public boolean hasSeconds() {
    return seconds;
  }

  /**
   * The first local date-time it names strictly after {@code after}, or empty if there is none
   * (never the case for an expression that parsed, short of the end of time).
   */
  public Optional<LocalDateTime> nextAfter(LocalDateTime after) {
    // Computed in UTC, where local time has no gaps or overlaps: DST is FireTimes' business.
    ZonedDateTime start = after.truncatedTo(ChronoUnit.SECONDS).atZone(ZoneOffset.UTC);
    try {
      return execution.nextExecution(start).map(ZonedDateTime::toLocalDateTime);
    } catch (DateTimeException e) {
      throw new IllegalStateException("cron '" + text + "' after " + after + ": " + e, e);
    }
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof CronExpression other && other.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return effective.equals(text) ? text : text + " (" + effective + ")";
  }

  private static String prefix(String text) {
    return "cron '" + text + "': ";
  }

  /** Checks what cron-utils would accept silently or get wrong; returns the field to give it. */
  private static String checkField(String text, String name, String field) {
    boolean day = name.equals("day-of-month") || name.equals("day-of-week");
    if (field.equals("?")) {
      if (!day) {
        throw new TimingException(
            prefix(text) + name + ": '?' is only allowed in day-of-month and day-of-week", name);
      }
      return "*";
    }
    String[] items = field.split(",", -1);
    for (String item : items) {
      String bare = NAMES.matcher(item).replaceAll("");
      boolean special = bare.contains("L") || bare.contains("W") || bare.contains("#");
      if (special && items.length > 1) {
        throw new TimingException(
            prefix(text)
                + name
                + ": '"
                + item
                + "' (L, W or #) must be the only value in its field, not part of a list",
            name);
      }
    }
    if (name.equals("day-of-month")) {
      Matcher w = W_DAY.matcher(field);
      if (w.matches()) {
        int n = Integer.parseInt(w.group(1));
        if (n < 1 || n > 28) {
          throw new TimingException(
              prefix(text)
                  + name
                  + ": "
                  + field
                  + " is not supported; nW takes a day from 1 to 28 (LW is the last weekday)",
              name);
        }
      }
    }
    if (name.equals("day-of-week")) {
      Matcher hash = HASH.matcher(field);
      if (hash.matches()) {
        int k = Integer.parseInt(hash.group(2));
        if (k < 1 || k > 5) {
          throw new TimingException(
              prefix(text)
                  + name
                  + ": in "
                  + field
                  + " the week number "
                  + k
                  + " is out of range 1-5",
              name);
        }
      }
    }
    return field;
  }

  /** Finds the field cron-utils refused by parsing each one alone, and says why in our words. */
  private static TimingException blame(
      String text,
      List<String> names,
      List<String> fields,
      List<String> written,
      CronParser parser,
      IllegalArgumentException whole) {
    for (int i = 0; i < fields.size(); i++) {
      List<String> probe = new ArrayList<>();
      for (int j = 0; j < fields.size(); j++) {
        probe.add(j == i ? fields.get(j) : "*");
      }
      try {
        parser.parse(String.join(" ", probe));
      } catch (IllegalArgumentException e) {
        return new TimingException(
            prefix(text) + names.get(i) + ": " + explain(e, written.get(i)), names.get(i));
      }
    }
    return new TimingException(prefix(text) + explain(whole, text));
  }

  private static String explain(IllegalArgumentException e, String field) {
    String message =
        String.valueOf(e.getMessage()).replace("Failed to parse cron expression. ", "");
    Matcher value = VALUE_RANGE.matcher(message);
    if (value.find()) {
      return "value "
          + value.group(1)
          + " is out of range "
          + value.group(2)
          + "-"
          + value.group(3);
    }
    Matcher step = STEP_RANGE.matcher(message);
    if (step.find()) {
      return "step " + step.group(1) + " is out of range 1-" + step.group(3);
    }
    Matcher reversed = REVERSED.matcher(message);
    if (reversed.find()) {
      return "range " + reversed.group(1) + "-" + reversed.group(2) + " ends before it starts";
    }
    if (message.startsWith("Invalid chars")
        || message.startsWith("Invalid expression")
        || message.startsWith("Missing values")
        || message.startsWith("Invalid Position")) {
      return "cannot read '" + field + "'";
    }
    return message;
  }

  private static CronDefinition definition(boolean seconds) {
    CronDefinitionBuilder builder = CronDefinitionBuilder.defineCron();
    if (seconds) {
      builder = builder.withSeconds().withStrictRange().and();
    }
    // No '?' support in cron-utils' sense: with it, cron-utils matches day-of-month AND
    // day-of-week (Quartz); without it, either (POSIX). We accept '?' and pass '*' instead.
    return builder
        .withMinutes()
        .withStrictRange()
        .and()
        .withHours()
        .withStrictRange()
        .and()
        .withDayOfMonth()
        .withValidRange(1, 31)
        .supportsL()
        .supportsW()
        .supportsLW()
        .withStrictRange()
        .and()
        .withMonth()
        .withStrictRange()
        .and()
        .withDayOfWeek()
        .withValidRange(0, 7)
        .withMondayDoWValue(1)
        .withIntMapping(7, 0)
        .supportsHash()
        .supportsL()
        .withStrictRange()
        .and()
        .instance();
  }
}
