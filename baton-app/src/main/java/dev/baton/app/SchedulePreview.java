package dev.baton.app;

import dev.baton.app.cli.Api;
import dev.baton.app.cli.ApiCommand;
import dev.baton.app.cli.Printer;
import dev.baton.engine.Schedules;
import dev.baton.schedule.ScheduleDefinition;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * {@code schedules preview}: the next fire times of a stored schedule, or of a timing given here,
 * computed without a server.
 */
@Command(
    name = "preview",
    description =
        "The next fire times: of a stored schedule (NAME), or of a timing given here, computed"
            + " without a server.")
final class SchedulePreview extends ApiCommand {
  @Parameters(
      paramLabel = "NAME",
      arity = "0..1",
      description =
          "a stored schedule's name or id;" + " without it, the timing options say what to preview")
  @Nullable String name;

  @Mixin ScheduleOptions definition = new ScheduleOptions();

  @Option(
      names = "--count",
      defaultValue = "10",
      description = "how many fire times (default" + " ${DEFAULT-VALUE})")
  int count = 10;

  /** The fire times, then what the schedule's calendar skipped or moved, and why. */
  private static void print(JsonNode times, Printer out) {
    if (out.json()) {
      out.object(times);
      return;
    }
    ZoneId zone = ZoneId.of(times.path("timezone").asString());
    times
        .path("fire_times")
        .forEach(t -> {
          Instant at = Instant.parse(t.asString());
          out.line(at + "  " + at.atZone(zone));
        });
    JsonNode effects = times.path("calendar_effects");
    if (!effects.isEmpty()) {
      out.line("calendar:");
      effects.forEach(e -> {
        Instant planned = Instant.parse(e.path("planned_at").asString());
        out.line(
            "  "
                + planned.atZone(zone).toLocalDateTime()
                + " -> "
                + (e.path("fire_at").isNull()
                    ? "skipped"
                    : Instant.parse(e.path("fire_at").asString()).atZone(zone).toLocalDateTime())
                + "  ("
                + e.path("reason").asString()
                + ")");
      });
    }
  }

  @Override
  protected int run(Api api, Printer out) {
    if (name != null) {
      print(api.get(ScheduleReads.path(name) + "/preview" + Api.query("count", count)), out);
      return 0;
    }
    Map<String, Object> body = definition.body();
    body.putIfAbsent("blueprint", "preview");
    if (body.containsKey("calendar")) {
      // The calendar is the server's: it previews the definition.
      print(api.post(ScheduleReads.BASE + "/preview" + Api.query("count", count), body), out);
      return 0;
    }
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
