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

  @Override
  protected int run(Api api, Printer out) {
    if (name != null) {
      JsonNode times = api.get(ScheduleReads.path(name) + "/preview" + Api.query("count", count));
      if (out.json()) {
        out.object(times);
      } else {
        ZoneId zone = ZoneId.of(times.path("timezone").asString());
        times
            .path("fire_times")
            .forEach(t -> {
              Instant at = Instant.parse(t.asString());
              out.line(at + "  " + at.atZone(zone));
            });
      }
      return 0;
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
