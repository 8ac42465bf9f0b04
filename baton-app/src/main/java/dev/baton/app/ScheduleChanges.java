package dev.baton.app;

import dev.baton.app.cli.Api;
import dev.baton.app.cli.ApiCommand;
import dev.baton.app.cli.Printer;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code schedules create|update|delete}: changes to a schedule's definition. */
final class ScheduleChanges {
  private ScheduleChanges() {}

  @Command(name = "create", description = "Create a schedule.")
  static final class Create extends ApiCommand {
    @Parameters(paramLabel = "NAME", description = "the schedule's name (or id)")
    String name = "";

    @Mixin ScheduleOptions definition = new ScheduleOptions();

    @Option(names = "--disabled", description = "create it paused")
    boolean disabled;

    @Override
    protected int run(Api api, Printer out) {
      Map<String, Object> body = definition.body();
      body.put("name", name);
      if (disabled) {
        body.put("enabled", false);
      }
      out.object(api.post(ScheduleReads.BASE, body));
      return 0;
    }
  }

  @Command(name = "update", description = "Change a schedule: the options given replace its keys.")
  static final class Update extends ApiCommand {
    @Parameters(paramLabel = "NAME", description = "the schedule's name (or id)")
    String name = "";

    @Mixin ScheduleOptions definition = new ScheduleOptions();

    @Option(names = "--rename", description = "a new name")
    @Nullable String rename;

    @Override
    protected int run(Api api, Printer out) {
      Map<String, Object> body = definition.body();
      if (rename != null) {
        body.put("name", rename);
      }
      out.object(api.send("PATCH", ScheduleReads.path(name), body, Map.of()));
      return 0;
    }
  }

  @Command(name = "delete", description = "Delete a schedule.")
  static final class Delete extends ApiCommand {
    @Parameters(paramLabel = "NAME", description = "the schedule's name (or id)")
    String name = "";

    @Override
    protected int run(Api api, Printer out) {
      api.send("DELETE", ScheduleReads.path(name), null, Map.of());
      out.line("deleted " + name);
      return 0;
    }
  }
}
