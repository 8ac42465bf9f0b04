package dev.baton.app;

import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code schedules create|update|delete}: changes to a schedule's definition. */
final class ScheduleChanges {
  private ScheduleChanges() {}

  @Command(name = "create", description = "Create a schedule.")
  static final class Create implements Callable<Integer> {
    @Mixin SchedulesApi server = new SchedulesApi();

    @Parameters(paramLabel = "NAME")
    String name = "";

    @Mixin ScheduleOptions definition = new ScheduleOptions();

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
    @Mixin SchedulesApi server = new SchedulesApi();

    @Parameters(paramLabel = "NAME")
    String name = "";

    @Mixin ScheduleOptions definition = new ScheduleOptions();

    @Option(names = "--rename", description = "a new name")
    @Nullable String rename;

    @Override
    public Integer call() {
      Map<String, Object> body = definition.body();
      if (rename != null) {
        body.put("name", rename);
      }
      return server.call("PATCH", SchedulesApi.path(name), body);
    }
  }

  @Command(name = "delete", description = "Delete a schedule.")
  static final class Delete implements Callable<Integer> {
    @Mixin SchedulesApi server = new SchedulesApi();

    @Parameters(paramLabel = "NAME")
    String name = "";

    @Override
    public Integer call() {
      int code = server.call("DELETE", SchedulesApi.path(name), null);
      if (code == 0) {
        System.out.println("deleted " + name);
      }
      return code;
    }
  }
}
