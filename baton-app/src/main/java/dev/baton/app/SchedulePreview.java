package dev.baton.app;

import dev.baton.engine.Schedules;
import dev.baton.schedule.ScheduleDefinition;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code schedules preview}: the next fire times of a stored schedule, or of a timing given here,
 * computed without a server.
 */
@Command(
    name = "preview",
    description =
        "The next fire times: of a stored schedule (NAME), or of a timing given here, computed"
            + " without a server.")
final class SchedulePreview implements Callable<Integer> {
  @Mixin SchedulesApi server = new SchedulesApi();

  @Parameters(paramLabel = "NAME", arity = "0..1")
  @Nullable String name;

  @Mixin ScheduleOptions definition = new ScheduleOptions();

  @Option(names = "--count", defaultValue = "10")
  int count = 10;

  @Override
  public Integer call() {
    if (name != null) {
      return server.call("GET", SchedulesApi.path(name) + "/preview?count=" + count, null);
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
