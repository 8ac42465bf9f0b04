package dev.baton.app.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * {@code baton components ...}: the managed components of a running server (not to be confused with
 * {@code baton component}, the local tools: simulate, check-scenarios).
 */
@Command(
    name = "components",
    description = "The managed components of a server: their FSM states; send one a command.",
    subcommands = {ComponentsCommand.ListCmd.class, ComponentsCommand.Send.class})
public final class ComponentsCommand extends CommandGroup {
  static final String BASE = "/api/v1/components";

  @Command(
      name = "list",
      description =
          "Every component, in configuration order, with its FSM"
              + " state and, when it is UNKNOWN, why.")
  static final class ListCmd extends ApiCommand {
    @Override
    protected int run(Api api, Printer out) {
      JsonNode all = api.get(BASE);
      out.rows(all, all, "name", "address", "port", "fsm_state", "error", "reason", "last_seen");
      return 0;
    }
  }

  @Command(
      name = "command",
      description =
          "Send a component an event: an FSM command (CMD_RUN,"
              + " CMD_PAUSE, CMD_STOPPED, ...) or any other; its reply updates its state later.")
  static final class Send extends ApiCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "the component's name")
    String name = "";

    @Parameters(index = "1", paramLabel = "COMMAND", description = "the event type, e.g. CMD_RUN")
    String command = "";

    @Option(
        names = "--data",
        paramLabel = "JSON",
        description = "a JSON object (or @file) sent as the event's data")
    @Nullable String data;

    @Override
    protected int run(Api api, Printer out) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("command", command);
      Map<String, Object> d = JsonArgs.object("--data", data);
      if (d != null) {
        body.put("data", d);
      }
      out.object(api.post(BASE + "/" + Api.segment(name) + "/commands", body));
      return 0;
    }
  }
}
