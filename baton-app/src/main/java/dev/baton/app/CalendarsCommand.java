package dev.baton.app;

import dev.baton.app.cli.Api;
import dev.baton.app.cli.ApiCommand;
import dev.baton.app.cli.CommandGroup;
import dev.baton.app.cli.Printer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * {@code baton calendars ...}: the business calendars of a running server, which schedules name
 * with {@code --calendar}. {@code put} creates or replaces one; an {@code --ics} file is read here
 * and sent as the calendar's {@code ics} text.
 */
@Command(
    name = "calendars",
    description = "Business calendars for schedules: list, show, put, delete, and their days.",
    subcommands = {
      CalendarsCommand.ListCmd.class,
      CalendarsCommand.Show.class,
      CalendarsCommand.Put.class,
      CalendarsCommand.Delete.class,
      CalendarsCommand.Days.class
    })
final class CalendarsCommand extends CommandGroup {
  static final String BASE = "/api/v1/calendars";

  static String path(String name) {
    return BASE + "/" + Api.segment(name);
  }

  @Command(name = "list", description = "Every calendar, by name.")
  static final class ListCmd extends ApiCommand {
    @Override
    protected int run(Api api, Printer out) {
      JsonNode all = api.get(BASE);
      out.rows(all, all, "name", "timezone", "working_days", "hours", "description");
      return 0;
    }
  }

  @Command(name = "show", description = "One calendar.")
  static final class Show extends ApiCommand {
    @Parameters(paramLabel = "NAME", description = "the calendar's name")
    String name = "";

    @Override
    protected int run(Api api, Printer out) {
      out.object(api.get(path(name)));
      return 0;
    }
  }

  @Command(
      name = "put",
      description = "Create or replace a calendar; the schedules that name it fire by the new one.")
  static final class Put extends ApiCommand {
    @Parameters(paramLabel = "NAME", description = "the calendar's name")
    String name = "";

    @Option(names = "--file", description = "a JSON file with the calendar's keys")
    @Nullable Path file;

    @Option(names = "--timezone", description = "IANA zone, e.g. Europe/Warsaw")
    @Nullable String timezone;

    @Option(
        names = "--working-days",
        paramLabel = "DAYS",
        split = ",",
        description = "mon-fri (default), or mon,tue,...")
    @Nullable List<String> workingDays;

    @Option(
        names = "--holiday",
        paramLabel = "DATE[=NAME]",
        description = "a holiday, e.g. 2026-12-24=Wigilia; repeat for more")
    List<String> holidays = new ArrayList<>();

    @Option(names = "--ics", paramLabel = "FILE", description = "holidays from an iCalendar file")
    @Nullable Path ics;

    @Option(
        names = "--hours",
        paramLabel = "HH:MM-HH:MM",
        split = ",",
        description = "working hours, e.g. 09:00-17:00 (default: the whole day)")
    @Nullable List<String> hours;

    @Option(names = "--description", description = "what the calendar is for")
    @Nullable String description;

    @Override
    protected int run(Api api, Printer out) {
      out.object(api.send("PUT", path(name), body(), Map.of()));
      return 0;
    }

    Map<String, Object> body() {
      Map<String, Object> m = new LinkedHashMap<>();
      if (file != null) {
        try {
          m.putAll(Api.JSON.readValue(Files.readString(file), LinkedHashMap.class));
        } catch (IOException | RuntimeException e) {
          throw refused(file + ": not a JSON object: " + e.getMessage());
        }
      }
      put(m, "timezone", timezone);
      if (workingDays != null) {
        m.put("working_days", workingDays.size() == 1 ? workingDays.get(0) : workingDays);
      }
      if (!holidays.isEmpty()) {
        List<Map<String, String>> dates = new ArrayList<>();
        for (String h : holidays) {
          int eq = h.indexOf('=');
          dates.add(
              eq < 0
                  ? Map.of("date", h.trim())
                  : Map.of("date", h.substring(0, eq).trim(), "name", h.substring(eq + 1).trim()));
        }
        m.put("holidays", dates);
      }
      if (ics != null) {
        try {
          m.put("ics", Files.readString(ics));
        } catch (IOException e) {
          throw refused("--ics " + ics + ": cannot be read: " + e.getMessage());
        }
      }
      put(m, "hours", hours);
      put(m, "description", description);
      return m;
    }

    private CommandLine.ParameterException refused(String message) {
      return new CommandLine.ParameterException(new CommandLine(this), message);
    }

    private static void put(Map<String, Object> m, String key, @Nullable Object value) {
      if (value != null) {
        m.put(key, value);
      }
    }
  }

  @Command(name = "delete", description = "Delete a calendar no schedule names.")
  static final class Delete extends ApiCommand {
    @Parameters(paramLabel = "NAME", description = "the calendar's name")
    String name = "";

    @Override
    protected int run(Api api, Printer out) {
      api.send("DELETE", path(name), null, Map.of());
      out.line("deleted " + name);
      return 0;
    }
  }

  @Command(name = "days", description = "Which days of a range are working days, and why not.")
  static final class Days extends ApiCommand {
    @Parameters(paramLabel = "NAME", description = "the calendar's name")
    String name = "";

    @Option(names = "--from", paramLabel = "DATE", description = "the first day (default: today)")
    @Nullable String from;

    @Option(names = "--count", defaultValue = "14", description = "days (default ${DEFAULT-VALUE})")
    int count = 14;

    @Override
    protected int run(Api api, Printer out) {
      JsonNode days = api.get(path(name) + "/days" + Api.query("from", from, "count", count));
      out.rows(days, days.path("days"), "date", "working", "hours", "holiday");
      return 0;
    }
  }
}
