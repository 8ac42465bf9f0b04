package dev.baton.app;

import dev.baton.app.cli.Api;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * The keys of a schedule as options of {@code schedules create|update|preview}; only those given
 * are sent.
 */
final class ScheduleOptions {
  @Option(
      names = "--file",
      paramLabel = "FILE",
      description = "a JSON file with the schedule; options override it")
  @Nullable Path file;

  @Option(names = "--blueprint", paramLabel = "NAME", description = "the blueprint a fire starts")
  @Nullable String blueprint;

  @Option(names = "--scenario", paramLabel = "NAME", description = "or the scenario a fire runs")
  @Nullable String scenario;

  @Option(
      names = "--input",
      paramLabel = "JSON",
      description = "the jobs' input data, a JSON object")
  @Nullable String input;

  @ArgGroup(exclusive = true)
  @Nullable Timing timing;

  @Option(names = "--time", description = "HH:MM, with --weekly-days or --monthly-dates")
  @Nullable String time;

  @Option(names = "--timezone", description = "IANA zone, e.g. Europe/Warsaw")
  @Nullable String timezone;

  @Option(names = "--overlap", description = "allow, skip, queue or cancel_previous")
  @Nullable String overlap;

  @Option(names = "--missed", description = "all, last or none")
  @Nullable String missed;

  @Option(names = "--dst", description = "shift or skip")
  @Nullable String dst;

  @Option(
      names = "--priority",
      paramLabel = "N",
      description = "the priority of the jobs it starts (default 0)")
  @Nullable Integer priority;

  @Option(
      names = "--affinity",
      paramLabel = "ID",
      description = "the worker or robot its jobs run on")
  @Nullable String affinity;

  @Option(
      names = "--start-at",
      paramLabel = "INSTANT",
      description = "no fire before this ISO-8601 instant")
  @Nullable String startAt;

  @Option(
      names = "--end-at",
      paramLabel = "INSTANT",
      description = "no fire after this ISO-8601 instant")
  @Nullable String endAt;

  @Option(
      names = "--calendar",
      paramLabel = "NAME",
      description = "a business calendar whose non-working time the schedule avoids")
  @Nullable String calendar;

  @Option(
      names = "--calendar-policy",
      paramLabel = "POLICY",
      description = "skip (default), next_working_time or previous_working_time")
  @Nullable String calendarPolicy;

  static final class Timing {
    @Option(names = "--cron", description = "5 fields (minute first), 6 (second first), @daily")
    @Nullable String cron;

    @Option(names = "--every", description = "interval in seconds")
    @Nullable Long every;

    @Option(names = "--daily-at", description = "HH:MM")
    @Nullable String dailyAt;

    @Option(names = "--weekly-days", split = ",", description = "mon,tue,...")
    @Nullable List<String> weeklyDays;

    @Option(names = "--monthly-dates", split = ",", description = "1,15,...")
    @Nullable List<Integer> monthlyDates;

    @Option(names = "--once-at", description = "ISO-8601 date and time")
    @Nullable String onceAt;
  }

  Map<String, Object> body() {
    Map<String, Object> m = new LinkedHashMap<>();
    if (file != null) {
      try {
        m.putAll(Api.JSON.readValue(Files.readString(file), LinkedHashMap.class));
      } catch (IOException | RuntimeException e) {
        throw new picocli.CommandLine.ParameterException(
            new picocli.CommandLine(this), file + ": not a JSON object: " + e.getMessage());
      }
    }
    put(m, "blueprint", blueprint);
    put(m, "scenario", scenario);
    if (input != null) {
      try {
        m.put("input_data", Api.JSON.readValue(input, LinkedHashMap.class));
      } catch (RuntimeException e) {
        throw new picocli.CommandLine.ParameterException(
            new picocli.CommandLine(this), "--input: not a JSON object: " + e.getMessage());
      }
    }
    if (timing != null) {
      put(m, "cron", timing.cron);
      put(m, "interval_seconds", timing.every);
      put(m, "daily_at", timing.dailyAt);
      put(m, "weekly_days", timing.weeklyDays);
      put(m, "monthly_dates", timing.monthlyDates);
      put(m, "once_at", timing.onceAt);
    }
    put(m, "time", time);
    put(m, "timezone", timezone);
    put(m, "overlap", overlap);
    put(m, "missed", missed);
    put(m, "dst", dst);
    put(m, "priority", priority);
    put(m, "affinity", affinity);
    put(m, "start_at", startAt);
    put(m, "end_at", endAt);
    put(m, "calendar", calendar);
    put(m, "calendar_policy", calendarPolicy);
    return m;
  }

  private static void put(Map<String, Object> m, String key, @Nullable Object value) {
    if (value != null) {
      m.put(key, value);
    }
  }
}
