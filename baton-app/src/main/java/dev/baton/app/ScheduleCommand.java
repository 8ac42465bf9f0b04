package dev.baton.app;

import dev.baton.engine.Schedules;
import dev.baton.schedule.ScheduleDefinition;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code baton schedules ...}: the schedules of a running server, over its native API. {@code
 * preview} with a timing and no name needs no server: it computes the fire times here.
 */
@Command(
    name = "schedules",
    description = "Create, change, pause, resume, trigger, preview and list schedules.",
    subcommands = {
      ScheduleCommand.ListCmd.class,
      ScheduleCommand.Show.class,
      ScheduleCommand.Create.class,
      ScheduleCommand.Update.class,
      ScheduleCommand.Delete.class,
      ScheduleCommand.Pause.class,
      ScheduleCommand.Resume.class,
      ScheduleCommand.Trigger.class,
      ScheduleCommand.Preview.class,
      ScheduleCommand.Runs.class
    })
final class ScheduleCommand implements Runnable {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /** Where the server is, and the client token when its API wants one. */
  static final class Server {
    @Option(
        names = "--server",
        defaultValue = "${env:BATON_URL:-http://localhost:8080}",
        description = "Baton's URL (env BATON_URL; default ${DEFAULT-VALUE})")
    String url = "http://localhost:8080";

    @Option(
        names = "--token",
        defaultValue = "${env:BATON_TOKEN:-}",
        description = "client token, when the server has a clients file (env BATON_TOKEN)")
    String token = "";

    /** Sends a request, prints the answer; the exit code says whether it was a success. */
    int call(String method, String path, @Nullable Object body) {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + "/api/v1/schedules" + path))
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/json")
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
      if (!token.isBlank()) {
        b.header("X-Avtomatika-Token", token);
      }
      try (HttpClient http = HttpClient.newHttpClient()) {
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (!r.body().isBlank()) {
          JsonNode node = JSON.readTree(r.body());
          String shown = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
          (r.statusCode() < 400 ? System.out : System.err).println(shown);
        }
        return r.statusCode() < 400 ? 0 : 1;
      } catch (IOException e) {
        System.err.println("cannot reach Baton at " + url + ": " + e.getMessage());
        return 2;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 2;
      }
    }
  }

  /** The keys of a schedule as options; only those given are sent. */
  static final class Definition {
    @Option(names = "--file", description = "a JSON file with the schedule; options override it")
    @Nullable Path file;

    @Option(names = "--blueprint")
    @Nullable String blueprint;

    @Option(names = "--scenario")
    @Nullable String scenario;

    @Option(names = "--input", description = "input data as a JSON object")
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

    @Option(names = "--priority")
    @Nullable Integer priority;

    @Option(names = "--affinity", description = "worker or robot id")
    @Nullable String affinity;

    @Option(names = "--start-at")
    @Nullable String startAt;

    @Option(names = "--end-at")
    @Nullable String endAt;

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
          m.putAll(JSON.readValue(Files.readString(file), LinkedHashMap.class));
        } catch (IOException | RuntimeException e) {
          throw new picocli.CommandLine.ParameterException(
              new picocli.CommandLine(this), file + ": not a JSON object: " + e.getMessage());
        }
      }
      put(m, "blueprint", blueprint);
      put(m, "scenario", scenario);
      if (input != null) {
        try {
          m.put("input_data", JSON.readValue(input, LinkedHashMap.class));
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
      return m;
    }

    private static void put(Map<String, Object> m, String key, @Nullable Object value) {
      if (value != null) {
        m.put(key, value);
      }
    }
  }

  static String path(String name) {
    return "/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Command(name = "list", description = "Every schedule.")
  static final class ListCmd implements Callable<Integer> {
    @Mixin Server server = new Server();

    @Override
    public Integer call() {
      return server.call("GET", "", null);
    }
  }

  @Command(name = "show", description = "One schedule, by id or name.")
  static final class Show implements Callable<Integer> {
    @Mixin Server server = new Server();

    @Parameters(paramLabel = "NAME")
    String name = "";

    @Override
    public Integer call() {
      return server.call("GET", path(name), null);
    }
  }

  @Command(name = "create", description = "Create a schedule.")
  static final class Create implements Callable<Integer> {
    @Mixin Server server = new Server();

    @Parameters(paramLabel = "NAME")
    String name = "";

    @Mixin Definition definition = new Definition();

    @Option(names = "--disabled", description = "create it paused")
    boolean disabled;

    @Override
    public Integer call() {
      Map<String, Object> body = definition.body();
      body.put("name", name);
      if (disabled) {
        body.put("enabled", false);
      }
      return server.call("POST", "", body);
    }
  }

  @Command(name = "update", description = "Change a schedule: the options given replace its keys.")
  static final class Update implements Callable<Integer> {
    @Mixin Server server = new Server();

    @Parameters(paramLabel = "NAME")
    String name = "";

    @Mixin Definition definition = new Definition();

    @Option(names = "--rename", description = "a new name")
    @Nullable String rename;

    @Override
    public Integer call() {
      Map<String, Object> body = definition.body();
      if (rename != null) {
        body.put("name", rename);
      }
      return server.call("PATCH", path(name), body);
    }
  }

  @Command(name = "delete", description = "Delete a schedule.")
  static final class Delete implements Callable<Integer> {
    @Mixin Server server = new Server();

    @Parameters(paramLabel = "NAME")
    String name = "";

    @Override
    public Integer call() {
      int code = server.call("DELETE", path(name), null);
      if (code == 0) {
        System.out.println("deleted " + name);
      }
      return code;
    }
  }

  /** A POST to one of a schedule's action routes ({@code /pause}, {@code /resume}, ...). */
  abstract static class Act implements Callable<Integer> {
    @Mixin Server server = new Server();

    @Parameters(paramLabel = "NAME")
    String name = "";

    private final String action;

    Act(String action) {
      this.action = action;
    }

    @Override
    public Integer call() {
      return server.call("POST", path(name) + "/" + action, null);
    }
  }

  @Command(name = "pause", description = "Stop firing.")
  static final class Pause extends Act {
    Pause() {
      super("pause");
    }
  }

  @Command(name = "resume", description = "Fire again from now on.")
  static final class Resume extends Act {
    Resume() {
      super("resume");
    }
  }

  @Command(name = "trigger", description = "Start a run now.")
  static final class Trigger extends Act {
    Trigger() {
      super("trigger");
    }
  }

  @Command(name = "runs", description = "A schedule's runs, newest first.")
  static final class Runs implements Callable<Integer> {
    @Mixin Server server = new Server();

    @Parameters(paramLabel = "NAME")
    String name = "";

    @Option(names = "--limit", defaultValue = "20")
    int limit = 20;

    @Override
    public Integer call() {
      return server.call("GET", path(name) + "/runs?limit=" + limit, null);
    }
  }

  @Command(
      name = "preview",
      description =
          "The next fire times: of a stored schedule (NAME), or of a timing given here, computed"
              + " without a server.")
  static final class Preview implements Callable<Integer> {
    @Mixin Server server = new Server();

    @Parameters(paramLabel = "NAME", arity = "0..1")
    @Nullable String name;

    @Mixin Definition definition = new Definition();

    @Option(names = "--count", defaultValue = "10")
    int count = 10;

    @Override
    public Integer call() {
      if (name != null) {
        return server.call("GET", path(name) + "/preview?count=" + count, null);
      }
      Map<String, Object> body = definition.body();
      body.putIfAbsent("blueprint", "preview");
      try {
        ScheduleDefinition def =
            ScheduleDefinition.parse("preview", body, ZoneId.of("UTC"), Instant.now());
        for (Instant t : Schedules.preview(def, Instant.now(), count)) {
          System.out.println(t + "  " + t.atZone(def.zone()));
        }
        return 0;
      } catch (RuntimeException e) {
        System.err.println(e.getMessage());
        return 1;
      }
    }
  }
}
